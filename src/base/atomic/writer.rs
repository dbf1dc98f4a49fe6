//! The writer itself: a handle on the folder, a temporary file, a rename.

use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use cap_fs_ext::MetadataExt as _;
use cap_std::ambient_authority;
use cap_std::fs::{Dir, OpenOptions};

pub use crate::base::input::FileId;

use super::temp_name::temp_name;

/// What must hold of the file at the path for it to be replaced.
#[derive(Debug, Clone, Copy)]
pub enum Guard<'a> {
    /// A file that was read (`--fix`): it must still hold `bytes`, and be the same file.
    Unchanged { bytes: &'a [u8], id: Option<FileId> },
    /// A report: it may be new, but never one of these files (the run's inputs).
    NotOneOf(&'a [FileId]),
    /// A file of presetlint's own: new, or a regular file; never through a link.
    Own,
    /// A new file (`init`): never put in place of anything, not even a file made meanwhile.
    New,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    /// The file no longer holds what was read: someone edited it meanwhile.
    Changed,
    /// The file has no write permission.
    ReadOnly,
    /// The file has this many hard links, which replacing it would cut.
    HardLinks(u64),
    /// The path is one of the run's inputs.
    IsInput,
    /// The path names neither a regular file nor a special file presetlint can write.
    NotWritable(&'static str),
    /// Something is there already, and the guard asked for a new file.
    Exists,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io(e) => write!(f, "{e}"),
            WriteError::Changed => f.write_str(
                "it changed since it was read (an edit made meanwhile is kept; run again)",
            ),
            WriteError::ReadOnly => f.write_str("it is read-only"),
            WriteError::HardLinks(n) => write!(
                f,
                "it has {n} hard links, which replacing it would cut (fix one copy by hand, or remove the other links)"
            ),
            WriteError::IsInput => f.write_str("it is one of the files this run read"),
            WriteError::NotWritable(what) => write!(f, "it is {what}"),
            WriteError::Exists => {
                f.write_str("it exists already, and presetlint does not replace it")
            }
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

/// Writes `bytes` to `path` as the module's promises say.
pub fn write(path: &Path, bytes: &[u8], guard: Guard<'_>) -> Result<(), WriteError> {
    write_from(path, &mut { bytes }, guard)
}

/// [`write`], the content read from `content` (a report kept on disk while it was written):
/// what is put in place is all of it, or nothing.
pub fn write_from(path: &Path, content: &mut dyn Read, guard: Guard<'_>) -> Result<(), WriteError> {
    if let Guard::New = guard {
        return write_new(path, content);
    }
    if let Guard::Own = guard {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(WriteError::NotWritable(
                    "a symbolic link, which presetlint does not follow here",
                ));
            }
            Ok(m) if !m.is_file() => return Err(WriteError::NotWritable("not a regular file")),
            _ => {}
        }
    }
    // A special file is written where it is; what counts is the file the path leads to.
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => return write_special(path, &metadata, content),
        Ok(_) => {}
        Err(e)
            if e.kind() == io::ErrorKind::NotFound
                && matches!(guard, Guard::NotOneOf(_) | Guard::Own) =>
        {
            // A new report; a dangling symbolic link is refused below, not followed.
        }
        Err(e) => return Err(e.into()),
    }
    let (dir_path, name) = resolve(path)?;
    let dir = Dir::open_ambient_dir(&dir_path, ambient_authority())?;
    let existing = match dir.symlink_metadata(&name) {
        Ok(metadata) => Some(metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(metadata) = &existing {
        if metadata.file_type().is_symlink() {
            return Err(WriteError::NotWritable("a symbolic link to a missing file"));
        }
        check(&dir, &name, metadata, guard)?;
    } else if let Guard::Unchanged { .. } = guard {
        return Err(WriteError::Changed);
    }
    let (temp, mut file) = create_temp(&dir, &name)?;
    let placed = (|| -> Result<(), WriteError> {
        io::copy(content, &mut file)?;
        if let Some(metadata) = &existing {
            file.set_permissions(metadata.permissions())?;
            keep_owner(&file, metadata)?;
        }
        file.sync_all()?;
        drop(file);
        // Checked again just before the rename: the window left is the rename itself. A
        // preset removed meanwhile is not brought back; a report may be written anew.
        if existing.is_some() {
            match dir.symlink_metadata(&name) {
                Ok(metadata) => check(&dir, &name, &metadata, guard)?,
                Err(_) if matches!(guard, Guard::Unchanged { .. }) => {
                    return Err(WriteError::Changed);
                }
                Err(_) => {}
            }
        }
        dir.rename(&temp, &dir, &name)?;
        Ok(())
    })();
    if placed.is_err() {
        let _ = dir.remove_file(&temp);
    }
    placed
}

/// A new file at `path`, written aside and linked into place: the link fails if anything is
/// there by then, so nothing is ever replaced.
fn write_new(path: &Path, content: &mut dyn Read) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists);
    }
    let (dir_path, name) = resolve(path)?;
    let dir = Dir::open_ambient_dir(&dir_path, ambient_authority())?;
    let (temp, mut file) = create_temp(&dir, &name)?;
    let placed = (|| -> Result<(), WriteError> {
        io::copy(content, &mut file)?;
        file.sync_all()?;
        drop(file);
        match dir.hard_link(&temp, &dir, &name) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists),
            // A file system without hard links (FAT, exFAT): checked once more, then renamed;
            // the window left is the rename itself.
            Err(_) if dir.symlink_metadata(&name).is_ok() => Err(WriteError::Exists),
            Err(_) => dir.rename(&temp, &dir, &name).map_err(WriteError::from),
        }
    })();
    let _ = dir.remove_file(&temp);
    placed
}

