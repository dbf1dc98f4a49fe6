//! Writing one sidecar, atomically and without ever losing anything.
//!
//! The content goes to a hidden temporary file in the sidecar's own folder, named
//! `.presetlint-tmp-<pid>-<n>-<sidecar name>.tmp` (the name part is left off when the whole
//! would pass 255 bytes): hidden, and ending in `.tmp`, so that no sidecar matcher or media
//! scanner takes it for a `.json`, `.xml` or `.csv` to ingest. It is then linked or renamed
//! into place: the sidecar is either
//! absent or whole, even when the process is killed half-way. A temporary file left behind
//! by a killed run is removed by the next `generate` that walks its folder, once no process
//! with its pid is running on this machine.
//!
//! A new sidecar is put in place with a hard link, which fails rather than replace a file
//! that appeared in the meantime; where the file system has no hard links (FAT, exFAT, some
//! network shares) presetlint checks again that the name is free and renames. An existing
//! sidecar is read and compared: the same bytes are "unchanged"; other bytes are a conflict,
//! left untouched unless `--overwrite` asks for the rename over it. Clips are never opened
//! for writing: only the temporary file is.
//!
//! A differing sidecar is a conflict, unless `--overwrite` replaces it, or `--repair` and the
//! sidecar is broken (not readable as its format, or not iconik's structure: what a crash
//! leaves), which is then replaced. Durability (syncing what was written) is
//! [`crate::output::sidecar::durable`]'s.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use cap_std::fs::OpenOptions;
use serde::Serialize;

use crate::output::sidecar::folder::OpenFolder;

use crate::base::atomic::{temp_name, temp_pid};

/// Removes a temporary file left by a run that is no longer running. `Ok(false)`: kept,
/// because its run may still be going.
pub(crate) fn remove_stale_temp(folder: &OpenFolder, name: &OsStr) -> io::Result<bool> {
    match temp_pid(name) {
        Some(pid)
            if pid != std::process::id() && !crate::base::platform::process_is_running(pid) =>
        {
            match folder.dir.remove_file(name) {
                Ok(()) => Ok(true),
                // Its run finished with it between our listing and now (two runs at once).
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
                Err(err) => Err(err),
            }
        }
        _ => Ok(false),
    }
}

/// What happened to one clip's sidecar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome", content = "message")]
pub enum Outcome {
    Written,
    /// A differing sidecar replaced, as `--overwrite` asked.
    Overwritten,
    /// A broken sidecar (unreadable, or not iconik's structure) replaced, as `--repair` asked.
    Repaired,
    /// The sidecar exists with exactly this content.
    Unchanged,
    /// A sidecar with other content exists; left untouched.
    Conflict,
    /// `--dry-run`: would be written.
    WouldWrite,
    /// `--dry-run` with `--overwrite`: would replace a differing sidecar.
    WouldOverwrite,
    /// `--dry-run` with `--repair`: would replace a broken sidecar.
    WouldRepair,
    /// `replace` naming gives another clip of the folder the same sidecar; neither is written.
    Collision(String),
    /// Nothing could be done; the message says why, with the path.
    Error(String),
}

impl Outcome {
    /// The word the reports use.
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Written => "written",
            Outcome::Overwritten => "overwritten",
            Outcome::Repaired => "repaired",
            Outcome::Unchanged => "unchanged",
            Outcome::Conflict => "conflict",
            Outcome::WouldWrite => "would write",
            Outcome::WouldOverwrite => "would overwrite",
            Outcome::WouldRepair => "would repair",
            Outcome::Collision(_) => "collision",
            Outcome::Error(_) => "error",
        }
    }

    /// Whether this outcome makes the run fail (exit 1).
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Outcome::Conflict | Outcome::Collision(_) | Outcome::Error(_)
        )
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    pub dry_run: bool,
    pub overwrite: bool,
    /// Replace a differing sidecar when it is broken (`--repair`).
    pub repair: bool,
}

/// Numbers temporary files within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// What is at the sidecar's path now.
enum Existing {
    Nothing,
    Same,
    Different,
}

/// What is at a sidecar's name now: nothing, these very bytes, or something else. Opened
/// without following a symbolic link and without waiting on a FIFO (a link to a file with the
/// same bytes is not an unchanged sidecar).
fn existing(folder: &OpenFolder, name: &OsStr, content: &[u8]) -> Result<Existing, String> {
    let shown = || folder.join(name).display().to_string();
    let mut file = match folder.open_for_reading(name) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(err) => {
            return match folder.dir.symlink_metadata(name) {
                Ok(meta) if !meta.is_file() => Err(format!(
                    "{} exists and is not a regular file; left alone",
                    shown()
                )),
                // Before anything is written: the sidecar's name itself cannot be used.
                _ => Err(format!("cannot write {}: {err}", shown())),
            };
        }
    };
    let meta = file
        .metadata()
        .map_err(|err| format!("cannot read {}: {err}", shown()))?;
    if !meta.is_file() {
        return Err(format!(
            "{} exists and is not a regular file; left alone",
            shown()
        ));
    }
    if meta.len() != content.len() as u64 {
        return Ok(Existing::Different);
    }
    let mut chunk = [0u8; 8192];
    for expected in content.chunks(chunk.len()) {
        let got = &mut chunk[..expected.len()];
        if let Err(err) = file.read_exact(got) {
            return match err.kind() {
                io::ErrorKind::UnexpectedEof => Ok(Existing::Different),
                _ => Err(format!("cannot read {}: {err}", shown())),
            };
        }
        if got != expected {
            return Ok(Existing::Different);
        }
    }
    Ok(Existing::Same)
}

