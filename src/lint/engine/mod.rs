//! The one way into the checker. An [`Engine`] is built once per run (or per language-server
//! session) from the configuration: the config file's settings, ignores and view, the command
//! line's selection over them, and the size limit of the one reader. `check`, `preview`,
//! `generate` and the language server all read, check and fix through it, so one preset with
//! one presetlint.toml gets one answer wherever it is asked.
//!
//! - [`nested`]: the presetlint.toml nearer than the run's that governs a preset;
//! - [`across`]: the rules across presets, after every file of a run is checked;
//! - [`library`]: the presets under the config's folder that a partial run is judged against;
//! - `run`: what a run decides before it checks (its library, the rules across presets), and
//!   `check FILE` for one file, whole (the playground's check).

pub(in crate::lint) mod across;
mod library;
mod nested;
mod ordered;
mod warnings;

pub use across::{AcrossIndex, Counted};
#[cfg(feature = "native")]
pub use library::walk_presets;
pub use library::{Library, is_preset_name};
pub use ordered::for_each_in_order;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError};

use crate::base::diagnostic::{Diagnostic, Finding, Safety};
use crate::base::document::SourceText;
use crate::base::input;
use crate::iconik::Remote;
use crate::lint::checked_file::{CheckedFile, Origin, check_bytes};
use crate::lint::config::{self, Config, FileIgnores};
use crate::lint::fix::{self, Fixed};
use crate::lint::locate::Locator;
use crate::lint::settings::Settings;
use crate::model::view::View;
pub use warnings::Warnings;

/// Which config file a run uses.
#[derive(Debug, Clone, Copy)]
pub enum ConfigSource<'a> {
    /// The presetlint.toml in the starting folder or its nearest parent, if any.
    Discover,
    /// `--config PATH`.
    File(&'a Path),
    /// `--no-config`: the defaults.
    Defaults,
}

/// A run's configuration, and the ways to read, check and fix a preset with it.
#[derive(Debug)]
pub struct Engine {
    /// The run's config: the one found from the current folder (or named), which governs
    /// every preset no nearer presetlint.toml claims, and the run itself (`fail-level`,
    /// `output-format`, `baseline`).
    pub config: Config,
    /// The most bytes any input may have (`--max-file-size`).
    pub max_file_size: u64,
    /// The run judges several presets together (the rules across presets): each file
    /// keeps what they need of it.
    pub across_presets: bool,
    nested: Arc<nested::Nested>,
    /// What the user should hear of the inputs that loaded: the front end says where it goes.
    pub warnings: Warnings,
}

/// The config that governs one file: the run's, or a nearer presetlint.toml.
#[derive(Debug, Clone)]
pub enum Governing<'a> {
    Run(&'a Config),
    Nested(Arc<Config>),
}

impl Deref for Governing<'_> {
    type Target = Config;
    fn deref(&self) -> &Config {
        match self {
            Governing::Run(config) => config,
            Governing::Nested(config) => config,
        }
    }
}

impl Engine {
    /// An engine with this configuration (and no other) and the default size limit.
    pub fn new(config: Config) -> Engine {
        let warnings = Warnings::default();
        let nested = nested::Nested::new(
            false,
            None,
            &config.cwd,
            input::DEFAULT_MAX_FILE_SIZE,
            Remote::default(),
            warnings.clone(),
        );
        Engine {
            config,
            max_file_size: input::DEFAULT_MAX_FILE_SIZE,
            across_presets: false,
            nested: Arc::new(nested),
            warnings,
        }
    }

    /// Reads the configuration: found from `start` (the current folder, or an editor's
    /// workspace folder), named, or none. Relative paths are taken from `start`.
    pub fn load(
        source: ConfigSource<'_>,
        start: &Path,
        max_file_size: u64,
    ) -> miette::Result<Engine> {
        Engine::load_with(
            source,
            start,
            max_file_size,
            Remote::fetch_at_most(max_file_size),
        )
    }

    /// As [`Engine::load`], saying whether a view `iconik:VIEW_ID` may be fetched now (the
    /// language server takes the cached copy only).
    pub fn load_with(
        source: ConfigSource<'_>,
        start: &Path,
        max_file_size: u64,
        remote: Remote,
    ) -> miette::Result<Engine> {
        let found = match source {
            ConfigSource::Defaults => None,
            ConfigSource::File(path) => Some((path.to_path_buf(), path.display().to_string())),
            ConfigSource::Discover => config::discover(start),
        };
        let discover = matches!(source, ConfigSource::Discover);
        let run_file = found.as_ref().map(|(path, _)| path.clone());
        let warnings = Warnings::default();
        let nested = nested::Nested::new(
            discover,
            run_file,
            start,
            max_file_size,
            remote,
            warnings.clone(),
        );
        let mut config = match found {
            Some((path, shown)) => Config::load(&path, shown, start, max_file_size, remote)?,
            None => Config::defaults(start),
        };
        for warning in std::mem::take(&mut config.warnings) {
            warnings.say(warning);
        }
        Ok(Engine {
            config,
            max_file_size,
            across_presets: false,
            nested: Arc::new(nested),
            warnings,
        })
    }

