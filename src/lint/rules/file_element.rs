use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};
use crate::model::elements::TokenShape;

declare_rule! {
    /// ## What it does
    /// Reports a file element (`{Filename}`, `{File extension}`, ...) in
    /// `iconikSidecarElements`. Names are compared ignoring case and spaces, so `{FileName}`
    /// is one too.
    ///
    /// ## Why is this bad?
    /// File elements are not supported in sidecars: OffShoot drops them, and the field the
    /// crew expects in iconik stays empty. iconik has the file name already.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{Filename}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{Project}"] }
    /// ```
    pub static FILE_ELEMENT = {
        code: "PL202",
        name: "file-element",
        severity: Error,
        summary: "A file element is listed; sidecars do not support it and OffShoot drops it",
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
    if !crate::model::elements::is_file_element(name) {
        return None;
    }
    Some(
        Finding::new(
            &FILE_ELEMENT,
            entry.target(),
            format!(
                "{} is a file element; OffShoot leaves file elements out of sidecars",
                quoted(entry.value)
            ),
        )
        .with_help("remove it: iconik knows each file's name and extension already"),
    )
}
