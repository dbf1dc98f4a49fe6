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
pub fn sync_file_system(folder: &Path) -> io::Result<()> {
    imp::sync(folder)
}

#[cfg(target_os = "linux")]
mod imp {
    use std::io;
    use std::os::fd::AsRawFd;
    use std::path::Path;

    pub fn sync(folder: &Path) -> io::Result<()> {
        // cap-std's folder handles are O_PATH descriptors, which syncfs refuses.
        let file = std::fs::File::open(folder)?;
        // SAFETY: the descriptor is the open file's and outlives the call.
        if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
mod imp {
    use std::io;
    use std::path::Path;

    pub fn sync(_folder: &Path) -> io::Result<()> {
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
        Ok(())
    }
}

#[cfg(not(unix))]
mod imp {
    use std::io;
    use std::path::Path;

    pub fn sync(_folder: &Path) -> io::Result<()> {
        Ok(())
    }
}
