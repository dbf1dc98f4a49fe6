//! GitLab Code Quality: a JSON array of findings, one object each, which GitLab shows in merge
//! requests when a job uploads it as a `codequality` report artifact.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::check::CheckedFile;
use crate::diagnostic::Severity;
use crate::report::location::ReportPath;
use crate::report::{Positioned, fingerprint};

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
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn write(files: &[CheckedFile], base: Option<&Path>, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in files {
        let path = ReportPath::new(&file.path, base);
        let positioned = Positioned::new(file);
        let prints = fingerprint::of_file(path.as_str(), &file.diagnostics);
        for ((d, start, end), print) in positioned.diagnostics().zip(prints) {
            issues.push(Issue {
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
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
