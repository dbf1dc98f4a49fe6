//! The paper trail on a destination: what copy and verification tools leave beside the clips.
//! It is never a clip and never a sidecar: generate, preview and audit pass it by, and nothing
//! is ever written inside an ASC MHL history. The one list, documented in the README's
//! "The paper trail and ASC MHL".
//!
//! Covered, and why:
//! - ASC MHL (OffShoot Pro in Archive mode with Checkpoint, Silverstack, ShotPut Pro, YoYotta,
//!   `ascmhl`): the `ascmhl/` history folder (generations and `ascmhl_chain.xml`) is never
//!   entered; its files are the chain of custody a DIT hands to post.
//! - Legacy MHL (Hedge, OffShoot, Silverstack, ShotPut Pro): `*.mhl` files, wherever they are.
//! - OffShoot's and Hedge's Transfer Logs, saved on destinations by default (their names are
//!   not documented: any name holding "transfer log" or "transfer_log", any case, as text, PDF,
//!   HTML or CSV).
//! - Checksum lists that copy tools write beside a card (`*.md5`, `*.sha1`, `*.xxhash`,
//!   `*.xxh64`): ShotPut Pro and YoYotta offer them.
//! - What operating systems leave: `.DS_Store` (any hidden file), `Thumbs.db`, `desktop.ini`.

pub(crate) use crate::model::mhl::{CHAIN_FILE, HISTORY_FOLDER};

/// Whether a folder is an ASC MHL history (never entered, never written in).
pub(crate) fn is_history_folder(name: &str) -> bool {
    name.eq_ignore_ascii_case(HISTORY_FOLDER)
}

/// What a file of the paper trail is, by its name; `None` for any other file.
pub(crate) fn kind_of(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, e)| e);
    if lower == CHAIN_FILE {
        return Some("the chain file of an ASC MHL history");
    }
    match extension {
        Some("mhl") => return Some("an MHL file (a copy's checksums)"),
        Some("md5" | "sha1" | "xxhash" | "xxh64") => {
            return Some("a checksum list written by a copy tool");
        }
        _ => {}
    }
    if (lower.contains("transfer log") || lower.contains("transfer_log"))
        && matches!(extension, Some("txt" | "pdf" | "html" | "csv" | "log"))
    {
        return Some("an OffShoot Transfer Log");
    }
    if lower == "thumbs.db" || lower == "desktop.ini" {
        return Some("a file Windows keeps for a folder");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paper_trail_by_name() {
        for name in [
            "ascmhl_chain.xml",
            "0001_card_2026-12-03_224233Z.mhl",
            "A001.MHL",
            "Transfer Log 2026-12-03.txt",
            "OffShoot_Transfer_Log_A001.pdf",
            "card.md5",
            "card.xxhash",
            "Thumbs.db",
            "desktop.ini",
        ] {
            assert!(kind_of(name).is_some(), "{name}");
        }
        for name in ["A001C001.R3D", "transfer log.R3D", "mhl.mov", "notes.txt"] {
            assert_eq!(kind_of(name), None, "{name}");
        }
        assert!(is_history_folder("ascmhl") && is_history_folder("ASCMHL"));
        assert!(!is_history_folder("ascmhl2"));
    }
}
