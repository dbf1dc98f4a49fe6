//! `presetlint.toml`: how a repository tunes presetlint without touching its presets.
//!
//! Found in the current directory or the nearest parent (or named with `--config`); globs in
//! it are relative to its directory ([`globs`]). A mistake in it is a [`ConfigError`], shown
//! with its line and column. Without a config file the defaults apply, default excludes
//! included. A folder's own presetlint.toml governs the presets under it (the engine finds
//! it, src/engine/nested.rs); `extend = "../presetlint.toml"` inherits another file's
//! settings, whose globs and paths stay relative to that file.

pub mod error;
pub mod globs;
pub mod ignores;
pub mod output_format;
pub mod raw;
pub mod selection;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use crate::base::diagnostic::{Diagnostic, Severity, Span};
use crate::base::document::SourceText;
use crate::iconik::Remote;
use crate::lint::checked_file::CheckedFile;
use crate::lint::locate::Locator;
use crate::lint::registry::{self, Rule};
use crate::lint::settings::Settings;

pub use error::ConfigError;
use globs::PathGlobs;
use ignores::{IgnoreEntry, Ignores};
use raw::{FailLevel, RawConfig, RawIgnore, RuleLevel};

/// The file name presetlint looks for.
pub const FILE_NAME: &str = "presetlint.toml";

/// What a directory walk skips unless `exclude` says otherwise. Hidden files and whatever
/// `.gitignore` lists are skipped anyway; `node_modules` holds other people's JSON.
pub const DEFAULT_EXCLUDE: &[&str] = &["node_modules"];

/// The config file as read, for reports (PL901 is a diagnostic on it).
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// The path as shown in reports: as given with `--config`, or relative to the current
    /// directory when found (`presetlint.toml`, `../presetlint.toml`).
    pub display_path: String,
    pub text: String,
}

/// Globs of one config file with the folder they are relative to: a config that extends
/// another keeps that one's globs relative to that one's folder, as ruff does.
#[derive(Debug, Clone)]
pub struct ScopedGlobs {
    pub dir: PathBuf,
    pub globs: PathGlobs,
}

impl ScopedGlobs {
    /// Whether `path` (relative to `cwd`, or absolute) or a folder above it matches.
    pub fn matches(&self, cwd: &Path, path: &Path) -> bool {
        globs::relative_to(&self.dir, cwd, path)
            .is_some_and(|relative| self.globs.matches(&relative))
    }
}

/// The `[[ignore]]` entries of one config file, with the file (PL901 points into it) and its
/// folder (their paths are relative to it).
#[derive(Debug)]
pub struct FileIgnores {
    /// The file, absolute: a file extended by several configs is read once per config, and
    /// PL901 joins what the copies saw.
    pub path: PathBuf,
    pub file: ConfigFile,
    pub dir: PathBuf,
    pub ignores: Ignores,
}

/// How many configs may extend one another in a chain: more is a mistake, and a chain through
/// symbolic links could otherwise be endless.
const MAX_EXTEND_DEPTH: usize = 16;

/// A run's configuration, from the config file or the defaults.
#[derive(Debug)]
pub struct Config {
    pub file: Option<ConfigFile>,
    /// The config file's folder (or the current directory without one): globs and paths
    /// written in it are relative to it.
    pub dir: PathBuf,
    /// The current directory, to make relative input paths absolute.
    pub cwd: PathBuf,
    pub fail_level: Option<Severity>,
    /// `output-format`: a report format's name, as `--format` takes it.
    pub output_format: Option<String>,
    /// `baseline`: the baseline file, resolved against the config file's folder.
    pub baseline: Option<PathBuf>,
    pub settings: Settings,
    /// What a walk skips: this file's globs and those it inherits, each relative to its file.
    pub exclude: Vec<ScopedGlobs>,
    /// This file's `[[ignore]]` entries and those it inherits (shared with the config that
    /// owns them, so that what they suppressed is counted once).
    pub ignores: Vec<Arc<FileIgnores>>,
    /// What the user should hear of this file though it loaded (the language server's
    /// `iconik:ID` view not cached yet), each at its byte offset in the file.
    pub notes: Vec<(usize, String)>,
    /// What the user should hear of this file though it loaded (a view's entries that are
    /// not fields, a cached view kept past its time), for the engine to pass on.
    pub warnings: Vec<String>,
}

