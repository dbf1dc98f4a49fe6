//! `presetlint.toml`: how a repository tunes presetlint without touching its presets.
//!
//! Found in the current directory or the nearest parent (or named with `--config`); globs in
//! it are relative to its directory ([`globs`]). A mistake in it is a [`ConfigError`], shown
//! with its line and column. Without a config file the defaults apply, default excludes
//! included. A folder's own presetlint.toml governs the presets under it (the engine finds
//! it, lint/engine/nested.rs); `extend = "../presetlint.toml"` inherits another file's
//! settings, whose globs and paths stay relative to that file.
//!
//! Here: the config's types and loading; `discover` finds the file, `parse` reads its text
//! (the extend chain included), `view_key` its `view`.

mod discover;
mod error;
pub(in crate::lint) mod globs;
pub(in crate::lint) mod ignores;
mod output_format;
mod parse;
mod raw;
pub(in crate::lint) mod selection;
mod view_key;

pub use discover::{discover, is_candidate};
pub use globs::normalize;
pub use output_format::{Format, names as format_names};
pub use raw::{KEYS, schema_text};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::base::document::SourceText;
use crate::iconik::Remote;
use crate::lint::checked_file::CheckedFile;
use crate::lint::locate::Locator;
use crate::lint::settings::Settings;

pub use error::ConfigError;
use globs::PathGlobs;
use ignores::Ignores;

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
        let mut config = parse::parse(&file, &absolute, cwd, max_file_size, remote, chain)?;
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
        let mut config = parse::parse(
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
