//! Reading a preset's bytes without trusting the file: a size limit, so that a 1 GB file or
//! /dev/zero is refused with a clear error in bounded memory, and FIFOs that nobody writes to
//! read as empty instead of blocking forever.

use std::fmt;

use std::io::{self, Read};
use std::path::Path;

/// The default of `--max-file-size`: far above any real preset, far below a machine's memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Which file a path names, as far as the platform says: on Unix its device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The file of a metadata; `None` where the platform gives no stable identity (compared
    /// only on Unix, where device and inode are that identity).
    pub fn of(metadata: &std::fs::Metadata) -> Option<FileId> {
        crate::base::platform::file_identity(metadata).map(|(dev, ino)| FileId { dev, ino })
    }

    pub fn new(dev: u64, ino: u64) -> FileId {
        FileId { dev, ino }
    }
}

/// Why a preset could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// More bytes than the limit; reading stopped there.
    TooLarge {
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge { limit } => write!(
                f,
                "file too large: more than {} (raise --max-file-size if it is meant to be this large)",
                human_size(*limit)
            ),
        }
    }
}

/// Reads a file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_file_identified(path, limit).map(|(bytes, _)| bytes)
}

/// Reads a file of at most `limit` bytes, with the identity of the file the bytes came from
/// (taken from the open file, so it is the one read even if the path changes meanwhile), for
/// a writer that must not replace anything else ([`crate::base::atomic`]).
pub fn read_file_identified(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, Option<FileId>), ReadError> {
    #[cfg(not(feature = "native"))]
    return memory::read(path, limit).map(|bytes| (bytes, None));
    #[cfg(feature = "native")]
    read_from_disk(path, limit)
}

#[cfg(feature = "native")]
fn read_from_disk(path: &Path, limit: u64) -> Result<(Vec<u8>, Option<FileId>), ReadError> {
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    if metadata.is_dir() {
        return Err(ReadError::Io(io::Error::other("is a directory")));
    }
    if metadata.is_file() && metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = if crate::base::platform::is_fifo(&metadata.file_type()) {
        crate::base::platform::open_fifo_for_reading(path)
    } else {
        std::fs::File::open(path)
    }
    .map_err(ReadError::Io)?;
    let id = file.metadata().ok().and_then(|m| FileId::of(&m));
    // A regular file's size is known: one allocation, no regrowing while reading.
    let expected = if metadata.is_file() {
        metadata.len() as usize + 1
    } else {
        0
    };
    Ok((read_into(file, limit, Vec::with_capacity(expected))?, id))
}

/// The files of a build without the `native` feature (the browser playground), which has no
/// file system: the texts the page holds, under the paths it gives them. Read through the
/// same reader, with the same limit, so the engine, the config loader and the side-file
/// readers are the command line's own.
#[cfg(not(feature = "native"))]
pub mod memory {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::io;
    use std::path::{Component, Path, PathBuf};

    use super::ReadError;

    thread_local! {
        /// The folder relative paths are in, and the files.
        static FILES: RefCell<(PathBuf, HashMap<PathBuf, Vec<u8>>)> = RefCell::default();
    }

