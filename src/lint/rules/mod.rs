//! The rules: one file per rule, each declaring the rule (its doc comment is its documentation)
//! and the check it makes. This module lists them as data, one list per scope (the document,
//! a preset, a list, an entry, an element entry), and runs only the rules the run has
//! switched on. Within an entry's list the order is the precedence: the first *enabled* rule
//! that reports a problem ends the entry's judging, so one problem gets one finding.

pub mod blank_entry;
pub mod clip_log_column_unused;
pub mod clip_log_malformed;
pub mod clip_log_row_unmatched;
pub mod clip_log_several_rows;
pub mod destination_trailing_slash;
pub mod duplicate_entry;
pub mod duplicate_key;
pub mod duplicate_preset_name;
pub mod element_has_space;
pub mod element_name_variant;
pub mod element_not_in_sidecar;
pub mod elements_missing;
pub mod extension_missing_dot;
pub mod field_not_in_view;
pub mod file_element;
pub mod invalid_extension;
pub mod invalid_json;
pub mod invalid_value;
pub mod io_error;
pub mod legacy_key;
pub mod list_in_string;
pub mod malformed_element;
pub mod match_all;
pub mod missing_value;
pub mod not_a_preset;
pub mod orphan_sidecar;
pub mod padded_entry;
pub mod required_field_missing;
pub mod schema_violation;
pub mod sidecar_field_not_in_view;
pub mod sidecar_invalid_value;
pub mod sidecar_missing;
pub mod sidecar_not_iconik;
pub mod sidecar_not_in_mhl;
pub mod sidecar_read_only_field;
pub mod sidecar_required_field_missing;
pub mod sidecar_shadowed;
pub mod sidecar_unexpected;
pub mod sidecar_unreadable;
pub mod stale_sidecar;
pub mod unknown_element;
pub mod unknown_key;
pub mod unused_baseline_entry;
pub mod unused_ignore;
pub mod view_field_unfed;

use rayon::prelude::*;
use serde_json::Value;

use crate::base::diagnostic::{Finding, Rule, Severity, Target};
use crate::lint::settings::Settings;
use crate::model::elements::{self, TokenShape};
use crate::model::preset::{self, ListKind, Preset};

pub use crate::base::text::quoted;

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
        crate::base::document::pointer::push_index(
            &crate::base::document::pointer::push(self.preset, self.list.key()),
            self.index,
        )
    }

    pub fn target(&self) -> Target {
        Target::Value(self.pointer())
    }
}

/// What the preset-level rules need to know besides the preset itself.
pub struct PresetContext<'a> {
    pub preset: Preset<'a>,
    pub settings: &'a Settings,
    /// The string values of the pattern keys that are present, with their keys.
    pub patterns: Vec<(&'static str, &'a str)>,
    /// Element names used by the preset's patterns.
    pub pattern_names: std::collections::HashSet<&'a str>,
    /// Whether the preset has at least one non-empty pattern.
    pub has_pattern: bool,
    /// The pattern names folded for "did you mean", made once per preset when first asked.
    pub folded_pattern_names: std::sync::OnceLock<Vec<(crate::base::similarity::Folded, &'a str)>>,
}

impl PresetContext<'_> {
    /// Whether this run reports the rule at all: a rule switched off is not run.
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.settings.severity(rule).is_some()
    }
}

/// A rule judged once per preset.
pub struct PresetRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &mut Vec<Finding>),
}

/// A rule judged per entry of a list.
pub struct EntryRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &Entry<'_>) -> Option<Finding>,
    /// Whether a finding of this rule ends the entry's judging (the later rules would only
    /// describe the same problem again).
    pub ends: bool,
}

/// A rule judged per entry of `iconikSidecarElements`, given the entry's token shape. The
/// first that reports an entry ends its judging.
pub struct ElementRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &Entry<'_>, &TokenShape<'_>) -> Option<Finding>,
}

/// How judging an entry with one list of rules ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    /// No rule that ends the judging reported the entry.
    Open,
    /// One did; `error`: at error severity in this run, so the entry is not compared for
    /// duplicates (its fix comes first).
    Ended { error: bool },
}