impl Config {
    /// The defaults: no file, globs relative to the current directory.
    pub fn defaults(cwd: &Path) -> Config {
        Config {
            file: None,
            dir: globs::normalize(cwd),
            cwd: cwd.to_path_buf(),
            fail_level: None,
            output_format: None,
            baseline: None,
            settings: Settings::default(),
            exclude: vec![ScopedGlobs {
                dir: globs::normalize(cwd),
                globs: PathGlobs::new(DEFAULT_EXCLUDE.iter().copied()).unwrap_or_default(),
            }],
            ignores: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Reads and validates a config file (and the view it names), each through the one
    /// reader with its size limit.
    pub fn load(
        path: &Path,
        display_path: String,
        cwd: &Path,
        max_file_size: u64,
        remote: Remote,
    ) -> miette::Result<Config> {
        Config::load_chain(
            path,
            display_path,
            cwd,
            max_file_size,
            remote,
            &mut Vec::new(),
        )
    }

    /// [`Config::load`] of a file that others extend: `chain` holds the files on the way, to
    /// stop a circle.
    fn load_chain(
        path: &Path,
        display_path: String,
        cwd: &Path,
        max_file_size: u64,
        remote: Remote,
        chain: &mut Vec<PathBuf>,
    ) -> miette::Result<Config> {
        let shown = crate::base::shown::escape_controls(&display_path);
        let bytes = crate::base::input::read_side_file(path, max_file_size)
            .map_err(|e| miette::miette!("cannot read the config file {shown}: {e}"))?;
        // An empty regular file is an empty config; a FIFO or device that gave nothing is a
        // config nobody wrote, and the defaults would be used without a word.
        if bytes.is_empty() && std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(miette::miette!(
                "cannot read the config file {shown}: it is not a regular file, and nothing was written to it"
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            miette::miette!(
                "cannot read the config file {shown}: it is not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        let absolute = globs::normalize(&cwd.join(path));
        chain.push(std::fs::canonicalize(&absolute).unwrap_or_else(|_| absolute.clone()));
        let file = ConfigFile { display_path, text };
        let mut config = parse(&file, &absolute, cwd, max_file_size, remote, chain)?;
        config.file = Some(file);
        Ok(config)
    }

    /// Builds a config from a config file's text; `dir` is the file's folder, which its globs
    /// and its view are relative to.
    /// `remote` says whether a view `iconik:VIEW_ID` may be fetched now.
    pub fn from_text(
        display_path: String,
        text: String,
        dir: PathBuf,
        cwd: &Path,
        max_file_size: u64,
        remote: Remote,
    ) -> miette::Result<Config> {
        let file = ConfigFile { display_path, text };
        let absolute = dir.join(FILE_NAME);
        let mut config = parse(
            &file,
            &absolute,
            cwd,
            max_file_size,
            remote,
            &mut Vec::new(),
        )?;
        config.file = Some(file);
        Ok(config)
    }

    /// Whether a directory walk skips a path.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.iter().any(|e| e.matches(&self.cwd, path))
    }

    /// Drops the diagnostics an `[[ignore]]` entry covers.
    pub fn apply_ignores(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
        for file in &self.ignores {
            let relative = globs::relative_to(&file.dir, &self.cwd, path);
            file.ignores.apply(relative.as_deref(), diagnostics);
        }
    }

    /// Whether a run over these inputs checks everything under the config file's directory:
    /// one of them is that directory or a parent of it. No inputs means `.`.
    pub fn covers_whole_tree(&self, inputs: &[PathBuf]) -> bool {
        covers_folder(&self.dir, &self.cwd, inputs)
    }
}

/// Whether a run over these inputs checks everything under `dir` (see
/// [`Config::covers_whole_tree`]).
pub fn covers_folder(dir: &Path, cwd: &Path, inputs: &[PathBuf]) -> bool {
    let current = [PathBuf::from(".")];
    let inputs = if inputs.is_empty() {
        &current[..]
    } else {
        inputs
    };
    inputs.iter().any(|input| {
        input.as_os_str() != "-"
            && input.is_dir()
            && dir.starts_with(globs::normalize(&cwd.join(input)))
    })
}

/// PL901 for the entries of one config file that suppressed nothing, as diagnostics on that
/// file, from every config that holds them (`copies`, with each config's settings: a file
/// extended by others is read for each); `None` when every entry was used.
pub fn unused_ignores(
    copies: &[(&FileIgnores, &Settings)],
    cwd: &Path,
    inputs: &[PathBuf],
) -> Option<CheckedFile> {
    let (first, settings) = copies.first()?;
    let whole_tree = covers_folder(&first.dir, cwd, inputs);
    let each: Vec<(&Ignores, &Settings)> = copies.iter().map(|(f, s)| (&f.ignores, *s)).collect();
    let locator = Locator::empty();
    let diagnostics: Vec<Diagnostic> = Ignores::unused(&each, whole_tree)
        .into_iter()
        .filter_map(|finding| locator.resolve(finding, settings))
        .collect();
    (!diagnostics.is_empty()).then(|| CheckedFile {
        path: first.file.display_path.clone(),
        source: SourceText {
            text: first.file.text.clone(),
            has_bom: false,
        },
        diagnostics,
        presets: 0,
        elements: Box::default(),
    })
}

/// Whether a `presetlint.toml` is there to be read: a file, or a symbolic link that does not
/// lead to a folder. A dangling link or a link to itself counts, so that reading it says what
/// is wrong (exit 2) rather than the run silently using the defaults.
pub fn is_candidate(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => !std::fs::metadata(path).is_ok_and(|t| t.is_dir()),
        Ok(m) => !m.is_dir(),
        Err(_) => false,
    }
}

/// The nearest `presetlint.toml` in `cwd` or a parent, with the path to show for it.
pub fn discover(cwd: &Path) -> Option<(PathBuf, String)> {
    let mut display = String::new();
    for dir in cwd.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if is_candidate(&candidate) {
            return Some((candidate, format!("{display}{FILE_NAME}")));
        }
        display.push_str("../");
    }
    None
}

/// Builds a config from a file's text (at `path`, absolute); every mistake is reported with
/// its place. What the file sets wins over what it extends.
fn parse(
    file: &ConfigFile,
    path: &Path,
    cwd: &Path,
    max_file_size: u64,
    remote: Remote,
    chain: &mut Vec<PathBuf>,
) -> miette::Result<Config> {
    let name = file.display_path.as_str();
    let text = file.text.as_str();
    let error = |span: Span, message: String, help: Option<String>| {
        ConfigError::new(name, text, Some(span), message, help)
    };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(name, text, &e))?;
    let dir = path
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);

