//! Azure Pipelines logging commands: `##vso[task.logissue type=error;sourcepath=...;
//! linenumber=...;columnnumber=...;code=...]message`, which the pipeline shows as errors and
//! warnings on the run and its files. Azure has no info level: infos are warnings. Values are
//! escaped as azure-pipelines-task-lib does: `%`, CR and LF in the message; `;` and `]`
//! besides in properties.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::base::diagnostic::Severity;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(';', "%3B").replace(']', "%5D")
}

pub(crate) struct Azure {
    pub base: Option<PathBuf>,
}

impl Sink for Azure {
    fn end(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let path = escape_property(ReportPath::new(&file.path, self.base.as_deref()).as_str());
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
                crate::base::shown::escape_controls(&escape_data(&d.message)),
                d.rule.code,
                d.rule.name
            )?;
        }
        Ok(())
    }
}
