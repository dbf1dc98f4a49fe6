//! Azure Pipelines logging commands: `##vso[task.logissue type=error;sourcepath=...;
//! linenumber=...;columnnumber=...;code=...]message`, which the pipeline shows as errors and
//! warnings on the run and its files. Azure has no info level: infos are warnings. Values are
//! escaped as azure-pipelines-task-lib does: `%`, CR and LF in the message; `;` and `]`
//! besides in properties.

use std::io::{self, Write};
use std::path::Path;

use crate::check::CheckedFile;
use crate::diagnostic::Severity;
use crate::report::Positioned;
use crate::report::location::ReportPath;

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(';', "%3B").replace(']', "%5D")
}

pub fn write(files: &[CheckedFile], base: Option<&Path>, out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        let path = escape_property(ReportPath::new(&file.path, base).as_str());
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning | Severity::Info => "warning",
            };
            writeln!(
                out,
                "##vso[task.logissue type={kind};sourcepath={path};linenumber={};columnnumber={};code={}]{} ({} {})",
                start.line,
                start.column,
                d.rule.code,
                crate::shown::escape_controls(&escape_data(&d.message)),
                d.rule.code,
                d.rule.name
            )?;
        }
    }
    Ok(())
}
