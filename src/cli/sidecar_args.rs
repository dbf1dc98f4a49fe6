//! What `preview` and `generate` share on the command line: the value, sidecar and engine
//! options, and printing a preset's diagnostics. The steps from them to a built sidecar are
//! [`crate::output::sidecar::prepare`]'s.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use miette::miette;

use crate::cli::engine_args::EngineArgs;
use crate::lint::engine::Engine;
use crate::output::sidecar::{Naming, SidecarFormat};
pub(super) use crate::output::sidecar::{Prepared, refusal};
use crate::output::sidecar::{Stop, ValueSources, prepare};

/// Where element values come from: `preview`, `generate` and `audit` take the same options.
#[derive(Debug, clap::Args)]
pub(super) struct ValueArgs {
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

    /// A DIT's clip log (ALE or CSV, told apart by content) with values per clip: each row is
    /// matched to a clip by file name, and its columns give elements of the same name their
    /// values for that clip, over --set, --values and --transfer-log.
    #[arg(long, value_name = "FILE")]
    pub clip_values: Option<PathBuf>,

    /// The clip log's column that names the clips, compared with each clip's file name with and
    /// without its extension, in any case. Default: Name, then Source File, then the first.
    #[arg(long, value_name = "COLUMN", requires = "clip_values")]
    pub match_column: Option<String>,

    /// Give a clip log's column to an element of another name: COLUMN=ELEMENT (ELEMENT with or
    /// without braces). Repeatable.
    #[arg(long = "map", value_name = "COLUMN=ELEMENT", requires = "clip_values")]
    pub map: Vec<String>,
}

impl ValueArgs {
    /// Where the element values come from.
    pub(super) fn sources(&self) -> ValueSources<'_> {
        ValueSources {
            set: &self.set,
            values: self.values.as_deref(),
            transfer_log: self.transfer_log.as_deref(),
            date: self.date.as_deref(),
            clip_values: self.clip_values.as_deref(),
            matching: crate::model::values::Matching {
                column: self.match_column.as_deref(),
                maps: &self.map,
            },
            rows_judged: None,
        }
    }
}

#[derive(Debug, clap::Args)]
pub(super) struct SidecarArgs {
    #[command(flatten)]
    pub values: ValueArgs,

    /// The sidecar format.
    #[arg(long, value_enum, default_value_t = SidecarFormat::Json)]
    pub sidecar_format: SidecarFormat,

    /// append: A001C003.R3D.json; replace: A001C003.json.
    #[arg(long = "naming", value_enum, default_value_t = Naming::Append)]
    pub naming_choice: Naming,

    /// Which preset of a file holding several (0-based).
    #[arg(long = "preset", id = "preset_index", value_name = "N")]
    pub preset_index: Option<usize>,

    #[command(flatten)]
    pub engine: EngineArgs,
}

impl SidecarArgs {
    pub(super) fn format(&self) -> SidecarFormat {
        self.sidecar_format
    }

    /// Where the element values come from.
    pub(super) fn value_sources(&self) -> ValueSources<'_> {
        self.values.sources()
    }

    pub(super) fn naming(&self) -> Naming {
        self.naming_choice
    }
}

/// [`prepare`] as `preview` and `generate` both use it: a preset that is no preset has its
/// diagnostics printed on standard output, and the run stops with exit code 2 (`Err`).
/// `rows_judged`: with a clip log, judge only the rows of this clip (by file name), not
/// every row.
pub(super) fn prepare_or_stop(
    preset: &Path,
    args: &SidecarArgs,
    rows_judged: Option<&str>,
) -> miette::Result<Result<(Engine, Prepared), ExitCode>> {
    let cwd =
        std::env::current_dir().map_err(|e| miette!("cannot read the current directory: {e}"))?;
    let engine = args.engine.engine(&cwd)?;
    let mut sources = args.value_sources();
    sources.rows_judged = rows_judged;
    match prepare(&engine, preset, args.preset_index, &sources, args.format()) {
        Ok(prepared) => {
            if let Some(note) = crate::output::sidecar::clock_note(&prepared.clock_dated()) {
                eprintln!(
                    "presetlint: note: {}",
                    crate::base::shown::escape_controls(&note)
                );
            }
            Ok(Ok((engine, prepared)))
        }
        Err(Stop::Usage(report)) => Err(report),
        Err(Stop::InvalidPreset(file)) => {
            let mut out = io::stdout().lock();
            write_diagnostics(&file, &mut out).map_err(|e| miette!("{e}"))?;
            Ok(Err(ExitCode::from(super::EXIT_TROUBLE)))
        }
    }
}

/// A file's diagnostics in the concise shape, each followed by its help.
pub(super) use crate::output::report::{write_all_diagnostics, write_diagnostics};

/// A reader that went away (`presetlint generate ... | head`) is not an error of ours.
pub(super) fn ignore_broken_pipe(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(err) if crate::cli::output::is_closed_pipe(&err) => Ok(()),
        other => other,
    }
}
