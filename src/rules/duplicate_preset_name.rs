use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::{Finding, Span, Target};
use crate::preset::RunFile;
use crate::rules::quoted;

declare_rule! {
    /// ## What it does
    /// Across the presets of a run, reports preset files with the same name (the file name
    /// without its extension, compared ignoring case) in different folders.
    ///
    /// ## Why is this bad?
    /// OffShoot lists presets by name: two `cam-a` presets from two productions look the same
    /// on the offload machine, and the wrong one writes the wrong metadata into every sidecar.
    ///
    /// ## Example
    /// `productions/nightfall/cam-a.hedge` and `productions/daybreak/cam-a.hedge`.
    ///
    /// Use instead: names that say the production, e.g. `nightfall-cam-a.hedge`.
    pub static DUPLICATE_PRESET_NAME = {
        code: "PL952",
        name: "duplicate-preset-name",
        severity: Warning,
        summary: "Two preset files of the run have the same name",
        fix: None,
    }
}

fn name_of(path: &str) -> Option<String> {
    let stem = std::path::Path::new(path).file_stem()?.to_string_lossy();
    Some(stem.chars().map(crate::text::fold_case).collect())
}

/// The findings, by index of the file they belong to: one on each file of a shared name.
pub fn check(files: &[RunFile<'_>]) -> Vec<(usize, Finding)> {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (f, file) in files.iter().enumerate().filter(|(_, f)| f.presets > 0) {
        if let Some(name) = name_of(file.path) {
            by_name.entry(name).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for &f in group {
            let others: Vec<String> = group
                .iter()
                .filter(|&&o| o != f)
                .map(|&o| quoted(files[o].path))
                .collect();
            out.push((
                f,
                Finding::new(
                    &DUPLICATE_PRESET_NAME,
                    Target::Span(Span::default(), String::new()),
                    format!(
                        "another preset file has this name: {}; OffShoot lists presets by name",
                        others.join(", ")
                    ),
                ),
            ));
        }
    }
    out.sort_by_key(|(f, _)| *f);
    out
}
