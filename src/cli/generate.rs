//! `presetlint generate PRESET --destination DIR...`: write the sidecars of the clips already
//! on the destinations.
//!
//! Exit codes: 0 every sidecar written or unchanged; 1 conflicts, collisions or failures;
//! 2 a usage error (a destination that is not a folder included), a preset with errors,
//! values that do not fit the view or fields the format cannot carry (without `--force`),
//! or missing values with `--require-values`. In the cases of 2 nothing is written, except
//! for a destination that is not a folder, where the others are still done.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::base::shown::{self, escape_controls};
use crate::cli::EXIT_TROUBLE;
use crate::cli::progress::Progress;
use crate::cli::sidecar_args::{
    Prepared, SidecarArgs, ignore_broken_pipe, prepare_or_stop, refusal, write_all_diagnostics,
    write_diagnostics,
};
use crate::cli::value_enums::HumanOrJson;
use crate::lint::engine::Engine;
use crate::output::report::{DestinationReport, GenerateJson, Problem, Tally};
use crate::output::sidecar::{
    ClipResult, Content, GenerateEvent, GenerateOptions, Outcome, RowUsed, WriteOptions,
    generate_in, match_destination,
};

#[derive(Debug, clap::Args)]
pub(super) struct GenerateArgs {
    /// The preset file (*.hedge or *.json).
    preset: PathBuf,

    /// A destination folder whose clips get sidecars; repeatable. Default: the transfer
    /// log's Destination.
    #[arg(long, value_name = "DIR")]
    destination: Vec<PathBuf>,

    /// The destinations' volume name, instead of the one read from each path.
    #[arg(long, value_name = "NAME")]
    volume: Option<String>,

    #[command(flatten)]
    sidecar: SidecarArgs,

    /// Print what would be written; write nothing.
    #[arg(long)]
    dry_run: bool,

    /// Replace existing sidecars whose content differs (otherwise they are conflicts).
    #[arg(long)]
    overwrite: bool,

    /// Replace existing sidecars that are broken: not readable as their format, or not
    /// iconik's structure (PL801, PL802), as a crash leaves them. A readable sidecar that
    /// differs stays a conflict.
    #[arg(long)]
    repair: bool,

    /// Do not sync the written sidecars to the disk before the summary: faster, but a power
    /// cut right after the run may leave sidecars empty or torn.
    #[arg(long)]
    no_sync: bool,

    /// Write the valid fields even when the preset has errors, values do not fit the view
    /// or the format cannot carry some fields.
    #[arg(long)]
    force: bool,

    /// An element without a value is an error, and nothing is written.
    #[arg(long)]
    require_values: bool,

    /// Record the sidecars written under an ASC MHL history (a folder holding `ascmhl/`) in a
    /// new generation of it, with the history's own hash format, as `ascmhl create -sf` would.
    #[arg(long)]
    mhl: bool,

    /// The report on standard output.
    #[arg(long, value_enum, default_value_t = HumanOrJson::Human)]
    report: HumanOrJson,
}

