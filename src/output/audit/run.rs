//! An audit from start to finish, as the command line asks for it: the preset prepared (its
//! scope on each destination, and with values the fields generate would write), every
//! destination walked, the findings gathered with the summary.

use std::path::{Path, PathBuf};

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::model::sidecar_reader::SidecarFormat;
use crate::output::audit::{Audit, Event, Expected, Scope, audit_in};
use crate::output::report::{FolderCount, Summary, plural};
use crate::output::sidecar::build::build;
use crate::output::sidecar::matching::match_destination;
use crate::output::sidecar::naming::Naming;
use crate::output::sidecar::prepare::{Prepared, Stop, ValueSources, prepare};

/// What to audit, and against what.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub destinations: &'a [PathBuf],
    /// The preset that gives these clips their sidecars.
    pub preset: Option<&'a Path>,
    pub preset_index: Option<usize>,
    /// The destinations' volume name, instead of the one read from each path.
    pub volume: Option<&'a str>,
    /// What generate would name a missing sidecar (PL805's help).
    pub naming: Naming,
    pub format: SidecarFormat,
    /// The element values; when any is given, sidecars are compared with them (PL811).
    pub values: ValueSources<'a>,
    /// Hash each sidecar an ASC MHL history records and compare (PL812).
    pub verify_mhl: bool,
}

/// What an audit found.
#[derive(Debug)]
pub struct Audited {
    /// The sidecars and clips with findings, in walk order.
    pub files: Vec<CheckedFile>,
    pub summary: Summary,
    /// Folders and sidecars that could not be read (exit 2).
    pub problems: Vec<String>,
    /// What the user should know about the run itself: a preset with errors, a destination
    /// the preset gives no sidecars.
    pub notes: Vec<String>,
}

/// Audits the request's destinations. `on_sidecar` hears the count of sidecars read so far.
pub fn run(
    engine: &Engine,
    request: &Request<'_>,
    on_sidecar: &mut dyn FnMut(usize),
) -> Result<Audited, Stop> {
    let prepared = match request.preset {
        None => None,
        Some(preset) => Some(prepare(
            engine,
            preset,
            request.preset_index,
            &request.values,
            request.format,
        )?),
    };
    let mut notes = Vec::new();
    if let Some(prepared) = prepared.as_ref().filter(|p| p.input.has_errors()) {
        notes.push(format!(
            "the preset {} has errors (see `presetlint check`); its entries with errors are left out of what it gives",
            prepared.input.file.path
        ));
    }
    let expected = prepared
        .as_ref()
        .filter(|_| request.values.any())
        .map(|p| expected(engine, p));
    // The clock's today is not the day the footage was shot: without --date, the fields it
    // would date are not judged stale (PL811), and the run says so.
    if let Some(prepared) = prepared.as_ref().filter(|_| request.values.any()) {
        let dated: Vec<String> = prepared
            .plan
            .elements
            .iter()
            .map(|e| e.name.as_str())
            .filter(|name| prepared.from_clock(name))
            .map(|name| format!("{{{name}}}"))
            .collect();
        if !dated.is_empty() {
            notes.push(format!(
                "without --date, {} {} not judged (PL811): the clock's today is not the day the footage was shot",
                dated.join(", "),
                if dated.len() == 1 { "is" } else { "are" }
            ));
        }
    }

    let mut files = Vec::new();
    let mut summary = Summary::new("sidecar");
    let mut problems = Vec::new();
    let (mut sidecars, mut without_sidecar) = (0, 0);
    let mut log_diagnostics = Vec::new();
    for destination in request.destinations {
        let scope = prepared.as_ref().map(|p| scope(p, destination, request));
        if let Some(reason) = scope.as_ref().and_then(|s| s.none_because.as_ref()) {
            notes.push(format!(
                "the preset gives no clip on {} a sidecar: {reason}",
                destination.display()
            ));
        }
        let audit = Audit {
            engine,
            scope,
            expected: expected.as_ref(),
            per_clip: prepared.as_ref().and_then(Prepared::per_clip),
            verify_mhl: request.verify_mhl,
        };
        audit_in(destination, &audit, &mut |event| match event {
            Event::Sidecar(file) => {
                sidecars += 1;
                on_sidecar(sidecars);
                if let Some(file) = file {
                    summary.count(&file);
                    files.push(file);
                }
            }
            Event::Clips {
                folder,
                seen,
                without_sidecar: without,
                sidecars,
            } => {
                without_sidecar += without;
                if seen > 0 || sidecars > 0 {
                    summary.folders.push(FolderCount {
                        path: folder.display().to_string(),
                        sidecars,
                        without_sidecar: without,
                    });
                }
            }
            Event::Clip(file) => files.push(file),
            Event::Problem { message, .. } => problems.push(message),
            Event::SeveralRows { clip, rows } => {
                if let Some(log) = prepared.as_ref().and_then(|p| p.clip_log.as_ref()) {
                    log_diagnostics.extend(log.several(engine, &clip, &rows));
                }
            }
        });
    }
    // The clip log: what it says before any clip, then the rows no clip named.
    if let Some(log) = prepared.as_ref().and_then(|p| p.clip_log.as_ref()) {
        log_diagnostics.extend(log.diagnostics.iter().cloned());
        log_diagnostics.extend(log.unmatched(engine));
        log_diagnostics.sort_by_key(|d| (d.span.start, d.rule.code));
        if !log_diagnostics.is_empty() {
            let file = log.file(log_diagnostics);
            summary.count(&file);
            files.insert(0, file);
        }
    }
    summary.files = sidecars;
    if prepared.is_some() && without_sidecar > 0 {
        summary.note = Some(format!(
            "{} without a sidecar",
            plural(without_sidecar, "clip")
        ));
    }
    Ok(Audited {
        files,
        summary,
        problems,
        notes,
    })
}

/// What the preset says of one destination.
fn scope<'p>(prepared: &'p Prepared, destination: &Path, request: &Request<'_>) -> Scope<'p> {
    let none_because = if !prepared.plan.lists_elements {
        Some("the preset lists no iconikSidecarElements".to_owned())
    } else {
        let absolute =
            std::path::absolute(destination).unwrap_or_else(|_| destination.to_path_buf());
        let decision = match_destination(&prepared.plan.destinations, &absolute, request.volume);
        (!decision.matched()).then(|| decision.reason())
    };
    Scope {
        extensions: &prepared.plan.extensions,
        none_because,
        naming: request.naming,
        format: request.format,
    }
}

/// The fields generate would write from this preset and these values, in each format.
fn expected(engine: &Engine, prepared: &Prepared) -> Expected {
    let fields = |format| {
        let config = engine.config_for(Some(Path::new(&prepared.input.file.path)));
        build(&prepared.plan, &prepared.values, &config.settings, format)
            .fields
            .into_iter()
            // Dated by the clock: not judged (see `run`).
            .filter(|f| !prepared.from_clock(&f.name))
            .map(|f| (f.name, f.values))
            .collect()
    };
    Expected {
        json: fields(SidecarFormat::Json),
        xml: fields(SidecarFormat::Xml),
        csv: fields(SidecarFormat::Csv),
        unjudged: prepared
            .plan
            .elements
            .iter()
            .filter(|e| prepared.from_clock(&e.name))
            .map(|e| e.name.clone())
            .collect(),
    }
}
