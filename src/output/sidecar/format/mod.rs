//! The three sidecar formats iconik's Storage Gateway reads, exactly as its documentation
//! shows them. Every format writes UTF-8 without a byte order mark, values as strings, fields
//! in the preset's order, and ends with a newline.

pub(crate) mod csv;
pub(crate) mod json;
pub(crate) mod xml;

use serde::Serialize;

pub(crate) use crate::model::sidecar_reader::SIDECAR_EXTENSIONS;
pub use crate::model::sidecar_reader::SidecarFormat;

/// One field of a sidecar: the element's name without braces, and its values (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub values: Vec<String>,
}

/// A field this format cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// What keeps fields from being written in a format.
pub(crate) fn problems(format: SidecarFormat, fields: &[Field]) -> Vec<FieldProblem> {
    match format {
        SidecarFormat::Json => Vec::new(),
        SidecarFormat::Xml => xml::problems(fields),
        SidecarFormat::Csv => csv::problems(fields),
    }
}

/// The sidecar's text, or what keeps it from being written.
pub fn render(format: SidecarFormat, fields: &[Field]) -> Result<String, Vec<FieldProblem>> {
    let problems = problems(format, fields);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(match format {
        SidecarFormat::Json => json::render(fields),
        SidecarFormat::Xml => xml::render(fields),
        SidecarFormat::Csv => csv::render(fields),
    })
}
