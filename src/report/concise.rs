//! `path:line:col: severity[CODE rule-name] message`, one diagnostic per line.

use std::io::{self, Write};

use crate::check::CheckedFile;
use crate::diagnostic::concise_line;
use crate::report::stream::Sink;
use crate::report::{Positioned, Summary};

pub fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    files.iter().try_for_each(|file| Concise.file(file, out))
}

pub struct Concise;

impl Sink for Concise {
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            let place = format!("{}:{}:{}", file.path, start.line, start.column);
            writeln!(
                out,
                "{}",
                concise_line(&place, d.severity, d.rule, &d.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