    let mut config = match &raw.extend {
        None => Config::defaults(cwd),
        Some(extend) => {
            let target = globs::normalize(&dir.join(extend.get_ref()));
            let shown = globs::shown_from(cwd, &target);
            let key = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
            if chain.contains(&key) {
                return Err(error(
                    span_of(extend),
                    format!(
                        "extend leads back to {}: config files cannot extend each other in a circle",
                        crate::base::shown::escape_controls(&shown)
                    ),
                    None,
                )
                .into());
            }
            if chain.len() >= MAX_EXTEND_DEPTH {
                return Err(error(
                    span_of(extend),
                    format!("more than {MAX_EXTEND_DEPTH} config files extend one another"),
                    None,
                )
                .into());
            }
            if !target.is_file() {
                return Err(error(
                    span_of(extend),
                    format!(
                        "extend names {}, which is not a file",
                        crate::base::shown::escape_controls(&shown)
                    ),
                    Some("give the path of a presetlint.toml, relative to this file".to_owned()),
                )
                .into());
            }
            let mut base = Config::load_chain(&target, shown, cwd, max_file_size, remote, chain)?;
            base.file = None;
            base
        }
    };
    config.dir = dir.clone();
    if let Some(level) = &raw.fail_level {
        config.fail_level = Some(match level.get_ref() {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
        });
    }

