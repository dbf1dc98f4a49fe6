//! JSON Lines: one diagnostic per line, the same object as in the `json` report, and nothing
//! else, so that `grep`, `jq -c` and log shippers can take findings one at a time.

use std::io::{self, Write};

use crate::check::CheckedFile;
use crate::report::Positioned;
use crate::report::json::JsonDiagnostic;

pub fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        let positioned = Positioned::new(file);
        for d in &file.diagnostics {
            serde_json::to_writer(&mut *out, &JsonDiagnostic::new(&positioned, d))?;
            writeln!(out)?;
        }
    }
    Ok(())
}
