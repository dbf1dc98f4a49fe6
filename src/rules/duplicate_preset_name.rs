use crate::declare_rule;
use crate::diagnostic::{Finding, Span, Target};
use crate::preset::{AcrossFiles, RunFile, case_folded_hash};
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

/// The name OffShoot shows (the file stem), as the hash of its case-folded form; none for
/// a file that holds no preset.
fn name_of(file: &RunFile<'_>) -> Option<u64> {
    if file.presets == 0 {
        return None;
    }
    let stem = std::path::Path::new(file.path)
        .file_stem()?
        .to_string_lossy();
    Some(case_folded_hash(&stem))
}

/// How many of the other same-named files a finding names.
const MOST_NAMED: usize = 3;

/// The library's preset names (the presets a run is judged against but does not report),
/// indexed once: judging a run against it then costs what the run holds.
#[derive(Debug, Default)]
pub struct Names {
    by_name: foldhash::HashMap<u64, Vec<usize>>,
}

impl Names {
    pub fn new(library: &[RunFile<'_>]) -> Names {
        let mut by_name: foldhash::HashMap<u64, Vec<usize>> = Default::default();
        for (f, file) in library.iter().enumerate() {
            if let Some(name) = name_of(file) {
                by_name.entry(name).or_default().push(f);
            }
        }
        Names { by_name }
    }
}

/// The findings of the run's files (`files.run`), judged with the library's.
pub fn check(files: &AcrossFiles<'_>, names: &Names) -> Vec<(usize, Finding)> {
    let run = files.run;
    let mut by_name: foldhash::HashMap<u64, Vec<usize>> = Default::default();
    for (f, file) in run.iter().enumerate() {
        if let Some(name) = name_of(file) {
            by_name.entry(name).or_default().push(f);
        }
    }
    for (name, group) in &mut by_name {
        let others = names.by_name.get(name).into_iter().flatten();
        group.extend(
            others
                .filter(|&&l| !files.is_shadowed(l))
                .map(|l| run.len() + l),
        );
        // Listed by place: the same message whichever of them the run checks.
        group.sort_by(|&a, &b| files.place(a).cmp(files.place(b)));
    }
    let mut out = Vec::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for &f in group.iter().filter(|&&f| f < run.len()) {
            // At most MOST_NAMED others, so that N same-named files cost N findings of a
            // bounded size, not N².
            let others: Vec<String> = group
                .iter()
                .filter(|&&o| o != f)
                .take(MOST_NAMED)
                .map(|&o| quoted(files.file(o).path))
                .collect();
            let unnamed = group.len() - 1 - others.len();
            let message = if unnamed == 0 {
                format!(
                    "another preset file has this name: {}; OffShoot lists presets by name",
                    others.join(", ")
                )
            } else {
                format!(
                    "{} other preset files have this name: {} and {unnamed} more; OffShoot lists presets by name",
                    group.len() - 1,
                    others.join(", ")
                )
            };
            out.push((
                f,
                Finding::new(
                    &DUPLICATE_PRESET_NAME,
                    Target::Span(Span::default(), String::new()),
                    message,
                ),
            ));
        }
    }
    out.sort_by_key(|(f, _)| *f);
    out
}