    if let Some(baseline) = &raw.baseline {
        config.baseline = Some(dir.join(baseline.get_ref()));
    }
    if let Some(format) = &raw.output_format {
        let name = format.get_ref().as_str();
        if !output_format::names().contains(&name) {
            return Err(error(
                span_of(format),
                format!(
                    "output-format is {}; it takes {}",
                    crate::base::text::quoted(name),
                    output_format::names().join(", ")
                ),
                None,
            )
            .into());
        }
        config.output_format = Some(name.to_owned());
    }

    let mut given: HashMap<&'static str, &Spanned<String>> = HashMap::new();
    for (key, level) in &raw.rules {
        let rule = rule_named(key).map_err(|(span, message, help)| error(span, message, help))?;
        if let Some(earlier) = given.insert(rule.code, key) {
            return Err(error(
                span_of(key),
                format!(
                    "{} {} is given a severity twice, as {} and as {}",
                    rule.code,
                    rule.name,
                    earlier.get_ref(),
                    key.get_ref()
                ),
                None,
            )
            .into());
        }
        let severity = match level.get_ref() {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Off => None,
        };
        config.settings.levels.insert(rule.code, severity);
    }

    // `exclude` replaces the defaults (and what an extended file excludes); `extend-exclude`
    // adds to whichever is in force.
    if raw.exclude.is_some() {
        config.exclude.clear();
    }
    let exclude: Vec<Spanned<String>> = raw
        .exclude
        .into_iter()
        .flatten()
        .chain(raw.extend_exclude)
        .collect();
    if !exclude.is_empty() {
        let globs = PathGlobs::new(exclude.iter().map(|g| g.get_ref().as_str())).map_err(
            |(index, message)| {
                ConfigError::new(name, text, exclude.get(index).map(span_of), message, None)
            },
        )?;
        config.exclude.push(ScopedGlobs {
            dir: dir.clone(),
            globs,
        });
    }

    if let Some(elements) = &raw.builtin_elements {
        config.settings.builtin_elements.clear();
        for element in elements {
            config
                .settings
                .builtin_elements
                .push(builtin_element(element).map_err(|m| error(span_of(element), m, None))?);
        }
    }

    let ttl = raw
        .view_cache_ttl
        .as_ref()
        .map_or(crate::iconik::DEFAULT_TTL, |t| {
            std::time::Duration::from_secs(*t.get_ref())
        });
    if let Some(view) = &raw.view {
        let remote_view = crate::iconik::remote_id(view.get_ref()).is_some();
        let (shown, bytes) = match crate::iconik::remote_id(view.get_ref()) {
            Some(id) => match crate::iconik::view_text(id, &remote, ttl) {
                Ok(found) => {
                    config.warnings.extend(found.warnings.iter().cloned());
                    (
                        found.path.display().to_string(),
                        Some(found.text.into_bytes()),
                    )
                }
                // The language server keeps the rest of the config: it lints without the view,
                // and tells the user where the view is named.
                Err(report) if remote == Remote::CachedOnly => {
                    let mut note = report.to_string();
                    if let Some(help) = report.help() {
                        note.push_str(&format!(" ({help})"));
                    }
                    config.notes.push((span_of(view).start, note));
                    (String::new(), None)
                }
                Err(report) => {
                    return Err(error(
                        span_of(view),
                        report.to_string(),
                        report.help().map(|h| h.to_string()),
                    )
                    .into());
                }
            },
            None => {
                // Read here, not by View::load, so that a missing file points at this line.
                let path = config.dir.join(view.get_ref());
                let bytes =
                    crate::base::input::read_side_file(&path, max_file_size).map_err(|e| {
                        error(
                            span_of(view),
                            format!(
                                "cannot read the view file {}: {e}",
                                crate::base::shown::escape_controls(&path.display().to_string())
                            ),
                            None,
                        )
                    })?;
                (path.display().to_string(), Some(bytes))
            }
        };
        if let Some(bytes) = bytes {
            let mut parsed = crate::model::view::View::parse(&shown, bytes)?;
            config.warnings.extend(parsed.not_fields_warning());
            if remote_view {
                parsed.reported_at = Some(crate::model::view::ReportedAt {
                    path: name.to_owned(),
                    text: text.to_owned(),
                    span: span_of(view),
                });
            }
            config.settings.view = Some(std::sync::Arc::new(parsed));
        }
    }

