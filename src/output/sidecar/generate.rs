//! `generate` on one destination: walk it folder by folder and write each clip's sidecar.
//!
//! Clips are handled in batches: a batch's sidecars are written in parallel (rayon), and its
//! results are reported in walk order before the next batch starts, so memory stays flat
//! however large the tree, and reports are the same from run to run.

use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::output::sidecar::clips::{ClipWalk, WalkEvent};
use crate::output::sidecar::durable;
use crate::output::sidecar::folder::OpenFolder;
use crate::output::sidecar::format::SidecarFormat;
use crate::output::sidecar::matching::Filter;
use crate::output::sidecar::naming::{Naming, collision_key, collisions, sidecar_name};
use crate::output::sidecar::per_clip::PerClip;
use crate::output::sidecar::write::{Outcome, WriteOptions, remove_stale_temp, write_sidecar};

/// Clips written in parallel before their results are reported.
const BATCH: usize = 4096;

#[derive(Debug, Clone, Copy)]
pub struct GenerateOptions {
    pub naming: Naming,
    pub format: SidecarFormat,
    pub write: WriteOptions,
    /// Sync the destination's file system once its sidecars are written (not `--no-sync`).
    pub sync: bool,
}

/// What every clip's sidecar holds: the run's, or with a clip log, each clip's own.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Same(&'a [u8]),
    PerClip(PerClip<'a>, SidecarFormat),
}

/// One clip's result.
#[derive(Debug, Clone, Serialize)]
pub struct ClipResult {
    #[serde(serialize_with = "crate::base::shown::serialize_lossy")]
    pub clip: PathBuf,
    #[serde(serialize_with = "crate::base::shown::serialize_lossy")]
    pub sidecar: PathBuf,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// With a clip log: the row whose values the sidecar carries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clip_log_row: Option<RowUsed>,
}

/// The clip log's row a clip took its values from.
#[derive(Debug, Clone, Serialize)]
pub struct RowUsed {
    /// Its line in the log; `null`: no row names the clip, which gets the run's values.
    pub line: Option<usize>,
    /// Every row that names the clip, in log order (more than one: PL705).
    #[serde(skip)]
    pub rows: Vec<usize>,
}

