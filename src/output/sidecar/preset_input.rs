//! The preset file `preview` and `generate` work from: read and checked through the engine
//! as `check` does (the same reader, config and ignores), one preset chosen, and a way to
//! place findings (PL701) in it.

use std::path::{Path, PathBuf};

use miette::{Report, miette};
use serde_json::Value;

use crate::base::diagnostic::{Diagnostic, Finding, Severity};
use crate::base::document;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::model::preset::{self, Preset};

/// A checked preset file and the preset chosen in it.
#[derive(Debug)]
pub struct PresetInput {
    pub file: CheckedFile,
    root: Value,
    /// The chosen preset's pointer: `""` for an object, `/N` in an array.
    pub pointer: String,
    /// The path as given, which `[[ignore]]` entries are matched against.
    path: PathBuf,
}

/// Why a preset file cannot be used.
#[derive(Debug)]
pub enum LoadError {
    /// A usage problem (unreadable file, no preset chosen).
    Usage(Report),
    /// The file is not JSON, or holds no preset: its diagnostics say why.
    Invalid(CheckedFile),
}

impl PresetInput {
    pub fn load(
        engine: &Engine,
        path: &Path,
        choice: Option<usize>,
    ) -> Result<PresetInput, LoadError> {
        let shown = path.display().to_string();
        let bytes = engine.read(path).map_err(|e| {
            LoadError::Usage(miette!(
                "cannot read the preset {}: {e}",
                crate::base::shown::escape_controls(&shown)
            ))
        })?;
        let file = engine.check_named(shown.clone(), Some(path), bytes);
        let Ok(parsed) = document::parse_value(&file.source.text) else {
            return Err(LoadError::Invalid(file));
        };
        let (presets, _) = preset::presets(&parsed.value);
        let pointer = match (presets.len(), choice) {
            (0, _) => return Err(LoadError::Invalid(file)),
            (1, None) => presets[0].0.clone(),
            (n, None) => {
                return Err(LoadError::Usage(miette!(
                    help = "choose one with --preset N (0-based)",
                    "{shown} holds {n} presets"
                )));
            }
            (n, Some(i)) => {
                let wanted = presets.iter().find(|(p, _)| preset::number(p) == i);
                match wanted {
                    Some((p, _)) => p.clone(),
                    None => {
                        return Err(LoadError::Usage(miette!(
                            "{shown} has no preset {i}; it holds {n} (counted from 0)"
                        )));
                    }
                }
            }
        };
        Ok(PresetInput {
            file,
            root: parsed.value,
            pointer,
            path: path.to_path_buf(),
        })
    }

    /// The chosen preset.
    pub fn preset(&self) -> Preset<'_> {
        let value = if self.pointer.is_empty() {
            &self.root
        } else {
            self.root
                .pointer(&self.pointer)
                .expect("the pointer was found in this value")
        };
        Preset::new(&self.pointer, value).expect("presets are objects")
    }

    /// The diagnostics of the chosen preset (and of the document as a whole).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let prefix = format!("{}/", self.pointer);
        self.file
            .diagnostics
            .iter()
            .filter(|d| {
                d.pointer.is_empty() || d.pointer == self.pointer || d.pointer.starts_with(&prefix)
            })
            .cloned()
            .collect()
    }

    /// Whether the chosen preset has a finding of error severity.
    pub fn has_errors(&self) -> bool {
        self.diagnostics()
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Places findings in the preset's text, as the engine places every finding.
    pub fn place(&self, engine: &Engine, findings: Vec<Finding>) -> Vec<Diagnostic> {
        engine.place(&self.file, Some(&self.path), findings)
    }

    /// A file with these diagnostics, for the report writers.
    pub fn with_diagnostics(&self, diagnostics: Vec<Diagnostic>) -> CheckedFile {
        CheckedFile {
            path: self.file.path.clone(),
            source: self.file.source.clone(),
            diagnostics,
            presets: self.file.presets,
            elements: self.file.elements.clone(),
        }
    }
}
