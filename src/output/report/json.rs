//! The JSON report (documented in the README), version 1:
//! `{"version": 1, "diagnostics": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use crate::base::diagnostic::{Diagnostic, Safety, Severity};
use crate::base::lines::Position;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::stream::{self, PrettyList, Sink};
use crate::output::report::{Positioned, Summary};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// One diagnostic as a JSON object; also the line format of `json-lines`.
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    pointer: &'a str,
    start: Position,
    end: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: Position,
    end: Position,
    content: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    pub(crate) fn new(positioned: &Positioned<'a>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        let (start, end) = positioned.range(d.span);
        JsonDiagnostic {
            path: &positioned.file.path,
            code: d.rule.code,
            rule: d.rule.name,
            severity: d.severity,
            message: &d.message,
            pointer: &d.pointer,
            start,
            end,
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|fix| JsonFix {
                safe: fix.safety == Safety::Safe,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| {
                        let (start, end) = positioned.range(e.span);
                        JsonEdit {
                            start,
                            end,
                            content: &e.content,
                        }
                    })
                    .collect(),
            }),
        }
    }
}

/// A file's diagnostics as the JSON report's objects, for the JSON of preview and generate.
pub(crate) fn diagnostics_of(file: &CheckedFile) -> serde_json::Value {
    let positioned = Positioned::new(file);
    let diagnostics: Vec<JsonDiagnostic> = file
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(&positioned, d))
        .collect();
    serde_json::to_value(diagnostics).expect("diagnostics serialize")
}

pub fn write(files: &[CheckedFile], summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let sink = Json::start(out)?;
    stream::write_all(sink, files, summary, out)
}

/// The report as a sink: the list of diagnostics written a file at a time, the summary after.
pub(crate) struct Json {
    diagnostics: PrettyList,
}

impl Json {
    pub(crate) fn start(out: &mut dyn Write) -> io::Result<Json> {
        let (diagnostics, _) =
            PrettyList::cut(&document(&Summary::new("file")), Some("diagnostics"));
        diagnostics.start(out)?;
        Ok(Json { diagnostics })
    }
}

/// The report with no diagnostics: what surrounds them.
fn document(summary: &Summary) -> String {
    let report = Report {
        version: 1,
        diagnostics: Vec::new(),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    };
    serde_json::to_string_pretty(&report).expect("a report serializes")
}

impl Sink for Json {
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let positioned = Positioned::new(file);
        for d in &file.diagnostics {
            self.diagnostics
                .item(&JsonDiagnostic::new(&positioned, d), out)?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let (_, tail) = PrettyList::cut(&document(summary), Some("diagnostics"));
        self.diagnostics.finish(&tail, out)?;
        writeln!(out)
    }
}
