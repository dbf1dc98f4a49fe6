use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an extension in `iconikSidecarExtensions` written without its leading dot.
    ///
    /// ## Why is this bad?
    /// Extensions are given with their dot (`.R3D`), as Hedge's documentation shows. Without
    /// it the entry is not an extension OffShoot matches, and the clips get no sidecar.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": ["R3D", ".MOV"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D", ".MOV"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: adds the dot.
    pub static EXTENSION_MISSING_DOT = {
        code: "PL301",
        name: "extension-missing-dot",
        severity: Error,
        summary: "An extension lacks its leading dot",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    if entry.value.starts_with('.') {
        return None;
    }
    let fixed = format!(".{}", entry.value);
    Some(
        Finding::new(
            &EXTENSION_MISSING_DOT,
            entry.target(),
            format!("extension {} has no leading dot", quoted(entry.value)),
        )
        .with_fix(
            Safety::Safe,
            format!("Write {}", quoted(&fixed)),
            vec![FixAction::ReplaceValue {
                pointer: entry.pointer(),
                json: quoted(&fixed),
            }],
        ),
    )
}
