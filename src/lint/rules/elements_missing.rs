use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::rules::PresetContext;
use crate::model::preset::{DESTINATIONS_KEY, ELEMENTS_KEY, EXTENSIONS_KEY};

declare_rule! {
    /// ## What it does
    /// Reports a preset that sets `iconikSidecarDestinations` or `iconikSidecarExtensions`
    /// but has no `iconikSidecarElements`, or an empty one. Points at the first of the two
    /// keys present.
    ///
    /// ## Why is this bad?
    /// Only the listed elements go into a sidecar. Without any, the sidecars carry no
    /// metadata, although the preset clearly means to write them.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}", "{Card}"] }
    /// ```
    pub static ELEMENTS_MISSING = {
        code: "PL503",
        name: "elements-missing",
        severity: Warning,
        summary: "Destinations or extensions are set, but no elements: sidecars would carry no metadata",
        fix: None,
    }
}

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    let map = ctx.preset.map;
    let elements_given = match map.get(ELEMENTS_KEY) {
        None => false,
        Some(value) => value.as_array().is_none_or(|a| !a.is_empty()),
    };
    if elements_given {
        return;
    }
    let Some(first) = map
        .keys()
        .find(|k| *k == DESTINATIONS_KEY || *k == EXTENSIONS_KEY)
    else {
        return;
    };
    let state = if map.contains_key(ELEMENTS_KEY) {
        "empty"
    } else {
        "absent"
    };
    out.push(Finding::new(
        &ELEMENTS_MISSING,
        Target::Key(ctx.preset.key_pointer(first)),
        format!("{first} is set but {ELEMENTS_KEY} is {state}: sidecars would carry no metadata"),
    ));
}
