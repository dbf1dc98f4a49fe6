use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::lint::rules::quoted;

declare_rule! {
    /// ## What it does
    /// In `audit` with a metadata view (`--view FILE`), reports each field the view marks
    /// `required` that a sidecar does not carry. Judged only on a sidecar iconik can read
    /// whole (no PL801 or PL802 finding).
    ///
    /// ## Why is this bad?
    /// The view expects the field on every asset; clips ingested from this sidecar arrive
    /// without it, and someone fills it in by hand in iconik.
    ///
    /// ## Example
    /// With a view whose field `shoot_day` is required:
    /// ```json
    /// { "metadata_values": { "project": { "field_values": [{ "value": "PRX" }] } } }
    /// ```
    /// Use instead: give the preset the element `{shoot_day}` and a value for it.
    pub static SIDECAR_REQUIRED_FIELD_MISSING = {
        code: "PL809",
        name: "sidecar-required-field-missing",
        severity: Warning,
        summary: "A sidecar lacks a field the metadata view requires",
        fix: None,
    }
}

pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    let (read, Some(view)) = (ctx.read, ctx.view) else {
        return;
    };
    if !read.problems.is_empty() {
        return;
    }
    let carried: std::collections::HashSet<&str> =
        read.fields.iter().map(|f| f.name.as_str()).collect();
    for field in view.fields.iter().filter(|f| f.required) {
        if !carried.contains(field.name.as_str()) {
            out.push(Finding::new(
                &SIDECAR_REQUIRED_FIELD_MISSING,
                read.fields_target(),
                format!(
                    "the sidecar lacks {}, which view {} requires",
                    quoted(&field.name),
                    quoted(&view.name)
                ),
            ));
        }
    }
}