pub(super) fn run(args: GenerateArgs) -> miette::Result<ExitCode> {
    // Usage errors first, before a word about the preset.
    if let Some(bad) = args.destination.iter().find(|d| !d.is_dir()) {
        return Err(miette::miette!(
            help = "--destination names a folder that holds the clips, e.g. /Volumes/RAID",
            "the destination {} is not a folder",
            shown::path(&std::path::absolute(bad).unwrap_or_else(|_| bad.clone()))
        ));
    }
    let (engine, prepared) = match prepare_or_stop(&args.preset, &args.sidecar, None)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    let destinations: Vec<PathBuf> = if args.destination.is_empty() {
        prepared.log_destinations.clone()
    } else {
        args.destination.clone()
    };
    if destinations.is_empty() {
        return Err(miette::miette!(
            help = "name one with --destination DIR, or give --transfer-log FILE",
            "no destination to write sidecars on"
        ));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut code = 0;
    let result = generate(
        &args,
        &engine,
        &prepared,
        &destinations,
        &mut out,
        &mut code,
    );
    ignore_broken_pipe(result.and_then(|()| out.flush()))
        .map_err(|e| miette::miette!("cannot write the report: {e}"))?;
    Ok(ExitCode::from(code))
}

/// Why nothing may be written, if so.
fn stop_reason(args: &GenerateArgs, prepared: &Prepared) -> Option<String> {
    if let Some(reason) = refusal(prepared).filter(|_| !args.force) {
        return Some(format!(
            "generate refuses: {reason}; nothing written (--force writes the valid fields)"
        ));
    }
    // Missing for every clip (at the preset's entry), or for the clips of some rows of the
    // clip log (at their empty cells).
    let missing = prepared.built.missing.len()
        + prepared.clip_log.as_ref().map_or(0, |log| {
            log.diagnostics
                .iter()
                .filter(|d| d.rule.code == crate::lint::rules::missing_value::MISSING_VALUE.code)
                .count()
        });
    if args.require_values && missing > 0 {
        return Some(format!(
            "{missing} element{} without a value and --require-values: nothing written",
            if missing == 1 { " is" } else { "s are" }
        ));
    }
    None
}

fn generate(
    args: &GenerateArgs,
    engine: &Engine,
    prepared: &Prepared,
    destinations: &[PathBuf],
    out: &mut dyn Write,
    code: &mut u8,
) -> io::Result<()> {
    let json = args.report == HumanOrJson::Json;
    let built = &prepared.built;
    let file = prepared
        .input
        .with_diagnostics(prepared.diagnostics.clone());

    let stop = if prepared.plan.lists_elements {
        stop_reason(args, prepared)
    } else {
        None
    };
    if !json {
        for left in prepared.plan.left_out.iter().filter(|l| !l.by_finding) {
            writeln!(out, "left out: {:?}: {}", left.entry, left.reason)?;
        }
        for problem in prepared.format_problems() {
            writeln!(out, "left out: {:?}: {}", problem.field, problem.message)?;
        }
        write_all_diagnostics(prepared, &file, out)?;
    }
    if !prepared.plan.lists_elements || stop.is_some() {
        let message = stop.clone().unwrap_or_else(|| {
            "the preset lists no iconikSidecarElements: no sidecars to write".to_owned()
        });
        if json {
            GenerateJson::start(out, prepared, &file)?.stop(out, prepared, &message)?;
        } else {
            writeln!(out, "{message}")?;
        }
        *code = if stop.is_some() { EXIT_TROUBLE } else { 0 };
        return Ok(());
    }

    let options = GenerateOptions {
        naming: args.sidecar.naming(),
        format: args.sidecar.format(),
        write: WriteOptions {
            dry_run: args.dry_run,
            overwrite: args.overwrite,
            repair: args.repair,
        },
        sync: !args.no_sync && !args.dry_run,
    };
    let mut report = None;
    if json {
        let mut started = GenerateJson::start(out, prepared, &file)?;
        started.open_clips(out)?;
        report = Some(started);
    } else if args.dry_run {
        writeln!(
            out,
            "sidecar content ({}, {} naming){}:",
            options.format.name(),
            options.naming.name(),
            if prepared.clip_log.is_some() {
                ", for a clip no row of the clip log names"
            } else {
                ""
            }
        )?;
        out.write_all(built.content.as_bytes())?;
    }
    let content = match prepared.per_clip() {
        Some(per_clip) => Content::PerClip(per_clip, options.format),
        None => Content::Same(built.content.as_bytes()),
    };
    // What the clip log's rows say once clips are met (PL705 as they are, PL704 at the end).
    let mut late = Vec::new();

    let mut tally = Tally::default();
    let mut destination_reports = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut bad_destination = false;
    let mut progress = Progress::new("clips");
    let mut io_error: Option<io::Error> = None;
    let mut custody = super::custody::Custody::new(args.mhl);
    for given in destinations {
        let dest = std::path::absolute(given).unwrap_or_else(|_| given.clone());
        if !dest.is_dir() {
            bad_destination = true;
            let message = format!("the destination {} is not a folder", dest.display());
            if !json {
                writeln!(out, "error: {}", escape_controls(&message))?;
            }
            problems.push(Problem {
                path: dest.to_string_lossy().into_owned(),
                message,
            });
            continue;
        }
        let decision =
            match_destination(&prepared.plan.destinations, &dest, args.volume.as_deref());
        let matched = decision.matched();
        if matched {
            tally.destinations_matched += 1;
        } else {
            tally.destinations_skipped += 1;
        }
        if !json {
            // As given, as check and audit print paths; the reason names the absolute path
            // where a pattern was matched against it.
            let verb = if matched { "destination" } else { "skipped" };
            writeln!(out, "{verb} {}: {}", shown::path(given), decision.reason())?;
        }
        destination_reports.push(DestinationReport {
            path: dest.to_string_lossy().into_owned(),
            matched,
            reason: decision.reason(),
        });
        if !matched {
            continue;
        }
        // Walked from the path as given, so that what is printed of each clip is as the user
        // named it (as check and audit print paths); the JSON report names absolute paths.
        let root: &std::path::Path = if json { &dest } else { given };
        // Every event is counted; printing stops at the first output error.
        let mut on_event = |event: GenerateEvent<'_>| {
            let quiet = io_error.is_some();
            let written = match event {
                GenerateEvent::Clip(result) => {
                    tally.count(&result.outcome);
                    if matches!(
                        result.outcome,
                        Outcome::Written | Outcome::Overwritten | Outcome::Repaired
                    ) {
                        custody.wrote(root, &result.sidecar);
                    }
                    progress.tick(tally.clips);
                    if let (Some(log), Some(used)) = (&prepared.clip_log, &result.clip_log_row) {
                        let name = result
                            .clip
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy();
                        late.extend(log.several(engine, &name, &used.rows));
                    }
                    if quiet {
                        Ok(())
                    } else if let Some(report) = &mut report {
                        report.clip(out, result)
                    } else {
                        write_clip_human(out, result, prepared)
                    }
                }
                GenerateEvent::Problem { path, message } => {
                    tally.errors += 1;
                    problems.push(Problem {
                        path: path.to_string_lossy().into_owned(),
                        message: message.to_owned(),
                    });
                    if json || quiet {
                        Ok(())
                    } else {
                        writeln!(out, "error: {}", escape_controls(message))
                    }
                }
                GenerateEvent::TempRemoved(path) => {
                    tally.temp_files_removed += 1;
                    if json || quiet {
                        Ok(())
                    } else {
                        writeln!(out, "removed a stale temporary file: {}", shown::path(path))
                    }
                }
            };
            if let Err(err) = written {
                io_error.get_or_insert(err);
            }
        };
        generate_in(
            root,
            &prepared.plan.extensions,
            &content,
            &options,
            &mut on_event,
        );
        for said in custody.finish() {
            let (prefix, message) = match said {
                super::custody::Said::Note(message) => ("note", message),
                super::custody::Said::Error(message) => {
                    tally.errors += 1;
                    problems.push(Problem {
                        path: dest.to_string_lossy().into_owned(),
                        message: message.clone(),
                    });
                    ("error", message)
                }
            };
            if !json && io_error.is_none() {
                writeln!(out, "{prefix}: {}", escape_controls(&message))?;
            }
        }
    }
    progress.finish();
    if let Some(log) = &prepared.clip_log {
        late.extend(log.unmatched(engine));
        late.sort_by_key(|d| (d.span.start, d.rule.code));
        if !json && io_error.is_none() && !late.is_empty() {
            write_diagnostics(&log.file(late.clone()), out)?;
        }
    }
    if io_error.is_some() {
        // The reader went away; the sidecars were still written and counted.
    } else if let Some(report) = report {
        report.finish(
            out,
            prepared,
            (&destination_reports, &problems),
            late,
            &tally,
        )?;
    } else {
        writeln!(out, "{}", tally.sentence(args.dry_run, args.repair))?;
    }
    // Every destination skipped: nothing the user asked for was written.
    let nothing_matched = tally.destinations_matched == 0 && tally.destinations_skipped > 0;
    if nothing_matched && !json && io_error.is_none() {
        writeln!(
            out,
            "nothing written: no destination matched the preset's iconikSidecarDestinations; a volume's name is given with --volume NAME"
        )?;
    }
    *code = if bad_destination {
        EXIT_TROUBLE
    } else if tally.conflicts > 0 || tally.errors > 0 || nothing_matched {
        1
    } else {
        0
    };
    if let Some(err) = io_error {
        return Err(err);
    }
    Ok(())
}

