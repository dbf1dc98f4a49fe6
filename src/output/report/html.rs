//! One self-contained HTML file for people who do not read terminals: the summary at the top,
//! then the findings grouped by file, each with its severity, its rule (linked to the rule's
//! documentation), its line and column, its message and help and the lines it is about. For
//! `audit`, a picture of the destination above them: per folder of clips, how many have a good
//! sidecar, a sidecar with findings, and none (inline SVG).
//!
//! No script, no external asset, no remote font: the file reads the same offline and without
//! JavaScript. Every text of the report (paths, messages, source lines) is escaped for HTML
//! after its control characters were made visible, so a hostile name is shown, never run.
//! The files' sections wait in a [`Spool`] so that the summary, known at the end, comes first.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::base::diagnostic::Severity;
use crate::base::excerpt::Excerpt;
use crate::base::lines::LineIndex;
use crate::base::spool::Spool;
use crate::lint::checked_file::CheckedFile;
use crate::output::report::stream::Sink;
use crate::output::report::{Positioned, Summary};

/// Text made safe for HTML: control characters visible, then `& < > " '` escaped.
pub(crate) fn escape(text: &str) -> String {
    escape_markup(&crate::base::shown::escape_controls(text))
}

/// `& < > " '` escaped: for text whose controls are visible already (an excerpt's lines,
/// whose tabs stay tabs).
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The sink: each file's section spooled, and per folder how many of its sidecars have
/// findings (for the audit's picture).
#[derive(Default)]
pub(crate) struct Html {
    sections: Spool,
    /// Folder -> sidecars with findings in it.
    sidecars_with_findings: BTreeMap<String, usize>,
    /// The findings shown, by severity (error, warning, info): audit's summary counts its
    /// sidecars' findings, and a clip's missing sidecar (PL805) is shown too.
    shown: [usize; 3],
}

impl Html {
    pub(crate) fn new() -> Html {
        Html::default()
    }
}

const STYLE: &str = "\
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:72rem;padding:1.5rem;color:#1d232a;background:#fff}\
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.05rem;margin:1.6rem 0 .5rem;word-break:break-all}\
.summary{font-size:1.1rem;margin:.2rem 0 1rem}\
.counts span{display:inline-block;margin-right:.6rem;padding:.1rem .5rem;border-radius:.3rem}\
.error .sev,.counts .error{background:#fde2e1;color:#8a1c17}.warning .sev,.counts .warning{background:#fff1cc;color:#6b4a00}\
.info .sev,.counts .info{background:#e0ecff;color:#1b3f7a}\
ol.findings{list-style:none;padding:0;margin:0}ol.findings>li{border-left:4px solid #ccd;padding:.4rem .8rem;margin:.5rem 0;background:#fafbfc}\
li.error{border-color:#d1242f}li.warning{border-color:#bf8700}li.info{border-color:#3b6fd1}\
.sev{font-weight:600;padding:0 .4rem;border-radius:.25rem;margin-right:.4rem}.at{color:#57606a;margin-left:.4rem}\
.message{margin:.25rem 0}.help{margin:.25rem 0;color:#3d4852}\
pre{background:#f3f4f6;padding:.4rem .6rem;overflow-x:auto;margin:.3rem 0;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}\
pre .no{color:#8c959f;user-select:none;display:inline-block;min-width:3.5em}pre mark{background:#ffd8a8;color:inherit}\
.picture svg{max-width:100%;height:auto}.legend span{margin-right:1rem}\
.good{fill:#2da44e}.bad{fill:#d1242f}.none{fill:#8c959f}.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em}\
footer{margin-top:2rem;color:#57606a;font-size:.85rem}";

