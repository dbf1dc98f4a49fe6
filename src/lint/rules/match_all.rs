use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::rules::PresetContext;
use crate::model::preset::{DESTINATIONS_KEY, EXTENSIONS_KEY};

declare_rule! {
    /// ## What it does
    /// Points out an explicitly empty `iconikSidecarDestinations` or `iconikSidecarExtensions`.
    ///
    /// ## Why is this bad?
    /// It is not wrong, but easy to misread: an empty destination list means sidecars on every
    /// destination, and an empty extension list means a sidecar for every file (audio, stills,
    /// reports). Someone who cleared the list to turn sidecars off gets the opposite.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [] }
    /// ```
    /// Write the extensions meant, or remove the key to make "every file" explicit by omission.
    pub static MATCH_ALL = {
        code: "PL504",
        name: "match-all",
        severity: Info,
        summary: "An explicitly empty destinations or extensions list matches everything",
        fix: None,
    }
}

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    for (key, meaning) in [
        (
            DESTINATIONS_KEY,
            "sidecars are written on every destination",
        ),
        (EXTENSIONS_KEY, "every file gets a sidecar"),
    ] {
        if ctx
            .preset
            .map
            .get(key)
            .and_then(|v| v.as_array())
            .is_some_and(Vec::is_empty)
        {
            out.push(Finding::new(
                &MATCH_ALL,
                Target::Value(ctx.preset.key_pointer(key)),
                format!("{key} is empty: {meaning}"),
            ));
        }
    }
}
