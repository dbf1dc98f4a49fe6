//! The walk of one destination: each folder's clips and sidecars paired, the sidecars read
//! and judged in parallel batches, the results reported in walk order.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::base::diagnostic::Finding;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Governing;
use crate::lint::rules::{self, FolderContext, FolderHistory, PresetScope, sidecar_not_in_mhl};
use crate::model::mhl::{HashFormat, History};
use crate::model::sidecar_reader::SidecarFormat;
use crate::output::audit::{Audit, Event, Expected, content, pairing};
use crate::output::sidecar::clips::{ClipWalk, WalkEvent};
use crate::output::sidecar::folder::OpenFolder;
use crate::output::sidecar::matching::Filter;
use crate::output::sidecar::naming::Naming;

/// Sidecars read in parallel before their results are reported.
const BATCH: usize = 4096;

/// A sidecar to read, or an event known already.
enum Job<'a> {
    Read {
        /// The config governing its folder.
        config: Governing<'a>,
        folder: Arc<OpenFolder>,
        name: OsString,
        format: SidecarFormat,
        found: Vec<Finding>,
        /// With `--verify-mhl`: the history's root, its format and the recorded hash.
        verify: Option<(PathBuf, HashFormat, String)>,
        /// Its one clip, whose clip-log row says what it must hold.
        clip: Option<OsString>,
    },
    Done(Event),
}

impl Job<'_> {
    fn run(self, audit: &Audit<'_>) -> Event {
        match self {
            Job::Done(event) => event,
            Job::Read {
                config,
                folder,
                name,
                format,
                found,
                verify,
                clip,
            } => {
                let own = clip
                    .as_ref()
                    .and_then(|clip| own_expected(audit, &clip.to_string_lossy(), format));
                // Only with --verify-mhl: a clean audit of 100,000 sidecars allocates nothing here.
                let judge = verify.map(|(root, hash_format, recorded)| {
                    let shown = name.to_string_lossy().into_owned();
                    move |bytes: &[u8]| {
                        sidecar_not_in_mhl::check_bytes(
                            &shown,
                            &root,
                            hash_format,
                            &recorded,
                            bytes,
                        )
                    }
                });
                match content::audit_sidecar(
                    audit.engine,
                    &config,
                    (&folder, &name),
                    format,
                    found,
                    own.as_ref().or(audit.expected),
                    judge.as_ref().map(|j| j as &content::BytesJudge),
                ) {
                    Ok(file) => Event::Sidecar(file),
                    Err(message) => Event::Problem {
                        path: folder.join(&name),
                        message,
                    },
                }
            }
        }
    }
}

