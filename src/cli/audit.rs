//! `presetlint audit DEST...`: the sidecars already on destinations, judged before iconik's
//! Storage Gateway scans them, and reported as `check` reports presets.
//!
//! Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage
//! error (a destination that is not a folder included), a preset that holds no preset, or a
//! folder or sidecar that could not be read (the rest is still audited).

use std::path::PathBuf;
use std::process::ExitCode;

use miette::miette;

use crate::base::shown;
use crate::cli::engine_args::EngineArgs;
use crate::cli::progress::Progress;
use crate::cli::sidecar_args::{ValueArgs, write_diagnostics};
use crate::cli::{EXIT_TROUBLE, ReportArgs, output};
use crate::model::sidecar_reader::SidecarFormat;
use crate::output::audit::{self, Request};
use crate::output::sidecar::{Naming, Stop};

#[derive(Debug, clap::Args)]
pub(super) struct AuditArgs {
    /// The destination folders whose sidecars are audited, walked as `generate` walks them.
    #[arg(required = true, value_name = "DEST")]
    destinations: Vec<PathBuf>,

    /// The preset that gives these clips their sidecars: which clips must have one (PL805)
    /// and which must not (PL806); with values, what each must hold (PL811).
    #[arg(long, value_name = "FILE")]
    preset: Option<PathBuf>,

    /// Which preset of the --preset file, when it holds several (0-based).
    #[arg(long, value_name = "N", requires = "preset")]
    preset_index: Option<usize>,

    /// The destinations' volume name, instead of the one read from each path.
    #[arg(long, value_name = "NAME", requires = "preset")]
    volume: Option<String>,

    /// The naming generate uses here, for the sidecar name PL805 suggests.
    #[arg(long = "naming", value_enum, default_value_t = Naming::Append)]
    naming: Naming,

    /// The format generate uses here, for the sidecar name PL805 suggests.
    #[arg(long, value_enum, default_value_t = SidecarFormat::Json)]
    sidecar_format: SidecarFormat,

    /// Hash each sidecar an ASC MHL history records and report one that changed since (PL812);
    /// without it, PL812 reports only sidecars no generation records.
    #[arg(long)]
    verify_mhl: bool,

    #[command(flatten)]
    values: ValueArgs,

    #[command(flatten)]
    report: ReportArgs,

    #[command(flatten)]
    engine: EngineArgs,
}

pub(super) fn run(args: AuditArgs) -> miette::Result<ExitCode> {
    if let Some(bad) = args.destinations.iter().find(|d| !d.is_dir()) {
        return Err(miette!(
            help = "audit names folders that hold clips and their sidecars, e.g. /Volumes/RAID",
            "the destination {} is not a folder",
            shown::path(&std::path::absolute(bad).unwrap_or_else(|_| bad.clone()))
        ));
    }
    let values = args.values.sources();
    if values.any() && args.preset.is_none() {
        return Err(miette!(
            help = "e.g. presetlint audit /Volumes/RAID --preset cam-a.json --set Project=PRX",
            "--set, --values, --transfer-log, --clip-values and --date give the values of a preset's elements: name the preset with --preset FILE"
        ));
    }
    let cwd =
        std::env::current_dir().map_err(|e| miette!("cannot read the current directory: {e}"))?;
    let engine = args.engine.engine(&cwd)?;
    let request = Request {
        destinations: &args.destinations,
        preset: args.preset.as_deref(),
        preset_index: args.preset_index,
        volume: args.volume.as_deref(),
        naming: args.naming,
        format: args.sidecar_format,
        values,
        verify_mhl: args.verify_mhl,
    };
    let mut progress = Progress::new("sidecars");
    let audited = match audit::run(&engine, &request, &mut |n| progress.tick(n)) {
        Ok(audited) => audited,
        Err(Stop::Usage(report)) => return Err(report),
        Err(Stop::InvalidPreset(file)) => {
            write_diagnostics(&file, &mut std::io::stdout().lock()).map_err(|e| miette!("{e}"))?;
            return Ok(ExitCode::from(EXIT_TROUBLE));
        }
    };
    progress.finish();
    for note in &audited.notes {
        eprintln!("presetlint: note: {}", shown::escape_controls(note));
    }
    output::emit(
        &args.report,
        engine.config.output_format.as_deref(),
        &audited.files,
        &audited.summary,
        &[],
        false,
        &cwd,
    )?;
    for problem in &audited.problems {
        eprintln!("presetlint: error: {}", shown::escape_controls(problem));
    }
    let fail_level = args.report.fail_level(&engine);
    let failed = audited
        .files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_level);
    Ok(if !audited.problems.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else {
        args.report.exit_for(failed)
    })
}
