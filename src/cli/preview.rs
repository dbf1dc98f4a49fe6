//! `presetlint preview PRESET --clip PATH`: the pre-flight answer for one clip.
//!
//! Exit codes: 0 the answer is given (with or without a sidecar); 1 `generate` would refuse
//! (errors in the preset, values that do not fit the view, fields the format cannot carry);
//! 2 a usage error or a preset file that is not JSON or holds no preset.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::sidecar_args::{SidecarArgs, ignore_broken_pipe, prepare_or_stop, refusal};
use crate::cli::value_enums::HumanOrJson;
use crate::output::report::{ClipSidecar, Shown, write_preview, write_preview_json};
use crate::output::sidecar::preview;

#[derive(Debug, clap::Args)]
pub(super) struct PreviewArgs {
    /// The preset file (*.hedge or *.json).
    preset: PathBuf,

    /// The clip, as it would lie on a destination; it need not exist.
    #[arg(long, value_name = "PATH")]
    clip: PathBuf,

    /// The destination the clip is under. Default: the transfer log's, or else every
    /// folder above the clip is tried.
    #[arg(long, value_name = "DIR")]
    destination: Option<PathBuf>,

    /// The destination's volume name, instead of the one read from its path.
    #[arg(long, value_name = "NAME")]
    volume: Option<String>,

    #[command(flatten)]
    sidecar: SidecarArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = HumanOrJson::Human)]
    format: HumanOrJson,
}

pub(super) fn run(args: PreviewArgs) -> miette::Result<ExitCode> {
    let clip_name = args
        .clip
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prepared = match prepare_or_stop(&args.preset, &args.sidecar, Some(&clip_name))? {
        Ok((_, prepared)) => prepared,
        Err(code) => return Ok(code),
    };
    let clip = std::path::absolute(&args.clip)
        .map_err(|e| miette::miette!("cannot make {} absolute: {e}", args.clip.display()))?;
    // A clip need not exist yet, but a folder is never one, nor a path that names no file.
    if clip.is_dir() || args.clip.file_name().is_none() {
        return Err(miette::miette!(
            help = "name a clip file, e.g. --clip /Volumes/RAID/PRX/A001C003.R3D (it need not exist yet)",
            "--clip {} is a folder, not a clip",
            crate::base::shown::path(&args.clip)
        ));
    }
    let destination = match (&args.destination, prepared.log_destinations.first()) {
        (Some(d), _) | (None, Some(d)) => Some(
            std::path::absolute(d)
                .map_err(|e| miette::miette!("cannot make {} absolute: {e}", d.display()))?,
        ),
        (None, None) => None,
    };
    let found = preview(
        &clip,
        destination.as_deref(),
        args.volume.as_deref(),
        &prepared.plan,
        args.sidecar.naming(),
        args.sidecar.format(),
    );
    let refused = refusal(&prepared);
    let own = prepared
        .per_clip()
        .map(|per_clip| per_clip.sidecar(&clip_name, args.sidecar.format()));
    let sidecar = ClipSidecar {
        content: own
            .as_ref()
            .map_or(prepared.built.content.as_str(), |o| &o.content),
        fields: own
            .as_ref()
            .map_or(prepared.built.fields.as_slice(), |o| &o.fields),
        row_line: own.as_ref().and_then(|o| o.row_line),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let shown = Shown {
        prepared: &prepared,
        found: &found,
        sidecar: &sidecar,
        format: args.sidecar.format(),
        naming: args.sidecar.naming(),
        refused: refused.as_deref(),
    };
    let written = match args.format {
        HumanOrJson::Human => write_preview(&shown, &mut out),
        HumanOrJson::Json => write_preview_json(&shown, &mut out),
    };
    ignore_broken_pipe(written.and_then(|()| out.flush()))
        .map_err(|e| miette::miette!("cannot write the preview: {e}"))?;
    Ok(if refused.is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
