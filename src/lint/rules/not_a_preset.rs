use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::model::preset::NotAPreset;

declare_rule! {
    /// ## What it does
    /// Reports a document whose top level is neither a preset object (`*.json`) nor a
    /// non-empty array of preset objects (`*.hedge`), and every item of such an array that is
    /// not an object.
    ///
    /// ## Why is this bad?
    /// OffShoot reads a `.hedge` file as an array and takes its preset objects; anything else
    /// is not a preset, and its settings are never applied.
    ///
    /// ## Example
    /// ```json
    /// [["{Project}"]]
    /// ```
    /// Use instead:
    /// ```json
    /// [{ "iconikSidecarElements": ["{Project}"] }]
    /// ```
    pub static NOT_A_PRESET = {
        code: "PL003",
        name: "not-a-preset",
        severity: Error,
        summary: "The top level is neither a preset object nor a non-empty array of preset objects",
        fix: None,
    }
}

pub fn finding(problem: NotAPreset) -> Finding {
    Finding::new(
        &NOT_A_PRESET,
        Target::Value(problem.pointer),
        problem.message,
    )
}
