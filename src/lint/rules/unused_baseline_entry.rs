use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;

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

/// The finding for entry `index` of the baseline's `findings`.
pub fn finding(index: usize, path: &str, code: &str) -> Finding {
    Finding::new(
        &UNUSED_BASELINE_ENTRY,
        Target::Value(format!("/findings/{index}")),
        format!("this baseline entry ({code} in {path}) matches no finding"),
    )
    .with_help("`presetlint check --write-baseline FILE` writes the baseline without it")
}