/// Which rules of a list this run reports, and at which of them an entry's finding is an
/// error: resolved once per list, not once per entry.
struct Switches {
    enabled: Vec<bool>,
    error: Vec<bool>,
}

impl Switches {
    fn new<'r>(ctx: &PresetContext<'_>, rules: impl Iterator<Item = &'r Rule>) -> Switches {
        let severities: Vec<Option<Severity>> = rules.map(|r| ctx.settings.severity(r)).collect();
        Switches {
            enabled: severities.iter().map(Option::is_some).collect(),
            error: severities
                .iter()
                .map(|s| *s == Some(Severity::Error))
                .collect(),
        }
    }
}

/// The preset rules. Their findings never overlap, so their order is only that of the output
/// before sorting.
pub static PRESET_RULES: &[PresetRule] = &[
    PresetRule {
        rule: &schema_violation::SCHEMA_VIOLATION,
        check: schema_violation::check,
    },
    PresetRule {
        rule: &unknown_key::UNKNOWN_KEY,
        check: unknown_key::check,
    },
    PresetRule {
        rule: &legacy_key::LEGACY_KEY,
        check: legacy_key::check,
    },
    PresetRule {
        rule: &elements_missing::ELEMENTS_MISSING,
        check: elements_missing::check,
    },
    PresetRule {
        rule: &match_all::MATCH_ALL,
        check: match_all::check,
    },
    PresetRule {
        rule: &element_not_in_sidecar::ELEMENT_NOT_IN_SIDECAR,
        check: element_not_in_sidecar::check,
    },
    // Runs only with a metadata view.
    PresetRule {
        rule: &required_field_missing::REQUIRED_FIELD_MISSING,
        check: required_field_missing::check,
    },
];

