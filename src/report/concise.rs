//! `path:line:col: severity[CODE rule-name] message`, one diagnostic per line.

use std::io::{self, Write};

use crate::check::CheckedFile;
use crate::report::Positioned;
use crate::shown::escape_controls;

pub fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            writeln!(
                out,
                "{}:{}:{}: {}[{} {}] {}",
                escape_controls(&file.path),
                start.line,
                start.column,
                d.severity,
                d.rule.code,
                d.rule.name,
                one_line(&d.message)
            )?;
        }
    }
    Ok(())
}

/// Messages quote entries as JSON, so they hold no newline; this keeps the promise for any
/// future message too.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message.replace(['\n', '\r'], " ").into()
    } else {
        message.into()
    }
}