    /// The run's settings: those of the run's config, which governs what no nearer
    /// presetlint.toml does. For one file's, see [`Engine::config_for`].
    pub fn settings(&self) -> &Settings {
        &self.config.settings
    }

    /// The config that governs a file: the nearest presetlint.toml above it, or the run's
    /// (`None`: standard input without a name). A nested config that does not load governs
    /// nothing: [`Engine::config_of`] says why.
    pub fn config_for(&self, path: Option<&Path>) -> Governing<'_> {
        self.governing(path.and_then(|p| self.nested.governing(p)))
    }

    /// The config that governs the files directly in `folder` (as [`Engine::config_for`]).
    pub fn config_in(&self, folder: &Path) -> Governing<'_> {
        self.governing(self.nested.governing_in(folder))
    }

    /// A nearer config found, or the run's.
    fn governing(&self, nested: Option<Arc<Config>>) -> Governing<'_> {
        match nested {
            Some(nested) => Governing::Nested(nested),
            None => Governing::Run(&self.config),
        }
    }

    /// [`Engine::config_for`], or the error of a nested config that did not load (for a
    /// command, which stops on it; the language server reports it and goes on).
    pub fn config_of(&self, path: Option<&Path>) -> miette::Result<Governing<'_>> {
        let governing = self.config_for(path);
        match self.nested.take_error() {
            Some(report) => Err(report),
            None => Ok(governing),
        }
    }

    /// Every config of the run so far: the run's, then the nested ones found.
    pub fn configs(&self) -> Vec<Governing<'_>> {
        std::iter::once(Governing::Run(&self.config))
            .chain(self.nested.all().into_iter().map(Governing::Nested))
            .collect()
    }

    /// `--select` and `--ignore`, over the run's config and every nested one.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> miette::Result<()> {
        crate::lint::config::selection::apply(&mut self.config.settings, select, ignore)?;
        let mut overrides = self
            .nested
            .overrides
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        overrides.select.extend_from_slice(select);
        overrides.ignore.extend_from_slice(ignore);
        Ok(())
    }

    /// Whether a directory walk skips a path, by the config that governs the folder it is
    /// in: a function that owns what it needs, as the walk wants.
    pub fn exclude_filter(&self) -> impl Fn(&Path) -> bool + Send + Sync + 'static {
        let nested = self.nested.clone();
        let (exclude, cwd) = (self.config.exclude.clone(), self.config.cwd.clone());
        move |path: &Path| match nested.governing(path) {
            Some(config) => config.excludes(path),
            None => exclude.iter().any(|e| e.matches(&cwd, path)),
        }
    }

    fn set_view(&mut self, view: View) {
        if let Some(warning) = view.not_fields_warning() {
            self.warnings.say(warning);
        }
        let view = Arc::new(view);
        self.config.settings.view = Some(view.clone());
        self.nested
            .overrides
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .view = Some(view);
    }

    /// `--view FILE`: a view named on the command line wins over every config file's.
    pub fn use_view_file(&mut self, path: &Path) -> miette::Result<()> {
        let view = View::load(path, self.max_file_size)?;
        self.set_view(view);
        Ok(())
    }

    /// `--view`: a file, or `iconik:VIEW_ID` (pulled into the cache, or taken from it while
    /// fresh, as the config's `view` is).
    pub fn use_view(&mut self, spec: &Path, remote: Remote) -> miette::Result<()> {
        let Some(id) = spec.to_str().and_then(crate::iconik::remote_id) else {
            return self.use_view_file(spec);
        };
        let found = crate::iconik::view_text(id, &remote, crate::iconik::DEFAULT_TTL)?;
        for warning in &found.warnings {
            self.warnings.say(warning.clone());
        }
        let view = View::parse(&found.path.display().to_string(), found.text.into_bytes())?;
        self.set_view(view);
        Ok(())
    }

    /// Reads an input through the one reader: at most `--max-file-size` bytes, regular files
    /// and pipes only, never blocking on a FIFO that nobody writes.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, input::ReadError> {
        input::read_file(path, self.max_file_size)
    }

    /// [`Engine::read`], with the identity of the file read, for a writer that must not
    /// replace anything else (`--fix`, and `--output-file` that must not replace an input).
    #[cfg(feature = "native")]
    pub fn read_identified(
        &self,
        path: &Path,
    ) -> Result<(Vec<u8>, Option<crate::base::atomic::FileId>), input::ReadError> {
        input::read_file_identified(path, self.max_file_size)
    }

    /// Reads a side input (a values file, a transfer log), with an error that names it.
    pub fn read_side_input(&self, path: &Path, what: &str) -> miette::Result<Vec<u8>> {
        input::read_side_file(path, self.max_file_size).map_err(|e| {
            miette::miette!(
                "cannot read the {what} {}: {e}",
                crate::base::shown::escape_controls(&path.display().to_string())
            )
        })
    }

    /// Checks a file's bytes and drops what the config's `[[ignore]]` entries cover. `name` is
    /// the path reported; `ignore_path` the path the entries are matched against (`None`:
    /// stdin without `--stdin-filename`, which no entry covers). `None` when a walked JSON
    /// file is not a preset.
    pub fn check(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        bytes: Vec<u8>,
        origin: Origin,
    ) -> Option<CheckedFile> {
        let config = self.config_for(ignore_path);
        let mut file = check_bytes(name, bytes, origin, &config.settings, self.across_presets)?;
        if let Some(path) = ignore_path {
            config.apply_ignores(path, &mut file.diagnostics);
        }
        Some(file)
    }

    /// Checks a file the user named or an editor opened: such a file is never skipped.
    pub fn check_named(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        bytes: Vec<u8>,
    ) -> CheckedFile {
        self.check(name, ignore_path, bytes, Origin::Named)
            .expect("check skips walked files only, never named ones")
    }

    /// Applies the fixes of a checked file, re-checking after each round. Ignored findings
    /// are never fixed: the re-check drops them before fixes are picked.
    pub fn fix(&self, file: CheckedFile, ignore_path: Option<&Path>, allowed: Safety) -> Fixed {
        let name = file.path.clone();
        fix::fix(file, allowed, |source: SourceText| {
            self.check_named(name.clone(), ignore_path, source.to_bytes())
        })
    }

    /// Places findings made outside the rules' run (PL701, from building a sidecar) in a
    /// checked file's text, at this run's severities; ignores apply as to every finding.
    pub fn place(
        &self,
        file: &CheckedFile,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Vec<Diagnostic> {
        self.place_in(&file.source.text, true, ignore_path, findings)
    }

    /// Places findings in a text that is JSON (`pointers`: targets may be pointers, found by
    /// scanning it) or not (every target is a span already: an XML or CSV sidecar), sorted by
    /// place, with the config's ignores for `ignore_path` applied.
    pub fn place_in(
        &self,
        text: &str,
        pointers: bool,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Vec<Diagnostic> {
        if findings.is_empty() {
            return Vec::new();
        }
        let locator = if pointers {
            Locator::for_findings(text, &findings)
        } else {
            Locator::empty()
        };
        let config = self.config_for(ignore_path);
        let mut placed: Vec<Diagnostic> = findings
            .into_iter()
            .filter_map(|f| locator.resolve(f, &config.settings))
            .collect();
        if let Some(path) = ignore_path {
            config.apply_ignores(path, &mut placed);
        }
        placed.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code))
        });
        placed
    }

    /// A file that could not be read, as a file of the report with its PL005 finding (none
    /// when the rule is off or the finding ignored).
    pub fn unreadable(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        reason: &str,
    ) -> Option<CheckedFile> {
        self.textless(
            name,
            ignore_path,
            vec![crate::lint::rules::io_error::finding(reason)],
        )
    }

    /// A file of the report that has no text to show (one that could not be read, a clip),
    /// with these findings at its start; none when every one is off or ignored.
    pub fn textless(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Option<CheckedFile> {
        let diagnostics = self.place_in("", false, ignore_path, findings);
        (!diagnostics.is_empty()).then(|| CheckedFile {
            path: name,
            source: SourceText {
                text: String::new(),
                has_bom: false,
            },
            diagnostics,
            presets: 0,
            elements: Box::default(),
        })
    }
}

impl Engine {
    /// PL901 over every config of the run, one report file per config file with stale
    /// entries; a file extended by others counts what each of its copies suppressed.
    pub fn unused_ignores(&self, inputs: &[PathBuf]) -> Vec<CheckedFile> {
        let configs = self.configs();
        let mut by_file: std::collections::BTreeMap<&Path, Vec<(&FileIgnores, &Settings)>> =
            Default::default();
        for config in &configs {
            for file in &config.ignores {
                by_file
                    .entry(&file.path)
                    .or_default()
                    .push((file, &config.settings));
            }
        }
        by_file
            .values()
            .filter_map(|copies| config::unused_ignores(copies, &self.config.cwd, inputs))
            .collect()
    }
}
