//! Checkstyle XML, which Jenkins (Warnings Next Generation) and most CI dashboards read: a
//! `<file>` per checked file (a clean one with no `<error>`, so that it shows as checked) and
//! an `<error line column severity message source>` per finding, `source` the rule.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::base::xml::escape;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

pub(crate) struct Checkstyle {
    base: Option<PathBuf>,
}

impl Checkstyle {
    pub(crate) fn start(base: Option<PathBuf>, out: &mut dyn Write) -> io::Result<Checkstyle> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)?;
        Ok(Checkstyle { base })
    }
}

impl Sink for Checkstyle {
    fn end(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "</checkstyle>")
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let path = escape(ReportPath::new(&file.path, self.base.as_deref()).as_str());
        if file.diagnostics.is_empty() {
            writeln!(out, r#"  <file name="{path}"/>"#)?;
            return Ok(());
        }
        writeln!(out, r#"  <file name="{path}">"#)?;
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="presetlint.{}.{}"/>"#,
                start.line,
                start.column,
                d.severity,
                escape(&d.message),
                d.rule.code,
                d.rule.name
            )?;
        }
        writeln!(out, "  </file>")
    }
}
