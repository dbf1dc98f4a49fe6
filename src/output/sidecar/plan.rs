//! What a preset asks for: the fields (from `iconikSidecarElements`, in order) and the two
//! filters. Entries with an error finding, and file elements, are left out here, once.

use std::collections::{HashMap, HashSet};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::model::elements::{TokenShape, is_file_element, shape};
use crate::model::preset::{ListKind, Preset};
use crate::output::sidecar::matching::Filter;

/// An element that becomes a field when it has a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedElement {
    /// Without braces: the field's name.
    pub name: String,
    /// Its entry in the preset, for PL701.
    pub pointer: String,
}

/// An entry of `iconikSidecarElements` that is never written, and why; in the JSON reports,
/// `{"entry", "reason"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    pub entry: String,
    pub reason: String,
    /// Left out for a finding of the preset, which reports already show.
    #[serde(skip)]
    pub by_finding: bool,
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// Whether the preset lists elements at all; without any there are no sidecars.
    pub lists_elements: bool,
    pub elements: Vec<PlannedElement>,
    pub left_out: Vec<LeftOut>,
    pub extensions: Filter,
    pub destinations: Filter,
}

/// The plan of a preset, given its diagnostics (those of other presets do no harm).
pub(crate) fn plan(preset: &Preset<'_>, diagnostics: &[Diagnostic]) -> Plan {
    let errors: HashMap<&str, &Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.pointer.as_str(), d))
        .collect();
    let filter = |kind: ListKind| -> Filter {
        if !preset.map.contains_key(kind.key()) {
            return Filter::All;
        }
        match preset.string_list(kind.key()) {
            Some(entries) if entries.is_empty() => Filter::All,
            Some(entries) => Filter::Only(
                entries
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        !errors.contains_key(preset.item_pointer(kind.key(), *i).as_str())
                    })
                    .map(|(_, e)| e.trim().to_owned())
                    .collect(),
            ),
            // Not a list of strings (PL004): nothing can be trusted to match.
            None => Filter::Only(Vec::new()),
        }
    };
    let mut elements = Vec::new();
    let mut left_out = Vec::new();
    let listed = preset.string_list(ListKind::Elements.key());
    let mut seen = HashSet::new();
    for (i, raw) in listed.iter().flatten().enumerate() {
        let pointer = preset.item_pointer(ListKind::Elements.key(), i);
        let entry = raw.trim();
        if let Some(d) = errors.get(pointer.as_str()) {
            left_out.push(LeftOut {
                entry: raw.to_string(),
                reason: format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                by_finding: true,
            });
            continue;
        }
        match shape(entry) {
            TokenShape::Element(name) if is_file_element(name) => left_out.push(LeftOut {
                entry: raw.to_string(),
                reason: "file elements are never written into sidecars".into(),
                by_finding: false,
            }),
            TokenShape::Element(name) => {
                // A repeated element (PL102) is one field.
                if seen.insert(name.to_owned()) {
                    elements.push(PlannedElement {
                        name: name.to_owned(),
                        pointer,
                    });
                }
            }
            _ => left_out.push(LeftOut {
                entry: raw.to_string(),
                reason: "not an element token".into(),
                by_finding: false,
            }),
        }
    }
    Plan {
        lists_elements: listed.as_ref().is_some_and(|l| !l.is_empty()),
        elements,
        left_out,
        extensions: filter(ListKind::Extensions),
        destinations: filter(ListKind::Destinations),
    }
}