/// What the sidecar of `clip` must hold when a clip-log row names the clip; `None`: what every
/// sidecar of the run must hold.
fn own_expected(audit: &Audit<'_>, clip: &str, format: SidecarFormat) -> Option<Expected> {
    let per_clip = audit.per_clip?;
    let expected = audit.expected?;
    let own = per_clip.sidecar(clip, format);
    own.row_line?;
    let fields = own
        .fields
        .iter()
        .filter(|f| !expected.unjudged.contains(&f.name))
        .map(|f| (f.name.clone(), f.values.clone()))
        .collect();
    Some(Expected::of_one_format(
        format,
        fields,
        expected.unjudged.clone(),
    ))
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
/// the folder rules give them.
fn jobs_of_folder<'a>(
    audit: &Audit<'a>,
    destination: &Path,
    folder: Arc<OpenFolder>,
    clips: &[OsString],
    sidecars: &[OsString],
    history: Option<&History>,
) -> Vec<Job<'a>> {
    let config = audit.engine.config_in(&folder.path);
    let recorded = |name: &std::ffi::OsStr| -> Option<&Option<String>> {
        let history = history?;
        let key = history.key_of(&folder.join(name))?;
        history.recorded.get(&key)
    };
    let pairing = pairing::pair(clips, sidecars);
    let gives: Vec<bool> = clips
        .iter()
        .map(|clip| {
            // On a sealed card, a file its history does not record was not transferred.
            let transferred = history.is_none() || recorded(clip).is_some();
            transferred
                && audit
                    .scope
                    .as_ref()
                    .is_none_or(|scope| scope.gives(&clip.to_string_lossy()))
        })
        .collect();
    // A view pulled for a storage says what its gateway ignores: such a clip needs no sidecar.
    let gateway = config
        .settings
        .view
        .as_deref()
        .and_then(|v| v.gateway.as_ref());
    let below = folder
        .path
        .strip_prefix(destination)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let gateway_skips = |clip: &OsString| -> bool {
        gateway.is_some_and(|g| {
            let name = clip.to_string_lossy();
            let relative = if below.is_empty() {
                name.into_owned()
            } else {
                format!("{below}/{name}")
            };
            g.skips(&relative).is_some()
        })
    };
    // The gateway is asked only of the clips without a sidecar.
    let lacks: Vec<bool> = clips
        .iter()
        .enumerate()
        .map(|(c, clip)| pairing.sidecars_of[c].is_empty() && gives[c] && !gateway_skips(clip))
        .collect();
    // Each sidecar's record, looked up once: for PL812 and for --verify-mhl.
    let records: Vec<Option<&Option<String>>> = match history {
        Some(_) => sidecars.iter().map(|s| recorded(s)).collect(),
        None => Vec::new(),
    };
    let recorded_at: Vec<bool> = records.iter().map(Option::is_some).collect();
    let facts = FolderContext {
        clips,
        sidecars,
        claimants: &pairing.claimants,
        sidecars_of: &pairing.sidecars_of,
        gives: &gives,
        lacks: &lacks,
        waiting_storage: gateway
            .filter(|g| g.sidecar_required)
            .map(|g| g.storage.as_str()),
        preset: audit.scope.as_ref().map(|s| s as &dyn PresetScope),
        history: history.map(|h| FolderHistory {
            root: &h.root,
            records: &recorded_at,
        }),
    };
    let found = rules::judge_folder(&facts, &config.settings);
    let without_sidecar = lacks.iter().filter(|&&lacks| lacks).count();
    // The clips with findings, in name order; clean ones are only counted.
    let clip_files: Vec<(&OsString, CheckedFile)> = clips
        .iter()
        .zip(found.of_clip)
        .filter(|(_, findings)| !findings.is_empty())
        .filter_map(|(clip, findings)| {
            placed_at_start(audit, folder.join(clip), findings).map(|f| (clip, f))
        })
        .collect();
    let mut jobs = Vec::with_capacity(sidecars.len() + clip_files.len() + 1);
    jobs.push(Job::Done(Event::Clips {
        folder: folder.path.clone(),
        seen: clips.len(),
        without_sidecar,
        sidecars: sidecars
            .iter()
            .filter(|s| SidecarFormat::of_name(&s.to_string_lossy()).is_some())
            .count(),
    }));
    // Every clip met names its clip-log rows: the rows no clip names are reported at the end.
    if let Some(per_clip) = &audit.per_clip {
        for clip in clips {
            let name = clip.to_string_lossy();
            let rows = per_clip.log.values.rows_of(&name);
            if rows.len() > 1 {
                jobs.push(Job::Done(Event::SeveralRows {
                    clip: name.into_owned(),
                    rows,
                }));
            }
        }
    }
    // With --verify-mhl, a recorded sidecar is hashed as it is read (PL812).
    let verify = audit.verify_mhl
        && config
            .settings
            .severity(&sidecar_not_in_mhl::SIDECAR_NOT_IN_MHL)
            .is_some();
    // Reported in name order, a clip before its sidecars: both lists are sorted, so they
    // are merged.
    let mut clip_files = clip_files.into_iter().peekable();
    for ((s, sidecar), own) in sidecars.iter().enumerate().zip(found.of_sidecar) {
        while let Some((_, file)) = clip_files.next_if(|(clip, _)| *clip < sidecar) {
            jobs.push(Job::Done(Event::Clip(file)));
        }
        let Some((format, _)) = SidecarFormat::of_name(&sidecar.to_string_lossy()) else {
            continue;
        };
        let verify = match (history, records.get(s).copied().flatten()) {
            (Some(history), Some(Some(hash))) if verify => history
                .format
                .map(|hash_format| (history.root.clone(), hash_format, hash.clone())),
            _ => None,
        };
        let clip = match pairing.claimants[s][..] {
            [one] if audit.per_clip.is_some() => Some(clips[one].clone()),
            _ => None,
        };
        jobs.push(Job::Read {
            config: config.clone(),
            folder: folder.clone(),
            name: sidecar.clone(),
            format,
            found: own,
            verify,
            clip,
        });
    }
    jobs.extend(clip_files.map(|(_, file)| Job::Done(Event::Clip(file))));
    jobs
}

fn flush(batch: &mut Vec<Job<'_>>, audit: &Audit<'_>, on_event: &mut dyn FnMut(Event)) {
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
    let mut histories = crate::model::mhl::Histories::default();
    for event in walk {
        match event {
            WalkEvent::Problem { path, message } => {
                flush(&mut batch, audit, on_event);
                on_event(Event::Problem { path, message });
            }
            WalkEvent::Folder(folder) => {
                // A history that cannot be read judges nothing (audit reads the sidecars as
                // they are).
                let history = match histories.of(&folder.folder.path, destination) {
                    crate::model::mhl::Governed::By(history) => Some(history),
                    _ => None,
                };
                batch.extend(jobs_of_folder(
                    audit,
                    destination,
                    folder.folder,
                    &folder.clips,
                    &folder.sidecars,
                    history.as_deref(),
                ));
                if batch.len() >= BATCH {
                    flush(&mut batch, audit, on_event);
                }
            }
        }
    }
    flush(&mut batch, audit, on_event);
}
