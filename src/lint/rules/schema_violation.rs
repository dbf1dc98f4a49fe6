use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::rules::PresetContext;
use crate::model::schema;

declare_rule! {
    /// ## What it does
    /// Reports a known key whose value breaks the bundled schema
    /// (`presetlint schema` prints it): a list that is not an array of strings, a boolean
    /// written as a string, a `counter` that is not digits. The finding points at the value
    /// that is wrong, down to the array item.
    ///
    /// ## Why is this bad?
    /// OffShoot ignores a setting whose value has the wrong type; the preset then behaves as
    /// if the key were absent.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", 42] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{Card}"] }
    /// ```
    pub static SCHEMA_VIOLATION = {
        code: "PL004",
        name: "schema-violation",
        severity: Error,
        summary: "A known key's value breaks the bundled schema",
        fix: None,
    }
}

/// One finding per schema error, on the value it is about.
pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    for (pointer, message) in schema::violations(&ctx.preset) {
        out.push(Finding::new(
            &SCHEMA_VIOLATION,
            Target::Value(pointer),
            message,
        ));
    }
}
