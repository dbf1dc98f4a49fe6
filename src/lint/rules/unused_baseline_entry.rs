use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Reports an entry of the baseline (`--baseline FILE`, or `baseline = "..."` in
    /// presetlint.toml) that matched no finding, on a run over the whole tree. Reported at
    /// the entry's line in the baseline file.
    ///
    /// ## Why is this bad?
    /// The finding it recorded is fixed. A stale entry would hide the same mistake if it came
    /// back, and the baseline should shrink as the library is fixed.
    ///
    /// ## Example
    /// A baseline entry for `presets/a.json`'s PL101 after `".R3D;.MOV"` was split.
    ///
    /// Use instead: `presetlint check --write-baseline FILE` writes the baseline again, without
    /// the entries that match nothing.
    pub static UNUSED_BASELINE_ENTRY = {
        code: "PL902",
        name: "unused-baseline-entry",
        severity: Warning,
        summary: "A baseline entry matches no finding",
        fix: None,
    }
}

/// The baseline entries no finding matched (`left`: each entry's index in the baseline's
/// `findings`, its path and its code), once the run is over. Only a run over the whole tree
/// can say that an entry matches nothing: one over some files never met the others.
pub fn check<'a>(
    left: impl IntoIterator<Item = (usize, &'a str, &'a str)>,
    whole_tree: bool,
    settings: &Settings,
) -> Vec<Finding> {
    if !whole_tree || settings.severity(&UNUSED_BASELINE_ENTRY).is_none() {
        return Vec::new();
    }
    let mut left: Vec<_> = left.into_iter().collect();
    left.sort_unstable_by_key(|(index, _, _)| *index);
    left.into_iter()
        .map(|(index, path, code)| finding(index, path, code))
        .collect()
}

/// The finding for entry `index` of the baseline's `findings`.
fn finding(index: usize, path: &str, code: &str) -> Finding {
    Finding::new(
        &UNUSED_BASELINE_ENTRY,
        Target::Value(format!("/findings/{index}")),
        format!("this baseline entry ({code} in {path}) matches no finding"),
    )
    .with_help("`presetlint check --write-baseline FILE` writes the baseline without it")
}
