//! What `preview` and `generate` share: the value and sidecar options, and the steps from
//! them to a built sidecar (preset checked and chosen, view loaded, values gathered).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::ValueEnum;
use miette::{Report, miette};

use crate::check::CheckedFile;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Positioned;
use crate::settings::Settings;
use crate::sidecar::build::{Built, build};
use crate::sidecar::format::SidecarFormat;
use crate::sidecar::input::{LoadError, PresetInput};
use crate::sidecar::naming::Naming;
use crate::sidecar::plan::{Plan, plan};
use crate::values::Values;
use crate::values::date::{now_local, parse_date_arg};
use crate::values::transfer_log;
use crate::view::View;

#[derive(Debug, clap::Args)]
pub struct SidecarArgs {
    /// An element's value: NAME=VALUE, NAME with or without braces. Repeat it for more
    /// elements; the same NAME twice gives the field two values.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,

    /// A JSON file of values: {"NAME": "value" or ["value", ...]}.
    #[arg(long, value_name = "FILE")]
    pub values: Option<PathBuf>,

    /// An OffShoot Transfer Log: its header lines give values, its Destination: line a
    /// destination.
    #[arg(long, value_name = "FILE")]
    pub transfer_log: Option<PathBuf>,

    /// The date for {Date}, {YYYY}, {YY}, {MM}, {DD}, {hh}, {mm}, {ss}: RFC 3339 or
    /// YYYY-MM-DD. Default: now, local time.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// An iconik metadata view (as GET /API/metadata/v1/views/{id}/ returns it) to check
    /// element names and values against.
    #[arg(long, value_name = "FILE")]
    pub view: Option<PathBuf>,

    /// The sidecar format.
    #[arg(long, value_enum, default_value_t = FormatChoice::Json)]
    pub sidecar_format: FormatChoice,

    /// append: A001C003.R3D.json; replace: A001C003.json.
    #[arg(long, value_enum, default_value_t = NamingChoice::Append)]
    pub naming: NamingChoice,

    /// Which preset of a file holding several (0-based).
    #[arg(long = "preset", id = "preset_index", value_name = "N")]
    pub preset_index: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatChoice {
    Json,
    Xml,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NamingChoice {
    Append,
    Replace,
}

impl SidecarArgs {
    pub fn format(&self) -> SidecarFormat {
        match self.sidecar_format {
            FormatChoice::Json => SidecarFormat::Json,
            FormatChoice::Xml => SidecarFormat::Xml,
            FormatChoice::Csv => SidecarFormat::Csv,
        }
    }

    pub fn naming(&self) -> Naming {
        match self.naming {
            NamingChoice::Append => Naming::Append,
            NamingChoice::Replace => Naming::Replace,
        }
    }
}

/// Why a run stops before it starts (exit 2).
pub enum Stop {
    Usage(Report),
    /// The preset file is not JSON or holds no preset: print its diagnostics.
    InvalidPreset(CheckedFile),
}

impl From<Report> for Stop {
    fn from(report: Report) -> Stop {
        Stop::Usage(report)
    }
}

/// Everything a run knows before it looks at any clip.
pub struct Prepared {
    pub input: PresetInput,
    pub plan: Plan,
    pub built: Built,
    /// The preset's diagnostics that matter here (errors, PL6xx) and PL701, placed.
    pub diagnostics: Vec<Diagnostic>,
    /// Destinations named by the transfer log.
    pub log_destinations: Vec<PathBuf>,
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Report> {
    std::fs::read(path).map_err(|e| miette!("cannot read the {what} {}: {e}", path.display()))
}

pub fn prepare(preset: &Path, args: &SidecarArgs) -> Result<Prepared, Stop> {
    let mut settings = Settings::default();
    if let Some(path) = &args.view {
        settings.view = Some(Arc::new(View::load(path)?));
    }
    let date = match &args.date {
        Some(text) => parse_date_arg(text).map_err(|e| {
            miette!(
                help = "e.g. --date 2026-03-02 or --date 2026-03-02T09:14:07+01:00",
                "--date: {e}"
            )
        })?,
        None => now_local(),
    };
    let mut values = Values::builtins(&date, args.date.as_deref());
    let mut log_destinations = Vec::new();
    if let Some(path) = &args.transfer_log {
        let log = transfer_log::parse(&path.display().to_string(), read(path, "transfer log")?)?;
        values.overlay(log.values);
        log_destinations = log.destinations;
    }
    if let Some(path) = &args.values {
        values.overlay(Values::from_values_file(
            &path.display().to_string(),
            read(path, "values file")?,
        )?);
    }
    values.overlay(Values::from_set_args(&args.set)?);

    let input = PresetInput::load(preset, args.preset_index, &settings).map_err(|e| match e {
        LoadError::Usage(report) => Stop::Usage(report),
        LoadError::Invalid(file) => Stop::InvalidPreset(file),
    })?;
    let all = input.diagnostics();
    let plan = plan(&input.preset(), &all);
    let built = build(&plan, &values, &settings, args.format());
    let mut diagnostics: Vec<Diagnostic> = all
        .into_iter()
        .filter(|d| d.severity == Severity::Error || d.rule.code.starts_with("PL6"))
        .collect();
    diagnostics.extend(input.place(built.missing.clone(), &settings));
    diagnostics.sort_by_key(|d| (d.span.start, d.rule.code));
    Ok(Prepared {
        input,
        plan,
        built,
        diagnostics,
        log_destinations,
    })
}

/// [`prepare`] as `preview` and `generate` both use it: a preset that is no preset has its
/// diagnostics printed on standard output, and the run stops with exit code 2 (`Err`).
pub fn prepare_or_stop(
    preset: &Path,
    args: &SidecarArgs,
) -> miette::Result<Result<Prepared, ExitCode>> {
    match prepare(preset, args) {
        Ok(prepared) => Ok(Ok(prepared)),
        Err(Stop::Usage(report)) => Err(report),
        Err(Stop::InvalidPreset(file)) => {
            let mut out = io::stdout().lock();
            write_diagnostics(&file, &mut out).map_err(|e| miette!("{e}"))?;
            Ok(Err(ExitCode::from(super::EXIT_TROUBLE)))
        }
    }
}

/// Preset diagnostics in the concise shape, each followed by its help.
pub fn write_diagnostics(file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
    let positioned = Positioned::new(file);
    for (d, start, _) in positioned.diagnostics() {
        writeln!(
            out,
            "{}:{}:{}: {}[{} {}] {}",
            crate::shown::escape_controls(&file.path),
            start.line,
            start.column,
            d.severity,
            d.rule.code,
            d.rule.name,
            d.message
        )?;
        if let Some(help) = &d.help {
            writeln!(out, "  help: {help}")?;
        }
    }
    Ok(())
}

/// What keeps `generate` from writing without `--force`, if anything.
pub fn refusal(prepared: &Prepared) -> Option<String> {
    let mut reasons = Vec::new();
    if prepared.input.has_errors() {
        reasons.push("the preset has errors");
    }
    if crate::rules::invalid_value::has_error(&prepared.built.value_findings) {
        reasons.push("some values do not fit the view");
    }
    if !prepared.built.format_problems.is_empty() {
        reasons.push("the sidecar format cannot carry some fields");
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

/// A reader that went away (`presetlint generate ... | head`) is not an error of ours.
pub fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