/// What a run meets, in order.
#[derive(Debug)]
pub(crate) enum Event<'a> {
    Clip(&'a ClipResult),
    /// A folder that could not be read, or a temporary file that could not be removed.
    Problem {
        path: &'a Path,
        message: &'a str,
    },
    /// A stale temporary file removed.
    TempRemoved(&'a Path),
}

/// A clip waiting to be written, or already judged (collisions).
struct Job {
    dir: Arc<OpenFolder>,
    clip: OsString,
    sidecar: OsString,
    verdict: Option<Outcome>,
}

impl Job {
    fn run(&self, content: &Content<'_>, options: WriteOptions) -> ClipResult {
        let (bytes, clip_log_row) = match content {
            Content::Same(bytes) => (Cow::Borrowed(*bytes), None),
            Content::PerClip(per_clip, format) => {
                let own = per_clip.sidecar(&self.clip.to_string_lossy(), *format);
                let used = RowUsed {
                    line: own.row_line,
                    rows: own.rows,
                };
                let bytes = match own.content {
                    Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                    Cow::Owned(text) => Cow::Owned(text.into_bytes()),
                };
                (bytes, Some(used))
            }
        };
        let outcome = self.verdict.clone().unwrap_or_else(|| {
            write_sidecar(&self.dir, &self.clip, &self.sidecar, &bytes, options)
        });
        ClipResult {
            clip: self.dir.join(&self.clip),
            sidecar: self.dir.join(&self.sidecar),
            outcome,
            clip_log_row,
        }
    }
}

fn jobs_of_folder(
    dir: Arc<OpenFolder>,
    clips: Vec<OsString>,
    options: &GenerateOptions,
) -> Vec<Job> {
    // Both namings: `A001.R3D` and `a001.r3d` would share `A001.R3D.json` on a drive that
    // ignores case (exFAT, NTFS, APFS by default), and audit pairs them so.
    let mut collided = collisions(&clips, options.naming, options.format);
    clips
        .into_iter()
        .enumerate()
        .map(|(i, clip)| {
            let sidecar = sidecar_name(&clip, options.naming, options.format);
            let verdict = if let Some(others) = collided.remove(&i) {
                let others: Vec<String> = others
                    .iter()
                    .map(|o| format!("{:?}", o.to_string_lossy()))
                    .collect();
                Some(Outcome::Collision(format!(
                    "{} would share its sidecar {:?} with {}; neither is written",
                    dir.join(&clip).display(),
                    sidecar.to_string_lossy(),
                    others.join(", ")
                )))
            } else if collision_key(&sidecar) == collision_key(&clip) {
                Some(Outcome::Error(format!(
                    "{}: its sidecar would be the clip itself; not written",
                    dir.join(&clip).display()
                )))
            } else {
                None
            };
            Job {
                dir: dir.clone(),
                clip,
                sidecar,
                verdict,
            }
        })
        .collect()
}

/// Where an ASC MHL history says what was transferred, a clip the history of its folder does
/// not record was not, and gets a verdict saying so instead of a sidecar. An error when the
/// history cannot be read (said the first time it is met).
fn judge_transferred(
    histories: &mut crate::model::mhl::Histories,
    top: &Path,
    folder: &OpenFolder,
    jobs: &mut [Job],
) -> Result<(), String> {
    let history = match histories.of(&folder.path, top) {
        crate::model::mhl::Governed::Not => return Ok(()),
        crate::model::mhl::Governed::By(history) => history,
        crate::model::mhl::Governed::Unreadable { first: false, .. } => return Ok(()),
        crate::model::mhl::Governed::Unreadable { root, error, .. } => {
            return Err(format!(
                "cannot read the ASC MHL history of {}: {error}; its clips are taken as they are",
                root.display()
            ));
        }
    };
    for job in jobs.iter_mut().filter(|j| j.verdict.is_none()) {
        let clip = job.dir.join(&job.clip);
        let known = history
            .key_of(&clip)
            .is_some_and(|key| history.recorded.contains_key(&key));
        if !known {
            job.verdict = Some(Outcome::Error(format!(
                "{} is not recorded in the ASC MHL history of {}: not a file of the transfer, so no sidecar written",
                clip.display(),
                history.root.display()
            )));
        }
    }
    Ok(())
}

/// Writes a batch; returns whether anything was written.
fn flush(
    batch: &mut Vec<Job>,
    content: &Content<'_>,
    options: &GenerateOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) -> bool {
    let results: Vec<ClipResult> = batch
        .par_iter()
        .map(|job| job.run(content, options.write))
        .collect();
    batch.clear();
    let mut wrote = false;
    for result in &results {
        wrote |= matches!(
            result.outcome,
            Outcome::Written | Outcome::Overwritten | Outcome::Repaired
        );
        on_event(Event::Clip(result));
    }
    wrote
}

/// Writes (or, with `dry_run`, judges) the sidecar of every clip under `destination`.
pub(crate) fn generate_in(
    destination: &Path,
    extensions: &Filter,
    content: &Content<'_>,
    options: &GenerateOptions,
    on_event: &mut dyn FnMut(Event<'_>),
) {
    let walk = ClipWalk::new(
        destination,
        extensions.clone(),
        options.naming,
        options.format,
    );
    let mut batch = Vec::with_capacity(BATCH);
    let mut wrote = false;
    let mut histories = crate::model::mhl::Histories::default();
    for event in walk {
        match event {
            WalkEvent::Problem { path, message } => {
                wrote |= flush(&mut batch, content, options, on_event);
                on_event(Event::Problem {
                    path: &path,
                    message: &message,
                });
            }
            WalkEvent::Folder(folder) => {
                if !options.write.dry_run {
                    for temp in &folder.temp_files {
                        let path = folder.folder.join(temp);
                        match remove_stale_temp(&folder.folder, temp) {
                            Ok(true) => on_event(Event::TempRemoved(&path)),
                            Ok(false) => {}
                            Err(err) => {
                                let message = format!(
                                    "cannot remove the stale temporary file {}: {err}",
                                    path.display()
                                );
                                on_event(Event::Problem {
                                    path: &path,
                                    message: &message,
                                });
                            }
                        }
                    }
                }
                let mut jobs = jobs_of_folder(folder.folder.clone(), folder.clips, options);
                if let Err(message) =
                    judge_transferred(&mut histories, destination, &folder.folder, &mut jobs)
                {
                    on_event(Event::Problem {
                        path: &folder.folder.path,
                        message: &message,
                    });
                }
                batch.extend(jobs);
                if batch.len() >= BATCH {
                    wrote |= flush(&mut batch, content, options, on_event);
                }
            }
        }
    }
    wrote |= flush(&mut batch, content, options, on_event);
    if wrote
        && options.sync
        && let Err(err) = durable::sync_file_system(destination)
    {
        let message = format!(
            "cannot sync the sidecars written on {} to the disk: {err}",
            destination.display()
        );
        on_event(Event::Problem {
            path: destination,
            message: &message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_removed_after_the_walk_gets_no_sidecar_and_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("A001.mov"), b"clip").unwrap();
        let options = GenerateOptions {
            naming: Naming::Append,
            format: SidecarFormat::Json,
            write: WriteOptions::default(),
            sync: false,
        };
        let jobs = jobs_of_folder(
            Arc::new(OpenFolder::open(dir.path()).unwrap()),
            vec![OsString::from("A001.mov")],
            &options,
        );
        // Between the walk and the write, as when a card is ejected mid-run.
        std::fs::remove_file(dir.path().join("A001.mov")).unwrap();
        let result = jobs[0].run(&Content::Same(b"{}\n"), options.write);
        assert_eq!(
            result.outcome,
            Outcome::Error(format!(
                "{} is gone since the walk listed it ({}); no sidecar written",
                dir.path().join("A001.mov").display(),
                // The platform's own words for it ("No such file or directory", "File not found.").
                std::io::Error::from_raw_os_error(2)
            ))
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
