use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::lint::rules::field_not_in_view::some_names;
use crate::lint::rules::quoted;

declare_rule! {
    /// ## What it does
    /// In `audit` with a metadata view (`--view FILE`), reports a sidecar field whose name is
    /// not the name of a field of the view. Names are compared exactly, as PL601 compares a
    /// preset's elements.
    ///
    /// ## Why is this bad?
    /// The gateway reads a sidecar into the view by field *name*; a field the view does not
    /// have is dropped without a word, and its value never shows in iconik.
    ///
    /// ## Example
    /// With a view whose field is named `shoot_day` and labelled "Shoot Day":
    /// ```json
    /// { "metadata_values": { "Shoot Day": { "field_values": [{ "value": "3" }] } } }
    /// ```
    /// Use instead: `"shoot_day"`, and fix the element's name in the preset that wrote it.
    pub static SIDECAR_FIELD_NOT_IN_VIEW = {
        code: "PL807",
        name: "sidecar-field-not-in-view",
        severity: Error,
        summary: "A sidecar field is not a field of the metadata view",
        fix: None,
    }
}

pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    let (read, Some(view)) = (ctx.read, ctx.view) else {
        return;
    };
    for field in read.fields.iter().filter(|f| view.field(&f.name).is_none()) {
        let finding = Finding::new(
            &SIDECAR_FIELD_NOT_IN_VIEW,
            field.target(),
            format!(
                "{} is not a field of view {}; iconik drops it",
                quoted(&field.name),
                quoted(&view.name)
            ),
        );
        out.push(match view.near(&field.name) {
            Some(near) => finding.with_help(format!(
                "the view's field {} (label {}) matches; its name is {}",
                quoted(&near.name),
                quoted(near.label.as_deref().unwrap_or("")),
                quoted(&near.name)
            )),
            None => finding.with_help(format!(
                "field names are compared exactly; the view's fields are {}",
                some_names(view)
            )),
        });
    }
}
