//! The walk of one destination: each folder's clips and sidecars paired, the sidecars read
//! and judged in parallel batches, the results reported in walk order.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::audit::{Audit, Event, content, pairing};
use crate::check::CheckedFile;
use crate::diagnostic::Finding;
use crate::rules::{orphan_sidecar, sidecar_missing, sidecar_shadowed, sidecar_unexpected};
use crate::sidecar::clips::{ClipWalk, WalkEvent};
use crate::sidecar::folder::OpenFolder;
use crate::sidecar::matching::Filter;
use crate::sidecar::naming::{Naming, sidecar_name};
use crate::sidecar_file::SidecarFormat;

/// Sidecars read in parallel before their results are reported.
const BATCH: usize = 4096;

/// A sidecar to read, or an event known already.
enum Job {
    Read {
        folder: Arc<OpenFolder>,
        name: OsString,
        format: SidecarFormat,
        found: Vec<Finding>,
    },
    Done(Event),
}

impl Job {
    fn run(self, audit: &Audit<'_>) -> Event {
        match self {
            Job::Done(event) => event,
            Job::Read {
                folder,
                name,
                format,
                found,
            } => match content::audit_sidecar(
                audit.engine,
                &folder,
                &name,
                format,
                found,
                audit.expected,
            ) {
                Ok(file) => Event::Sidecar(file),
                Err(message) => Event::Problem {
                    path: folder.join(&name),
                    message,
                },
            },
        }
    }
}

/// A file's findings that need no reading, placed at its start: a clip's, or a sidecar's
/// that could not be read.
fn placed_at_start(
    audit: &Audit<'_>,
    path: PathBuf,
    findings: Vec<Finding>,
) -> Option<CheckedFile> {
    audit
        .engine
        .textless(path.display().to_string(), Some(&path), findings)
}

/// The jobs of one folder: its clips' findings, and its sidecars to read with the findings
/// their pairing gives them.
fn jobs_of_folder(
    audit: &Audit<'_>,
    folder: Arc<OpenFolder>,
    clips: &[OsString],
    sidecars: &[OsString],
) -> Vec<Job> {
    let pairing = pairing::pair(clips, sidecars);
    let shown = |names: &[OsString], which: &[usize]| -> Vec<String> {
        which
            .iter()
            .map(|&i| names[i].to_string_lossy().into_owned())
            .collect()
    };
    let mut found: Vec<Vec<Finding>> = vec![Vec::new(); sidecars.len()];
    let gives: Vec<bool> = clips
        .iter()
        .map(|clip| {
            audit
                .scope
                .as_ref()
                .is_none_or(|scope| scope.gives(&clip.to_string_lossy()))
        })
        .collect();
    // The clips with findings, in name order; clean ones are only counted.
    let mut clip_files: Vec<(&OsString, CheckedFile)> = Vec::new();
    let mut without_sidecar = 0;
    for (c, clip) in clips.iter().enumerate() {
        let own = &pairing.sidecars_of[c];
        if let [first, _, ..] = own[..] {
            found[first].push(sidecar_shadowed::several_sidecars(
                &clip.to_string_lossy(),
                &shown(sidecars, own),
            ));
        }
        if !own.is_empty() || !gives[c] {
            continue;
        }
        without_sidecar += 1;
        if let Some(scope) = &audit.scope {
            let name = clip.to_string_lossy();
            let expected = sidecar_name(clip, scope.naming, scope.format);
            let finding =
                sidecar_missing::finding(&name, &scope.why(&name), &expected.to_string_lossy());
            clip_files.extend(
                placed_at_start(audit, folder.join(clip), vec![finding]).map(|f| (clip, f)),
            );
        }
    }
    let mut jobs = Vec::with_capacity(sidecars.len() + clip_files.len() + 1);
    jobs.push(Job::Done(Event::Clips {
        seen: clips.len(),
        without_sidecar,
    }));
    // Reported in name order, a clip before its sidecars: both lists are sorted, so they
    // are merged.
    let mut clip_files = clip_files.into_iter().peekable();
    for (s, sidecar) in sidecars.iter().enumerate() {
        while let Some((_, file)) = clip_files.next_if(|(clip, _)| *clip < sidecar) {
            jobs.push(Job::Done(Event::Clip(file)));
        }
        let name = sidecar.to_string_lossy();
        let Some((format, base)) = SidecarFormat::of_name(&name) else {
            continue;
        };
        let owners = &pairing.claimants[s];
        let mut own = std::mem::take(&mut found[s]);
        match owners[..] {
            [] => own.push(orphan_sidecar::finding(&name, base)),
            [_] => {}
            _ => own.push(sidecar_shadowed::several_clips(
                &name,
                &shown(clips, owners),
            )),
        }
        if let Some(scope) = &audit.scope
            && let Some(&first) = owners.first()
            && owners.iter().all(|&c| !gives[c])
        {
            let clip = clips[first].to_string_lossy();
            own.push(sidecar_unexpected::finding(&name, &clip, &scope.why(&clip)));
        }
        jobs.push(Job::Read {
            folder: folder.clone(),
            name: sidecar.clone(),
            format,
            found: own,
        });
    }
    jobs.extend(clip_files.map(|(_, file)| Job::Done(Event::Clip(file))));
    jobs
}

fn flush(batch: &mut Vec<Job>, audit: &Audit<'_>, on_event: &mut dyn FnMut(Event)) {
    let events: Vec<Event> = std::mem::take(batch)
        .into_par_iter()
        .map(|job| job.run(audit))
        .collect();
    for event in events {
        on_event(event);
    }
}

/// Audits every sidecar under `destination`.
pub fn audit_in(destination: &Path, audit: &Audit<'_>, on_event: &mut dyn FnMut(Event)) {
    // Every file that is not a sidecar is a clip here; the scope decides which get one.
    let walk = ClipWalk::new(
        destination,
        Filter::All,
        Naming::Append,
        SidecarFormat::Json,
    );
    let mut batch = Vec::with_capacity(BATCH);
    for event in walk {
        match event {
            WalkEvent::Problem { path, message } => {
                flush(&mut batch, audit, on_event);
                on_event(Event::Problem { path, message });
            }
            WalkEvent::Folder(folder) => {
                batch.extend(jobs_of_folder(
                    audit,
                    folder.folder,
                    &folder.clips,
                    &folder.sidecars,
                ));
                if batch.len() >= BATCH {
                    flush(&mut batch, audit, on_event);
                }
            }
        }
    }
    flush(&mut batch, audit, on_event);
}
