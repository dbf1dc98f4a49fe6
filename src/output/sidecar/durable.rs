//! Making what `generate` wrote survive a power cut before it says so.
//!
//! A rename puts a sidecar in place atomically, but its data may sit in the page cache for
//! half a minute; a power cut then leaves an empty or torn sidecar (which `audit` reports and
//! `generate --repair` replaces). So once a destination is done, and before the summary, its
//! file system is synced once: `syncfs` on Linux (one call for every file written, instead
//! of one `fsync` per sidecar, which costs a disk flush each), `sync` on other Unix systems.
//! Windows has neither; there nothing is synced (`FlushFileBuffers` would be per file).

use std::io;
use std::path::Path;

/// Syncs the file system the folder is on; returns once the data is on the disk. The folder
/// is opened only to name its file system: nothing is read or written through it.
pub(crate) fn sync_file_system(folder: &Path) -> io::Result<()> {
    crate::base::platform::sync_file_system(folder)
}
