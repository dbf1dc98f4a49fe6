//! `path:line:col: severity[CODE rule-name] message`, one diagnostic per line.

use std::io::{self, Write};

use crate::check::CheckedFile;
use crate::diagnostic::concise_line;
use crate::report::Positioned;

pub fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            let place = format!("{}:{}:{}", file.path, start.line, start.column);
            writeln!(
                out,
                "{}",
                concise_line(&place, d.severity, d.rule, &d.message)
            )?;
        }
    }
    Ok(())
}
