//! Every output format, each reading the same [`CheckedFile`]s and [`Diagnostic`]s.

pub(in crate::output) mod azure;
pub(in crate::output) mod checkstyle;
pub(in crate::output) mod concise;
pub(in crate::output) mod fingerprint;
#[cfg(feature = "native")]
pub(in crate::output) mod generate;
pub(in crate::output) mod github;
pub(in crate::output) mod gitlab;
pub(in crate::output) mod html;
pub(in crate::output) mod human;
pub(in crate::output) mod json;
pub(in crate::output) mod json_lines;
pub(in crate::output) mod junit;
pub(in crate::output) mod location;
pub(in crate::output) mod preview;
pub(in crate::output) mod rdjson;
pub(in crate::output) mod sarif;
pub(in crate::output) mod statistics;
pub(in crate::output) mod stream;
#[cfg(test)]
mod test_support;

#[cfg(feature = "native")]
pub use generate::{GenerateJson, sentence as generate_sentence};
pub use github::StepSummary;
pub use json::write as write_json;
pub use preview::{
    ClipSidecar, Shown, write_all_diagnostics, write_diagnostics, write_human as write_preview,
    write_json as write_preview_json,
};
pub use statistics::{
    Counter, write_json as write_statistics_json, write_table as write_statistics_table,
};
pub use stream::Sink;

use std::io::{self, Write};

pub use crate::base::text::plural;

use crate::base::diagnostic::{Diagnostic, Severity, Span};
use crate::base::lines::{LineIndex, Position};
use crate::lint::checked_file::CheckedFile;

/// The report formats, by name: one list, in the config (`output-format` takes them).
pub use crate::lint::config::Format;

/// Counts over a whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// What the files are, in the singular: "preset" for `check`, "sidecar" for `audit`.
    pub noun: &'static str,
    /// Files checked.
    pub files: usize,
    /// Files with at least one diagnostic.
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// What the sentence adds at its end ("4 clips without a sidecar").
    pub note: Option<String>,
    /// For `check`: how many presets the files hold, said when it is not one a file.
    pub presets: Option<usize>,
    /// For `audit`: each folder of clips met, in walk order (the HTML report draws them).
    pub folders: Vec<FolderCount>,
}

/// What `audit` met in one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderCount {
    /// As the report names its files' folders.
    pub path: String,
    /// Its sidecars read.
    pub sidecars: usize,
    /// Its clips without a sidecar that the preset (or, without one, anything) gives one.
    pub without_sidecar: usize,
}

impl Summary {
    /// The summary of `check`: files, and the presets they hold.
    pub fn of(files: &[CheckedFile]) -> Summary {
        let mut summary = Summary::new("file");
        summary.files = files.len();
        summary.presets = Some(files.iter().map(|f| f.presets).sum());
        for file in files {
            summary.count(file);
        }
        summary
    }

    pub fn new(noun: &'static str) -> Summary {
        Summary {
            noun,
            files: 0,
            files_with_findings: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            note: None,
            presets: None,
            folders: Vec::new(),
        }
    }

    /// What the report is of, for a title: "check" or "audit".
    pub fn noun_title(&self) -> &'static str {
        if self.noun == "sidecar" {
            "audit"
        } else {
            "check"
        }
    }

    /// Counts a file's diagnostics (not the file itself: `files` is set by the caller).
    pub fn count(&mut self, file: &CheckedFile) {
        if !file.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// "3 errors, 1 warning in 2 of 14 files", "no problems in 1 file (2 presets)", with the
    /// note after a semicolon.
    pub fn sentence(&self) -> String {
        let mut sentence = self.counts();
        if let Some(note) = &self.note {
            sentence.push_str("; ");
            sentence.push_str(note);
        }
        sentence
    }

    fn counts(&self) -> String {
        let mut presets = plural(self.files, self.noun);
        if let Some(n) = self.presets.filter(|&n| n != self.files && n > 0) {
            presets.push_str(&format!(" ({})", plural(n, "preset")));
        }
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
        if counts.is_empty() {
            format!("no problems in {presets}")
        } else {
            format!(
                "{} in {} of {presets}",
                counts.join(", "),
                self.files_with_findings
            )
        }
    }
}

/// A file's diagnostics with line and column positions, computed once per file.
pub struct Positioned<'f> {
    pub file: &'f CheckedFile,
    index: LineIndex,
}

impl<'f> Positioned<'f> {
    pub fn new(file: &'f CheckedFile) -> Positioned<'f> {
        Positioned {
            file,
            index: LineIndex::new(&file.source.text),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.index.position(&self.file.source.text, offset)
    }

    /// Start and end of a span.
    pub fn range(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = (&'f Diagnostic, Position, Position)> + '_ {
        self.file.diagnostics.iter().map(|d| {
            let (start, end) = self.range(d.span);
            (d, start, end)
        })
    }
}

/// Writes a report of the given files in the given format.
pub fn write(
    format: Format,
    files: &[CheckedFile],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_summarized(format, files, &Summary::of(files), color, out)
}

/// Writes a report whose summary counts more than the files given: `audit` keeps only the
/// sidecars with findings, of 100,000 it may read.
pub fn write_summarized(
    format: Format,
    files: &[CheckedFile],
    summary: &Summary,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = start(format, color, out)?;
    for file in files {
        sink.file(file, out)?;
    }
    sink.end(summary, out)
}

/// Starts a report in a format: writes its head, and gives the sink the run's files go to,
/// one at a time as they are done.
pub fn start(
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<Box<dyn stream::Sink>> {
    // The CI formats report paths relative to where presetlint runs: the checkout, in CI.
    let base = std::env::current_dir().ok();
    Ok(match format {
        Format::Human => Box::new(human::Human::new(color)),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::new(json::Json::start(out)?),
        Format::JsonLines => Box::new(json_lines::JsonLines),
        Format::Sarif => Box::new(sarif::Sarif::start(base, out)?),
        Format::Github => Box::new(github::Github { base }),
        Format::Gitlab => Box::new(gitlab::Gitlab::start(base, out)?),
        Format::Junit => Box::new(junit::Junit::new()),
        Format::Rdjson => Box::new(rdjson::Rdjson::start(base, out)?),
        Format::Checkstyle => Box::new(checkstyle::Checkstyle::start(base, out)?),
        Format::Azure => Box::new(azure::Azure { base }),
        Format::Html => Box::new(html::Html::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_takes_every_format_by_its_name() {
        let names: Vec<&str> = Format::NAMED.iter().map(|(n, _)| *n).collect();
        let taken = crate::lint::config::format_names();
        assert_eq!(taken[0], "auto");
        assert_eq!(taken[1..], names[..]);
        for (name, format) in Format::NAMED {
            assert_eq!(format.name(), name);
        }
        assert_eq!(Format::named("rdjson"), Some(Format::Rdjson));
        assert_eq!(Format::named("auto"), None);
    }
}
