use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::lint::rules::quoted;

declare_rule! {
    /// ## What it does
    /// In `audit` with a metadata view (`--view FILE`), reports a sidecar field that the view
    /// marks `read_only`.
    ///
    /// ## Why is this bad?
    /// A read-only field is not for people (or sidecars) to set: iconik or an integration
    /// fills it. The sidecar's value is not what the view will show.
    ///
    /// ## Example
    /// With a view whose field `ingest_status` is read-only:
    /// ```json
    /// { "metadata_values": { "ingest_status": { "field_values": [{ "value": "done" }] } } }
    /// ```
    /// Use instead: leave the field out of the preset's `iconikSidecarElements`.
    pub static SIDECAR_READ_ONLY_FIELD = {
        code: "PL810",
        name: "sidecar-read-only-field",
        severity: Warning,
        summary: "A sidecar sets a field the metadata view makes read-only",
        fix: None,
    }
}

pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    let (read, Some(view)) = (ctx.read, ctx.view) else {
        return;
    };
    for field in &read.fields {
        if view.field(&field.name).is_some_and(|f| f.read_only) {
            out.push(Finding::new(
                &SIDECAR_READ_ONLY_FIELD,
                field.target(),
                format!(
                    "{} is read-only in view {}; the sidecar's value is not what iconik shows",
                    quoted(&field.name),
                    quoted(&view.name)
                ),
            ));
        }
    }
}
