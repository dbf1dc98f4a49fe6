use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::elements::TokenShape;
use crate::rules::{Entry, PresetContext, quoted};
use crate::view::fold_name;

declare_rule! {
    /// ## What it does
    /// With a metadata view (`--view FILE`), reports an element of `iconikSidecarElements`
    /// whose name is not the name of a field of the view. Field names are compared exactly.
    ///
    /// ## Why is this bad?
    /// iconik's Storage Gateway reads a sidecar into the view chosen in the storage's scan
    /// settings, by field *name* (not label). A sidecar field the view does not have is
    /// dropped without a word, so the value never shows in iconik.
    ///
    /// ## Example
    /// With a view whose field is named `shoot_day` and labelled "Shoot Day":
    /// ```json
    /// { "iconikSidecarElements": ["{ShootDay}"] }
    /// ```
    /// Use instead (after renaming the element in OffShoot too):
    /// ```json
    /// { "iconikSidecarElements": ["{shoot_day}"] }
    /// ```
    pub static FIELD_NOT_IN_VIEW = {
        code: "PL601",
        name: "field-not-in-view",
        severity: Error,
        summary: "An element's name is not the name of a field of the metadata view",
        fix: None,
    }
}

#[inline(always)]
pub fn check(
    ctx: &PresetContext<'_>,
    entry: &Entry<'_>,
    shape: &TokenShape<'_>,
) -> Option<Finding> {
    let TokenShape::Element(name) = *shape else {
        return None;
    };
    let view = ctx.settings.view.as_deref()?;
    if view.field(name).is_some() {
        return None;
    }
    let folded = fold_name(name);
    let near = view.fields.iter().find(|f| {
        fold_name(&f.name) == folded || f.label.as_deref().is_some_and(|l| fold_name(l) == folded)
    });
    let finding = Finding::new(
        &FIELD_NOT_IN_VIEW,
        entry.target(),
        format!(
            "{} is not a field of view {}; iconik drops it",
            quoted(entry.value),
            quoted(&view.name)
        ),
    );
    Some(match near {
        Some(field) => finding.with_help(format!(
            "the view's field {} (label {}) matches; name the element {}",
            quoted(&field.name),
            quoted(field.label.as_deref().unwrap_or("")),
            quoted(&format!("{{{}}}", field.name))
        )),
        None => finding.with_help(format!(
            "field names are compared exactly; the view's fields are {}",
            view.fields
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    })
}
