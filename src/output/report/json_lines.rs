//! JSON Lines: one diagnostic per line, the same object as in the `json` report, and nothing
//! else, so that `grep`, `jq -c` and log shippers can take findings one at a time.

use std::io::{self, Write};

use crate::lint::checked_file::CheckedFile;
use crate::output::report::json::JsonDiagnostic;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

pub(crate) struct JsonLines;

impl Sink for JsonLines {
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let positioned = Positioned::new(file);
        for d in &file.diagnostics {
            serde_json::to_writer(&mut *out, &JsonDiagnostic::new(&positioned, d))?;
            writeln!(out)?;
        }
        Ok(())
    }

    fn end(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
