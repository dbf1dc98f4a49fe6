use std::collections::HashSet;

use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::rules::{PresetContext, quoted};
use crate::model::elements::{TokenShape, is_builtin, is_file_element, shape, tokens_in_pattern};
use crate::model::preset::ELEMENTS_KEY;

declare_rule! {
    /// ## What it does
    /// Reports a custom element that the preset's patterns use but `iconikSidecarElements`
    /// does not list. Only judged when `iconikSidecarElements` is present; built-in and file
    /// elements are not reported. One finding per element, at the first pattern that uses it.
    ///
    /// ## Why is this bad?
    /// Only the listed elements go into a sidecar. Hedge's documentation says the list
    /// "should be identical to all the Elements you created": a value the crew types in for
    /// an unlisted element never reaches iconik.
    ///
    /// ## Example
    /// ```json
    /// { "folderPattern": "{Project}/{Card}", "iconikSidecarElements": ["{Project}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "folderPattern": "{Project}/{Card}", "iconikSidecarElements": ["{Project}", "{Card}"] }
    /// ```
    pub static ELEMENT_NOT_IN_SIDECAR = {
        code: "PL205",
        name: "element-not-in-sidecar",
        severity: Info,
        summary: "A custom element used in the preset's patterns is missing from iconikSidecarElements",
        fix: None,
    }
}

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    let patterns = &ctx.patterns;
    if patterns.is_empty() {
        return;
    }
    let Some(listed) = ctx.preset.string_list(ELEMENTS_KEY) else {
        return;
    };
    let listed: HashSet<&str> = listed
        .iter()
        .filter_map(|e| match shape(e.trim()) {
            // A malformed entry (PL203) still says which element was meant.
            TokenShape::Element(name) | TokenShape::Padded(name) => Some(name),
            TokenShape::Bare => Some(e.trim()),
            _ => None,
        })
        .collect();
    let mut reported = HashSet::new();
    for (key, pattern) in patterns {
        for (name, _) in tokens_in_pattern(pattern) {
            if name.trim().is_empty()
                || listed.contains(name)
                || is_builtin(name, &ctx.settings.builtin_elements)
                || is_file_element(name)
                || !reported.insert(name)
            {
                continue;
            }
            out.push(Finding::new(
                &ELEMENT_NOT_IN_SIDECAR,
                Target::Value(ctx.preset.key_pointer(key)),
                format!(
                    "{} is used in {key} but not listed in {ELEMENTS_KEY}; its value never reaches iconik",
                    quoted(&format!("{{{name}}}"))
                ),
            ));
        }
    }
}
