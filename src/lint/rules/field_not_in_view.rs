use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};
use crate::model::elements::TokenShape;

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
    ///
    /// ## Fix
    /// When the element's name equals a field's name or label ignoring case, spaces and
    /// underscores, the entry is renamed to the field's name. Unsafe: the element must be
    /// renamed in OffShoot too, or OffShoot no longer fills it.
    pub static FIELD_NOT_IN_VIEW = {
        code: "PL601",
        name: "field-not-in-view",
        severity: Error,
        summary: "An element's name is not the name of a field of the metadata view",
        fix: Unsafe,
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
    let near = view.near(name);
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
        Some(field) => {
            let renamed = format!("{{{}}}", field.name);
            finding
                .with_help(format!(
                    "the view's field {} (label {}) matches; name the element {}",
                    quoted(&field.name),
                    quoted(field.label.as_deref().unwrap_or("")),
                    quoted(&renamed)
                ))
                .with_fix(
                    Safety::Unsafe,
                    format!("Rename to {}", quoted(&renamed)),
                    vec![FixAction::ReplaceValue {
                        pointer: entry.pointer(),
                        json: quoted(&renamed),
                    }],
                )
        }
        None => finding.with_help(format!(
            "field names are compared exactly; the view's fields are {}",
            some_names(view)
        )),
    })
}

/// The view's first field names, and how many more: a view of 20,000 fields must not put
/// 20,000 names in the help of each of 20,000 findings.
pub(crate) fn some_names(view: &crate::model::view::View) -> String {
    const SHOWN: usize = 12;
    let names: Vec<&str> = view
        .fields
        .iter()
        .take(SHOWN)
        .map(|f| f.name.as_str())
        .collect();
    match view.fields.len().saturating_sub(SHOWN) {
        0 => names.join(", "),
        more => format!("{}, and {more} more", names.join(", ")),
    }
}
