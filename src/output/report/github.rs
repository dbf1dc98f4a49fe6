//! GitHub Actions workflow commands (`::error file=...::message`), which GitHub turns into
//! annotations on the pull request, and a Markdown table for the job summary.
//!
//! GitHub shows at most 10 annotations of each kind per step, so the job summary
//! (`$GITHUB_STEP_SUMMARY`) lists every finding; the command line decides whether to write it.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::base::diagnostic::Severity;
use crate::base::spool::Spool;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

#[cfg(test)]
pub(crate) fn write(
    files: &[CheckedFile],
    base: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = Github {
        base: base.map(std::path::Path::to_path_buf),
    };
    files.iter().try_for_each(|file| sink.file(file, out))
}

pub(crate) struct Github {
    pub base: Option<PathBuf>,
}

impl Sink for Github {
    fn end(&mut self, _: &Summary, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        let path = ReportPath::new(&file.path, self.base.as_deref());
        let positioned = Positioned::new(file);
        for (d, start, end) in positioned.diagnostics() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            write!(
                out,
                "::{command} file={},line={},endLine={}",
                escape_property(path.as_str()),
                start.line,
                end.line
            )?;
            // GitHub takes columns only for an annotation on a single line.
            if start.line == end.line {
                write!(out, ",col={},endColumn={}", start.column, end.column)?;
            }
            writeln!(
                out,
                ",title={}::{}",
                escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
                escape_data(&d.message)
            )?;
        }
        Ok(())
    }
}

/// A command's message, escaped as `@actions/core` does (`escapeData`), and with every other
/// invisible control (ESC, U+0001, U+202E, ...) written as a visible `\u{..}`: the command
/// line is in the job's log, which a person reads.
pub(crate) fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if crate::base::shown::is_invisible_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A command's property value, escaped as `@actions/core` does (`escapeProperty`).
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The job summary: a heading, the summary sentence and, when there are findings, a table of
/// every one of them.
#[cfg(test)]
pub(crate) fn write_step_summary(
    files: &[CheckedFile],
    summary: &Summary,
    base: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> io::Result<()> {
    crate::output::report::stream::write_all(
        StepSummary::new(base.map(std::path::Path::to_path_buf)),
        files,
        summary,
        out,
    )
}

/// The job summary, as a sink: its table's rows wait in a [`Spool`] for the sentence that
/// heads it.
pub struct StepSummary {
    base: Option<PathBuf>,
    rows: Spool,
}

impl StepSummary {
    pub fn new(base: Option<PathBuf>) -> StepSummary {
        StepSummary {
            base,
            rows: Spool::new(),
        }
    }
}

impl Sink for StepSummary {
    fn file(&mut self, file: &CheckedFile, _: &mut dyn Write) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let out = self.rows.writer()?;
        let path = ReportPath::new(&file.path, self.base.as_deref());
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            writeln!(
                out,
                "| {} | [{} {}]({}) | {} | {} |",
                d.severity,
                d.rule.code,
                d.rule.name,
                d.rule.url(),
                markdown_cell(&format!(
                    "{}:{}:{}",
                    path.as_str(),
                    start.line,
                    start.column
                )),
                markdown_cell(&d.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        // The blank line first keeps the heading apart from what earlier steps appended.
        writeln!(out, "\n## presetlint\n\n{}\n", summary.sentence())?;
        if summary.errors + summary.warnings + summary.infos == 0 {
            return Ok(());
        }
        writeln!(out, "| Severity | Rule | Location | Message |")?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        self.rows.copy_to(out)?;
        writeln!(out)
    }
}

/// Text for a Markdown table cell: one line, and every character that Markdown or HTML would
/// read as markup (`|` ends a cell) backslash-escaped, so paths and messages show as written.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::Span;
    use crate::output::report::test_support::{AWKWARD, file_with, render};

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
    }

    #[test]
    fn a_message_with_markup_characters_stays_one_command() {
        let files = [file_with(
            "dir,x/a:b%.json",
            "{\"a\": 1}",
            AWKWARD,
            Span::new(6, 7),
            Severity::Warning,
        )];
        assert_eq!(
            render(|out| write(&files, None, out)),
            "::warning file=dir%2Cx/a%3Ab%25.json,line=1,endLine=1,col=7,endColumn=8,\
             title=PL101 list-in-string::100%25 <wrong>: a, \"b\" & c%0D%0Anext line\n"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns_and_info_is_a_notice() {
        let files = [file_with(
            "a.json",
            "{\n\"a\": [\n1]}",
            "m",
            Span::new(7, 11),
            Severity::Info,
        )];
        assert_eq!(
            render(|out| write(&files, None, out)),
            "::notice file=a.json,line=2,endLine=3,title=PL101 list-in-string::m\n"
        );
    }

    #[test]
    fn the_step_summary_escapes_table_cells() {
        let files = [file_with(
            "a|b.json",
            "{\"a\": 1}",
            "x | <y> *z*\nw",
            Span::new(6, 7),
            Severity::Error,
        )];
        assert_eq!(
            render(|out| write_step_summary(&files, &Summary::of(&files), None, out)),
            "\n## presetlint\n\n1 error in 1 of 1 file\n\n\
             | Severity | Rule | Location | Message |\n\
             | --- | --- | --- | --- |\n\
             | error | [PL101 list-in-string](https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl101-list-in-string) \
             | a\\|b.json:1:7 | x \\| \\<y\\> \\*z\\* w |\n\n"
        );
    }
}
