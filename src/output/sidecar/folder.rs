//! A folder of a destination, open: the walk lists it and the writer writes in it through
//! this handle, never through its path again, so a folder swapped for a symbolic link during
//! the run (to `../outside`, say) redirects nothing. Folders below a destination are opened
//! from their parent's handle without following symbolic links (cap-std, which does this on
//! every platform).

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use cap_fs_ext::{DirExt, FollowSymlinks, OpenOptionsFollowExt};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, File, OpenOptions};

/// An open folder, and its path for messages and reports.
#[derive(Debug)]
pub(crate) struct OpenFolder {
    /// The path as the user gave the destination, joined with the names below it.
    pub path: PathBuf,
    pub dir: Dir,
}

impl OpenFolder {
    /// A destination the user named (a symbolic link given here is the user's choice).
    pub(crate) fn open(path: &Path) -> io::Result<OpenFolder> {
        Ok(OpenFolder {
            path: path.to_path_buf(),
            dir: Dir::open_ambient_dir(path, ambient_authority())?,
        })
    }

    /// A subfolder, refusing a symbolic link (even one that appeared since the listing).
    pub(crate) fn open_child(&self, name: &OsStr) -> io::Result<OpenFolder> {
        Ok(OpenFolder {
            path: self.path.join(name),
            dir: self.dir.open_dir_nofollow(name)?,
        })
    }

    /// Opens an entry for reading without following a symbolic link and without waiting on a
    /// FIFO: a sidecar found in the walk may have been swapped for either since.
    pub(crate) fn open_for_reading(&self, name: &OsStr) -> io::Result<File> {
        let mut options = OpenOptions::new();
        options.read(true).follow(FollowSymlinks::No);
        crate::base::platform::never_wait(&mut options);
        self.dir.open_with(name, &options)
    }

    /// The path of an entry, for messages.
    pub(crate) fn join(&self, name: &OsStr) -> PathBuf {
        self.path.join(name)
    }
}
