use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};
use crate::model::elements::{TokenShape, is_builtin};

declare_rule! {
    /// ## What it does
    /// Reports an element of `iconikSidecarElements` whose name contains whitespace,
    /// such as `{Shoot Day}`.
    ///
    /// ## Why is this bad?
    /// OffShoot allows spaces in element names, but "iconik can't process Element names that
    /// contain spaces" (Hedge's iconik documentation): the field never arrives, and nothing
    /// says so until someone looks for the metadata in iconik.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{Shoot Day}"] }
    /// ```
    /// The built-in `{Source Name}` has a space too: iconik can't process it either.
    ///
    /// Use instead (after renaming the element in OffShoot too):
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{ShootDay}"] }
    /// ```
    pub static ELEMENT_HAS_SPACE = {
        code: "PL201",
        name: "element-has-space",
        severity: Error,
        summary: "An element name contains whitespace; iconik can't process it",
        fix: None,
    }
}

#[inline(always)]
pub fn check(
    _ctx: &PresetContext<'_>,
    entry: &Entry<'_>,
    shape: &TokenShape<'_>,
) -> Option<Finding> {
    let TokenShape::Element(name) = *shape else {
        return None;
    };
    if !crate::base::text::has_whitespace(name) {
        return None;
    }
    let suggestion = quoted(&format!(
        "{{{}}}",
        name.split_whitespace().collect::<String>()
    ));
    let help = if is_builtin(name, &[]) {
        format!(
            "{} is built in and cannot be renamed: remove it, or carry its value in a custom element such as {suggestion}",
            quoted(entry.value)
        )
    } else {
        format!("rename the element in OffShoot and here, e.g. {suggestion}")
    };
    Some(
        Finding::new(
            &ELEMENT_HAS_SPACE,
            entry.target(),
            format!(
                "element {} has whitespace in its name; iconik can't process it",
                quoted(entry.value)
            ),
        )
        .with_help(help),
    )
}
