//! Stable fingerprints for CI systems that track findings across commits (SARIF's
//! `partialFingerprints`, GitLab's `fingerprint`).
//!
//! A fingerprint hashes what identifies a finding, not where it is printed: the path, the rule
//! code, the JSON Pointer and the message (for the rules across presets, the names involved,
//! never counts nor other files). Lines and columns stay out, so a finding keeps its
//! fingerprint when unrelated lines above it move, or when another preset is added. Two
//! findings that agree on all four get an
//! occurrence number, so that each fingerprint in a report is unique, as GitLab requires.

use std::collections::HashMap;

use crate::base::diagnostic::Diagnostic;

/// FNV-1a, 64 bits: tiny, dependency-free and stable across platforms and Rust versions (the
/// standard library's hashers promise neither). It only needs to tell findings apart.
fn fnv1a64(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
        // A separator keeps ("ab", "c") and ("a", "bc") apart.
        hash ^= 0xff;
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// The fingerprint of each diagnostic of one file, in order: 16 hex digits, then `:` and the
/// occurrence number among identical findings (`:1` for the first).
pub(crate) fn of_file<'d>(
    path: &str,
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    diagnostics
        .into_iter()
        .map(|d| {
            let hash = fnv1a64(&[
                path.as_bytes(),
                d.rule.code.as_bytes(),
                d.pointer.as_bytes(),
                d.identity().as_bytes(),
            ]);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            format!("{hash:016x}:{occurrence}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::{Severity, Span};
    use crate::lint::rules::list_in_string::LIST_IN_STRING;

    fn diagnostic(pointer: &str, message: &str, span: Span) -> Diagnostic {
        Diagnostic {
            identity: None,
            rule: &LIST_IN_STRING,
            severity: Severity::Error,
            message: message.into(),
            pointer: pointer.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; ours adds the separator step after it.
        let mut expected: u64 = 0xaf63_dc4c_8601_ec8c;
        expected ^= 0xff;
        expected = expected.wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(fnv1a64(&[b"a"]), expected);
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
    }

    #[test]
    fn moving_a_finding_keeps_its_fingerprint() {
        let before = diagnostic("/iconikSidecarExtensions/0", "m", Span::new(10, 20));
        let after = diagnostic("/iconikSidecarExtensions/0", "m", Span::new(110, 120));
        assert_eq!(of_file("a.json", [&before]), of_file("a.json", [&after]));
        assert_ne!(of_file("a.json", [&before]), of_file("b.json", [&before]));
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        let d = diagnostic("/x", "m", Span::new(0, 1));
        let prints = of_file("a.json", [&d, &d]);
        assert_eq!(prints[0][..16], prints[1][..16]);
        assert!(prints[0].ends_with(":1") && prints[1].ends_with(":2"));
    }
}
