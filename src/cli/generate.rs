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
use crate::output::report::{GenerateJson, generate_sentence};
use crate::output::sidecar::{
    ClipResult, Content, Destinations, GenerateOptions, Generated, Met, Outcome, RowUsed, Said,
    WriteOptions, generate_on,
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
    let destinations = Destinations {
        given: destinations,
        volume: args.volume.as_deref(),
        // Walked from the paths as given, so that what is printed of each clip is as the user
        // named it (as check and audit print paths); the JSON report names absolute paths.
        walk_as_given: !json,
        record_mhl: args.mhl,
    };
    let mut progress = Progress::new("clips");
    let mut clips = 0;
    // Everything is done and counted; printing stops at the first output error.
    let mut io_error: Option<io::Error> = None;
    let mut on = |met: Met<'_>| {
        if let Met::Clip(_) = met {
            clips += 1;
            progress.tick(clips);
        }
        if io_error.is_some() {
            return;
        }
        let written = match (&mut report, met) {
            (Some(report), Met::Clip(result)) => report.clip(out, result),
            (Some(_), _) => Ok(()),
            (None, met) => write_met_human(out, met, prepared),
        };
        if let Err(err) = written {
            io_error = Some(err);
        }
    };
    let generated = generate_on(
        engine,
        prepared,
        (&content, &options),
        &destinations,
        &mut on,
    );
    progress.finish();
    let nothing_matched = generated.nothing_matched();
    let Generated {
        tally,
        destinations,
        problems,
        late,
        bad_destination,
    } = generated;
    *code = if bad_destination {
        EXIT_TROUBLE
    } else if tally.conflicts > 0 || tally.errors > 0 || nothing_matched {
        1
    } else {
        0
    };
    if let Some(err) = io_error {
        // The reader went away; the sidecars were still written and counted.
        return Err(err);
    }
    match report {
        Some(report) => report.finish(out, prepared, (&destinations, &problems), late, &tally)?,
        None => {
            if let Some(log) = prepared.clip_log.as_ref().filter(|_| !late.is_empty()) {
                write_diagnostics(&log.file(late), out)?;
            }
            writeln!(
                out,
                "{}",
                generate_sentence(&tally, args.dry_run, args.repair)
            )?;
            if nothing_matched {
                writeln!(
                    out,
                    "nothing written: no destination matched the preset's iconikSidecarDestinations; a volume's name is given with --volume NAME"
                )?;
            }
        }
    }
    Ok(())
}

/// What the run meets, in the human report.
fn write_met_human(out: &mut dyn Write, met: Met<'_>, prepared: &Prepared) -> io::Result<()> {
    match met {
        Met::NotAFolder(problem) => writeln!(out, "error: {}", escape_controls(&problem.message)),
        Met::Destination(given, report) => {
            // As given, as check and audit print paths; the reason names the absolute path
            // where a pattern was matched against it.
            let verb = if report.matched {
                "destination"
            } else {
                "skipped"
            };
            writeln!(out, "{verb} {}: {}", shown::path(given), report.reason)
        }
        Met::Clip(result) => write_clip_human(out, result, prepared),
        Met::Problem(_, message) => writeln!(out, "error: {}", escape_controls(message)),
        Met::TempRemoved(path) => {
            writeln!(out, "removed a stale temporary file: {}", shown::path(path))
        }
        Met::Custody(Said::Note(message)) => writeln!(out, "note: {}", escape_controls(message)),
        Met::Custody(Said::Error(message)) => {
            writeln!(out, "error: {}", escape_controls(message))
        }
    }
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