/// Whether the sidecar at `name` is broken as `audit` judges it (PL801, PL802): only such a
/// sidecar may `--repair` replace; a readable one that differs stays a conflict.
fn is_broken(folder: &OpenFolder, name: &OsStr) -> Result<bool, String> {
    let Some((format, _)) =
        crate::model::sidecar_reader::SidecarFormat::of_name(&name.to_string_lossy())
    else {
        return Ok(false);
    };
    let cannot =
        |err: &dyn std::fmt::Display| format!("cannot read {}: {err}", folder.join(name).display());
    let file = folder.open_for_reading(name).map_err(|e| cannot(&e))?;
    // A sidecar is a few hundred bytes; one larger than this is no torn sidecar.
    const REPAIRABLE: u64 = 16 * 1024 * 1024;
    match crate::base::input::read_limited(file, REPAIRABLE) {
        Ok(bytes) => Ok(crate::model::sidecar_reader::read(format, bytes)
            .1
            .is_broken()),
        Err(crate::base::input::ReadError::TooLarge { .. }) => Ok(false),
        Err(e) => Err(cannot(&e)),
    }
}

fn write_temp(folder: &OpenFolder, sidecar: &OsStr, content: &[u8]) -> Result<OsString, String> {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = temp_name(std::process::id(), n, sidecar);
    let result = folder
        .dir
        .open_with(&temp, OpenOptions::new().write(true).create_new(true))
        .and_then(|mut file| file.write_all(content));
    match result {
        Ok(()) => Ok(temp),
        Err(err) => {
            let _ = folder.dir.remove_file(&temp);
            Err(format!(
                "cannot write {}: {err}",
                folder.join(sidecar).display()
            ))
        }
    }
}

fn place_new(
    folder: &OpenFolder,
    temp: &OsStr,
    name: &OsStr,
    content: &[u8],
) -> Result<Outcome, String> {
    let linked = folder.dir.hard_link(temp, &folder.dir, name);
    let outcome = match linked {
        Ok(()) => Ok(Outcome::Written),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            match existing(folder, name, content)? {
                Existing::Same => Ok(Outcome::Unchanged),
                _ => Ok(Outcome::Conflict),
            }
        }
        Err(_) => match existing(folder, name, content)? {
            Existing::Nothing => folder
                .dir
                .rename(temp, &folder.dir, name)
                .map(|()| Outcome::Written)
                .map_err(|err| format!("cannot write {}: {err}", folder.join(name).display())),
            Existing::Same => Ok(Outcome::Unchanged),
            Existing::Different => Ok(Outcome::Conflict),
        },
    };
    let _ = folder.dir.remove_file(temp);
    outcome
}

fn clip_is_still_there(folder: &OpenFolder, clip: &OsStr) -> Result<(), String> {
    folder
        .dir
        .symlink_metadata(clip)
        .map(|_| ())
        .map_err(|err| {
            format!(
                "{} is gone since the walk listed it ({err}); no sidecar written",
                folder.join(clip).display()
            )
        })
}

