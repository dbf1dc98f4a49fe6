//! JUnit XML for CI dashboards (GitLab, Jenkins, Azure): a `<testsuite>` per checked file and
//! a `<testcase>` per finding, failing for an error or a warning; an info is a passing test
//! case with its text in `<system-out>` (JUnit has no state for a note, and an info never
//! fails a run). A clean file gets one passing test case, so that the dashboard shows it was
//! checked.

use std::io::{self, Write};

use crate::base::spool::Spool;
use crate::base::xml::escape;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

#[cfg(test)]
pub(crate) fn write(
    files: &[CheckedFile],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    crate::output::report::stream::write_all(Junit::new(), files, summary, out)
}

/// The report as a sink: its head counts the run's tests, so the test suites wait in a
/// [`Spool`] until the end.
#[derive(Default)]
pub(crate) struct Junit {
    tests: usize,
    suites: Spool,
}

impl Junit {
    pub(crate) fn new() -> Junit {
        Junit::default()
    }
}

impl Sink for Junit {
    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let findings = summary.errors + summary.warnings;
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="presetlint" tests="{}" failures="{findings}">"#,
            self.tests
        )?;
        self.suites.copy_to(out)?;
        writeln!(out, "</testsuites>")
    }

    fn file(&mut self, file: &CheckedFile, _: &mut dyn Write) -> io::Result<()> {
        self.tests += file.diagnostics.len().max(1);
        let out = self.suites.writer()?;
        let path = escape(&file.path);
        let failures = file
            .diagnostics
            .iter()
            .filter(|d| d.severity != crate::base::diagnostic::Severity::Info)
            .count();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{failures}">"#,
            file.diagnostics.len().max(1)
        )?;
        if file.diagnostics.is_empty() {
            writeln!(
                out,
                r#"    <testcase classname="{path}" name="presetlint"/>"#
            )?;
        }
        let positioned = Positioned::new(file);
        for (d, start, _) in positioned.diagnostics() {
            let name = format!(
                "{} {} at {}:{}",
                d.rule.code, d.rule.name, start.line, start.column
            );
            let mut text = format!(
                "{}:{}:{}: {}[{} {}] {}",
                file.path,
                start.line,
                start.column,
                d.severity,
                d.rule.code,
                d.rule.name,
                d.message
            );
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            writeln!(
                out,
                r#"    <testcase classname="{path}" name="{}">"#,
                escape(&name)
            )?;
            if d.severity == crate::base::diagnostic::Severity::Info {
                writeln!(out, "      <system-out>{}</system-out>", escape(&text))?;
            } else {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{}</failure>"#,
                    escape(&d.message),
                    d.rule.code,
                    escape(&text)
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::{Severity, Span};
    use crate::output::report::test_support::{AWKWARD, file_with, render};

    #[test]
    fn a_finding_with_markup_in_its_message_and_path() {
        let files = [file_with(
            "a&b <1>.json",
            "{\"a\": 1}",
            AWKWARD,
            Span::new(6, 7),
            Severity::Error,
        )];
        let summary = Summary::of(&files);
        assert_eq!(
            render(|out| write(&files, &summary, out)),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="presetlint" tests="1" failures="1">
  <testsuite name="a&amp;b &lt;1&gt;.json" tests="1" failures="1">
    <testcase classname="a&amp;b &lt;1&gt;.json" name="PL101 list-in-string at 1:7">
      <failure message="100% &lt;wrong&gt;: a, &quot;b&quot; &amp; c&#13;&#10;next line" type="PL101">a&amp;b &lt;1&gt;.json:1:7: error[PL101 list-in-string] 100% &lt;wrong&gt;: a, &quot;b&quot; &amp; c&#13;&#10;next line</failure>
    </testcase>
  </testsuite>
</testsuites>
"#
        );
    }

    /// An info is a passing test case: `tests` counts it, `failures` does not.
    #[test]
    fn an_info_passes_with_its_text() {
        let files = [
            file_with(
                "a.json",
                "{\"a\": 1}",
                "spelt apart",
                Span::new(6, 7),
                Severity::Info,
            ),
            file_with(
                "b.json",
                "{\"a\": 1}",
                "a list",
                Span::new(6, 7),
                Severity::Warning,
            ),
        ];
        let summary = Summary::of(&files);
        let xml = render(|out| write(&files, &summary, out));
        assert!(
            xml.contains(r#"<testsuites name="presetlint" tests="2" failures="1">"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<testsuite name="a.json" tests="1" failures="0">"#),
            "{xml}"
        );
        assert!(
            xml.contains("      <system-out>a.json:1:7: info[PL101 list-in-string] spelt apart</system-out>\n"),
            "{xml}"
        );
        assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    }

    #[test]
    fn escapes_markup_line_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a & <b> \"c\" 'd'\r\n\te\u{1}\u{fffe}\u{1F3AC}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#13;&#10;&#9;e\u{fffd}\u{fffd}\u{1F3AC}"
        );
    }
}
