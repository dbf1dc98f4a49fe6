use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports an `[[ignore]]` entry of `presetlint.toml` that suppressed no finding in this
    /// run. The finding is placed on the entry in the config file.
    ///
    /// On a run over part of the tree (some files, a subfolder), an entry whose `path` matched
    /// none of the checked files is not reported: the run cannot tell that it is stale. Nor is
    /// an entry whose rules are all switched off in this run.
    ///
    /// ## Why is this bad?
    /// An ignore outlives the problem it was written for: the preset was fixed, renamed or
    /// deleted, or the pointer moved. A stale ignore keeps a reason that is no longer true and
    /// silently hides the next problem that happens to match it.
    ///
    /// ## Example
    /// ```toml
    /// [[ignore]]
    /// path = "presets/old-show.hedge"   # deleted last season
    /// rules = ["PL102"]
    /// reason = "the lab asked for the duplicate"
    /// ```
    /// Use instead: remove the entry, or correct its `path`, `pointer` or `rules`.
    pub static UNUSED_IGNORE = {
        code: "PL901",
        name: "unused-ignore",
        severity: Warning,
        summary: "An ignore entry of the config file suppressed nothing",
        fix: None,
    }
}

/// The finding for an unused entry; `span` is the entry in the config file's text.
/// What PL901 knows of one `[[ignore]]` entry after a run.
pub struct IgnoreUse<'a> {
    /// The entry's `[[ignore]]` header in the config file.
    pub span: Span,
    /// The entry in a few words.
    pub described: &'a str,
    /// Whether it suppressed a finding.
    pub suppressed: bool,
    /// Whether the run checked every file its path can match: only then is "suppressed
    /// nothing" a fact and not an artefact of a partial run (pre-commit passes only the
    /// staged files).
    pub every_match_checked: bool,
    /// Whether any of its rules ran: an entry for rules switched off is not judged.
    pub rules_enabled: bool,
}

/// A finding for each entry that could have suppressed something in this run and did not.
pub fn check<'a>(entries: impl Iterator<Item = IgnoreUse<'a>>) -> Vec<Finding> {
    entries
        .filter(|e| !e.suppressed && e.every_match_checked && e.rules_enabled)
        .map(|e| finding(e.span, e.described))
        .collect()
}

fn finding(span: Span, described: &str) -> Finding {
    Finding::new(
        &UNUSED_IGNORE,
        Target::Span(span, String::new()),
        format!("this ignore entry ({described}) suppressed no finding"),
    )
    .with_help("remove the entry, or correct its path, pointer or rules")
}
