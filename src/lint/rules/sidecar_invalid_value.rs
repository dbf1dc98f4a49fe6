use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::model::view::misfits;

declare_rule! {
    /// ## What it does
    /// In `audit` with a metadata view (`--view FILE`), reports a sidecar value that does not
    /// fit its field, by every check PL702 makes of typed values: a drop-down label where its
    /// value belongs, a number that does not parse or lies outside `min_value`/`max_value`,
    /// several values in a field whose `multi` is false, a date not written YYYY-MM-DD, a
    /// boolean other than `true`/`false`, a malformed email address or URL.
    ///
    /// ## Why is this bad?
    /// The crew types element values at transfer time; a typo there is invisible until
    /// someone looks at the asset in iconik. What the gateway does with a value that does not
    /// fit is not documented, and for dates no iconik source says which forms it takes (see
    /// PL702).
    ///
    /// ## Example
    /// With a drop-down field `camera` whose option "A Camera" has the value `A`:
    /// ```json
    /// { "metadata_values": { "camera": { "field_values": [{ "value": "A Camera" }] } } }
    /// ```
    /// Use instead: `"value": "A"`.
    pub static SIDECAR_INVALID_VALUE = {
        code: "PL808",
        name: "sidecar-invalid-value",
        severity: Error,
        summary: "A sidecar value does not fit its field in the metadata view",
        fix: None,
    }
}

pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    let (read, Some(view)) = (ctx.read, ctx.view) else {
        return;
    };
    for field in &read.fields {
        let Some(view_field) = view.field(&field.name) else {
            continue;
        };
        let texts: Vec<&str> = field.values.iter().map(|v| v.text.as_str()).collect();
        for misfit in misfits(view_field, &texts) {
            // Too many values: the first one beyond what the field takes.
            let index = misfit.index.unwrap_or(1);
            let target = if index < field.values.len() {
                field.value_target(index)
            } else {
                field.target()
            };
            let mut finding = Finding::new(&SIDECAR_INVALID_VALUE, target, misfit.message);
            finding.help = misfit.help;
            out.push(finding);
        }
    }
}
