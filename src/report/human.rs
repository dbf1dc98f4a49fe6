//! The human report: each diagnostic with its snippet, labels and help, rendered by
//! codespan-reporting; colour only when asked for; then the summary sentence.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use crate::check::CheckedFile;
use crate::diagnostic::{Diagnostic, Safety, Severity};
use crate::report::Summary;

pub fn write(
    files: &[CheckedFile],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    for file in files {
        if file.diagnostics.is_empty() {
            continue;
        }
        // A newline in a file name would break the header line: shown escaped.
        let name = crate::shown::escape_controls(&file.path);
        let source = SimpleFile::new(name.as_ref(), file.source.text.as_str());
        for d in &file.diagnostics {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            term::emit_to_write_style(&mut buffer, &config, &source, &render(d))
                .map_err(io::Error::other)?;
            out.write_all(buffer.as_slice())?;
        }
    }
    writeln!(out, "{}", summary.sentence())
}

fn render(d: &Diagnostic) -> Rendered<()> {
    let severity = match d.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    let mut labels = vec![Label::primary((), d.span.start..d.span.end)];
    labels.extend(
        d.labels.iter().map(|l| {
            Label::secondary((), l.span.start..l.span.end).with_message(l.message.clone())
        }),
    );
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    if let Some(fix) = &d.fix {
        let kind = match fix.safety {
            Safety::Safe => "fix",
            Safety::Unsafe => "unsafe fix",
        };
        notes.push(format!("{kind}: {}", fix.title));
    }
    Rendered::new(severity)
        .with_message(&d.message)
        .with_code(format!("{} {}", d.rule.code, d.rule.name))
        .with_labels(labels)
        .with_notes(notes)
}
