//! `generate` over every destination given: each matched against the preset's destinations,
//! the clips of those that match given their sidecars ([`generate_in`]), what was written under
//! an ASC MHL history recorded or noted ([`Custody`]), the clip log's findings that only the
//! clips can tell, and the whole counted. What it meets is handed on as it goes, for the front
//! end to show; the counts and lists come back at the end.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::base::diagnostic::Diagnostic;
use crate::lint::engine::Engine;
use crate::output::sidecar::custody::{Custody, Said};
use crate::output::sidecar::generate::{ClipResult, Content, Event, GenerateOptions, generate_in};
use crate::output::sidecar::matching::match_destination;
use crate::output::sidecar::prepare::Prepared;
use crate::output::sidecar::write::Outcome;

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    pub destinations_matched: usize,
    pub destinations_skipped: usize,
    pub clips: usize,
    pub written: usize,
    pub overwritten: usize,
    pub repaired: usize,
    pub would_write: usize,
    pub would_overwrite: usize,
    pub would_repair: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    /// Collisions, per-clip failures and folders that could not be read.
    pub errors: usize,
    pub temp_files_removed: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        self.clips += 1;
        match outcome {
            Outcome::Written => self.written += 1,
            Outcome::Overwritten => self.overwritten += 1,
            Outcome::Repaired => self.repaired += 1,
            Outcome::WouldRepair => self.would_repair += 1,
            Outcome::WouldWrite => self.would_write += 1,
            Outcome::WouldOverwrite => self.would_overwrite += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Conflict => self.conflicts += 1,
            Outcome::Collision(_) | Outcome::Error(_) => self.errors += 1,
        }
    }
}

/// A destination given, and whether the preset's destinations match it.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationReport {
    pub path: String,
    pub matched: bool,
    pub reason: String,
}

/// A destination, folder or clip that could not be done.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// Where `generate` writes.
pub struct Destinations<'a> {
    /// As the user gave them.
    pub given: &'a [PathBuf],
    /// `--volume`: the destinations' volume name, instead of the one read from each path.
    pub volume: Option<&'a str>,
    /// Whether the clips are walked from each destination as given (the paths shown are then
    /// as the user named them) or from its absolute path.
    pub walk_as_given: bool,
    /// `--mhl`: the sidecars written under an ASC MHL history are recorded in a new generation.
    pub record_mhl: bool,
}

/// What the run meets, in order.
pub enum Met<'a> {
    /// A destination given that is not a folder.
    NotAFolder(&'a Problem),
    /// A destination, as given, matched or skipped.
    Destination(&'a Path, &'a DestinationReport),
    Clip(&'a ClipResult),
    /// A folder that could not be read, or a temporary file that could not be removed.
    Problem(&'a Path, &'a str),
    /// A stale temporary file removed.
    TempRemoved(&'a Path),
    /// What the ASC MHL histories of a destination were told, or could not be.
    Custody(&'a Said),
}

/// What the run did, once every destination is done.
pub struct Generated {
    pub tally: Tally,
    pub destinations: Vec<DestinationReport>,
    pub problems: Vec<Problem>,
    /// The clip log's findings that only the clips could tell (PL705 as they were met, PL704
    /// at the end), in the log's order.
    pub late: Vec<Diagnostic>,
    /// A destination given was not a folder.
    pub bad_destination: bool,
}

impl Generated {
    /// Every destination was skipped: nothing the user asked for was written.
    pub fn nothing_matched(&self) -> bool {
        self.tally.destinations_matched == 0 && self.tally.destinations_skipped > 0
    }
}

/// Writes (or judges, in a dry run) the sidecars of the clips on every destination that
/// the preset's destinations match, handing each thing met to `on`.
pub fn generate_on(
    engine: &Engine,
    prepared: &Prepared,
    (content, options): (&Content<'_>, &GenerateOptions),
    destinations: &Destinations<'_>,
    on: &mut dyn FnMut(Met<'_>),
) -> Generated {
    let mut done = Generated {
        tally: Tally::default(),
        destinations: Vec::new(),
        problems: Vec::new(),
        late: Vec::new(),
        bad_destination: false,
    };
    let mut custody = Custody::new(destinations.record_mhl);
    for given in destinations.given {
        let dest = std::path::absolute(given).unwrap_or_else(|_| given.clone());
        if !dest.is_dir() {
            done.bad_destination = true;
            let problem = Problem {
                path: dest.to_string_lossy().into_owned(),
                message: format!("the destination {} is not a folder", dest.display()),
            };
            on(Met::NotAFolder(&problem));
            done.problems.push(problem);
            continue;
        }
        let decision = match_destination(&prepared.plan.destinations, &dest, destinations.volume);
        let report = DestinationReport {
            path: dest.to_string_lossy().into_owned(),
            matched: decision.matched(),
            reason: decision.reason(),
        };
        if report.matched {
            done.tally.destinations_matched += 1;
        } else {
            done.tally.destinations_skipped += 1;
        }
        on(Met::Destination(given, &report));
        let matched = report.matched;
        done.destinations.push(report);
        if !matched {
            continue;
        }
        let root: &Path = if destinations.walk_as_given {
            given
        } else {
            &dest
        };
        let mut on_event = |event: Event<'_>| match event {
            Event::Clip(result) => {
                done.tally.count(&result.outcome);
                if matches!(
                    result.outcome,
                    Outcome::Written | Outcome::Overwritten | Outcome::Repaired
                ) {
                    custody.wrote(root, &result.sidecar);
                }
                if let (Some(log), Some(used)) = (&prepared.clip_log, &result.clip_log_row) {
                    let name = result
                        .clip
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy();
                    done.late.extend(log.several(engine, &name, &used.rows));
                }
                on(Met::Clip(result));
            }
            Event::Problem { path, message } => {
                done.tally.errors += 1;
                done.problems.push(Problem {
                    path: path.to_string_lossy().into_owned(),
                    message: message.to_owned(),
                });
                on(Met::Problem(path, message));
            }
            Event::TempRemoved(path) => {
                done.tally.temp_files_removed += 1;
                on(Met::TempRemoved(path));
            }
        };
        generate_in(
            root,
            &prepared.plan.extensions,
            content,
            options,
            &mut on_event,
        );
        for said in custody.finish() {
            if let Said::Error(message) = &said {
                done.tally.errors += 1;
                done.problems.push(Problem {
                    path: dest.to_string_lossy().into_owned(),
                    message: message.clone(),
                });
            }
            on(Met::Custody(&said));
        }
    }
    if let Some(log) = &prepared.clip_log {
        done.late.extend(log.unmatched(engine));
        done.late.sort_by_key(|d| (d.span.start, d.rule.code));
    }
    done
}
