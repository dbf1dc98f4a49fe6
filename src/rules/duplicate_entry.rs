use std::borrow::Cow;

use crate::declare_rule;
use crate::diagnostic::{Finding, FixAction, Safety, Target};
use crate::rules::{Entry, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an entry that repeats an earlier entry of the same iconik list, ignoring case
    /// and outer whitespace. The earlier entry is shown beside it.
    ///
    /// ## Why is this bad?
    /// Extensions, volume names and path patterns are matched ignoring case, so `.MOV` and
    /// `.mov` are the same entry; a repeated element would write its field twice. Repeats are
    /// usually left over from merging presets, and hide which entry was meant.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [".MOV", ".R3D", ".mov"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".MOV", ".R3D"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: removes the repeated entry.
    pub static DUPLICATE_ENTRY = {
        code: "PL102",
        name: "duplicate-entry",
        severity: Warning,
        summary: "An entry repeats an earlier one in the same list, ignoring case",
        fix: Safe,
    }
}

/// Checks the entries of one list that passed the other entry rules.
pub fn check(entries: &[Entry<'_>]) -> Vec<Finding> {
    // foldhash: a list may hold 100,000 entries, and SipHash's resistance to chosen keys buys
    // nothing here.
    let mut first_seen: foldhash::HashMap<Cow<'_, str>, &Entry<'_>> =
        foldhash::HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut out = Vec::new();
    for entry in entries {
        // An ASCII entry without capitals is its own folded form: no allocation.
        let folded: Cow<'_, str> = if !entry.value.is_ascii() {
            Cow::Owned(entry.value.to_lowercase())
        } else if entry.value.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(entry.value.to_ascii_lowercase())
        } else {
            Cow::Borrowed(entry.value)
        };
        match first_seen.get(&folded) {
            Some(first) => {
                let message = if first.value == entry.value {
                    format!("{} repeats an earlier entry", quoted(entry.value))
                } else {
                    format!(
                        "{} repeats {} (entries are compared ignoring case)",
                        quoted(entry.value),
                        quoted(first.value)
                    )
                };
                out.push(
                    Finding::new(&DUPLICATE_ENTRY, entry.target(), message)
                        .with_related(Target::Value(first.pointer()), "first given here")
                        .with_fix(
                            Safety::Safe,
                            "Remove the repeated entry",
                            vec![FixAction::RemoveItem {
                                pointer: entry.pointer(),
                            }],
                        ),
                );
            }
            None => {
                first_seen.insert(folded, entry);
            }
        }
    }
    out
}
