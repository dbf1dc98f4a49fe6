use crate::base::diagnostic::Severity;
use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::settings::Settings;
use crate::model::values::{ElementValue, Origin};
use crate::model::view::ViewField;
use crate::model::view::misfits;

declare_rule! {
    /// ## What it does
    /// In `preview` and `generate` with a metadata view (`--view FILE`), reports a value that
    /// does not fit its field: a drop-down value that is not among the options' values (a
    /// label given instead of the value is pointed out), several values for a field whose
    /// `multi` is false, an integer or float that does not parse or lies outside
    /// `min_value`/`max_value`, a boolean other than `true` or `false`, a date not written
    /// YYYY-MM-DD, a date-time not in RFC 3339, a malformed email address or URL.
    ///
    /// ## Why is this bad?
    /// A value that does not fit its field is not what the view's users expect on the asset,
    /// and iconik's documentation gives no error path for it: the gateway's handling of such
    /// a value is not documented. For dates in particular, no iconik source says which forms a
    /// `date` field takes from a sidecar: presetlint asks for YYYY-MM-DD (ISO 8601) and a
    /// `datetime` in RFC 3339 (the form of iconik's own date-times in its API), and says so
    /// in the help. `generate` refuses to write such sidecars (with `--force` it leaves the
    /// field out and writes the rest).
    ///
    /// ## Example
    /// With a drop-down field `camera` whose option "A Camera" has the value `A`:
    /// ```sh
    /// presetlint preview preset.json --clip /Volumes/RAID/A001C003.R3D --view view.json --set "camera=A Camera"
    /// ```
    /// Use instead: `--set camera=A`.
    pub static INVALID_VALUE = {
        code: "PL702",
        name: "invalid-value",
        severity: Error,
        summary: "A value does not fit its field in the metadata view",
        fix: None,
    }
}

/// A value that does not fit its field: the finding, placed in the side file the value came
/// from (`side_file`, at the value) or, for a value typed on the command line or made by the
/// clock, at the element's entry in the preset (its message then says where the value is from).
#[derive(Debug, Clone)]
pub struct Misfit {
    pub finding: Finding,
    pub side_file: Option<std::sync::Arc<str>>,
}

/// The findings for the values of one element (listed at `pointer`) against its field; none
/// when the rule is off.
pub fn check(
    field: &ViewField,
    values: &[ElementValue],
    settings: &Settings,
    pointer: &str,
) -> Vec<Misfit> {
    if settings.severity(&INVALID_VALUE).is_none() {
        return Vec::new();
    }
    let texts: Vec<&str> = values.iter().map(|v| v.text.as_str()).collect();
    misfits(field, &texts)
        .into_iter()
        .map(|m| {
            // Too many values: point at the first one beyond what the field takes.
            let origin = values.get(m.index.unwrap_or(1)).map(|v| &v.origin);
            let (target, message, side_file) = match origin {
                Some(Origin::File { path, span, .. }) => (
                    Target::Span(Span::new(span.start, span.end), String::new()),
                    m.message,
                    Some(path.clone()),
                ),
                Some(other) => (
                    Target::Value(pointer.to_owned()),
                    format!("{} (from {other})", m.message),
                    None,
                ),
                None => (Target::Value(pointer.to_owned()), m.message, None),
            };
            let mut finding = Finding::new(&INVALID_VALUE, target, message);
            finding.help = m.help;
            Misfit { finding, side_file }
        })
        .collect()
}

/// Whether a value that does not fit leaves its field out: the rule reports errors.
pub fn rejects(settings: &Settings) -> bool {
    settings.severity(&INVALID_VALUE) == Some(Severity::Error)
}