fn write_clip_human(
    out: &mut dyn Write,
    result: &ClipResult,
    prepared: &Prepared,
) -> io::Result<()> {
    let row = result.clip_log_row.as_ref();
    if let (Some(log), Some(RowUsed { line: None, .. })) = (&prepared.clip_log, row) {
        writeln!(
            out,
            "note: no row of {} names {}; its sidecar has the run's values only",
            escape_controls(&log.values.path),
            shown::path(&result.clip)
        )?;
    }
    let from = match row.and_then(|r| r.line) {
        Some(line) => format!(
            " (values of {}:{line})",
            escape_controls(
                prepared
                    .clip_log
                    .as_ref()
                    .map_or("", |l| l.values.path.as_str())
            )
        ),
        None => String::new(),
    };
    match &result.outcome {
        Outcome::Conflict => writeln!(
            out,
            "conflict: {} differs from the sidecar this preset gives; left untouched (--overwrite replaces it)",
            shown::path(&result.sidecar)
        ),
        Outcome::Collision(message) => writeln!(out, "collision: {}", escape_controls(message)),
        Outcome::Error(message) => writeln!(out, "error: {}", escape_controls(message)),
        Outcome::WouldWrite => writeln!(out, "would write {}{from}", shown::path(&result.sidecar)),
        Outcome::WouldOverwrite => {
            writeln!(
                out,
                "would overwrite {}{from}",
                shown::path(&result.sidecar)
            )
        }
        Outcome::WouldRepair => writeln!(
            out,
            "would repair {} (it is broken)",
            shown::path(&result.sidecar)
        ),
        Outcome::Repaired => writeln!(
            out,
            "repaired {}: it was broken",
            shown::path(&result.sidecar)
        ),
        Outcome::Written | Outcome::Overwritten | Outcome::Unchanged => Ok(()),
    }
}
