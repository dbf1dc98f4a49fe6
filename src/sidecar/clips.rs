//! Which files under a destination are clips, found folder by folder.
//!
//! The walk goes through open folder handles ([`OpenFolder`]) rather than the `ignore`
//! crate's paths: a clip tree is not a source tree, so no ignore-file rules may apply, a folder
//! at a time is what the writer needs (collisions of `replace` naming happen within one
//! folder), and the writer must write in the very folder that was listed. It streams: only
//! the folders still to visit are held, never the clips already handled. Symlinks are never
//! followed (a loop cannot trap it, a swapped folder cannot redirect it), and folders and
//! files come in name order, so runs and reports are reproducible.

use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::sidecar::folder::OpenFolder;

use crate::sidecar::format::{SIDECAR_EXTENSIONS, SidecarFormat};
use crate::sidecar::matching::{ExtensionDecision, Filter, has_extension, match_extension};
use crate::sidecar::naming::{Naming, sidecar_name};
use crate::sidecar::write::is_temp_name;

/// Why a file is or is not a clip, by its name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClipDecision {
    Clip(ExtensionDecision),
    Hidden,
    AppleDouble,
    OwnTempFile,
    /// What a copy or verification tool left: an MHL, a Transfer Log, a checksum list.
    PaperTrail(&'static str),
    /// Inside an ASC MHL history folder, where nothing is ever written.
    InHistory,
    /// Ends with .json, .xml or .csv and the extension list does not name it.
    SidecarExtension,
    /// The extension list does not match it.
    NotListed,
}

impl ClipDecision {
    pub fn reason(&self) -> String {
        match self {
            ClipDecision::Clip(ExtensionDecision::Matched { entry }) => {
                format!("extension entry {entry:?} matches (ignoring case)")
            }
            ClipDecision::Clip(_) => {
                "the preset lists no extensions: every file gets a sidecar".into()
            }
            ClipDecision::Hidden => "hidden files are never clips".into(),
            ClipDecision::AppleDouble => "AppleDouble files (._*) are never clips".into(),
            ClipDecision::OwnTempFile => "it is one of presetlint's temporary files".into(),
            ClipDecision::PaperTrail(what) => {
                format!("it is {what}, part of the paper trail: never a clip")
            }
            ClipDecision::InHistory => {
                "it is inside an ASC MHL history (ascmhl/), where nothing is ever written".into()
            }
            ClipDecision::SidecarExtension => {
                "files ending in .json, .xml or .csv are clips only when iconikSidecarExtensions names the extension".into()
            }
            ClipDecision::NotListed => "no entry of iconikSidecarExtensions matches its name".into(),
        }
    }
}

/// Decides whether a file name is a clip under an extensions filter.
pub fn classify(name: &str, extensions: &Filter) -> ClipDecision {
    if name.starts_with("._") {
        return ClipDecision::AppleDouble;
    }
    if is_temp_name(OsStr::new(name)) {
        return ClipDecision::OwnTempFile;
    }
    if name.starts_with('.') {
        return ClipDecision::Hidden;
    }
    if let Some(what) = crate::sidecar::paper_trail::kind_of(name) {
        return ClipDecision::PaperTrail(what);
    }
    let decision = match_extension(extensions, name);
    let sidecar_like = SIDECAR_EXTENSIONS.iter().any(|e| has_extension(name, e));
    match decision {
        ExtensionDecision::Skipped => ClipDecision::NotListed,
        ExtensionDecision::Every if sidecar_like => ClipDecision::SidecarExtension,
        decision => ClipDecision::Clip(decision),
    }
}

/// One folder's worth of work.
#[derive(Debug, Clone)]
pub struct Folder {
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
pub enum WalkEvent {
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
pub struct ClipWalk {
    pending: Vec<Pending>,
    extensions: Filter,
    naming: Naming,
    format: SidecarFormat,
}

impl ClipWalk {
    pub fn new(root: &Path, extensions: Filter, naming: Naming, format: SidecarFormat) -> ClipWalk {
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
                    && !crate::sidecar::paper_trail::is_history_folder(&shown)
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

    fn only(e: &[&str]) -> Filter {
        Filter::Only(e.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn names_that_are_never_clips() {
        let all = Filter::All;
        assert_eq!(classify(".DS_Store", &all), ClipDecision::Hidden);
        assert_eq!(classify("._A001.mov", &all), ClipDecision::AppleDouble);
        assert_eq!(
            classify(".presetlint-tmp-12-0-A001.mov.json", &all),
            ClipDecision::OwnTempFile
        );
        assert_eq!(
            classify("A001.mov.JSON", &all),
            ClipDecision::SidecarExtension
        );
        assert_eq!(
            classify("report.csv", &only(&[".mov"])),
            ClipDecision::NotListed
        );
        assert!(matches!(
            classify("report.csv", &only(&[".CSV"])),
            ClipDecision::Clip(_)
        ));
        assert!(matches!(
            classify("A001.MOV", &only(&[".mov"])),
            ClipDecision::Clip(_)
        ));
    }

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
