//! `generate`'s report: the tally and its closing sentence, and the JSON document, written a
//! key a line with the clips streamed between what is known before any clip and what is
//! known after ([`GenerateJson`]), so that a run over 100,000 clips holds none of
//! them to report them.

use std::io::{self, Write};

use serde::Serialize;

use crate::base::diagnostic::Diagnostic;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::json::diagnostics_of;
use crate::output::report::preview::side_file_diagnostics;
use crate::output::sidecar::destinations::{DestinationReport, Problem, Tally};
use crate::output::sidecar::format::FieldProblem;
use crate::output::sidecar::generate::ClipResult;
use crate::output::sidecar::plan::LeftOut;
use crate::output::sidecar::prepare::Prepared;

/// The closing line of the human report.
pub fn sentence(tally: &Tally, dry_run: bool, repair: bool) -> String {
    let mut writes = if dry_run {
        format!(
            "would write {}, would overwrite {}",
            tally.would_write, tally.would_overwrite
        )
    } else {
        format!(
            "written {}, overwritten {}",
            tally.written, tally.overwritten
        )
    };
    if repair {
        writes += &if dry_run {
            format!(", would repair {}", tally.would_repair)
        } else {
            format!(", repaired {}", tally.repaired)
        };
    }
    format!(
        "summary: destinations matched {}, skipped {}; clips seen {}; sidecars {writes}, unchanged {}, conflicts {}, errors {}",
        tally.destinations_matched,
        tally.destinations_skipped,
        tally.clips,
        tally.unchanged,
        tally.conflicts,
        tally.errors
    )
}

/// What is known before any clip.
#[derive(Serialize)]
struct Head<'a> {
    version: u32,
    preset: &'a str,
    content: &'a str,
    left_out: &'a [LeftOut],
    format_problems: Vec<&'a FieldProblem>,
    diagnostics: serde_json::Value,
    value_findings: serde_json::Value,
}

/// The clip log's findings, before the clips and after.
#[derive(Serialize)]
struct ClipLog {
    path: String,
    diagnostics: serde_json::Value,
}

/// What ends a run that writes nothing.
#[derive(Serialize)]
struct Stopped<'a> {
    clips: [(); 0],
    stopped: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    clip_log: Option<ClipLog>,
    summary: Tally,
}

/// What is known after every clip.
#[derive(Serialize)]
struct Tail<'a> {
    destinations: &'a [DestinationReport],
    problems: &'a [Problem],
    #[serde(skip_serializing_if = "Option::is_none")]
    clip_log: Option<ClipLog>,
    summary: &'a Tally,
}

/// The JSON report being written: opened with what is known before any clip, then either
/// stopped, or given the clips one at a time and closed with what is known after them.
pub struct GenerateJson {
    /// Whether no clip was written yet.
    first_clip: bool,
}

impl GenerateJson {
    /// The document's opening and what is known before any clip; `file`: the preset with its
    /// findings.
    pub fn start(
        out: &mut dyn Write,
        prepared: &Prepared,
        file: &CheckedFile,
    ) -> io::Result<GenerateJson> {
        out.write_all(b"{\n")?;
        write_key_lines(
            out,
            &Head {
                version: 1,
                preset: &file.path,
                content: &prepared.built.content,
                left_out: &prepared.plan.left_out,
                format_problems: prepared.format_problems().collect(),
                diagnostics: diagnostics_of(file),
                value_findings: side_file_diagnostics(prepared),
            },
            false,
        )?;
        Ok(GenerateJson { first_clip: true })
    }

    /// The end of a run that writes nothing, and why: `message`.
    pub fn stop(self, out: &mut dyn Write, prepared: &Prepared, message: &str) -> io::Result<()> {
        let stopped = Stopped {
            clips: [],
            stopped: message,
            clip_log: clip_log(prepared, Vec::new()),
            summary: Tally::default(),
        };
        write_key_lines(out, &stopped, true)
    }

    /// Opens the list of clips.
    pub fn open_clips(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"  \"clips\": [\n")
    }

    /// One clip of the list.
    pub fn clip(&mut self, out: &mut dyn Write, result: &ClipResult) -> io::Result<()> {
        if !self.first_clip {
            writeln!(out, ",")?;
        }
        self.first_clip = false;
        write!(out, "    {}", serde_json::to_string(result)?)
    }

    /// Closes the list of clips and the document, with what is known after every clip;
    /// `late`: the clip log's findings that only the clips could tell.
    pub fn finish(
        self,
        out: &mut dyn Write,
        prepared: &Prepared,
        (destinations, problems): (&[DestinationReport], &[Problem]),
        late: Vec<Diagnostic>,
        tally: &Tally,
    ) -> io::Result<()> {
        out.write_all(b"\n  ],\n")?;
        let tail = Tail {
            destinations,
            problems,
            clip_log: clip_log(prepared, late),
            summary: tally,
        };
        write_key_lines(out, &tail, true)
    }
}

/// The clip log's findings, before the clips and `late` (none without a clip log).
fn clip_log(prepared: &Prepared, late: Vec<Diagnostic>) -> Option<ClipLog> {
    let log = prepared.clip_log.as_ref()?;
    let mut all = log.diagnostics.clone();
    all.extend(late);
    all.sort_by_key(|d| (d.span.start, d.rule.code));
    let file = log.file(all);
    Some(ClipLog {
        diagnostics: diagnostics_of(&file),
        path: file.path,
    })
}

/// The fields of `value`, a struct, a key a line (`  "key": value`, the value compact), each
/// line ending with a comma; `closes`: the last one closes the document instead.
fn write_key_lines(out: &mut dyn Write, value: &impl Serialize, closes: bool) -> io::Result<()> {
    let serde_json::Value::Object(fields) = serde_json::to_value(value)? else {
        return Err(io::Error::other("a report part that is not an object"));
    };
    let last = fields.len().saturating_sub(1);
    for (i, (key, value)) in fields.iter().enumerate() {
        write!(
            out,
            "  {}: {}",
            serde_json::to_string(key)?,
            serde_json::to_string(value)?
        )?;
        out.write_all(if closes && i == last {
            b"\n}\n"
        } else {
            b",\n"
        })?;
    }
    Ok(())
}
