use std::path::Path;

use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::{FolderContext, FolderFindings, FolderHistory, quoted};
use crate::model::mhl::HashFormat;
use crate::model::sidecar_reader::SidecarFormat;

declare_rule! {
    /// ## What it does
    /// In `audit`, reports a sidecar on a destination that holds an ASC MHL history (a folder
    /// with `ascmhl/`, as OffShoot Pro, Silverstack or `ascmhl create` leave) when no generation
    /// of the history records it; with `--verify-mhl`, also one whose content no longer has
    /// the hash the history records (hashing reads every recorded sidecar, so it is asked for).
    ///
    /// ## Why is this bad?
    /// The history is the chain of custody a DIT hands to post: `ascmhl diff` and every
    /// verification after the shoot report a file it does not know as new, and a changed one
    /// as failed, so the card no longer verifies.
    ///
    /// ## Example
    /// `A001/CLIPS/A001C001.R3D.json` written after `ascmhl create A001`.
    ///
    /// Use instead: `presetlint generate PRESET --destination DIR --mhl`, which records the
    /// sidecars it writes in a new generation.
    pub static SIDECAR_NOT_IN_MHL = {
        code: "PL812",
        name: "sidecar-not-in-mhl",
        severity: Warning,
        summary: "A sidecar is not in the destination's ASC MHL history",
        fix: None,
    }
}

/// A sidecar no generation of the history at `history` records.
fn unrecorded(sidecar: &str, history: &str) -> Finding {
    Finding::new(
        &SIDECAR_NOT_IN_MHL,
        Target::Span(Span::default(), String::new()),
        format!(
            "the sidecar {} is not recorded in the ASC MHL history {}",
            quoted(sidecar),
            quoted(history)
        ),
    )
    .with_help("`presetlint generate --mhl` records the sidecars it writes in a new generation")
}

/// A recorded sidecar whose hash is no longer the one recorded.
fn changed(sidecar: &str, history: &str, format: &str, recorded: &str, now: &str) -> Finding {
    Finding::new(
        &SIDECAR_NOT_IN_MHL,
        Target::Span(Span::default(), String::new()),
        format!(
            "the sidecar {} changed since the ASC MHL history {} recorded it: its {format} is {now}, the history has {recorded}",
            quoted(sidecar),
            quoted(history)
        ),
    )
}

/// The sidecars of a folder under a history that no generation records.
pub fn check(folder: &FolderContext<'_>, out: &mut FolderFindings) {
    let Some(history) = &folder.history else {
        return;
    };
    let mut shown = None;
    for (s, sidecar) in folder.sidecars.iter().enumerate() {
        let name = sidecar.to_string_lossy();
        if SidecarFormat::of_name(&name).is_some() && !history.records[s] {
            let shown = shown.get_or_insert_with(|| history.shown());
            out.of_sidecar[s].push(unrecorded(&name, shown));
        }
    }
}

/// With `--verify-mhl`: a recorded sidecar's bytes, as audit read them, against the hash the
/// history at `root` records for it.
pub fn check_bytes(
    sidecar: &str,
    root: &Path,
    format: HashFormat,
    recorded: &str,
    bytes: &[u8],
) -> Option<Finding> {
    let now = format.hash(bytes);
    (!now.eq_ignore_ascii_case(recorded)).then(|| {
        changed(
            sidecar,
            &FolderHistory::shown_at(root),
            format.name(),
            recorded,
            &now,
        )
    })
}