impl Sink for Html {
    fn file(&mut self, file: &CheckedFile, _: &mut dyn Write) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        for d in &file.diagnostics {
            self.shown[severity_index(d.severity)] += 1;
        }
        // A clip reported for its missing sidecar (PL805) is no sidecar with findings.
        let is_clip = file.diagnostics.iter().any(|d| d.rule.code == "PL805");
        if !is_clip {
            let folder = Path::new(&file.path)
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            *self.sidecars_with_findings.entry(folder).or_default() += 1;
        }
        let out = self.sections.writer()?;
        write_file(file, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        // No script may run, whatever the report holds; no request may leave it.
        writeln!(
            out,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        )?;
        writeln!(
            out,
            "<title>presetlint: {}</title>",
            escape(&summary.sentence())
        )?;
        writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
        writeln!(
            out,
            "<header>\n<h1>presetlint {}</h1>",
            summary.noun_title()
        )?;
        writeln!(
            out,
            "<p class=\"summary\" id=\"summary\">{}</p>",
            escape(&summary.sentence())
        )?;
        writeln!(
            out,
            "<p class=\"counts\"><span class=\"error\">{} error{}</span><span class=\"warning\">{} warning{}</span><span class=\"info\">{} info{}</span></p>\n</header>",
            self.shown[0],
            if self.shown[0] == 1 { "" } else { "s" },
            self.shown[1],
            if self.shown[1] == 1 { "" } else { "s" },
            self.shown[2],
            if self.shown[2] == 1 { "" } else { "s" },
        )?;
        if !summary.folders.is_empty() {
            write_picture(summary, &self.sidecars_with_findings, out)?;
        }
        writeln!(out, "<main>")?;
        self.sections.copy_to(out)?;
        writeln!(out, "</main>")?;
        writeln!(
            out,
            "<footer>Written by presetlint · every rule: <a href=\"{}/blob/main/docs/rules.md\">docs/rules.md</a></footer>\n</body>\n</html>",
            crate::base::diagnostic::REPOSITORY
        )
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// One file's section: its path, then its findings in order.
fn write_file(file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"file\">\n<h2>{}</h2>\n<ol class=\"findings\">",
        escape(&file.path)
    )?;
    let positioned = Positioned::new(file);
    let index = LineIndex::new(&file.source.text);
    for (d, start, _) in positioned.diagnostics() {
        let class = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        writeln!(
            out,
            "<li class=\"{class}\"><span class=\"sev\">{class}</span><a class=\"rule\" href=\"{}\">{} {}</a><span class=\"at\">{}:{}</span>",
            escape(&d.rule.url()),
            d.rule.code,
            d.rule.name,
            start.line,
            start.column
        )?;
        writeln!(out, "<p class=\"message\">{}</p>", escape(&d.message))?;
        if !file.source.text.is_empty() {
            write_snippet(file, &index, d.span, out)?;
        }
        if let Some(help) = &d.help {
            writeln!(out, "<p class=\"help\">help: {}</p>", escape(help))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ol>\n</section>")
}

/// The lines a finding is about, long lines cut around it, its span marked.
fn write_snippet(
    file: &CheckedFile,
    index: &LineIndex,
    span: crate::base::diagnostic::Span,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (excerpt, mapped) = Excerpt::new(&file.path, &file.source.text, index, &[span], 0);
    let text = excerpt.text();
    let marked = mapped.first().cloned().unwrap_or(0..0);
    write!(out, "<pre class=\"snippet\">")?;
    for (number, range) in excerpt.shown_lines() {
        let Some(number) = number else {
            writeln!(out, "<span class=\"no\">…</span>")?;
            continue;
        };
        let line = &text[range.clone()];
        let (from, to) = (
            marked.start.clamp(range.start, range.end) - range.start,
            marked.end.clamp(range.start, range.end) - range.start,
        );
        write!(out, "<span class=\"no\">{number}</span>")?;
        if from < to {
            write!(
                out,
                "{}<mark>{}</mark>{}",
                escape_markup(&line[..from]),
                escape_markup(&line[from..to]),
                escape_markup(&line[to..])
            )?;
        } else {
            write!(out, "{}", escape_markup(line))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "</pre>")
}

/// Per folder of clips, a bar: good sidecars, sidecars with findings, clips without one.
fn write_picture(
    summary: &Summary,
    with_findings: &BTreeMap<String, usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    const BAR: usize = 480;
    const ROW: usize = 26;
    const LABEL: usize = 300;
    let rows: Vec<(&str, usize, usize, usize)> = summary
        .folders
        .iter()
        .map(|f| {
            let bad = with_findings
                .get(&f.path)
                .copied()
                .unwrap_or(0)
                .min(f.sidecars);
            (f.path.as_str(), f.sidecars - bad, bad, f.without_sidecar)
        })
        .collect();
    let widest = rows
        .iter()
        .map(|&(_, good, bad, none)| good + bad + none)
        .max()
        .unwrap_or(0)
        .max(1);
    writeln!(
        out,
        "<section class=\"picture\">\n<h2>The destination, folder by folder</h2>"
    )?;
    writeln!(
        out,
        "<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#2da44e\"></i>good sidecar</span><span><i class=\"swatch\" style=\"background:#d1242f\"></i>sidecar with findings</span><span><i class=\"swatch\" style=\"background:#8c959f\"></i>no sidecar</span></p>"
    )?;
    let height = rows.len() * ROW + 4;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"sidecars per folder\">",
        LABEL + BAR + 120,
        LABEL + BAR + 120
    )?;
    for (i, &(path, good, bad, none)) in rows.iter().enumerate() {
        let y = i * ROW + 2;
        let shown = escape(&shorten(path, 40));
        writeln!(
            out,
            "<g class=\"folder\"><title>{}: {good} good, {bad} with findings, {none} without a sidecar</title>",
            escape(path)
        )?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" font-family=\"ui-monospace,monospace\">{shown}</text>",
            LABEL - 8,
            y + 17
        )?;
        let mut x = LABEL;
        for (count, class) in [(good, "good"), (bad, "bad"), (none, "none")] {
            let width = count * BAR / widest;
            let width = if count > 0 { width.max(2) } else { 0 };
            if width > 0 {
                writeln!(
                    out,
                    "<rect class=\"{class}\" x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"{}\"/>",
                    y + 3,
                    ROW - 8
                )?;
            }
            x += width;
        }
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\">{good} · {bad} · {none}</text></g>",
            x + 8,
            y + 17
        )?;
    }
    writeln!(out, "</svg>\n</section>")
}

/// A long path cut at its start, so that its last folders show.
fn shorten(path: &str, max: usize) -> String {
    let count = path.chars().count();
    if count <= max {
        return path.to_owned();
    }
    let tail: String = path.chars().skip(count - (max - 1)).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)>.json"),
            "&lt;img src=x onerror=alert(1)&gt;.json"
        );
        assert_eq!(
            escape("a\"b'c&</script>\u{1b}[31m"),
            "a&quot;b&#39;c&amp;&lt;/script&gt;\\u{1b}[31m"
        );
    }

    #[test]
    fn a_long_path_keeps_its_end() {
        assert_eq!(
            shorten("/Volumes/RAID/Day01/A001", 40),
            "/Volumes/RAID/Day01/A001"
        );
        assert_eq!(shorten("abcdefghij", 5), "…ghij");
    }
}
