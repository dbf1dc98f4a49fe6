//! `path:line:col: severity[CODE rule-name] message`, one diagnostic per line: the one concise
//! writer, for the `concise` report and for what `preview`, `generate` and `audit` print of a
//! preset or a side file (there each line followed by its help).

use std::io::{self, Write};

use crate::base::diagnostic::concise_line;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

pub(crate) struct Concise;

/// A file's diagnostics, a line each; with `help`, each followed by `  help: ...`.
pub(crate) fn write_file(file: &CheckedFile, help: bool, out: &mut dyn Write) -> io::Result<()> {
    let positioned = Positioned::new(file);
    for (d, start, _) in positioned.diagnostics() {
        let place = format!("{}:{}:{}", file.path, start.line, start.column);
        writeln!(
            out,
            "{}",
            concise_line(&place, d.severity, d.rule, &d.message)
        )?;
        if let Some(text) = d.help.as_deref().filter(|_| help) {
            writeln!(out, "  help: {}", crate::base::shown::escape_controls(text))?;
        }
    }
    Ok(())
}

impl Sink for Concise {
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        write_file(file, false, out)
    }

    fn end(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
