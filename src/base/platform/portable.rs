//! Every platform but Unix (Windows included): no FIFOs in the file system (Windows' named
//! pipes live under `\\.\pipe\`), opening never waits, a renamed file keeps the owner it was
//! created with, no stable file index from std (`MetadataExt::file_index` is unstable), and no
//! call that syncs a whole volume for an unprivileged user (the README says so).

use std::fs::File;
use std::io;
use std::path::Path;

pub(crate) fn file_identity(_metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

pub(crate) fn is_fifo(_file_type: &std::fs::FileType) -> bool {
    false
}

pub(crate) fn open_fifo_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

pub(crate) fn hostname() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "localhost".to_owned())
}

pub(crate) fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

pub(crate) fn path_from_bytes(bytes: &[u8]) -> io::Result<std::path::PathBuf> {
    std::str::from_utf8(bytes)
        .map(std::path::PathBuf::from)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "a path that is not UTF-8"))
}

pub(crate) fn open_fifo_for_writing(path: &Path) -> io::Result<Option<File>> {
    std::fs::OpenOptions::new().write(true).open(path).map(Some)
}

#[cfg(feature = "native")]
pub(crate) fn never_wait(_options: &mut cap_std::fs::OpenOptions) {}

#[cfg(feature = "native")]
pub(crate) fn keep_owner(
    _file: &cap_std::fs::File,
    _replaced: &cap_std::fs::Metadata,
) -> io::Result<()> {
    Ok(())
}

pub(crate) fn sync_file_system(_folder: &Path) -> io::Result<()> {
    Ok(())
}

/// Where the platform cannot tell, every process may still run: its files are kept.
#[cfg(not(windows))]
pub(crate) fn process_is_running(_pid: u32) -> bool {
    true
}

#[cfg(windows)]
pub(crate) use super::windows::process_is_running;
