//! GitLab Code Quality: a JSON array of findings, one object each, which GitLab shows in merge
//! requests when a job uploads it as a `codequality` report artifact.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::base::diagnostic::Severity;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::{PrettyList, Sink};
use crate::output::report::{Positioned, Summary, fingerprint};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    /// Unique in the report and stable across commits: GitLab compares it between the
    /// merge request and its target branch to tell new findings from old ones.
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Quality's scale is info, minor, major, critical, blocker; an error is a real defect of
/// the preset (major), a warning a smell (minor).
pub(crate) fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

#[cfg(test)]
pub(crate) fn write(
    files: &[CheckedFile],
    base: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sink = Gitlab::start(base.map(std::path::Path::to_path_buf), out)?;
    crate::output::report::stream::write_all(sink, files, &Summary::new("file"), out)
}

/// The report as a sink: one JSON list of issues, written an issue at a time.
pub(crate) struct Gitlab {
    base: Option<PathBuf>,
    issues: PrettyList,
    tail: String,
}

impl Gitlab {
    pub(crate) fn start(base: Option<PathBuf>, out: &mut dyn Write) -> io::Result<Gitlab> {
        let (issues, tail) = PrettyList::cut("[]", None);
        issues.start(out)?;
        Ok(Gitlab { base, issues, tail })
    }
}

impl Sink for Gitlab {
    fn end(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.issues.finish(&self.tail, out)?;
        writeln!(out)
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let path = ReportPath::new(&file.path, self.base.as_deref());
        let positioned = Positioned::new(file);
        let prints = fingerprint::of_file(path.as_str(), &file.diagnostics);
        for ((d, start, end), print) in positioned.diagnostics().zip(prints) {
            let issue = Issue {
                description: format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                check_name: d.rule.code,
                fingerprint: print,
                severity: severity(d.severity),
                location: Location {
                    path: path.as_str().to_owned(),
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                },
            };
            self.issues.item(&issue, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::Span;
    use crate::output::report::test_support::{AWKWARD, file_with, render};

    #[test]
    fn messages_and_paths_survive_as_json() {
        let files = [file_with(
            "dir,x/a:b%.json",
            "{\"a\":\n 1}",
            AWKWARD,
            Span::new(7, 8),
            Severity::Info,
        )];
        let text = render(|out| write(&files, None, out));
        let issues: serde_json::Value = serde_json::from_str(&text).unwrap();
        let issue = &issues[0];
        assert_eq!(
            issue["description"],
            format!("PL101 list-in-string: {AWKWARD}")
        );
        assert_eq!(issue["check_name"], "PL101");
        assert_eq!(issue["severity"], "info");
        assert_eq!(issue["location"]["path"], "dir,x/a:b%.json");
        assert_eq!(issue["location"]["lines"]["begin"], 2);
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 18);
    }
}
