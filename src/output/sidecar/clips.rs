//! Which files under a destination are clips, found folder by folder.
//!
//! The walk goes through open folder handles ([`OpenFolder`]) rather than the `ignore`
//! crate's paths: a clip tree is not a source tree, so no ignore-file rules may apply, a folder
//! at a time is what the writer needs (collisions of `replace` naming happen within one
//! folder), and the writer must write in the very folder that was listed. It streams: only
//! the folders still to visit are held, never the clips already handled. Symlinks are never
//! followed (a loop cannot trap it, a swapped folder cannot redirect it), and folders and
//! files come in name order, so runs and reports are reproducible.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::atomic::is_temp_name;
use crate::output::sidecar::clip_name::{ClipDecision, classify};
use crate::output::sidecar::folder::OpenFolder;
use crate::output::sidecar::format::SidecarFormat;
use crate::output::sidecar::matching::Filter;
use crate::output::sidecar::naming::{Naming, sidecar_name};

/// One folder's worth of work.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    /// The folder, open: what is written in it goes through this handle.
    pub folder: Arc<OpenFolder>,
    /// The clips, in name order.
    pub clips: Vec<OsString>,
    /// Regular files named as sidecars (`.json`, `.xml`, `.csv`, any case) that are not
    /// clips, in name order: what `audit` reads.
    pub sidecars: Vec<OsString>,
    /// presetlint's temporary files found here.
    pub temp_files: Vec<OsString>,
}

/// What the walk meets.
#[derive(Debug)]
pub(crate) enum WalkEvent {
    Folder(Folder),
    /// A folder or entry that could not be read.
    Problem {
        path: PathBuf,
        message: String,
    },
}

/// A folder still to read: the destination itself, or a subfolder of a folder already open.
enum Pending {
    Root(PathBuf),
    Child {
        parent: Arc<OpenFolder>,
        name: OsString,
    },
}

/// Walks a destination folder by folder, depth first, in name order. Each folder is opened
/// from its parent's handle without following symbolic links, so the walk stays inside the
/// destination even when a folder is swapped for a link while it runs.
pub(crate) struct ClipWalk {
    pending: Vec<Pending>,
    extensions: Filter,
    naming: Naming,
    format: SidecarFormat,
}

impl ClipWalk {
    pub(crate) fn new(
        root: &Path,
        extensions: Filter,
        naming: Naming,
        format: SidecarFormat,
    ) -> ClipWalk {
        ClipWalk {
            pending: vec![Pending::Root(root.to_path_buf())],
            extensions,
            naming,
            format,
        }
    }

    fn read_folder(&mut self, pending: Pending) -> WalkEvent {
        let (opened, path) = match pending {
            Pending::Root(path) => (OpenFolder::open(&path), path),
            Pending::Child { parent, name } => (parent.open_child(&name), parent.join(&name)),
        };
        let problem = |err: io::Error, path: PathBuf| WalkEvent::Problem {
            message: format!("cannot read the folder {}: {err}", path.display()),
            path,
        };
        let folder = match opened {
            Ok(folder) => Arc::new(folder),
            Err(err) => return problem(err, path),
        };
        let entries = match folder.dir.entries() {
            Ok(entries) => entries,
            Err(err) => return problem(err, path),
        };
        let mut files = Vec::new();
        let mut sidecars = Vec::new();
        let mut subfolders = Vec::new();
        let mut temp_files = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => return problem(err, path),
            };
            let name = entry.file_name();
            // DirEntry::file_type does not follow symlinks: a link is neither file nor folder.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if is_temp_name(&name) {
                if kind.is_file() {
                    temp_files.push(name);
                }
            } else if kind.is_dir() {
                let shown = name.to_string_lossy();
                // An ASC MHL history is the chain of custody: never entered, never written in.
                if !shown.starts_with('.')
                    && !crate::output::sidecar::paper_trail::is_history_folder(&shown)
                {
                    subfolders.push(name);
                }
            } else if kind.is_file() {
                let shown = name.to_string_lossy();
                match classify(&shown, &self.extensions) {
                    ClipDecision::Clip(_) => files.push(name),
                    ClipDecision::SidecarExtension | ClipDecision::NotListed
                        if SidecarFormat::of_name(&shown).is_some() =>
                    {
                        sidecars.push(name)
                    }
                    _ => {}
                }
            }
        }
        files.sort();
        sidecars.sort();
        temp_files.sort();
        subfolders.sort();
        self.pending
            .extend(subfolders.into_iter().rev().map(|name| Pending::Child {
                parent: folder.clone(),
                name,
            }));
        let clips = drop_sidecars_of_clips(files, self.naming, self.format);
        WalkEvent::Folder(Folder {
            folder,
            clips,
            sidecars,
            temp_files,
        })
    }
}

/// When the extension list names a sidecar extension, a sidecar of another clip of the folder
/// (`A001.mov.json` beside `A001.mov`) would pass for a clip; it is not one.
fn drop_sidecars_of_clips(
    files: Vec<OsString>,
    naming: Naming,
    format: SidecarFormat,
) -> Vec<OsString> {
    let sidecars: std::collections::HashMap<OsString, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (sidecar_name(f, naming, format), i))
        .collect();
    files
        .iter()
        .enumerate()
        .filter(|(i, f)| sidecars.get(*f).is_none_or(|owner| owner == i))
        .map(|(_, f)| f.clone())
        .collect()
}

impl Iterator for ClipWalk {
    type Item = WalkEvent;

    fn next(&mut self) -> Option<WalkEvent> {
        let pending = self.pending.pop()?;
        Some(self.read_folder(pending))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_of_listed_json_files_are_not_clips() {
        let files: Vec<OsString> = ["a.json", "a.json.json", "b.json"]
            .iter()
            .map(OsString::from)
            .collect();
        assert_eq!(
            drop_sidecars_of_clips(files, Naming::Append, SidecarFormat::Json),
            [OsString::from("a.json"), OsString::from("b.json")]
        );
    }
}
