use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use std::path::{Path, PathBuf};

use crate::lint::rules::quoted;
use crate::model::preset::{FileFacts, case_folded_hash};

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
fn name_of(file: &FileFacts<'_>) -> Option<u64> {
    if file.presets == 0 {
        return None;
    }
    let stem = std::path::Path::new(file.shown)
        .file_stem()?
        .to_string_lossy();
    Some(case_folded_hash(&stem))
}

/// How many of the other same-named files a finding names.
const MOST_NAMED: usize = 3;

/// How many files of each name the index keeps: those a finding names, one more for the
/// file judged, and one more for the copy on disk of an editor's document.
const FIRST_KEPT: usize = MOST_NAMED + 2;

/// One name's files: how many, and the first of them by place.
#[derive(Debug, Default)]
struct Group {
    files: usize,
    /// As shown: the place is worked out again when compared (a path kept twice would
    /// double what a library of distinct names costs).
    first: Vec<Box<str>>,
}

/// The preset names of the files judged together (a run's, with the library it is judged
/// against): per distinct name, how many files have it and the first few by place. So N
/// same-named files cost N findings of a bounded size, not N², and a run of 1,000,000
/// presets keeps a few facts per name, not per file.
#[derive(Debug, Default)]
pub struct Names {
    by_name: foldhash::HashMap<u64, Group>,
}

impl Names {
    /// Counts a file; `place_of` gives the place of a file as shown.
    pub fn add(&mut self, file: &FileFacts<'_>, place_of: &dyn Fn(&str) -> PathBuf) {
        let Some(name) = name_of(file) else {
            return;
        };
        let group = self.by_name.entry(name).or_default();
        group.files += 1;
        let kept = &mut group.first;
        // Files mostly come in the order of their places: one comparison settles those.
        if kept.len() >= FIRST_KEPT
            && kept
                .last()
                .is_some_and(|last| *place_of(last) <= *file.place)
        {
            return;
        }
        let at = kept.partition_point(|shown| *place_of(shown) <= *file.place);
        if at < FIRST_KEPT {
            kept.insert(at, file.shown.into());
            kept.truncate(FIRST_KEPT);
        }
    }
}

impl Names {
    /// Whether the name of a file shown as `shown` is another file's too.
    pub fn is_shared(&self, shown: &str) -> bool {
        let Some(stem) = Path::new(shown).file_stem() else {
            return false;
        };
        let name = case_folded_hash(&stem.to_string_lossy());
        self.by_name.get(&name).is_some_and(|g| g.files > 1)
    }
}

/// The finding of one file, judged against the index of every file of the run (`counted`:
/// what the index holds of this file, if anything: the file itself in a run, the copy on
/// disk of an editor's document).
pub fn check(
    index: &Names,
    file: &FileFacts<'_>,
    counted: Option<&FileFacts<'_>>,
    place_of: &dyn Fn(&str) -> PathBuf,
) -> Option<Finding> {
    let name = name_of(file)?;
    let group = index.by_name.get(&name)?;
    let counted_here = counted.and_then(name_of) == Some(name);
    let files = group.files.saturating_sub(usize::from(counted_here)) + 1;
    if files < 2 {
        return None;
    }
    // Listed by place: the same message whichever of them the run checks.
    let others: Vec<String> = group
        .first
        .iter()
        .filter(|shown| *place_of(shown) != *file.place)
        .take(MOST_NAMED)
        .map(|shown| quoted(shown))
        .collect();
    let unnamed = (files - 1).saturating_sub(others.len());
    let more = if unnamed == 0 {
        String::new()
    } else {
        format!(" and {unnamed} more")
    };
    let message = if files == 2 {
        format!(
            "another preset file has this name: {}; OffShoot lists presets by name",
            others.join(", ")
        )
    } else {
        format!(
            "{} other preset files have this name: {}{more}; OffShoot lists presets by name",
            files - 1,
            others.join(", ")
        )
    };
    Some(
        Finding::new(
            &DUPLICATE_PRESET_NAME,
            Target::Span(Span::default(), String::new()),
            message,
        )
        // Keyed by the file's own name: other files named alike may come and go.
        .identified_by(format!(
            "the preset name {}",
            quoted(
                &std::path::Path::new(file.shown)
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
            )
        )),
    )
}
