//! Checkstyle XML, which Jenkins (Warnings Next Generation) and most CI dashboards read: a
//! `<file>` per checked file (a clean one with no `<error>`, so that it shows as checked) and
//! an `<error line column severity message source>` per finding, `source` the rule.

use std::io::{self, Write};
use std::path::Path;

use crate::check::CheckedFile;
use crate::report::Positioned;
use crate::report::location::ReportPath;
use crate::xml::escape;

pub fn write(files: &[CheckedFile], base: Option<&Path>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for file in files {
        let path = escape(ReportPath::new(&file.path, base).as_str());
        if file.diagnostics.is_empty() {
            writeln!(out, r#"  <file name="{path}"/>"#)?;
            continue;
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
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