    /// `a/./b/../c` as `a/c`: a config's `view = "./view.json"` names the page's view.json.
    fn normal(path: &Path) -> PathBuf {
        let mut out = PathBuf::new();
        for part in path.components() {
            match part {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Makes these the only files there are, relative paths being in `folder`.
    pub fn replace(folder: &Path, files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) {
        let files = files
            .into_iter()
            .map(|(path, bytes)| (normal(&folder.join(path)), bytes));
        FILES.with(|all| *all.borrow_mut() = (folder.to_path_buf(), files.collect()));
    }

    /// Every file there is, by its full path.
    pub fn paths() -> Vec<PathBuf> {
        FILES.with(|all| all.borrow().1.keys().cloned().collect())
    }

    pub(super) fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        FILES.with(|all| {
            let (folder, files) = &*all.borrow();
            match files.get(&normal(&folder.join(path))) {
                Some(bytes) if bytes.len() as u64 > limit => Err(ReadError::TooLarge { limit }),
                Some(bytes) => Ok(bytes.clone()),
                None => Err(ReadError::Io(io::Error::new(
                    io::ErrorKind::NotFound,
                    "no such file in the playground",
                ))),
            }
        })
    }
}

/// The side files this process has read (configs, views, baselines, values files, transfer
/// logs): few, and never replaced by a report or baseline ([`crate::base::atomic`]).
static SIDE_FILES_READ: std::sync::Mutex<Vec<FileId>> = std::sync::Mutex::new(Vec::new());

/// Reads a side file (a config, a view, a baseline, values, a transfer log) of at most `limit`
/// bytes, and notes which file it was, so that nothing this run writes replaces it.
pub fn read_side_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (bytes, id) = read_file_identified(path, limit)?;
    if let Some(id) = id {
        // Once each: the language server reads the same config again on every change.
        let mut read = SIDE_FILES_READ
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !read.contains(&id) {
            read.push(id);
        }
    }
    Ok(bytes)
}

/// Whether this process has read the file `id` as a side file.
pub fn was_read_as_side_file(id: FileId) -> bool {
    SIDE_FILES_READ
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .contains(&id)
}

/// Reads a file of presetlint's own (a cached view) of at most `limit` bytes: only a regular
/// file, never through a symbolic link, whatever was put in its place.
pub fn read_own_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::symlink_metadata(path).map_err(ReadError::Io)?;
    if metadata.file_type().is_symlink() {
        return Err(ReadError::Io(io::Error::other(
            "it is a symbolic link, which presetlint does not follow here",
        )));
    }
    if !metadata.is_file() {
        return Err(ReadError::Io(io::Error::other("it is not a regular file")));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = crate::base::platform::open_no_follow(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::Io(io::Error::other("it is not a regular file")));
    }
    read_sized(file, opened.len(), limit)
}

/// Reads a regular file as large as its metadata said, refusing one past `limit` before
/// reading it. The buffer is allocated once and reading stops at that size, so a small file
/// costs one read call (audit reads 100,000 sidecars): what was appended after the look at
/// its size is not read, and a file that shrank is read as it is now.
pub fn read_sized(reader: impl Read, size: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    if size > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    reader
        .take(size)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// Reads a stream of at most `limit` bytes.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_into(reader, limit, Vec::new())
}

fn read_into(reader: impl Read, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>, ReadError> {
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let err = read_file(&path, 1024).unwrap_err();
        assert_eq!(
            err.to_string(),
            "file too large: more than 1024 bytes (raise --max-file-size if it is meant to be this large)"
        );
        assert_eq!(read_file(&path, 4096).unwrap().len(), 2048);
    }

    /// Unix only: Windows has no /dev/zero (its devices are refused as not regular files).
    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused_in_bounded_memory() {
        let err = read_file(Path::new("/dev/zero"), DEFAULT_MAX_FILE_SIZE).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }));
        assert!(
            err.to_string()
                .starts_with("file too large: more than 64 MiB")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_without_a_writer_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preset.json");
        let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        assert_eq!(read_file(&path, 1024).unwrap(), Vec::<u8>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_with_a_writer_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("preset.json");
        let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: as above.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        // A writer that never waits for a reader, writing once for each try of the reader: a
        // reader that opens between a writer's open and its write reads an empty FIFO (and
        // the bytes are lost when it closes), so one write could be missed.
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let tries = std::sync::Arc::new(AtomicUsize::new(0));
        let done = std::sync::Arc::new(AtomicBool::new(false));
        let writer = {
            let (path, tries, done) = (path.clone(), tries.clone(), done.clone());
            std::thread::spawn(move || {
                use std::io::Write;
                let mut written_for = usize::MAX;
                while !done.load(Ordering::Relaxed) {
                    let now = tries.load(Ordering::Relaxed);
                    if now != written_for
                        && let Ok(Some(mut fifo)) =
                            crate::base::platform::open_fifo_for_writing(&path)
                    {
                        // A reader that closed first makes this fail (EPIPE): the next try
                        // gets another write.
                        let _ = fifo.write_all(b"{}");
                        written_for = now;
                    }
                    // Not a sleep: a writer and a reader that both sleep lock into step on
                    // a busy machine and miss each other.
                    std::thread::yield_now();
                }
            })
        };
        let mut got = Vec::new();
        for _ in 0..5000 {
            got = read_file(&path, 1024).unwrap();
            if !got.is_empty() {
                break;
            }
            tries.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        done.store(true, Ordering::Relaxed);
        writer.join().unwrap();
        assert_eq!(got, b"{}");
    }
}
