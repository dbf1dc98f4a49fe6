use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::settings::Settings;
use crate::values::ElementValue;
use crate::values::finding::ValueFinding;
use crate::view::ViewField;
use crate::view::fit::misfits;

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

/// The findings for the values of one element against its field; none when the rule is off.
pub fn check(field: &ViewField, values: &[ElementValue], settings: &Settings) -> Vec<ValueFinding> {
    let Some(severity) = settings.severity(&INVALID_VALUE) else {
        return Vec::new();
    };
    let texts: Vec<&str> = values.iter().map(|v| v.text.as_str()).collect();
    misfits(field, &texts)
        .into_iter()
        .map(|m| ValueFinding {
            rule: &INVALID_VALUE,
            severity,
            field: field.name.clone(),
            // Too many values: point at the first one beyond what the field takes.
            origin: values.get(m.index.unwrap_or(1)).map(|v| v.origin.clone()),
            message: m.message,
            help: m.help,
        })
        .collect()
}

/// Whether any finding is an error (the field is then not written).
pub fn has_error(findings: &[ValueFinding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// The finding for a value in a clip log's cell (at `place`) that does not fit its field.
pub fn in_cell(
    place: std::ops::Range<usize>,
    message: String,
    help: Option<String>,
) -> crate::diagnostic::Finding {
    let mut finding = crate::diagnostic::Finding::new(
        &INVALID_VALUE,
        crate::diagnostic::Target::Span(
            crate::diagnostic::Span::new(place.start, place.end),
            String::new(),
        ),
        message,
    );
    finding.help = help;
    finding
}
