//! The rules: one file per rule, each declaring the rule (its doc comment is its documentation)
//! and the check it makes. This module runs them in an order that gives one finding per
//! problem: when a specific rule covers an entry, the more general ones do not see it.

pub mod blank_entry;
pub mod destination_trailing_slash;
pub mod duplicate_entry;
pub mod duplicate_key;
pub mod element_has_space;
pub mod element_not_in_sidecar;
pub mod elements_missing;
pub mod extension_missing_dot;
pub mod field_not_in_view;
pub mod file_element;
pub mod invalid_extension;
pub mod invalid_json;
pub mod invalid_value;
pub mod legacy_key;
pub mod list_in_string;
pub mod malformed_element;
pub mod match_all;
pub mod missing_value;
pub mod not_a_preset;
pub mod padded_entry;
pub mod required_field_missing;
pub mod schema_violation;
pub mod unknown_element;
pub mod unknown_key;
pub mod unused_ignore;

use rayon::prelude::*;
use serde_json::Value;

use crate::diagnostic::{Finding, Severity, Target};
use crate::elements::{self, TokenShape};
use crate::preset::{self, ListKind, Preset};
use crate::schema;
use crate::settings::Settings;

/// One entry of an iconik list, as the entry rules see it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub list: ListKind,
    /// The preset's pointer; with `list` and `index`, where the entry is.
    pub preset: &'a str,
    pub index: usize,
    /// As written (decoded).
    pub raw: &'a str,
    /// Without outer whitespace: what every rule after PL104 judges.
    pub value: &'a str,
    /// The list has no other entry.
    pub is_only: bool,
}

impl Entry<'_> {
    /// The entry's pointer, made only for a finding: a list may hold 100,000 clean entries.
    pub fn pointer(&self) -> String {
        crate::document::pointer::push_index(
            &crate::document::pointer::push(self.preset, self.list.key()),
            self.index,
        )
    }

    pub fn target(&self) -> Target {
        Target::Value(self.pointer())
    }
}

/// A string as JSON, for messages: quotes, and escapes for anything invisible.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// What the preset-level rules need to know besides the preset itself.
pub struct PresetContext<'a> {
    pub preset: Preset<'a>,
    pub settings: &'a Settings,
    /// Element names used by the preset's patterns.
    pub pattern_names: std::collections::HashSet<&'a str>,
    /// Whether the preset has at least one non-empty pattern.
    pub has_pattern: bool,
}

/// Every finding of a document, by pointer; PL001 and PL002 come from [`crate::check`].
pub fn check_document(root: &Value, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    let (presets, problems) = preset::presets(root);
    for problem in problems {
        out.push(not_a_preset::finding(problem));
    }
    for (pointer, value) in &presets {
        if let Some(preset) = Preset::new(pointer, value) {
            check_preset(preset, settings, &mut out);
        }
    }
    out
}

fn check_preset(preset: Preset<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    schema::check(&preset, out);
    let patterns = preset.patterns();
    let ctx = PresetContext {
        preset,
        settings,
        pattern_names: elements::names_in_patterns(patterns.iter().map(|(_, p)| *p)),
        has_pattern: patterns.iter().any(|(_, p)| !p.trim().is_empty()),
    };
    unknown_key::check(&ctx, out);
    legacy_key::check(&ctx, out);
    elements_missing::check(&ctx, out);
    match_all::check(&ctx, out);
    for kind in ListKind::ALL {
        // A list that is not an array of strings is PL004's; its items are not judged further.
        if let Some(entries) = preset.string_list(kind.key()) {
            check_list(&ctx, kind, &entries, out);
        }
    }
    element_not_in_sidecar::check(&ctx, &patterns, out);
    // PL602 only runs with a metadata view (`--view`).
    required_field_missing::check(&ctx, out);
}

/// The entry rules, in precedence order. An entry that gets an error is not compared with the
/// others for duplicates: its fix comes first.
fn check_list<'a>(
    ctx: &PresetContext<'a>,
    kind: ListKind,
    entries: &[&'a str],
    out: &mut Vec<Finding>,
) {
    let entry_at = |index: usize| {
        let raw = entries[index];
        Entry {
            list: kind,
            preset: ctx.preset.pointer,
            index,
            raw,
            value: crate::text::trim(raw),
            is_only: entries.len() == 1,
        }
    };
    // A list long enough to be worth it is judged in chunks on every core (the chunks' results
    // are joined in order, so the findings are the same).
    const CHUNK: usize = 8192;
    let judged = if entries.len() > CHUNK {
        let parts: Vec<(Vec<Finding>, Vec<usize>)> = (0..entries.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|chunk| {
                let range = chunk * CHUNK..entries.len().min((chunk + 1) * CHUNK);
                let mut findings = Vec::new();
                let judged = judge_entries(ctx, kind, range, &entry_at, &mut findings);
                (findings, judged)
            })
            .collect();
        let mut judged = Vec::with_capacity(entries.len());
        for (findings, part) in parts {
            out.extend(findings);
            judged.extend(part);
        }
        judged
    } else {
        judge_entries(ctx, kind, 0..entries.len(), &entry_at, out)
    };
    out.extend(duplicate_entry::check(&judged, entry_at));
}

/// Runs the entry rules over a range of a list's entries; returns the indices of the entries
/// the duplicate check should compare (indices, not entries: a list may hold 100,000).
fn judge_entries<'a>(
    ctx: &PresetContext<'a>,
    kind: ListKind,
    range: std::ops::Range<usize>,
    entry_at: &impl Fn(usize) -> Entry<'a>,
    out: &mut Vec<Finding>,
) -> Vec<usize> {
    let mut judged: Vec<usize> = Vec::with_capacity(range.len());
    for index in range {
        let entry = entry_at(index);
        if let Some(f) = blank_entry::check(&entry) {
            out.push(f);
            continue;
        }
        if let Some(f) = padded_entry::check(&entry) {
            out.push(f);
        }
        if let Some(f) = list_in_string::check(&entry) {
            out.push(f);
            continue;
        }
        let finding = match kind {
            ListKind::Elements => check_element(ctx, &entry),
            ListKind::Extensions => {
                invalid_extension::check(&entry).or_else(|| extension_missing_dot::check(&entry))
            }
            ListKind::Destinations => destination_trailing_slash::check(&entry),
        };
        let is_error = finding
            .as_ref()
            .is_some_and(|f| f.rule.severity == Severity::Error);
        out.extend(finding);
        if !is_error {
            judged.push(index);
        }
    }
    judged
}

fn check_element(ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    match elements::shape(entry.value) {
        TokenShape::Element(name) => file_element::check(entry, name)
            .or_else(|| element_has_space::check(entry, name))
            .or_else(|| field_not_in_view::check(ctx, entry, name))
            .or_else(|| unknown_element::check(ctx, entry, name)),
        shape => malformed_element::check(entry, &shape),
    }
}
