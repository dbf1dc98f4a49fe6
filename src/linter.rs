//! A run's checking with its configuration: [`crate::check`] on one file, then the config
//! file's ignores; and the same check again between rounds of fixes.

use std::path::Path;

use crate::check::{CheckedFile, Origin, check_bytes};
use crate::config::Config;
use crate::document::SourceText;
use crate::fix::{self, Applicability, Fixed};

pub struct Linter {
    pub config: Config,
}

impl Linter {
    pub fn new(config: Config) -> Linter {
        Linter { config }
    }

    /// Checks a file's bytes. `name` is the path reported; `ignore_path` the path the
    /// `[[ignore]]` entries are matched against (`None`: stdin without `--stdin-filename`,
    /// which no entry covers). `None` when a walked JSON file is not a preset.
    pub fn check(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        bytes: Vec<u8>,
        origin: Origin,
    ) -> Option<CheckedFile> {
        let mut file = check_bytes(name, bytes, origin, &self.config.settings)?;
        if let Some(path) = ignore_path {
            self.config.apply_ignores(path, &mut file.diagnostics);
        }
        Some(file)
    }

    /// Applies the fixes of a checked file, re-checking after each round. Ignored findings
    /// are never fixed: the re-check drops them before fixes are picked.
    pub fn fix(
        &self,
        file: CheckedFile,
        ignore_path: Option<&Path>,
        applicability: Applicability,
    ) -> Fixed {
        let name = file.path.clone();
        fix::fix(file, applicability, |source: SourceText| {
            // A named file is always checked, so `check` gives a file back; should it not, an
            // empty result ends the rounds.
            self.check(name.clone(), ignore_path, source.to_bytes(), Origin::Named)
                .unwrap_or_else(|| CheckedFile {
                    path: name.clone(),
                    source,
                    diagnostics: Vec::new(),
                })
        })
    }
}
