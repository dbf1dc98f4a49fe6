//! The human report: each diagnostic with its snippet, labels and help, rendered by
//! codespan-reporting from an [`Excerpt`] (the lines its spans touch, long ones cut around
//! them, control characters escaped), so a finding costs its own few lines of output whatever
//! the length of the line it is on; colour only when asked for; then the summary sentence.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::term::{self, Config, termcolor::Buffer};

use crate::base::diagnostic::{Diagnostic, Safety, Severity};
use crate::base::excerpt::Excerpt;
use crate::base::lines::LineIndex;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::Summary;
use crate::output::report::stream::Sink;

/// The report as a sink: each file's findings as it comes, the summary sentence last.
pub(crate) struct Human {
    color: bool,
    config: Config,
}

impl Human {
    pub(crate) fn new(color: bool) -> Human {
        Human {
            color,
            config: Config::default(),
        }
    }
}

impl Sink for Human {
    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary.sentence())
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let (config, color) = (&self.config, self.color);
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let text = file.source.text.as_str();
        if text.is_empty() {
            // A clip, or a file that could not be read: no text to show, so the file is
            // named instead of an empty snippet.
            for d in &file.diagnostics {
                let mut rendered = render(d, std::slice::from_ref(&(0..0)));
                rendered.labels.clear();
                rendered.notes.insert(
                    0,
                    format!("file: {}", crate::base::shown::escape_controls(&file.path)),
                );
                let (excerpt, _) = Excerpt::new(&file.path, "", &LineIndex::new(""), &[d.span], 0);
                emit(config, &excerpt, &rendered, color, out)?;
            }
            return Ok(());
        }
        let index = LineIndex::new(text);
        for d in &file.diagnostics {
            let mut spans = vec![d.span];
            spans.extend(d.labels.iter().map(|l| l.span));
            // The excerpt escapes a newline in the file name too, which would break the header.
            let (excerpt, shown) = Excerpt::new(&file.path, text, &index, &spans, 0);
            emit(config, &excerpt, &render(d, &shown), color, out)?;
        }
        Ok(())
    }
}

fn emit(
    config: &Config,
    excerpt: &Excerpt,
    rendered: &Rendered<()>,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    term::emit_to_write_style(&mut buffer, config, excerpt, rendered).map_err(io::Error::other)?;
    let mut bytes = buffer.into_inner();
    // codespan names the third severity `note`; presetlint's word, everywhere else, is `info`.
    // The header is the buffer's first `note[` (the message comes after it).
    if rendered.severity == RenderedSeverity::Note
        && let Some(at) = bytes.windows(5).position(|w| w == b"note[")
    {
        bytes[at..at + 4].copy_from_slice(b"info");
    }
    out.write_all(&bytes)
}

/// The diagnostic for codespan, its spans (`shown`: primary first, then the labels') in the
/// excerpt's text.
fn render(d: &Diagnostic, shown: &[std::ops::Range<usize>]) -> Rendered<()> {
    let severity = match d.severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
        Severity::Info => RenderedSeverity::Note,
    };
    let mut labels = vec![Label::primary((), shown[0].clone())];
    labels.extend(
        d.labels
            .iter()
            .zip(&shown[1..])
            .map(|(l, span)| Label::secondary((), span.clone()).with_message(l.message.clone())),
    );
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!(
            "help: {}",
            crate::base::shown::escape_controls(help)
        ));
    }
    if let Some(fix) = &d.fix {
        let kind = match fix.safety {
            Safety::Safe => "fix",
            Safety::Unsafe => "unsafe fix",
        };
        notes.push(format!("{kind}: {}", fix.title));
    }
    Rendered::new(severity)
        .with_message(crate::base::shown::escape_controls(&d.message))
        .with_code(format!("{} {}", d.rule.code, d.rule.name))
        .with_labels(labels)
        .with_notes(notes)
}
