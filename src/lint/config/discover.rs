//! Finding the presetlint.toml that governs a folder: the nearest one in it or a parent.

use std::path::{Path, PathBuf};

use super::FILE_NAME;

/// Whether a `presetlint.toml` is there to be read: a file, or a symbolic link that does not
/// lead to a folder. A dangling link or a link to itself counts, so that reading it says what
/// is wrong (exit 2) rather than the run silently using the defaults.
pub fn is_candidate(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => !std::fs::metadata(path).is_ok_and(|t| t.is_dir()),
        Ok(m) => !m.is_dir(),
        Err(_) => false,
    }
}

/// The nearest `presetlint.toml` in `cwd` or a parent, with the path to show for it.
pub fn discover(cwd: &Path) -> Option<(PathBuf, String)> {
    let mut display = String::new();
    for dir in cwd.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if is_candidate(&candidate) {
            return Some((candidate, format!("{display}{FILE_NAME}")));
        }
        display.push_str("../");
    }
    None
}
