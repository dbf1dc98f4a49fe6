//! reviewdog's Diagnostic Format, `{"source", "diagnostics": [...]}` (rdjson): each finding
//! with its path, a range whose columns count UTF-8 bytes from 1 and whose end is exclusive,
//! its severity and code with the rule's link, and its fix as suggestions.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::base::diagnostic::{REPOSITORY, Severity, Span};
use crate::base::lines::{LineIndex, Unit};
use crate::lint::checked_file::CheckedFile;
use crate::output::report::Summary;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::{PrettyList, Sink};

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location,
    severity: &'static str,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn range(text: &str, index: &LineIndex, span: Span) -> Range {
    let at = |offset| {
        let (line, column) = index.line_column(text, offset, Unit::Utf8);
        Position {
            line: line + 1,
            column: column + 1,
        }
    };
    Range {
        start: at(span.start),
        end: at(span.end),
    }
}

/// The report as a sink: the diagnostics written a file at a time.
pub(crate) struct Rdjson {
    base: Option<PathBuf>,
    diagnostics: PrettyList,
    tail: String,
}

impl Rdjson {
    pub(crate) fn start(base: Option<PathBuf>, out: &mut dyn Write) -> io::Result<Rdjson> {
        let empty = DiagnosticResult {
            source: Source {
                name: "presetlint",
                url: REPOSITORY,
            },
            diagnostics: Vec::new(),
        };
        let (diagnostics, tail) =
            PrettyList::cut(&serde_json::to_string_pretty(&empty)?, Some("diagnostics"));
        diagnostics.start(out)?;
        Ok(Rdjson {
            base,
            diagnostics,
            tail,
        })
    }
}

impl Sink for Rdjson {
    fn end(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.diagnostics.finish(&self.tail, out)?;
        writeln!(out)
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let text = file.source.text.as_str();
        let index = LineIndex::new(text);
        let path = ReportPath::new(&file.path, self.base.as_deref())
            .as_str()
            .to_owned();
        for d in &file.diagnostics {
            let diagnostic = Diagnostic {
                message: &d.message,
                location: Location {
                    path: path.clone(),
                    range: range(text, &index, d.span),
                },
                severity: match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                code: Code {
                    value: d.rule.code,
                    url: d.rule.url(),
                },
                suggestions: d
                    .fix
                    .iter()
                    .flat_map(|fix| &fix.edits)
                    .map(|edit| Suggestion {
                        range: range(text, &index, edit.span),
                        text: &edit.content,
                    })
                    .collect(),
            };
            self.diagnostics.item(&diagnostic, out)?;
        }
        Ok(())
    }
}
