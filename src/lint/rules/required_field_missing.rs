use std::collections::HashSet;

use crate::base::diagnostic::{Finding, FixAction, Safety, Target};
use crate::declare_rule;
use crate::lint::rules::{PresetContext, quoted};
use crate::model::elements::{TokenShape, shape};
use crate::model::preset::ELEMENTS_KEY;

declare_rule! {
    /// ## What it does
    /// With a metadata view (`--view FILE`), reports each field the view marks `required`
    /// that no element of `iconikSidecarElements` feeds (no element has the field's name).
    /// Only judged when the preset has an `iconikSidecarElements` list.
    ///
    /// ## Why is this bad?
    /// The view expects the field on every asset. Clips ingested from these sidecars arrive
    /// without it, and someone has to fill it in by hand in iconik.
    ///
    /// ## Example
    /// With a view whose field `shoot_day` is required:
    /// ```json
    /// { "iconikSidecarElements": ["{project}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{project}", "{shoot_day}"] }
    /// ```
    ///
    /// ## Fix
    /// Unsafe: adds `{shoot_day}` at the end of the list. The element must also be created in
    /// OffShoot (with the field's name), or OffShoot ignores it; so a person applies it
    /// (`--unsafe-fixes`).
    pub static REQUIRED_FIELD_MISSING = {
        code: "PL602",
        name: "required-field-missing",
        severity: Warning,
        summary: "A field the metadata view requires is fed by no listed element",
        fix: Unsafe,
    }
}

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    let Some(view) = ctx.settings.view.as_deref() else {
        return;
    };
    let Some(entries) = ctx.preset.string_list(ELEMENTS_KEY) else {
        return;
    };
    let names: Vec<&str> = entries
        .iter()
        .filter_map(|e| match shape(e.trim()) {
            TokenShape::Element(name) => Some(name),
            _ => None,
        })
        .collect();
    // A field fed under a misspelt name (`{Project}` for `project`) is PL601's, with its
    // rename, when PL601 runs: one problem, one finding.
    let misspelt_is_reported =
        ctx.enabled(&crate::lint::rules::field_not_in_view::FIELD_NOT_IN_VIEW);
    let fed: HashSet<&str> = names
        .iter()
        .filter_map(|name| match view.field(name) {
            Some(field) => Some(field.name.as_str()),
            None if misspelt_is_reported => view.near(name).map(|field| field.name.as_str()),
            None => None,
        })
        .collect();
    for field in view.fields.iter().filter(|f| f.required) {
        if fed.contains(field.name.as_str()) {
            continue;
        }
        let label = field
            .label
            .as_deref()
            .map_or(String::new(), |l| format!(" ({})", quoted(l)));
        out.push(
            Finding::new(
                &REQUIRED_FIELD_MISSING,
                Target::Value(ctx.preset.key_pointer(ELEMENTS_KEY)),
                format!(
                    "view {} requires field {}{label}, and no element of {ELEMENTS_KEY} feeds it",
                    quoted(&view.name),
                    quoted(&field.name)
                ),
            )
            .with_help(format!(
                "list {} here and define the element in OffShoot",
                quoted(&format!("{{{}}}", field.name))
            ))
            .with_fix(
                Safety::Unsafe,
                format!("Add `{{{}}}`", field.name),
                vec![add_element(ctx, &entries, &field.name)],
            ),
        );
    }
}

/// The list with `{name}` after its last entry (the entries' own text kept), or the list of
/// that one element when it is empty.
fn add_element(ctx: &PresetContext<'_>, entries: &[&str], name: &str) -> FixAction {
    let element = serde_json::to_string(&format!("{{{name}}}")).expect("strings serialize");
    match entries.split_last() {
        Some((last, _)) => FixAction::ReplaceValue {
            pointer: ctx.preset.item_pointer(ELEMENTS_KEY, entries.len() - 1),
            json: format!(
                "{}, {element}",
                serde_json::to_string(last).expect("strings serialize")
            ),
        },
        None => FixAction::ReplaceValue {
            pointer: ctx.preset.key_pointer(ELEMENTS_KEY),
            json: format!("[{element}]"),
        },
    }
}