    let mut ignores = Ignores::default();
    for entry in &raw.ignore {
        ignores.entries.push(
            ignore_entry(entry.get_ref(), span_of(entry))
                .map_err(|(span, message, help)| error(span, message, help))?,
        );
    }
    if !ignores.entries.is_empty() {
        config.ignores.push(Arc::new(FileIgnores {
            path: path.to_path_buf(),
            file: file.clone(),
            dir,
            ignores,
        }));
    }
    Ok(config)
}

type Invalid = (Span, String, Option<String>);

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let r = spanned.span();
    Span::new(r.start, r.end)
}

fn rule_named(name: &Spanned<String>) -> Result<&'static Rule, Invalid> {
    registry::find(name.get_ref()).ok_or_else(|| {
        (
            span_of(name),
            format!(
                "no rule has the code or name {}",
                crate::base::text::quoted(name.get_ref())
            ),
            Some("`presetlint rule` lists every rule".to_owned()),
        )
    })
}

/// An element name for `builtin-elements`: `Camera` or `{Camera}`.
fn builtin_element(raw: &Spanned<String>) -> Result<String, String> {
    let value = raw.get_ref().trim();
    let name = value
        .strip_prefix('{')
        .and_then(|v| v.strip_suffix('}'))
        .unwrap_or(value);
    if name.is_empty() || name.contains(['{', '}']) {
        return Err(format!(
            "{} is not an element name: write it as Camera or {{Camera}}",
            crate::base::text::quoted(raw.get_ref())
        ));
    }
    Ok(name.to_owned())
}

fn ignore_entry(raw: &RawIgnore, span: Span) -> Result<IgnoreEntry, Invalid> {
    let path = PathGlobs::new([raw.path.get_ref().as_str()])
        .map_err(|(_, message)| (span_of(&raw.path), message, None))?;
    if let Some(pointer) = &raw.pointer
        && !ignores::is_json_pointer(pointer.get_ref())
    {
        return Err((
            span_of(pointer),
            format!(
                "{} is not a JSON Pointer",
                crate::base::text::quoted(pointer.get_ref())
            ),
            Some(
                "a pointer is empty or starts with /, as in \"/0/iconikSidecarElements\""
                    .to_owned(),
            ),
        ));
    }
    if raw.rules.get_ref().is_empty() {
        return Err((
            span_of(&raw.rules),
            "an ignore names at least one rule".to_owned(),
            Some("name rules by code or name: rules = [\"PL102\"]".to_owned()),
        ));
    }
    let rules = raw
        .rules
        .get_ref()
        .iter()
        .map(rule_named)
        .collect::<Result<Vec<_>, _>>()?;
    if raw.reason.get_ref().trim().is_empty() {
        return Err((
            span_of(&raw.reason),
            "the reason is empty".to_owned(),
            Some("say why the finding is accepted, for the next person who reads this".to_owned()),
        ));
    }
    let pointer = raw.pointer.as_ref().map(|p| p.get_ref().as_str());
    let described = ignores::describe(raw.path.get_ref(), pointer, &rules);
    Ok(IgnoreEntry::new(
        path,
        globs::single_file(raw.path.get_ref()),
        pointer.unwrap_or("").to_owned(),
        rules,
        span,
        described,
    ))
}
