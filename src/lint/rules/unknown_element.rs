use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};
use crate::model::elements::{PATTERN_KEYS, TokenShape, is_builtin};

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
    let near = near_pattern_name(ctx, name);
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

/// Patterns with more names than this get no "did you mean": comparing every unknown element
/// with every name would grow with the square of the preset.
const MOST_NAMES_COMPARED: usize = 1_000;

/// The pattern name closest to `name` (the first in order among equally close ones), if one
/// is close; folded once per preset.
fn near_pattern_name<'a>(ctx: &PresetContext<'a>, name: &str) -> Option<&'a str> {
    if ctx.pattern_names.len() > MOST_NAMES_COMPARED {
        return None;
    }
    let folded = ctx.folded_pattern_names.get_or_init(|| {
        ctx.pattern_names
            .iter()
            .map(|&used| (crate::base::similarity::Folded::new(used), used))
            .collect()
    });
    let wanted = crate::base::similarity::Folded::new(name);
    folded
        .iter()
        .filter(|(used, _)| used.is_close_to(&wanted))
        .map(|&(_, used)| used)
        .min()
}
