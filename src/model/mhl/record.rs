//! A new generation of an ASC MHL history that records files presetlint wrote (as
//! `ascmhl create ROOT -sf FILE` does: those files only, no completeness check), and its entry
//! in the chain. The generation is written first, as a new file; the chain is then replaced
//! only while it still holds what was read; if that fails, the generation is removed, so a
//! history is never left with a generation outside its chain, nor a chain entry without one.

use std::path::PathBuf;

use crate::base::atomic::{self, Guard};
use crate::base::xml::escape;
use crate::model::mhl::hash::{HashFormat, c4};
use crate::model::mhl::history::{CHAIN_FILE, HISTORY_FOLDER, History};

/// What a recording wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub generation: PathBuf,
    pub format: HashFormat,
    pub files: usize,
}

/// OffShoot's checksum when a history records no file yet.
const DEFAULT_FORMAT: HashFormat = HashFormat::Xxh64;

/// ISO 8601 in UTC, as the reference implementation writes dates (`+00:00`).
fn iso(time: jiff::Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// Records `files` (under the history's root) in a new generation dated `now`.
pub fn record(
    history: &History,
    files: &[PathBuf],
    now: jiff::Timestamp,
) -> Result<Recorded, String> {
    let format = history.format.unwrap_or(DEFAULT_FORMAT);
    let mut hashes = String::new();
    for file in files {
        let key = history
            .key_of(file)
            .ok_or_else(|| format!("{} is not under {}", file.display(), history.root.display()))?;
        let metadata = std::fs::symlink_metadata(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let bytes =
            crate::base::input::read_own_file(file, crate::base::input::DEFAULT_MAX_FILE_SIZE)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let modified = metadata
            .modified()
            .ok()
            .and_then(|m| jiff::Timestamp::try_from(m).ok())
            .unwrap_or(now);
        hashes.push_str(&format!(
            "    <hash>\n      <path size=\"{}\" lastmodificationdate=\"{}\">{}</path>\n      <{name} action=\"original\" hashdate=\"{}\">{}</{name}>\n    </hash>\n",
            bytes.len(),
            iso(modified),
            escape(&key),
            iso(now),
            format.hash(&bytes),
            name = format.name(),
        ));
    }
    let generation_text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hashlist version=\"2.0\" xmlns=\"urn:ASC:MHL:v2.0\">\n  <creatorinfo>\n    <creationdate>{}</creationdate>\n    <hostname>{}</hostname>\n    <tool version=\"{}\">presetlint</tool>\n  </creatorinfo>\n  <processinfo>\n    <process>in-place</process>\n    <ignore>\n      <pattern>.DS_Store</pattern>\n      <pattern>ascmhl</pattern>\n      <pattern>ascmhl/</pattern>\n    </ignore>\n  </processinfo>\n  <hashes>\n{hashes}  </hashes>\n</hashlist>\n",
        iso(now),
        escape(&crate::base::platform::hostname()),
        env!("CARGO_PKG_VERSION"),
    );
    let folder = history.root.join(HISTORY_FOLDER);
    let root_name = history
        .root
        .file_name()
        .map_or_else(|| "root".to_owned(), |n| n.to_string_lossy().into_owned());
    let sequence = history.next_sequence();
    let name = format!(
        "{sequence:04}_{root_name}_{}.mhl",
        now.strftime("%Y-%m-%d_%H%M%SZ")
    );
    let generation = folder.join(&name);
    if std::fs::symlink_metadata(&generation).is_ok() {
        return Err(format!("{} already exists", generation.display()));
    }
    atomic::write(&generation, generation_text.as_bytes(), Guard::Own)
        .map_err(|e| format!("cannot write {}: {e}", generation.display()))?;
    let chain = chained(history, sequence, &name, &c4(generation_text.as_bytes()))?;
    let chain_path = folder.join(CHAIN_FILE);
    let replaced = atomic::write(
        &chain_path,
        chain.as_bytes(),
        Guard::Unchanged {
            bytes: &history.chain,
            id: history.chain_id,
        },
    );
    if let Err(e) = replaced {
        let _ = std::fs::remove_file(&generation);
        return Err(format!(
            "cannot add the generation to {}: {e}",
            chain_path.display()
        ));
    }
    Ok(Recorded {
        generation,
        format,
        files: files.len(),
    })
}

/// The chain with an entry for the new generation, before its closing tag.
fn chained(history: &History, sequence: u32, name: &str, id: &str) -> Result<String, String> {
    let text =
        std::str::from_utf8(&history.chain).map_err(|_| "the chain is not UTF-8".to_owned())?;
    let close = "</ascmhldirectory>";
    let at = text
        .rfind(close)
        .ok_or_else(|| format!("the chain has no {close}"))?;
    Ok(format!(
        "{}  <hashlist sequencenr=\"{sequence}\">\n    <path>{}</path>\n    <c4>{id}</c4>\n  </hashlist>\n{}",
        &text[..at],
        escape(name),
        &text[at..]
    ))
}
