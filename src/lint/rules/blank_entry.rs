use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext};
use crate::model::preset::ListKind;

declare_rule! {
    /// ## What it does
    /// Reports an empty or whitespace-only entry in an iconik list.
    ///
    /// ## Why is this bad?
    /// An empty destination, extension or element matches nothing and means nothing; it is
    /// usually a leftover from editing, or a value that was never filled in.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarDestinations": ["RAID", ""] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarDestinations": ["RAID"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: removes the entry, unless it is the list's only entry: an empty destination or
    /// extension list means "everything", the opposite of what a blank entry suggests, so
    /// that is left to a person.
    pub static BLANK_ENTRY = {
        code: "PL103",
        name: "blank-entry",
        severity: Error,
        summary: "An entry is empty or only whitespace",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    if !entry.value.is_empty() {
        return None;
    }
    let message = if entry.raw.is_empty() {
        format!("empty entry in {}", entry.list.key())
    } else {
        format!("entry of {} holds only whitespace", entry.list.key())
    };
    let finding = Finding::new(&BLANK_ENTRY, entry.target(), message);
    if entry.is_only {
        let meaning = match entry.list {
            ListKind::Destinations => "every destination",
            ListKind::Extensions => "every file",
            ListKind::Elements => "sidecars without metadata",
        };
        return Some(finding.with_help(format!(
            "write the entry meant, or remove {}: an empty list would mean {meaning}",
            entry.list.key()
        )));
    }
    Some(finding.with_fix(
        Safety::Safe,
        "Remove the entry",
        vec![FixAction::RemoveItem {
            pointer: entry.pointer(),
        }],
    ))
}
