use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::elements::{PATTERN_KEYS, TokenShape, is_builtin};
use crate::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an element of `iconikSidecarElements` that is neither built in (`{Date}`,
    /// `{Counter}`, `{Source Name}`, the date and time tokens, and any names in the config's
    /// `builtin-elements`) nor used in one of the preset's patterns (`labelPattern`,
    /// `folderPattern`, `renamePattern`). Only judged when the preset has a non-empty pattern.
    ///
    /// ## Why is this bad?
    /// "OffShoot will ignore any unknown Elements during sidecar generation." An element no
    /// pattern uses is usually misspelt (`{Projct}`) or was renamed in OffShoot but not here.
    ///
    /// ## Example
    /// ```json
    /// { "labelPattern": "{Project}_{Card}", "iconikSidecarElements": ["{Project}", "{Crad}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "labelPattern": "{Project}_{Card}", "iconikSidecarElements": ["{Project}", "{Card}"] }
    /// ```
    pub static UNKNOWN_ELEMENT = {
        code: "PL204",
        name: "unknown-element",
        severity: Warning,
        summary: "A listed element is neither built in nor used in any of the preset's patterns",
        fix: None,
    }
}

#[inline(always)]
pub fn check(
    ctx: &PresetContext<'_>,
    entry: &Entry<'_>,
    shape: &TokenShape<'_>,
) -> Option<Finding> {
    let TokenShape::Element(name) = *shape else {
        return None;
    };
    if !ctx.has_pattern
        || is_builtin(name, &ctx.settings.builtin_elements)
        || ctx.pattern_names.contains(name)
    {
        return None;
    }
    let finding = Finding::new(
        &UNKNOWN_ELEMENT,
        entry.target(),
        format!(
            "{} is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements",
            quoted(entry.value)
        ),
    );
    let near = ctx
        .pattern_names
        .iter()
        .filter(|used| crate::similarity::similar(used, name))
        .min();
    Some(match near {
        Some(used) => {
            finding.with_help(format!("did you mean {}?", quoted(&format!("{{{used}}}"))))
        }
        None => finding.with_help(format!(
            "use it in {}, or declare it in presetlint.toml's builtin-elements",
            PATTERN_KEYS.join(", ")
        )),
    })
}
