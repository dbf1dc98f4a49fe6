//! `[[ignore]]` entries: findings a team has decided to live with, each with its reason.
//! Each entry remembers whether it suppressed anything and which files of the run it could
//! have, so that PL901 can tell a stale one (src/rules/unused_ignore.rs). Files are checked
//! in parallel, hence the atomic flags.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::base::diagnostic::{Diagnostic, Finding, Rule, Span};
use crate::base::text::quoted;
use crate::lint::config::globs::PathGlobs;
use crate::lint::rules::unused_ignore::{self, IgnoreUse};
use crate::lint::settings::Settings;

#[derive(Debug)]
pub struct IgnoreEntry {
    pub path: PathGlobs,
    /// A JSON Pointer prefix, matched token by token; `""` covers the whole document.
    pub pointer: String,
    pub rules: Vec<&'static Rule>,
    /// The `[[ignore]]` header in the config file, where PL901 points.
    pub span: Span,
    /// The entry in a few words, for PL901's message.
    pub described: String,
    /// Whether the entry suppressed a finding in this run.
    suppressed: AtomicBool,
    /// The one file the path can match, when it names a file exactly (anchored, no
    /// wildcard): then a run that checked that file can judge the entry.
    only_file: Option<String>,
    /// Whether this run checked `only_file`.
    only_file_checked: AtomicBool,
}

impl IgnoreEntry {
    pub fn new(
        path: PathGlobs,
        only_file: Option<String>,
        pointer: String,
        rules: Vec<&'static Rule>,
        span: Span,
        described: String,
    ) -> IgnoreEntry {
        IgnoreEntry {
            path,
            pointer,
            rules,
            span,
            described,
            suppressed: AtomicBool::new(false),
            only_file,
            only_file_checked: AtomicBool::new(false),
        }
    }

    fn covers(&self, diagnostic: &Diagnostic) -> bool {
        self.rules.iter().any(|r| r.code == diagnostic.rule.code)
            && pointer_has_prefix(&diagnostic.pointer, &self.pointer)
    }
}

/// Whether `pointer` is `prefix` or lies under it: whole tokens only, so `/0/a` covers
/// `/0/a/3` but not `/0/ab`.
pub(crate) fn pointer_has_prefix(pointer: &str, prefix: &str) -> bool {
    match pointer.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// Whether a string is a JSON Pointer (RFC 6901): empty, or `/`-prefixed tokens in which
/// `~` is only ever followed by `0` or `1`.
pub(crate) fn is_json_pointer(pointer: &str) -> bool {
    (pointer.is_empty() || pointer.starts_with('/'))
        && pointer
            .split('~')
            .skip(1)
            .all(|after| after.starts_with(['0', '1']))
}

/// Describes an entry for PL901: `path "presets/*.hedge", pointer "/0", rules PL102`.
pub(crate) fn describe(path: &str, pointer: Option<&str>, rules: &[&Rule]) -> String {
    let codes: Vec<&str> = rules.iter().map(|r| r.code).collect();
    match pointer {
        Some(p) => format!(
            "path {}, pointer {}, rules {}",
            quoted(path),
            quoted(p),
            codes.join(", ")
        ),
        None => format!("path {}, rules {}", quoted(path), codes.join(", ")),
    }
}

#[derive(Debug, Default)]
pub struct Ignores {
    pub entries: Vec<IgnoreEntry>,
}

impl Ignores {
    /// Drops the diagnostics that an entry covers from a file's. `relative` is the file's path
    /// relative to the config file's directory; `None` (outside it) matches no entry.
    pub fn apply(&self, relative: Option<&str>, diagnostics: &mut Vec<Diagnostic>) {
        let Some(relative) = relative else { return };
        let matching: Vec<&IgnoreEntry> = self
            .entries
            .iter()
            .filter(|e| e.path.matches(relative))
            .collect();
        for entry in &matching {
            if entry.only_file.as_deref() == Some(relative) {
                entry.only_file_checked.store(true, Ordering::Relaxed);
            }
        }
        diagnostics.retain(|d| {
            let mut kept = true;
            // Every covering entry is marked used, so that overlapping entries are not
            // reported as stale just because another one came first.
            for entry in matching.iter().filter(|e| e.covers(d)) {
                entry.suppressed.store(true, Ordering::Relaxed);
                kept = false;
            }
            kept
        });
    }

    /// PL901's findings after a run, from every copy of one file's entries (one per config
    /// that holds them, with its settings): an entry is stale when no copy suppressed
    /// anything. `whole_tree`: the run checked everything under the config file's
    /// directory, so every entry can be judged.
    pub fn unused(copies: &[(&Ignores, &Settings)], whole_tree: bool) -> Vec<Finding> {
        let Some((first, _)) = copies.first() else {
            return Vec::new();
        };
        let each = |i: usize| {
            copies
                .iter()
                .filter_map(move |(c, s)| Some((c.entries.get(i)?, *s)))
        };
        unused_ignore::check(first.entries.iter().enumerate().map(|(i, e)| IgnoreUse {
            span: e.span,
            described: &e.described,
            suppressed: each(i).any(|(c, _)| c.suppressed.load(Ordering::Relaxed)),
            every_match_checked: whole_tree
                || each(i).any(|(c, _)| c.only_file_checked.load(Ordering::Relaxed)),
            rules_enabled: each(i).any(|(c, s)| c.rules.iter().any(|r| s.severity(r).is_some())),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_prefixes_match_whole_tokens() {
        assert!(pointer_has_prefix(
            "/0/iconikSidecarElements/3",
            "/0/iconikSidecarElements"
        ));
        assert!(pointer_has_prefix(
            "/0/iconikSidecarElements",
            "/0/iconikSidecarElements"
        ));
        assert!(!pointer_has_prefix(
            "/0/iconikSidecarElementsX",
            "/0/iconikSidecarElements"
        ));
        assert!(!pointer_has_prefix("/1", "/10"));
        assert!(pointer_has_prefix("/anything", ""));
        assert!(pointer_has_prefix("", ""));
    }

    #[test]
    fn json_pointer_syntax() {
        assert!(is_json_pointer(""));
        assert!(is_json_pointer("/0/a~1b~0c"));
        assert!(!is_json_pointer("0/a"));
        assert!(!is_json_pointer("/a~2"));
        assert!(!is_json_pointer("/a~"));
    }
}
