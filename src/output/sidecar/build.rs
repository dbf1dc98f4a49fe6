//! From a plan and the values to the sidecar's content: which fields get which values, which
//! are missing (PL701), which values do not fit the view (PL702), which fields the format
//! cannot carry. The content is the same for every clip (file elements are never written),
//! so it is made once per run.

use crate::base::diagnostic::Finding;
use crate::lint::rules::{invalid_value, missing_value};
use crate::lint::settings::Settings;
use crate::model::values::Values;
use crate::output::sidecar::format::{self, Field, FieldProblem, SidecarFormat};
use crate::output::sidecar::plan::Plan;

#[derive(Debug, Clone)]
pub struct Built {
    /// The fields written, in the preset's order.
    pub fields: Vec<Field>,
    /// The sidecar's text, made of `fields`.
    pub content: String,
    /// PL701 findings (placed in the preset by the caller).
    pub missing: Vec<Finding>,
    /// PL702 findings, each for its side file or the preset.
    pub misfits: Vec<invalid_value::Misfit>,
    /// Whether a value that does not fit left its field out (PL702 is an error).
    pub rejected_values: bool,
    /// Fields left out because the format cannot carry them.
    pub format_problems: Vec<FieldProblem>,
}

impl Built {
    /// Whether some field the preset asks for is left out for an error (a value that does not
    /// fit, a field the format cannot carry): `generate` then needs `--force`.
    pub fn has_field_errors(&self) -> bool {
        self.rejected_values || !self.format_problems.is_empty()
    }
}

pub(crate) fn build(
    plan: &Plan,
    values: &Values,
    settings: &Settings,
    format: SidecarFormat,
) -> Built {
    let mut fields = Vec::new();
    let mut missing = Vec::new();
    let mut misfits = Vec::new();
    let mut rejected_values = false;
    for element in &plan.elements {
        let given = values.get(&element.name);
        if given.is_empty() {
            missing.extend(missing_value::check(
                &element.pointer,
                &element.name,
                given,
                settings,
            ));
            continue;
        }
        if let Some(field) = settings
            .view
            .as_deref()
            .and_then(|v| v.field(&element.name))
        {
            let found = invalid_value::check(field, given, settings, &element.pointer);
            let rejected = !found.is_empty() && invalid_value::rejects(settings);
            misfits.extend(found);
            if rejected {
                rejected_values = true;
                continue;
            }
        }
        fields.push(Field {
            name: element.name.clone(),
            values: given.iter().map(|v| v.text.clone()).collect(),
        });
    }
    let format_problems = format::problems(format, &fields);
    fields.retain(|f| !format_problems.iter().any(|p| p.field == f.name));
    let content = format::render(format, &fields).unwrap_or_else(|problems| {
        unreachable!("fields with problems were left out: {problems:?}")
    });
    Built {
        fields,
        content,
        missing,
        misfits,
        rejected_values,
        format_problems,
    }
}
