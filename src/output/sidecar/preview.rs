//! `preview`: does one clip (which need not exist) get a sidecar, where, and why.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::output::sidecar::clip_name::{ClipDecision, classify};
use crate::output::sidecar::format::SidecarFormat;
use crate::output::sidecar::matching::{DestinationDecision, match_destination};
use crate::output::sidecar::naming::{Naming, collision_key, collisions, sidecar_name};
use crate::output::sidecar::plan::Plan;

/// What `preview` found for one clip.
#[derive(Debug, Clone)]
pub struct Preview {
    pub clip: PathBuf,
    /// The destination judged: the one given, or the folder above the clip that matched (or,
    /// when none did, the clip's own folder).
    pub destination: Option<PathBuf>,
    /// Whether `destination` was given (by `--destination` or a transfer log) or guessed.
    pub destination_given: bool,
    pub destination_decision: DestinationDecision,
    pub clip_decision: ClipDecision,
    pub sidecar: PathBuf,
    /// Clips of the same folder that would share the sidecar (`replace` naming).
    pub collides_with: Vec<OsString>,
    /// `replace` naming of a clip that has the sidecar's own extension.
    pub is_own_sidecar: bool,
    pub gets_sidecar: bool,
}

/// Tries the destination given, or else every folder above the clip, shallowest first.
fn judge_destination(
    clip: &Path,
    given: Option<&Path>,
    plan: &Plan,
    volume: Option<&str>,
) -> (Option<PathBuf>, DestinationDecision) {
    if let Some(dest) = given {
        if !clip.starts_with(dest) {
            let reason = format!(
                "the clip is not under the destination {:?}",
                dest.display().to_string()
            );
            return (
                Some(dest.to_path_buf()),
                DestinationDecision::Skipped { reason },
            );
        }
        return (
            Some(dest.to_path_buf()),
            match_destination(&plan.destinations, dest, volume),
        );
    }
    let parent = clip.parent().unwrap_or(Path::new("/"));
    let mut folders: Vec<&Path> = parent
        .ancestors()
        .filter(|a| a.parent().is_some())
        .collect();
    folders.reverse();
    for folder in &folders {
        let decision = match_destination(&plan.destinations, folder, volume);
        if decision == DestinationDecision::Every {
            return (None, decision);
        }
        if decision.matched() {
            return (Some(folder.to_path_buf()), decision);
        }
    }
    (
        Some(parent.to_path_buf()),
        match_destination(&plan.destinations, parent, volume),
    )
}

/// The other clips of the clip's folder that would share its sidecar name.
fn folder_collisions(
    clip: &Path,
    plan: &Plan,
    naming: Naming,
    format: SidecarFormat,
) -> Vec<OsString> {
    let (Some(dir), Some(name)) = (clip.parent(), clip.file_name()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<OsString> = vec![name.to_os_string()];
    names.extend(
        entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name())
            .filter(|n| n != name)
            .filter(|n| {
                matches!(
                    classify(&n.to_string_lossy(), &plan.extensions),
                    ClipDecision::Clip(_)
                )
            }),
    );
    names[1..].sort();
    collisions(&names, naming, format)
        .remove(&0)
        .unwrap_or_default()
}

pub fn preview(
    clip: &Path,
    destination: Option<&Path>,
    volume: Option<&str>,
    plan: &Plan,
    naming: Naming,
    format: SidecarFormat,
) -> Preview {
    let (destination_path, destination_decision) =
        judge_destination(clip, destination, plan, volume);
    let name = clip.file_name().unwrap_or_default();
    let in_history = clip.parent().is_some_and(|folder| {
        folder.components().any(|c| {
            crate::output::sidecar::paper_trail::is_history_folder(&c.as_os_str().to_string_lossy())
        })
    });
    let clip_decision = if in_history {
        ClipDecision::InHistory
    } else {
        classify(&name.to_string_lossy(), &plan.extensions)
    };
    let sidecar_file = sidecar_name(name, naming, format);
    let sidecar = clip.with_file_name(&sidecar_file);
    let is_own_sidecar = collision_key(&sidecar_file) == collision_key(name);
    let collides_with = if naming == Naming::Replace {
        folder_collisions(clip, plan, naming, format)
    } else {
        Vec::new()
    };
    let gets_sidecar = plan.lists_elements
        && destination_decision.matched()
        && matches!(clip_decision, ClipDecision::Clip(_))
        && collides_with.is_empty()
        && !is_own_sidecar;
    Preview {
        clip: clip.to_path_buf(),
        destination: destination_path,
        destination_given: destination.is_some(),
        destination_decision,
        clip_decision,
        sidecar,
        collides_with,
        is_own_sidecar,
        gets_sidecar,
    }
}
