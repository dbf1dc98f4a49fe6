//! The preset file `preview` and `generate` work from: checked like `check` does, one preset
//! chosen, and a way to place findings (PL701) in it.

use std::path::Path;

use miette::{Report, miette};
use serde_json::Value;

use crate::check::{CheckedFile, Origin, check_bytes};
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::document::value;
use crate::locate::Locator;
use crate::preset::{self, Preset};
use crate::settings::Settings;

/// A checked preset file and the preset chosen in it.
#[derive(Debug)]
pub struct PresetInput {
    pub file: CheckedFile,
    root: Value,
    /// The chosen preset's pointer: `""` for an object, `/N` in an array.
    pub pointer: String,
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
        path: &Path,
        choice: Option<usize>,
        settings: &Settings,
    ) -> Result<PresetInput, LoadError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| LoadError::Usage(miette!("cannot read the preset {shown}: {e}")))?;
        let file = check_bytes(shown.clone(), bytes, Origin::Named, settings)
            .expect("a named file is always checked");
        let Ok(parsed) = value::parse(&file.source.text) else {
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
                // An object document is preset 0; in an array, N is the item's index.
                let wanted = presets
                    .iter()
                    .find(|(p, _)| *p == format!("/{i}") || (p.is_empty() && i == 0));
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

    /// Places findings in the preset's text.
    pub fn place(&self, findings: Vec<Finding>, settings: &Settings) -> Vec<Diagnostic> {
        if findings.is_empty() {
            return Vec::new();
        }
        let locator = Locator::for_findings(&self.file.source.text, &findings);
        findings
            .into_iter()
            .filter_map(|f| locator.resolve(f, settings))
            .collect()
    }

    /// A file with these diagnostics, for the report writers.
    pub fn with_diagnostics(&self, diagnostics: Vec<Diagnostic>) -> CheckedFile {
        CheckedFile {
            path: self.file.path.clone(),
            source: self.file.source.clone(),
            diagnostics,
        }
    }
}
