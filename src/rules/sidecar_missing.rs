use crate::declare_rule;
use crate::diagnostic::{Finding, Span, Target};
use crate::rules::quoted;

declare_rule! {
    /// ## What it does
    /// In `audit --preset FILE`, reports a clip that the preset gives a sidecar (its
    /// destinations and extensions decide, as in `generate`) and that has none, in any format
    /// or naming. Reported on the clip.
    ///
    /// ## Why is this bad?
    /// The clip is ingested without the metadata the crew typed: the very problem a sidecar
    /// exists to prevent, found only days later in iconik.
    ///
    /// ## Example
    /// With a preset listing `.R3D`, a folder holding `A001C003.R3D` and no
    /// `A001C003.R3D.json`.
    ///
    /// Use instead: `presetlint generate PRESET --destination DIR`.
    pub static SIDECAR_MISSING = {
        code: "PL805",
        name: "sidecar-missing",
        severity: Error,
        summary: "A clip the preset gives a sidecar has none",
        fix: None,
    }
}

/// `why`: why the preset gives the clip a sidecar; `expected`: the name generate would write.
pub fn finding(clip: &str, why: &str, expected: &str) -> Finding {
    Finding::new(
        &SIDECAR_MISSING,
        Target::Span(Span::default(), String::new()),
        format!(
            "the clip {} has no sidecar, and the preset gives it one: {why}",
            quoted(clip)
        ),
    )
    .with_help(format!("`presetlint generate` writes {}", quoted(expected)))
}
