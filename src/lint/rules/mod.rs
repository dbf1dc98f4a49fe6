//! The rules: one file per rule, each declaring the rule (its doc comment is its documentation)
//! and the judgement it makes. This module lists them as data, one list per scope
//! ([`scope`]: the document, a preset, a list's entry, an element entry, a sidecar, a folder
//! of a destination); [`judge`] runs the rules of a list that the run has switched on, and only
//! those. Within an entry's list the order is the precedence: the first *enabled* rule that
//! reports a problem ends the entry's judging, so one problem gets one finding.

#[macro_use]
mod judge;
mod scope;

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

use crate::base::diagnostic::Finding;
use crate::model::elements::TokenShape;

pub use crate::base::text::quoted;
pub use judge::{check_document, judge_folder, judge_sidecar};
pub use scope::{
    ElementRule, Entry, EntryRule, ExpectedContent, FolderContext, FolderFindings, FolderHistory,
    FolderRule, PresetContext, PresetRule, PresetScope, SidecarContext, SidecarRule,
};

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

/// The rules of a sidecar `audit` reads: how it reads, against the view, against what generate
/// would write.
pub static SIDECAR_RULES: &[SidecarRule] = &[
    SidecarRule {
        rule: &sidecar_unreadable::SIDECAR_UNREADABLE,
        check: sidecar_unreadable::check,
    },
    SidecarRule {
        rule: &sidecar_not_iconik::SIDECAR_NOT_ICONIK,
        check: sidecar_not_iconik::check,
    },
    SidecarRule {
        rule: &sidecar_field_not_in_view::SIDECAR_FIELD_NOT_IN_VIEW,
        check: sidecar_field_not_in_view::check,
    },
    SidecarRule {
        rule: &sidecar_invalid_value::SIDECAR_INVALID_VALUE,
        check: sidecar_invalid_value::check,
    },
    SidecarRule {
        rule: &sidecar_required_field_missing::SIDECAR_REQUIRED_FIELD_MISSING,
        check: sidecar_required_field_missing::check,
    },
    SidecarRule {
        rule: &sidecar_read_only_field::SIDECAR_READ_ONLY_FIELD,
        check: sidecar_read_only_field::check,
    },
    SidecarRule {
        rule: &stale_sidecar::STALE_SIDECAR,
        check: stale_sidecar::check,
    },
];

/// The rules of a folder of a destination in `audit`: how its clips and sidecars pair up,
/// against the preset and against the folder's ASC MHL history.
pub static FOLDER_RULES: &[FolderRule] = &[
    FolderRule {
        rule: &sidecar_shadowed::SIDECAR_SHADOWED,
        check: sidecar_shadowed::check,
    },
    FolderRule {
        rule: &orphan_sidecar::ORPHAN_SIDECAR,
        check: orphan_sidecar::check,
    },
    FolderRule {
        rule: &sidecar_unexpected::SIDECAR_UNEXPECTED,
        check: sidecar_unexpected::check,
    },
    FolderRule {
        rule: &sidecar_not_in_mhl::SIDECAR_NOT_IN_MHL,
        check: sidecar_not_in_mhl::check,
    },
    FolderRule {
        rule: &sidecar_missing::SIDECAR_MISSING,
        check: sidecar_missing::check,
    },
];
