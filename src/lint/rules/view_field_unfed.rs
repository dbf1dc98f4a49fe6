use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::quoted;
use crate::model::preset::ElementUse;
use crate::model::view::View;

declare_rule! {
    /// ## What it does
    /// With a view (`--view` or `view =` in presetlint.toml), reports each field of the view
    /// that no preset of the run feeds: no preset has an element of that name. Reported once,
    /// at the field's name in the view file (a view pulled for `view = "iconik:ID"`: at that
    /// line of presetlint.toml, since its cached copy lies outside the repository).
    /// Read-only fields are left out: iconik takes no value for them from a sidecar. On a
    /// partial run (named files, `--staged`), the other presets under the config file's
    /// folder count as well.
    ///
    /// ## Why is this bad?
    /// A field that no sidecar fills stays empty on every clip: whoever searches iconik by
    /// it finds nothing, and nobody notices on set.
    ///
    /// ## Example
    /// The view has `Scene`, and no preset lists `{Scene}` in `iconikSidecarElements`.
    ///
    /// Use instead: add `{Scene}` to the presets that should fill it, or take the field out
    /// of the view (or switch the rule off when the field is filled in iconik itself).
    pub static VIEW_FIELD_UNFED = {
        code: "PL953",
        name: "view-field-unfed",
        severity: Info,
        summary: "A field of the view that no preset of the run feeds",
        fix: None,
    }
}

/// The element spellings the presets a view governs use: what PL953 keeps of a run, a hash
/// per distinct name.
pub type Fed = foldhash::HashSet<u64>;

/// Adds a file's element spellings to what its view's presets feed.
pub fn feed(fed: &mut Fed, elements: &[ElementUse]) {
    fed.extend(elements.iter().map(|e| e.spelling));
}

/// The findings for the fields no preset feeds (`fed`): at each field's name in the view
/// file's text, or all at `at` (the config's `view = "iconik:ID"`, for a pulled view).
pub fn check(view: &View, fed: &Fed, at: Option<Span>) -> Vec<Finding> {
    view.fields
        .iter()
        .enumerate()
        .filter(|(_, field)| !field.read_only)
        .filter(|(_, field)| !fed.contains(&ElementUse::new(&field.name, None, 0).spelling))
        .map(|(i, field)| {
            let pointer = format!("/view_fields/{i}/name");
            Finding::new(
                &VIEW_FIELD_UNFED,
                match at {
                    Some(span) => Target::Span(span, pointer),
                    None => Target::Value(pointer),
                },
                format!(
                    "no preset of the run feeds the field {}: no preset has the element {}",
                    quoted(&field.name),
                    quoted(&format!("{{{}}}", field.name))
                ),
            )
        })
        .collect()
}