/// The folder and file name to write: a symbolic link's target (followed on purpose, to the
/// end of its chain), else the path as given.
fn resolve(path: &Path) -> Result<(PathBuf, PathBuf), WriteError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
            .map_err(|_| WriteError::NotWritable("a symbolic link to a missing file"))?,
        _ => path.to_path_buf(),
    };
    let name = target
        .file_name()
        .map(PathBuf::from)
        .ok_or(WriteError::NotWritable("not a file name"))?;
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name))
}

/// The guard, and what no replacement may break.
fn check(
    dir: &Dir,
    name: &Path,
    metadata: &cap_std::fs::Metadata,
    guard: Guard<'_>,
) -> Result<(), WriteError> {
    if !metadata.is_file() {
        return Err(WriteError::NotWritable("not a regular file"));
    }
    let id = FileId::new(metadata.dev(), metadata.ino());
    match guard {
        Guard::Own | Guard::New => {}
        Guard::NotOneOf(inputs) => {
            if cfg!(unix) && (inputs.contains(&id) || crate::base::input::was_read_as_side_file(id))
            {
                return Err(WriteError::IsInput);
            }
        }
        Guard::Unchanged { bytes, id: read_as } => {
            if read_as.is_some_and(|read_as| cfg!(unix) && read_as != id)
                || metadata.len() != bytes.len() as u64
                || dir.read(name)? != bytes
            {
                return Err(WriteError::Changed);
            }
            if metadata.permissions().readonly() {
                return Err(WriteError::ReadOnly);
            }
            // Whoever may not write the file may not replace it either, though the folder
            // would let the rename through.
            if let Err(e) = dir.open_with(name, OpenOptions::new().write(true)) {
                return Err(match e.kind() {
                    io::ErrorKind::PermissionDenied => WriteError::ReadOnly,
                    _ => e.into(),
                });
            }
        }
    }
    if metadata.nlink() > 1 {
        return Err(WriteError::HardLinks(metadata.nlink()));
    }
    Ok(())
}

/// A new file beside `name`, named by the one scheme ([`temp_name`]).
fn create_temp(dir: &Dir, name: &Path) -> io::Result<(PathBuf, cap_std::fs::File)> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = PathBuf::from(temp_name(std::process::id(), n, name.as_os_str()));
        match dir.open_with(&temp, OpenOptions::new().write(true).create_new(true)) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn keep_owner(file: &cap_std::fs::File, metadata: &cap_std::fs::Metadata) -> io::Result<()> {
    crate::base::platform::keep_owner(file, metadata)
}

/// A device, a terminal or a FIFO: written in place.
fn write_special(
    path: &Path,
    metadata: &std::fs::Metadata,
    content: &mut dyn Read,
) -> Result<(), WriteError> {
    if metadata.is_dir() {
        return Err(WriteError::NotWritable("a folder"));
    }
    let mut file = open_special(path, metadata)?;
    io::copy(content, &mut file)?;
    file.flush()?;
    Ok(())
}

fn open_special(path: &Path, metadata: &std::fs::Metadata) -> Result<std::fs::File, WriteError> {
    if crate::base::platform::is_fifo(&metadata.file_type()) {
        // Opening a FIFO to write waits for a reader, which may never come.
        return crate::base::platform::open_fifo_for_writing(path)?
            .ok_or(WriteError::NotWritable("a FIFO that nobody reads"));
    }
    Ok(std::fs::OpenOptions::new().write(true).open(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn unchanged(bytes: &[u8]) -> Guard<'_> {
        Guard::Unchanged { bytes, id: None }
    }

    #[test]
    fn replaces_the_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, "old").unwrap();
        write(&path, b"new", unchanged(b"old")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, "edited meanwhile").unwrap();
        let err = write(&path, b"fixed", unchanged(b"as read")).unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_symbolic_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new", unchanged(b"old")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_and_hard_linked_files_are_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            write(&path, b"new", unchanged(b"old")),
            Err(WriteError::ReadOnly)
        ));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        fs::hard_link(&path, dir.path().join("b.json")).unwrap();
        assert!(matches!(
            write(&path, b"new", unchanged(b"old")),
            Err(WriteError::HardLinks(2))
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn a_missing_preset_is_an_error_and_creates_nothing_a_missing_report_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.json");
        assert!(write(&missing, b"x", unchanged(b"x")).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        write(&missing, b"report", Guard::NotOneOf(&[])).unwrap();
        assert_eq!(fs::read_to_string(&missing).unwrap(), "report");
    }

    #[cfg(unix)]
    #[test]
    fn a_report_never_replaces_an_input_and_writes_devices_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        fs::write(&path, "{}").unwrap();
        let id = FileId::of(&fs::metadata(&path).unwrap()).unwrap();
        assert!(matches!(
            write(&path, b"report", Guard::NotOneOf(&[id])),
            Err(WriteError::IsInput)
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
        write(Path::new("/dev/null"), b"report", Guard::NotOneOf(&[])).unwrap();
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
    }
}
