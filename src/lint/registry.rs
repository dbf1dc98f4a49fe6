//! The rule registry: every rule presetlint has, declared once.
//!
//! Each rule is a `static` declared with [`crate::declare_rule!`] in its own file under `src/rules/`;
//! its doc comment ("What it does / Why is this bad / Example / Fix") is its documentation.
//! The registry feeds `presetlint rule`, docs/rules.md, SARIF and the language server.

pub use crate::base::diagnostic::{REPOSITORY, Rule};
use crate::lint::rules;

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &rules::invalid_json::INVALID_JSON,
    &rules::duplicate_key::DUPLICATE_KEY,
    &rules::not_a_preset::NOT_A_PRESET,
    &rules::schema_violation::SCHEMA_VIOLATION,
    &rules::io_error::IO_ERROR,
    &rules::list_in_string::LIST_IN_STRING,
    &rules::duplicate_entry::DUPLICATE_ENTRY,
    &rules::blank_entry::BLANK_ENTRY,
    &rules::padded_entry::PADDED_ENTRY,
    &rules::element_has_space::ELEMENT_HAS_SPACE,
    &rules::file_element::FILE_ELEMENT,
    &rules::malformed_element::MALFORMED_ELEMENT,
    &rules::unknown_element::UNKNOWN_ELEMENT,
    &rules::element_not_in_sidecar::ELEMENT_NOT_IN_SIDECAR,
    &rules::extension_missing_dot::EXTENSION_MISSING_DOT,
    &rules::invalid_extension::INVALID_EXTENSION,
    &rules::destination_trailing_slash::DESTINATION_TRAILING_SLASH,
    &rules::unknown_key::UNKNOWN_KEY,
    &rules::legacy_key::LEGACY_KEY,
    &rules::elements_missing::ELEMENTS_MISSING,
    &rules::match_all::MATCH_ALL,
    &rules::field_not_in_view::FIELD_NOT_IN_VIEW,
    &rules::required_field_missing::REQUIRED_FIELD_MISSING,
    &rules::missing_value::MISSING_VALUE,
    &rules::invalid_value::INVALID_VALUE,
    &rules::clip_log_malformed::CLIP_LOG_MALFORMED,
    &rules::clip_log_row_unmatched::CLIP_LOG_ROW_UNMATCHED,
    &rules::clip_log_several_rows::CLIP_LOG_SEVERAL_ROWS,
    &rules::clip_log_column_unused::CLIP_LOG_COLUMN_UNUSED,
    &rules::sidecar_unreadable::SIDECAR_UNREADABLE,
    &rules::sidecar_not_iconik::SIDECAR_NOT_ICONIK,
    &rules::sidecar_shadowed::SIDECAR_SHADOWED,
    &rules::orphan_sidecar::ORPHAN_SIDECAR,
    &rules::sidecar_missing::SIDECAR_MISSING,
    &rules::sidecar_unexpected::SIDECAR_UNEXPECTED,
    &rules::sidecar_field_not_in_view::SIDECAR_FIELD_NOT_IN_VIEW,
    &rules::sidecar_invalid_value::SIDECAR_INVALID_VALUE,
    &rules::sidecar_required_field_missing::SIDECAR_REQUIRED_FIELD_MISSING,
    &rules::sidecar_read_only_field::SIDECAR_READ_ONLY_FIELD,
    &rules::stale_sidecar::STALE_SIDECAR,
    &rules::sidecar_not_in_mhl::SIDECAR_NOT_IN_MHL,
    &rules::unused_ignore::UNUSED_IGNORE,
    &rules::unused_baseline_entry::UNUSED_BASELINE_ENTRY,
    &rules::element_name_variant::ELEMENT_NAME_VARIANT,
    &rules::duplicate_preset_name::DUPLICATE_PRESET_NAME,
    &rules::view_field_unfed::VIEW_FIELD_UNFED,
];

/// A group of rules: those whose codes start with its prefix, as ruff groups its codes.
/// `--select PL95` and `--ignore PL8` name a group; docs/rules.md is divided by them.
#[derive(Debug)]
pub struct Group {
    pub prefix: &'static str,
    pub title: &'static str,
}

/// Every group, in code order; each rule is in the one with the longest prefix of its code.
pub static GROUPS: &[Group] = &[
    Group {
        prefix: "PL0",
        title: "The file",
    },
    Group {
        prefix: "PL1",
        title: "Entries of the three lists",
    },
    Group {
        prefix: "PL2",
        title: "Elements",
    },
    Group {
        prefix: "PL3",
        title: "Extensions",
    },
    Group {
        prefix: "PL4",
        title: "Destinations",
    },
    Group {
        prefix: "PL5",
        title: "Keys",
    },
    Group {
        prefix: "PL6",
        title: "The metadata view",
    },
    Group {
        prefix: "PL7",
        title: "Values typed at transfer time and logged per clip (preview, generate, audit)",
    },
    Group {
        prefix: "PL8",
        title: "Sidecars on a destination (audit)",
    },
    Group {
        prefix: "PL90",
        title: "The config file and the baseline",
    },
    Group {
        prefix: "PL95",
        title: "Across presets (a whole library)",
    },
];

/// The group a rule is in.
pub fn group_of(rule: &Rule) -> Option<&'static Group> {
    GROUPS
        .iter()
        .filter(|g| rule.code.starts_with(g.prefix))
        .max_by_key(|g| g.prefix.len())
}

/// The rules a code prefix names (`PL9`, `pl95`: any case, `PL` and at least one digit), or
/// none.
pub fn with_prefix(prefix: &str) -> Vec<&'static Rule> {
    let prefix = prefix.to_ascii_uppercase();
    let digits = prefix.strip_prefix("PL").unwrap_or("");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    ALL.iter()
        .copied()
        .filter(|r| r.code.starts_with(&prefix))
        .collect()
}

/// A rule by code (`PL101`, any case) or name (`list-in-string`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_sorted() {
        let codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), ALL.len());
        assert_eq!(
            ALL.iter().map(|r| r.name).collect::<HashSet<_>>().len(),
            ALL.len()
        );
    }

    #[test]
    fn every_rule_is_documented_in_ruff_style() {
        for rule in ALL {
            let doc = rule.documentation();
            for heading in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(doc.contains(heading), "{} lacks {heading}", rule.code);
            }
            if rule.fix.is_some() {
                assert!(
                    doc.contains("## Fix"),
                    "{} has a fix but no ## Fix",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn every_rule_is_in_a_group_and_every_group_has_rules() {
        for rule in ALL {
            assert!(group_of(rule).is_some(), "{} is in no group", rule.code);
        }
        for group in GROUPS {
            assert!(
                ALL.iter()
                    .any(|r| group_of(r).is_some_and(|g| g.prefix == group.prefix)),
                "{} has no rule",
                group.prefix
            );
        }
        let codes = |p: &str| with_prefix(p).iter().map(|r| r.code).collect::<Vec<_>>();
        assert_eq!(codes("pl95"), ["PL951", "PL952", "PL953"]);
        assert_eq!(codes("PL90"), ["PL901", "PL902"]);
        assert!(codes("PL").is_empty() && codes("PLx").is_empty() && codes("PL99").is_empty());
    }

    #[test]
    fn find_by_code_or_name() {
        assert_eq!(find("pl101").unwrap().name, "list-in-string");
        assert_eq!(find("list-in-string").unwrap().code, "PL101");
        assert!(find("PL999").is_none());
    }
}
