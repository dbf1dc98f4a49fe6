//! What differs between Unix and Windows, in one place: every use of `std::os::unix`, `libc`
//! and the Windows API outside the tests is here, behind the same functions on every platform.
//!
//! - special files: a FIFO opened for reading or writing without waiting for the other end;
//!   an entry found in a walk opened without waiting (Unix: `O_NONBLOCK`, `O_NOCTTY`);
//! - a replaced file keeps its owner (Unix; Windows files keep theirs by the rename);
//! - whether a process still runs, for the cleanup of temporary files;
//! - syncing a file system to the disk.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;

#[cfg(not(unix))]
mod portable;
#[cfg(not(unix))]
use portable as imp;
#[cfg(windows)]
mod windows;

use std::fs::File;
use std::io;
use std::path::Path;

/// A file's identity, as the platform gives one that stays stable: device and inode on
/// Unix; `None` on Windows (whose file index std does not give yet).
pub fn file_identity(metadata: &std::fs::Metadata) -> Option<(u64, u64)> {
    imp::file_identity(metadata)
}

/// Whether a file type is a FIFO (a named pipe in the file system; Windows has none there).
pub fn is_fifo(file_type: &std::fs::FileType) -> bool {
    imp::is_fifo(file_type)
}

/// Opens a FIFO for reading without waiting for a writer, which may never come; reads then
/// block again: with a writer they wait for its data, without one they see the end at once.
pub fn open_fifo_for_reading(path: &Path) -> io::Result<File> {
    imp::open_fifo_for_reading(path)
}

/// Opens a FIFO for writing without waiting for a reader: `Ok(None)` when nobody reads it.
pub fn open_fifo_for_writing(path: &Path) -> io::Result<Option<File>> {
    imp::open_fifo_for_writing(path)
}

/// Opens a regular file for reading without following a symbolic link in its last component
/// (Unix: `O_NOFOLLOW`, so a link swapped in after a look is refused, not followed; elsewhere
/// the caller's look before opening is the check).
pub fn open_no_follow(path: &Path) -> io::Result<File> {
    imp::open_no_follow(path)
}

/// Paths from a program's output, byte for byte (Unix file names need not be UTF-8; Windows'
/// tools write UTF-8, and a name that is not is an error, never read lossily).
pub fn path_from_bytes(bytes: &[u8]) -> io::Result<std::path::PathBuf> {
    imp::path_from_bytes(bytes)
}

/// This machine's name, as an ASC MHL generation records it (`<hostname>`).
pub fn hostname() -> String {
    imp::hostname()
}

/// Makes opening with these options never wait: on a FIFO swapped in for a file, say.
#[cfg(feature = "native")]
pub fn never_wait(options: &mut cap_std::fs::OpenOptions) {
    imp::never_wait(options)
}

/// Gives a file that replaces another the owner of the one replaced, where the platform has
/// owners and the user may give them.
#[cfg(feature = "native")]
pub fn keep_owner(file: &cap_std::fs::File, replaced: &cap_std::fs::Metadata) -> io::Result<()> {
    imp::keep_owner(file, replaced)
}

/// Whether a process with this pid runs on this machine (then its temporary files are live).
pub fn process_is_running(pid: u32) -> bool {
    imp::process_is_running(pid)
}

/// Syncs the file system the folder is on to the disk; returns once it is there (where the
/// platform cannot, returns at once: Windows has no call for a whole file system).
pub fn sync_file_system(folder: &Path) -> io::Result<()> {
    imp::sync_file_system(folder)
}
