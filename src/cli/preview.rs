//! `presetlint preview PRESET --clip PATH`: the pre-flight answer for one clip.
//!
//! Exit codes: 0 the answer is given (with or without a sidecar); 1 `generate` would refuse
//! (errors in the preset, values that do not fit the view, fields the format cannot carry);
//! 2 a usage error or a preset file that is not JSON or holds no preset.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::cli::sidecar_args::{
    Prepared, SidecarArgs, ignore_broken_pipe, prepare_or_stop, refusal, write_all_diagnostics,
};
use crate::cli::value_enums::HumanOrJson;
use crate::report::json::diagnostics_of;
use crate::shown;
use crate::sidecar::clips::ClipDecision;
use crate::sidecar::matching::{DestinationDecision, ExtensionDecision};
use crate::sidecar::preview::{Preview, preview};

#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
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

pub fn run(args: PreviewArgs) -> miette::Result<ExitCode> {
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
            crate::shown::path(&args.clip)
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
    let sidecar = Sidecar {
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
        args: &args,
        refused: refused.as_deref(),
    };
    let written = match args.format {
        HumanOrJson::Human => write_human(&shown, &mut out),
        HumanOrJson::Json => write_json(&shown, &mut out),
    };
    ignore_broken_pipe(written.and_then(|()| out.flush()))
        .map_err(|e| miette::miette!("cannot write the preview: {e}"))?;
    Ok(if refused.is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The sidecar this clip gets: the run's, or with a clip log, the one its row gives.
struct Sidecar<'a> {
    content: &'a str,
    fields: &'a [crate::sidecar::format::Field],
    /// The clip log's line whose values it carries.
    row_line: Option<usize>,
}

/// Everything the preview shows.
struct Shown<'a> {
    prepared: &'a Prepared,
    found: &'a Preview,
    sidecar: &'a Sidecar<'a>,
    args: &'a PreviewArgs,
    refused: Option<&'a str>,
}

/// What the clip log gives this clip, in a line.
fn clip_log_line(prepared: &Prepared, sidecar: &Sidecar<'_>) -> Option<String> {
    let log = prepared.clip_log.as_ref()?;
    let path = crate::shown::escape_controls(&log.values.path);
    Some(match sidecar.row_line {
        Some(line) => format!("the values of {path}:{line}, over the run's"),
        None => format!("no row of {path} names this clip; the run's values only"),
    })
}

/// What is at the sidecar's path now, compared with what the preset gives.
fn existing(found: &Preview, content: &str) -> &'static str {
    match std::fs::symlink_metadata(&found.sidecar) {
        Err(_) => "none",
        Ok(meta) if !meta.is_file() => "not a file",
        // Through the one reader, no more than the content's length (a larger file differs).
        Ok(_) => match crate::input::read_file(&found.sidecar, content.len() as u64) {
            Ok(bytes) if bytes == content.as_bytes() => "identical",
            Ok(_) | Err(crate::input::ReadError::TooLarge { .. }) => "different",
            Err(_) => "unreadable",
        },
    }
}

fn destination_line(found: &Preview) -> String {
    let reason = found.destination_decision.reason();
    match (&found.destination, &found.destination_decision) {
        (_, DestinationDecision::Every) => reason,
        (Some(dest), DestinationDecision::Skipped { .. }) if !found.destination_given => format!(
            "{reason} (every folder above the clip was tried as the destination; --destination pins one)"
        ),
        (Some(dest), _) => format!("{}: {reason}", shown::path(dest)),
        (None, _) => reason,
    }
}

fn clip_line(found: &Preview) -> String {
    let mut line = found.clip_decision.reason();
    if !found.collides_with.is_empty() {
        let others: Vec<String> = found
            .collides_with
            .iter()
            .map(|o| format!("{:?}", o.to_string_lossy()))
            .collect();
        line = format!(
            "{line}; but with replace naming it would share its sidecar with {} in its folder, and neither is written",
            others.join(", ")
        );
    }
    if found.is_own_sidecar {
        line = format!("{line}; but its sidecar would be the clip itself, so none is written");
    }
    line
}

