//! The one scheme of temporary names: pure, so the walk that skips them (and the
//! playground, which writes nothing) knows them without the writer.

use std::ffi::{OsStr, OsString};

/// The one scheme of temporary names, for a fixed preset, a report and a sidecar alike:
/// `.presetlint-tmp-<pid>-<n>-<name>.tmp` beside the file it becomes (the name part left off
/// when the whole would pass 255 bytes). Hidden and ending in `.tmp`, so that no preset walk,
/// sidecar matcher or media scanner takes it for anything; the pid lets the next `generate`
/// remove one a killed run left, once no process with that pid is running.
pub const TEMP_PREFIX: &str = ".presetlint-tmp-";

/// What every temporary file's name ends with: no scanner's sidecar extension.
pub const TEMP_SUFFIX: &str = ".tmp";

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// The temporary file's name for `file` (a sidecar, a preset, a report).
pub fn temp_name(pid: u32, n: u64, file: &OsStr) -> OsString {
    let mut name = OsString::from(format!("{TEMP_PREFIX}{pid}-{n}"));
    if name.len() + 1 + file.len() + TEMP_SUFFIX.len() <= NAME_MAX {
        name.push("-");
        name.push(file);
    }
    name.push(TEMP_SUFFIX);
    name
}

/// The pid in a temporary file's name, if the name is one of presetlint's temporary files.
pub fn temp_pid(name: &OsStr) -> Option<u32> {
    let rest = name.to_str()?.strip_prefix(TEMP_PREFIX)?;
    let (pid, rest) = rest.split_once('-')?;
    // Runs before the `.tmp` ending left `...-<n>-A001.R3D.json`: still ours.
    let counter = rest.split(['-', '.']).next()?;
    if counter.is_empty() || !counter.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

pub fn is_temp_name(name: &OsStr) -> bool {
    temp_pid(name).is_some()
}
