//! What `preview` shows of one clip, as text or JSON: written here, below the command line,
//! so that the browser playground shows the very same answer. With the two writers that
//! `preview` and `generate` share: what a run knows before any clip.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::base::shown;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::json::diagnostics_of;
use crate::output::sidecar::clip_name::ClipDecision;
use crate::output::sidecar::format::{FieldProblem, SidecarFormat};
use crate::output::sidecar::matching::{DestinationDecision, ExtensionDecision};
use crate::output::sidecar::naming::Naming;
use crate::output::sidecar::plan::LeftOut;
use crate::output::sidecar::prepare::Prepared;
use crate::output::sidecar::preview::Preview;

/// A file's diagnostics in the concise shape, each followed by its help.
pub fn write_diagnostics(file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
    crate::output::report::concise::write_file(file, true, out)
}

/// The findings about values in side files (a values file, a transfer log), as the JSON of
/// preview and generate gives them under `value_findings`: the JSON report's diagnostics.
pub(crate) fn side_file_diagnostics(prepared: &Prepared) -> serde_json::Value {
    serde_json::Value::Array(
        prepared
            .side_files
            .iter()
            .flat_map(
                |file| match crate::output::report::json::diagnostics_of(file) {
                    serde_json::Value::Array(items) => items,
                    _ => Vec::new(),
                },
            )
            .collect(),
    )
}

/// What a run knows before any clip, in the concise shape with help: the preset's diagnostics
/// (`file`), then those of the side files and of the clip log.
pub fn write_all_diagnostics(
    prepared: &Prepared,
    file: &CheckedFile,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_diagnostics(file, out)?;
    for side_file in &prepared.side_files {
        write_diagnostics(side_file, out)?;
    }
    // The log's text is copied into a report file only when it has findings to show.
    if let Some(log) = prepared
        .clip_log
        .as_ref()
        .filter(|l| !l.diagnostics.is_empty())
    {
        write_diagnostics(&log.file(log.diagnostics.clone()), out)?;
    }
    Ok(())
}

/// The sidecar this clip gets: the run's, or with a clip log, the one its row gives.
pub struct ClipSidecar<'a> {
    pub content: &'a str,
    pub fields: &'a [crate::output::sidecar::format::Field],
    /// The clip log's line whose values it carries.
    pub row_line: Option<usize>,
}

/// Everything the preview shows.
pub struct Shown<'a> {
    pub prepared: &'a Prepared,
    pub found: &'a Preview,
    pub sidecar: &'a ClipSidecar<'a>,
    pub format: SidecarFormat,
    pub naming: Naming,
    /// Why `generate` would refuse, if it would ([`crate::output::sidecar::prepare::refusal`]).
    pub refused: Option<&'a str>,
}

/// What the clip log gives this clip, in a line.
fn clip_log_line(prepared: &Prepared, sidecar: &ClipSidecar<'_>) -> Option<String> {
    let log = prepared.clip_log.as_ref()?;
    let path = crate::base::shown::escape_controls(&log.values.path);
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
        Ok(_) => match crate::base::input::read_file(&found.sidecar, content.len() as u64) {
            Ok(bytes) if bytes == content.as_bytes() => "identical",
            Ok(_) | Err(crate::base::input::ReadError::TooLarge { .. }) => "different",
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

pub fn write_human(shown: &Shown<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Shown {
        prepared,
        found,
        sidecar,
        format,
        naming,
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
            format.name(),
            naming.name(),
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

/// The JSON report of `preview`, one document.
#[derive(Serialize)]
struct PreviewReport<'a> {
    version: u32,
    preset: &'a str,
    clip: Cow<'a, str>,
    gets_sidecar: bool,
    destination: DestinationPart<'a>,
    extension: ExtensionPart<'a>,
    sidecar: SidecarPart<'a>,
    left_out: &'a [LeftOut],
    format_problems: Vec<&'a FieldProblem>,
    diagnostics: serde_json::Value,
    value_findings: serde_json::Value,
    generate_would_refuse: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clip_log: Option<ClipLogPart>,
}

/// The destination judged, and whether the preset's destinations match it.
#[derive(Serialize)]
struct DestinationPart<'a> {
    path: Option<Cow<'a, str>>,
    given: bool,
    matched: bool,
    entry: Option<&'a str>,
    reason: String,
}

/// Whether the preset's extensions make the file a clip.
#[derive(Serialize)]
struct ExtensionPart<'a> {
    matched: bool,
    entry: Option<&'a str>,
    reason: String,
}

/// The sidecar the clip gets.
#[derive(Serialize)]
struct SidecarPart<'a> {
    path: Cow<'a, str>,
    format: SidecarFormat,
    naming: Naming,
    collides_with: Vec<Cow<'a, str>>,
    is_the_clip_itself: bool,
    existing: &'static str,
    fields: &'a [crate::output::sidecar::format::Field],
    content: &'a str,
}

/// The clip log, its line for this clip, and its findings.
#[derive(Serialize)]
struct ClipLogPart {
    path: String,
    line: Option<usize>,
    diagnostics: serde_json::Value,
}

pub fn write_json(shown: &Shown<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Shown {
        prepared,
        found,
        sidecar,
        format,
        naming,
        refused,
    } = *shown;
    let file = prepared
        .input
        .with_diagnostics(prepared.diagnostics.clone());
    let report = PreviewReport {
        version: 1,
        preset: &prepared.input.file.path,
        clip: found.clip.to_string_lossy(),
        gets_sidecar: found.gets_sidecar && prepared.plan.lists_elements,
        destination: DestinationPart {
            path: found.destination.as_ref().map(|d| d.to_string_lossy()),
            given: found.destination_given,
            matched: found.destination_decision.matched(),
            entry: match &found.destination_decision {
                DestinationDecision::Matched { entry, .. } => Some(entry.as_str()),
                _ => None,
            },
            reason: found.destination_decision.reason(),
        },
        extension: ExtensionPart {
            matched: matches!(found.clip_decision, ClipDecision::Clip(_)),
            entry: match &found.clip_decision {
                ClipDecision::Clip(ExtensionDecision::Matched { entry }) => Some(entry.as_str()),
                _ => None,
            },
            reason: found.clip_decision.reason(),
        },
        sidecar: SidecarPart {
            path: found.sidecar.to_string_lossy(),
            format,
            naming,
            collides_with: found
                .collides_with
                .iter()
                .map(|o| o.to_string_lossy())
                .collect(),
            is_the_clip_itself: found.is_own_sidecar,
            existing: existing(found, sidecar.content),
            fields: sidecar.fields,
            content: sidecar.content,
        },
        left_out: &prepared.plan.left_out,
        format_problems: prepared.format_problems().collect(),
        diagnostics: diagnostics_of(&file),
        value_findings: side_file_diagnostics(prepared),
        generate_would_refuse: refused,
        clip_log: prepared.clip_log.as_ref().map(|log| {
            let file = log.file(log.diagnostics.clone());
            ClipLogPart {
                diagnostics: diagnostics_of(&file),
                path: file.path,
                line: sidecar.row_line,
            }
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