/// Writes (or judges, with `dry_run`) the sidecar `sidecar` of the clip `clip` in `folder`,
/// through the folder's handle.
pub(crate) fn write_sidecar(
    folder: &OpenFolder,
    clip: &OsStr,
    sidecar: &OsStr,
    content: &[u8],
    options: WriteOptions,
) -> Outcome {
    let result = existing(folder, sidecar, content).and_then(|found| match found {
        Existing::Same => Ok(Outcome::Unchanged),
        Existing::Nothing => {
            clip_is_still_there(folder, clip)?;
            if options.dry_run {
                return Ok(Outcome::WouldWrite);
            }
            let temp = write_temp(folder, sidecar, content)?;
            place_new(folder, &temp, sidecar, content)
        }
        Existing::Different => {
            clip_is_still_there(folder, clip)?;
            let (done, would) = if options.overwrite {
                (Outcome::Overwritten, Outcome::WouldOverwrite)
            } else if options.repair && is_broken(folder, sidecar)? {
                (Outcome::Repaired, Outcome::WouldRepair)
            } else {
                return Ok(Outcome::Conflict);
            };
            if options.dry_run {
                return Ok(would);
            }
            let temp = write_temp(folder, sidecar, content)?;
            folder
                .dir
                .rename(&temp, &folder.dir, sidecar)
                .map(|()| done)
                .map_err(|err| {
                    let _ = folder.dir.remove_file(&temp);
                    format!("cannot write {}: {err}", folder.join(sidecar).display())
                })
        }
    });
    result.unwrap_or_else(Outcome::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    fn open(path: &Path) -> OpenFolder {
        OpenFolder::open(path).unwrap()
    }

    #[test]
    fn temp_names() {
        let name = temp_name(42, 7, OsStr::new("A001.mov.json"));
        assert_eq!(
            name,
            OsString::from(".presetlint-tmp-42-7-A001.mov.json.tmp")
        );
        assert_eq!(temp_pid(&name), Some(42));
        let long = "x".repeat(250);
        assert_eq!(
            temp_name(42, 7, OsStr::new(&long)),
            OsString::from(".presetlint-tmp-42-7.tmp")
        );
        assert_eq!(temp_pid(OsStr::new(".presetlint-tmp-42-7.tmp")), Some(42));
        assert_eq!(temp_pid(OsStr::new(".presetlint-tmp-42-7")), Some(42));
        // Left by a run from before the `.tmp` ending.
        assert_eq!(
            temp_pid(OsStr::new(".presetlint-tmp-42-7-A001.mov.json")),
            Some(42)
        );
        assert_eq!(temp_pid(OsStr::new(".presetlint-tmp-42")), None);
        assert_eq!(temp_pid(OsStr::new(".presetlint-tmp-x-1-a")), None);
        assert_eq!(temp_pid(OsStr::new(".presetlint-tmp-1-y-a")), None);
    }

    #[test]
    fn new_same_different() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let name = OsStr::new("a.mov.json");
        let write = |content: &[u8], overwrite| {
            write_sidecar(
                &open(d),
                OsStr::new("."),
                name,
                content,
                WriteOptions {
                    dry_run: false,
                    overwrite,
                    repair: false,
                },
            )
        };
        assert_eq!(write(b"one", false), Outcome::Written);
        assert_eq!(write(b"one", false), Outcome::Unchanged);
        assert_eq!(write(b"two", false), Outcome::Conflict);
        assert_eq!(fs::read(d.join(name)).unwrap(), b"one");
        assert_eq!(
            write_sidecar(
                &open(d),
                OsStr::new("."),
                name,
                b"two",
                WriteOptions {
                    dry_run: true,
                    overwrite: true,
                    repair: false,
                }
            ),
            Outcome::WouldOverwrite
        );
        assert_eq!(write(b"two", true), Outcome::Overwritten);
        assert_eq!(fs::read(d.join(name)).unwrap(), b"two");
        let left: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            left,
            [OsString::from("a.mov.json")],
            "no temporary file is left"
        );
    }

    #[test]
    fn a_folder_in_the_way_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("a.json")).unwrap();
        let outcome = write_sidecar(
            &open(dir.path()),
            OsStr::new("."),
            OsStr::new("a.json"),
            b"x",
            WriteOptions::default(),
        );
        assert_eq!(
            outcome,
            Outcome::Error(format!(
                "{} exists and is not a regular file; left alone",
                dir.path().join("a.json").display()
            ))
        );
    }

    /// A link to a file with the very bytes, or a FIFO, is not an unchanged sidecar: the
    /// quick look must neither follow the one nor wait on the other.
    #[cfg(unix)]
    #[test]
    fn a_link_or_a_fifo_in_the_way_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("target.json"), b"x").unwrap();
        std::os::unix::fs::symlink("target.json", d.join("a.json")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(d.join("b.json"))
            .status()
            .unwrap();
        assert!(status.success());
        for name in ["a.json", "b.json"] {
            let outcome = write_sidecar(
                &open(d),
                OsStr::new("."),
                OsStr::new(name),
                b"x",
                WriteOptions::default(),
            );
            assert_eq!(
                outcome,
                Outcome::Error(format!(
                    "{} exists and is not a regular file; left alone",
                    d.join(name).display()
                ))
            );
        }
        assert_eq!(fs::read(d.join("target.json")).unwrap(), b"x");
    }

    // pid 99999999 is past any Unix pid_max; Windows pids are multiples of 4 up to 2^32.
    #[cfg(unix)]
    #[test]
    fn stale_temps_of_dead_processes_go() {
        let dir = tempfile::tempdir().unwrap();
        // pid_max on Linux is at most 2^22: this pid cannot be running.
        let stale = OsString::from(".presetlint-tmp-99999999-0-a.json");
        let mine = temp_name(std::process::id(), 0, OsStr::new("a.json"));
        for name in [&stale, &mine] {
            fs::write(dir.path().join(name), b"half").unwrap();
        }
        assert!(remove_stale_temp(&open(dir.path()), &stale).unwrap());
        assert!(!remove_stale_temp(&open(dir.path()), &mine).unwrap());
        assert!(!dir.path().join(&stale).exists());
        assert!(dir.path().join(&mine).exists());
    }
}