/// Declares a list of entry rules once: as data (`$list`, which documentation and tests
/// read), and as `$judge`, which runs the enabled ones in that order with direct calls, so
/// that a list of 178,000 entries pays for no indirect call per rule and entry.
macro_rules! entry_rules {
    ($(#[$doc:meta])* $list:ident, $judge:ident: [$($module:ident::$rule:ident, ends: $ends:literal;)*]) => {
        $(#[$doc])*
        pub static $list: &[EntryRule] = &[$(EntryRule {
            rule: &$module::$rule,
            check: $module::check,
            ends: $ends,
        }),*];

        fn $judge(
            on: &Switches,
            ctx: &PresetContext<'_>,
            entry: &Entry<'_>,
            out: &mut Vec<Finding>,
        ) -> Judged {
            let mut i = 0;
            $(
                if on.enabled[i]
                    && let Some(finding) = $module::check(ctx, entry)
                {
                    out.push(finding);
                    if $ends {
                        return Judged::Ended { error: on.error[i] };
                    }
                }
                i += 1;
            )*
            let _ = i;
            Judged::Open
        }
    };
}

entry_rules! {
    /// The entry rules every list has, before its own: a blank entry or a list typed into one
    /// string has nothing further worth judging.
    COMMON_ENTRY_RULES, judge_common: [
        blank_entry::BLANK_ENTRY, ends: true;
        padded_entry::PADDED_ENTRY, ends: false;
        list_in_string::LIST_IN_STRING, ends: true;
    ]
}

entry_rules! {
    /// The extension list's own rules, most specific first.
    EXTENSION_RULES, judge_extension: [
        invalid_extension::INVALID_EXTENSION, ends: true;
        extension_missing_dot::EXTENSION_MISSING_DOT, ends: true;
    ]
}

entry_rules! {
    /// The destination list's own rules.
    DESTINATION_RULES, judge_destination: [
        destination_trailing_slash::DESTINATION_TRAILING_SLASH, ends: true;
    ]
}

/// Declares the element list's own rules once, as data and as a judge with direct calls
/// (see [`entry_rules!`]); the first enabled rule that reports an entry is the only one.
macro_rules! element_rules {
    ($(#[$doc:meta])* $list:ident, $judge:ident: [$($module:ident::$rule:ident;)*]) => {
        $(#[$doc])*
        pub static $list: &[ElementRule] = &[$(ElementRule {
            rule: &$module::$rule,
            check: $module::check,
        }),*];

        fn $judge(
            on: &Switches,
            ctx: &PresetContext<'_>,
            entry: &Entry<'_>,
            shape: &TokenShape<'_>,
            out: &mut Vec<Finding>,
        ) -> Judged {
            let mut i = 0;
            $(
                if on.enabled[i]
                    && let Some(finding) = $module::check(ctx, entry, shape)
                {
                    out.push(finding);
                    return Judged::Ended { error: on.error[i] };
                }
                i += 1;
            )*
            let _ = i;
            Judged::Open
        }
    };
}

element_rules! {
    /// The element list's own rules, most specific first.
    ELEMENT_RULES, judge_element: [
        malformed_element::MALFORMED_ELEMENT;
        file_element::FILE_ELEMENT;
        element_has_space::ELEMENT_HAS_SPACE;
        field_not_in_view::FIELD_NOT_IN_VIEW;
        unknown_element::UNKNOWN_ELEMENT;
    ]
}

/// Every finding of a document, by pointer; PL001 and PL002 are judged on the text, by
/// [`crate::lint::checked_file`].
pub fn check_document(root: &Value, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    let (presets, problems) = preset::presets(root);
    if settings.severity(&not_a_preset::NOT_A_PRESET).is_some() {
        out.extend(problems.into_iter().map(not_a_preset::finding));
    }
    for (pointer, value) in &presets {
        if let Some(preset) = Preset::new(pointer, value) {
            check_preset(preset, settings, &mut out);
        }
    }
    out
}

fn check_preset(preset: Preset<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let patterns = preset.patterns();
    let ctx = PresetContext {
        preset,
        settings,
        pattern_names: elements::names_in_patterns(patterns.iter().map(|(_, p)| *p)),
        has_pattern: patterns.iter().any(|(_, p)| !p.trim().is_empty()),
        patterns,
        folded_pattern_names: std::sync::OnceLock::new(),
    };
    for rule in PRESET_RULES {
        if ctx.enabled(rule.rule) {
            (rule.check)(&ctx, out);
        }
    }
    for kind in ListKind::ALL {
        // A list that is not an array of strings is PL004's; its items are not judged further.
        if let Some(entries) = preset.string_list(kind.key()) {
            check_list(&ctx, kind, &entries, out);
        }
    }
}

/// The entry rules, then the list rule (PL102). An entry that gets an error is not compared
/// with the others for duplicates: its fix comes first.
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
            value: crate::base::text::trim(raw),
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
    if ctx.enabled(&duplicate_entry::DUPLICATE_ENTRY) {
        out.extend(duplicate_entry::check(&judged, entry_at));
    }
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
    let switches = |rules: &'static [EntryRule]| Switches::new(ctx, rules.iter().map(|r| r.rule));
    let common = switches(COMMON_ENTRY_RULES);
    let own = match kind {
        ListKind::Elements => Switches::new(ctx, ELEMENT_RULES.iter().map(|r| r.rule)),
        ListKind::Extensions => switches(EXTENSION_RULES),
        ListKind::Destinations => switches(DESTINATION_RULES),
    };
    let any_element_rule = own.enabled.iter().any(|&on| on);
    let mut judged: Vec<usize> = Vec::with_capacity(range.len());
    for index in range {
        let entry = entry_at(index);
        let mut ending = judge_common(&common, ctx, &entry, out);
        if ending == Judged::Open {
            ending = match kind {
                // The shape is worked out only when an element rule will look at it.
                ListKind::Elements if any_element_rule => {
                    judge_element(&own, ctx, &entry, &elements::shape(entry.value), out)
                }
                ListKind::Elements => Judged::Open,
                ListKind::Extensions => judge_extension(&own, ctx, &entry, out),
                ListKind::Destinations => judge_destination(&own, ctx, &entry, out),
            };
        }
        if ending != (Judged::Ended { error: true }) {
            judged.push(index);
        }
    }
    judged
}
