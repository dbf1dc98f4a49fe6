use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use crate::lint::rules::quoted;
use crate::lint::settings::Settings;
use crate::model::values::ElementValue;

declare_rule! {
    /// ## What it does
    /// In `preview` and `generate`, reports an element of `iconikSidecarElements` that has no
    /// value: none given with `--set`, `--values` or `--transfer-log`, and not a built-in date
    /// or time element. Reported once per element, at its entry in the preset, however many
    /// clips there are.
    ///
    /// ## Why is this bad?
    /// The element's field is left out of every sidecar, so iconik gets no value for it. With
    /// `--require-values` this is an error and nothing is written.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{Season}"] }
    /// ```
    /// ```sh
    /// presetlint generate preset.json --destination /Volumes/RAID --set Project=PRX
    /// ```
    /// Give every element a value: `--set Project=PRX --set Season=2`.
    pub static MISSING_VALUE = {
        code: "PL701",
        name: "missing-value",
        severity: Warning,
        summary: "A listed element has no value; its field is left out of the sidecars",
        fix: None,
    }
}

/// The finding for an element (without braces) listed at `pointer`.
/// The element `name` of the preset's list (at `pointer`), given `given` by the run.
pub fn check(
    pointer: &str,
    name: &str,
    given: &[ElementValue],
    settings: &Settings,
) -> Option<Finding> {
    (given.is_empty() && settings.severity(&MISSING_VALUE).is_some())
        .then(|| finding(pointer, name))
}

/// A clip-log cell of the element `name` (its text `cell`, at `place`, in `column`, on the row
/// of `clip`), the run giving the element `run_given` for every clip.
pub fn check_cell(
    (place, cell): (std::ops::Range<usize>, &str),
    name: &str,
    column: &str,
    clip: &str,
    run_given: &[ElementValue],
    settings: &Settings,
) -> Option<Finding> {
    (cell.trim().is_empty() && run_given.is_empty() && settings.severity(&MISSING_VALUE).is_some())
        .then(|| in_cell(place, name, column, clip))
}

fn finding(pointer: &str, name: &str) -> Finding {
    Finding::new(
        &MISSING_VALUE,
        Target::Value(pointer.to_owned()),
        format!(
            "{} has no value; its field is left out of the sidecar",
            quoted(&format!("{{{name}}}"))
        ),
    )
    .with_help(format!(
        "give it one with --set {}=VALUE, --values FILE or --transfer-log FILE",
        if name.contains(' ') {
            quoted(name)
        } else {
            name.to_owned()
        }
    ))
}

/// The finding for an element whose cell in a clip log (at `place`, in column `column`) is
/// empty, for the clip `clip`, where the run gives the element no value either.
fn in_cell(place: std::ops::Range<usize>, name: &str, column: &str, clip: &str) -> Finding {
    Finding::new(
        &MISSING_VALUE,
        Target::Span(
            crate::base::diagnostic::Span::new(place.start, place.end),
            String::new(),
        ),
        format!(
            "{} has no value for the clip {}: its {} cell is empty and the run gives none; its field is left out of that clip's sidecar",
            quoted(&format!("{{{name}}}")),
            quoted(clip),
            quoted(column)
        ),
    )
    .with_help(format!(
        "fill the cell, or give a value for every clip with --set {}=VALUE",
        if name.contains(' ') {
            quoted(name)
        } else {
            name.to_owned()
        }
    ))
}