fn write_human(shown: &Shown<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Shown {
        prepared,
        found,
        sidecar,
        args,
        refused,
    } = *shown;
    writeln!(out, "clip: {}", shown::path(&found.clip))?;
    if !prepared.plan.lists_elements {
        writeln!(
            out,
            "gets a sidecar: no: the preset lists no iconikSidecarElements"
        )?;
    } else {
        writeln!(
            out,
            "gets a sidecar: {}",
            if found.gets_sidecar { "yes" } else { "no" }
        )?;
    }
    writeln!(out, "  destination: {}", destination_line(found))?;
    writeln!(out, "  file: {}", clip_line(found))?;
    if let Some(line) = clip_log_line(prepared, sidecar) {
        writeln!(out, "  clip log: {line}")?;
    }
    if found.gets_sidecar {
        writeln!(
            out,
            "sidecar: {} ({}, {} naming; existing: {})",
            shown::path(&found.sidecar),
            args.sidecar.format().name(),
            args.sidecar.naming().name(),
            existing(found, sidecar.content)
        )?;
        writeln!(out, "---")?;
        out.write_all(sidecar.content.as_bytes())?;
        writeln!(out, "---")?;
    }
    for left in prepared.plan.left_out.iter().filter(|l| !l.by_finding) {
        writeln!(out, "left out: {:?}: {}", left.entry, left.reason)?;
    }
    for problem in prepared.format_problems() {
        writeln!(out, "left out: {:?}: {}", problem.field, problem.message)?;
    }
    let file = prepared
        .input
        .with_diagnostics(prepared.diagnostics.clone());
    write_all_diagnostics(prepared, &file, out)?;
    if let Some(reason) = refused {
        // The valid fields are shown above only when the clip gets a sidecar.
        let shown = if found.gets_sidecar {
            ", as shown above"
        } else {
            ""
        };
        writeln!(
            out,
            "generate would refuse: {reason} (--force writes the valid fields{shown})"
        )?;
    }
    Ok(())
}

fn write_json(shown: &Shown<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Shown {
        prepared,
        found,
        sidecar,
        args,
        refused,
    } = *shown;
    let file = prepared
        .input
        .with_diagnostics(prepared.diagnostics.clone());
    let diagnostics = diagnostics_of(&file);
    let (destination_entry, extension_entry) = (
        match &found.destination_decision {
            DestinationDecision::Matched { entry, .. } => Some(entry.as_str()),
            _ => None,
        },
        match &found.clip_decision {
            ClipDecision::Clip(ExtensionDecision::Matched { entry }) => Some(entry.as_str()),
            _ => None,
        },
    );
    let report = json!({
        "version": 1,
        "preset": prepared.input.file.path,
        "clip": found.clip.to_string_lossy(),
        "gets_sidecar": found.gets_sidecar && prepared.plan.lists_elements,
        "destination": {
            "path": found.destination.as_ref().map(|d| d.to_string_lossy()),
            "given": found.destination_given,
            "matched": found.destination_decision.matched(),
            "entry": destination_entry,
            "reason": found.destination_decision.reason(),
        },
        "extension": {
            "matched": matches!(found.clip_decision, ClipDecision::Clip(_)),
            "entry": extension_entry,
            "reason": found.clip_decision.reason(),
        },
        "sidecar": {
            "path": found.sidecar.to_string_lossy(),
            "format": args.sidecar.format(),
            "naming": args.sidecar.naming(),
            "collides_with": found.collides_with.iter().map(|o| o.to_string_lossy()).collect::<Vec<_>>(),
            "is_the_clip_itself": found.is_own_sidecar,
            "existing": existing(found, sidecar.content),
            "fields": sidecar.fields,
            "content": sidecar.content,
        },
        "left_out": prepared.plan.left_out.iter().map(|l| json!({"entry": l.entry, "reason": l.reason})).collect::<Vec<_>>(),
        "format_problems": prepared.format_problems().collect::<Vec<_>>(),
        "diagnostics": diagnostics,
        "value_findings": crate::cli::sidecar_args::side_file_diagnostics(prepared),
        "generate_would_refuse": refused,
    });
    let mut report = report;
    if let Some(log) = &prepared.clip_log {
        let file = log.file(log.diagnostics.clone());
        report["clip_log"] = json!({
            "path": file.path,
            "line": sidecar.row_line,
            "diagnostics": diagnostics_of(&file),
        });
    }
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
