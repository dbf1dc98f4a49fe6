//! Nested configs: a folder's own presetlint.toml governs the presets under it, the nearest
//! one winning, as in ruff. The run's config (found from the current folder) governs
//! everything no nearer file claims. Each folder is looked at once and remembered, so a walk
//! over 10,000 presets asks the file system once per folder, not once per preset.
//!
//! Found lazily (a walk's exclude filter asks as it goes, on another owner than the engine),
//! hence the locks. A config that does not load is remembered as an error; commands stop on
//! it ([`Nested::take_error`]), the language server reports it and uses the run's config.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::iconik::Remote;
use crate::lint::config::{self, Config, globs};
use crate::model::view::View;

/// What the command line changes about every config of a run: set before the first lookup.
#[derive(Debug, Default, Clone)]
pub(crate) struct Overrides {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// `--view`: wins over every config's `view`.
    pub view: Option<Arc<View>>,
}

#[derive(Debug)]
pub(crate) struct Nested {
    /// Off with `--config` and `--no-config`: then one config governs every preset.
    enabled: bool,
    /// The run's config file, absolute: found again on the way up, it is the run's.
    run_file: Option<PathBuf>,
    cwd: PathBuf,
    max_file_size: u64,
    remote: Remote,
    pub(crate) overrides: Mutex<Overrides>,
    /// Each folder looked at, with the config that governs it (`None`: the run's).
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    /// Configs that did not load, in the order met.
    errors: Mutex<Vec<miette::Report>>,
    /// Where what a config that loaded has to say goes (the engine's).
    warnings: super::Warnings,
}

impl Nested {
    pub(crate) fn new(
        enabled: bool,
        run_file: Option<PathBuf>,
        cwd: &Path,
        max_file_size: u64,
        remote: Remote,
        warnings: super::Warnings,
    ) -> Nested {
        Nested {
            enabled,
            run_file: run_file.map(|f| globs::normalize(&cwd.join(f))),
            cwd: cwd.to_path_buf(),
            max_file_size,
            remote,
            overrides: Mutex::default(),
            by_dir: Mutex::default(),
            errors: Mutex::default(),
            warnings,
        }
    }

    /// The config nearer than the run's that governs a file (`path` relative to the current
    /// folder or absolute), if any.
    pub(crate) fn governing(&self, path: &Path) -> Option<Arc<Config>> {
        if !self.enabled {
            return None;
        }
        let absolute = globs::normalize(&self.cwd.join(path));
        self.for_dir(absolute.parent()?)
    }

    /// [`Nested::governing`] for the files directly in `dir`.
    pub(crate) fn governing_in(&self, dir: &Path) -> Option<Arc<Config>> {
        if !self.enabled {
            return None;
        }
        self.for_dir(&globs::normalize(&self.cwd.join(dir)))
    }

    fn for_dir(&self, dir: &Path) -> Option<Arc<Config>> {
        let mut by_dir = self.by_dir.lock().unwrap_or_else(PoisonError::into_inner);
        let mut unknown: Vec<&Path> = Vec::new();
        let mut found = None;
        for folder in dir.ancestors() {
            if let Some(known) = by_dir.get(folder) {
                found = known.clone();
                break;
            }
            unknown.push(folder);
            let candidate = folder.join(config::FILE_NAME);
            if self.run_file.as_deref() == Some(candidate.as_path()) {
                break;
            }
            if config::is_candidate(&candidate) {
                found = self.load(&candidate).map(Arc::new);
                break;
            }
        }
        for folder in unknown {
            by_dir.insert(folder.to_path_buf(), found.clone());
        }
        found
    }

    /// Loads a nested config with the command line's overrides; an error is kept for
    /// [`Nested::take_error`] and the run's config governs meanwhile.
    fn load(&self, path: &Path) -> Option<Config> {
        let shown = globs::shown_from(&self.cwd, path);
        let loaded = Config::load(path, shown, &self.cwd, self.max_file_size, self.remote)
            .and_then(|mut config| {
                let overrides = self
                    .overrides
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                config::selection::apply(
                    &mut config.settings,
                    &overrides.select,
                    &overrides.ignore,
                )?;
                if let Some(view) = &overrides.view {
                    config.settings.view = Some(view.clone());
                }
                Ok(config)
            });
        match loaded {
            Ok(mut config) => {
                for warning in std::mem::take(&mut config.warnings) {
                    self.warnings.say(warning);
                }
                Some(config)
            }
            Err(report) => {
                self.errors
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(report);
                None
            }
        }
    }

    /// The first config that did not load since the last call.
    pub(crate) fn take_error(&self) -> Option<miette::Report> {
        let mut errors = self.errors.lock().unwrap_or_else(PoisonError::into_inner);
        (!errors.is_empty()).then(|| errors.remove(0))
    }

    /// Every nested config found so far, each once, in the order of their folders.
    pub(crate) fn all(&self) -> Vec<Arc<Config>> {
        let by_dir = self.by_dir.lock().unwrap_or_else(PoisonError::into_inner);
        let mut configs: Vec<(&PathBuf, &Arc<Config>)> = by_dir
            .iter()
            .filter_map(|(dir, c)| Some((dir, c.as_ref()?)))
            .filter(|(dir, c)| c.dir == **dir)
            .collect();
        configs.sort_by(|a, b| a.0.cmp(b.0));
        configs.into_iter().map(|(_, c)| c.clone()).collect()
    }
}
