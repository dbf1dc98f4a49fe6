//! What a person sees of a source text: the lines a diagnostic's spans touch (and, for miette,
//! one line of context on each side), each cut to a window around the spans when it is long,
//! with control characters made visible. The shown text maps back to real line and column
//! numbers, so that both renderers (codespan-reporting for findings, miette for the tool's own
//! errors) print true positions of a finding on a 9 MB line in a few hundred bytes, and no
//! source line can reach the terminal raw.

use std::ops::Range;

use crate::base::diagnostic::Span;
use crate::base::lines::{LineIndex, Unit};
use crate::base::shown;

/// The most characters of one line that are shown.
pub const WIDTH: usize = 120;
/// Characters kept before the first span of a cut line.
const LEAD: usize = 40;
/// What stands for the cut part of a line.
const CUT: &str = "…";
/// Lines shown after the first line of a span over several lines (codespan's default context).
const MULTI_LINE_HEAD: usize = 3;

/// One shown line.
#[derive(Debug, Clone)]
struct ShownLine {
    /// Its byte range in the shown text, without the line feed.
    range: Range<usize>,
    /// The real 0-based line number.
    line: usize,
    /// The real 0-based character column of the first real character shown.
    first_column: usize,
    /// Whether the line is cut before its first shown character, and after its last.
    cut_start: bool,
    cut_end: bool,
    /// Shown offsets of the spans' ends, with their real 0-based columns.
    marks: Vec<(usize, usize)>,
    /// A line not shown, standing for a gap (its range is empty, at the next line's start).
    placeholder: bool,
}

impl ShownLine {
    fn placeholder(line: usize) -> ShownLine {
        ShownLine {
            range: 0..0,
            line,
            first_column: 0,
            cut_start: false,
            cut_end: false,
            marks: Vec::new(),
            placeholder: true,
        }
    }
}

/// A source excerpt, ready for either renderer.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ShownLine>,
}

impl Excerpt {
    /// The excerpt of `text` for `spans` (byte spans of `text`), with `context` lines before
    /// and after each spanned line; the spans, mapped into the excerpt, in the same order. The
    /// first span is the primary one: where a line's spans do not fit in one window, the
    /// window is the primary span's, so that the header's position is the finding's.
    pub fn new(
        name: &str,
        text: &str,
        index: &LineIndex,
        spans: &[Span],
        context: usize,
    ) -> (Excerpt, Vec<Range<usize>>) {
        let clamp = |offset: usize| floor_boundary(text, offset.min(text.len()));
        let spans: Vec<Span> = spans
            .iter()
            .map(|s| Span::new(clamp(s.start), clamp(s.end.max(s.start))))
            .collect();
        let last_line = index.line_count() - 1;
        let mut wanted: Vec<usize> = Vec::new();
        for span in &spans {
            let (first, last) = (index.line_of(span.start), index.line_of(span.end));
            // A span over several lines: its first lines and its last, as codespan shows them.
            wanted.extend(first..=last.min(first + MULTI_LINE_HEAD));
            wanted.extend(last.saturating_sub(1).max(first)..=last);
            for line in [first, last] {
                wanted.extend(line.saturating_sub(context)..=(line + context).min(last_line));
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        // One line between two shown ones is shown too (codespan would ask for it); a longer
        // gap becomes two placeholder lines, which codespan renders as a break (`·`).
        let mut plan: Vec<(usize, bool)> = Vec::with_capacity(wanted.len());
        for &line in &wanted {
            match plan.last().map(|&(previous, _)| line - previous) {
                Some(2) => plan.push((line - 1, false)),
                Some(gap) if gap > 2 => {
                    plan.push((line - gap + 1, true));
                    plan.push((line - 1, true));
                }
                _ => {}
            }
            plan.push((line, false));
        }

        // Each spanned line is cut around its first span end, or around the primary span
        // when the line's spans are too far apart for one window; another line around the
        // window of the nearest spanned line after it (or before it), so that columns line up.
        let anchor_of = |line: usize| -> Option<usize> {
            let columns: Vec<usize> = spans
                .iter()
                .flat_map(|s| [s.start, s.end])
                .filter(|&offset| index.line_of(offset) == line)
                .map(|offset| index.line_column(text, offset, Unit::Char).1)
                .collect();
            let (first, last) = (*columns.iter().min()?, *columns.iter().max()?);
            let primary = spans
                .first()
                .filter(|p| index.line_of(p.start) == line)
                .map(|p| index.line_column(text, p.start, Unit::Char).1);
            match primary {
                Some(primary) if last - first > WIDTH - LEAD - 2 => Some(primary),
                _ => Some(first),
            }
        };
        let anchors: Vec<Option<usize>> = plan.iter().map(|&(line, _)| anchor_of(line)).collect();
        let mut out = Excerpt {
            name: shown::escape_controls(name).into_owned(),
            text: String::new(),
            lines: Vec::with_capacity(plan.len()),
        };
        let mut last_anchor = None;
        for (i, &(line, placeholder)) in plan.iter().enumerate() {
            if placeholder {
                out.lines.push(ShownLine::placeholder(line));
                continue;
            }
            let anchor = anchors[i]
                .or_else(|| anchors[i..].iter().flatten().next().copied())
                .or(last_anchor)
                .unwrap_or(0);
            last_anchor = Some(anchor);
            let ends: Vec<usize> = spans
                .iter()
                .flat_map(|s| [s.start, s.end])
                .filter(|&offset| index.line_of(offset) == line)
                .collect();
            out.push_line(text, index, line, anchor, &ends);
        }
        let mapped = spans
            .iter()
            .map(|s| {
                out.shown_offset(index.line_of(s.start), s.start, text, index)
                    ..out.shown_offset(index.line_of(s.end), s.end, text, index)
            })
            .collect();
        (out, mapped)
    }

    fn push_line(
        &mut self,
        text: &str,
        index: &LineIndex,
        line: usize,
        anchor: usize,
        ends: &[usize],
    ) {
        if self.lines.iter().any(|l| !l.placeholder) {
            self.text.push('\n');
        }
        // Placeholders sit at the start of the line after them, so that no offset of the line
        // before falls into them.
        let here = self.text.len();
        for pending in self.lines.iter_mut().rev().take_while(|l| l.placeholder) {
            pending.range = here..here;
        }
        let start = index.line_start(line).unwrap_or(text.len());
        let end = index.line_end(line).unwrap_or(text.len());
        // A `\r` before the line feed belongs to the line ending.
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let length = index.line_column(text, end, Unit::Char).1;
        let (first_column, last_column) = if length <= WIDTH {
            (0, length)
        } else {
            let first = anchor.saturating_sub(LEAD).min(length - WIDTH);
            (first, first + WIDTH)
        };
        let from = index.offset_at(text, line, first_column, Unit::Char);
        let to = index.offset_at(text, line, last_column, Unit::Char);
        let shown_start = self.text.len();
        if first_column > 0 {
            self.text.push_str(CUT);
        }
        let mut marks = Vec::new();
        let mut column = first_column;
        let mark = |offset: usize, shown: usize, column: usize, marks: &mut Vec<(usize, usize)>| {
            if ends.contains(&offset) {
                marks.push((shown, column));
            }
        };
        for (i, c) in text[from..to].char_indices() {
            mark(from + i, self.text.len(), column, &mut marks);
            push_visible(c, &mut self.text);
            column += 1;
        }
        mark(to, self.text.len(), column, &mut marks);
        if last_column < length {
            self.text.push_str(CUT);
        }
        self.lines.push(ShownLine {
            range: shown_start..self.text.len(),
            line,
            first_column,
            cut_start: first_column > 0,
            cut_end: last_column < length,
            marks,
            placeholder: false,
        });
    }

    /// Where a real offset on a real line is in the shown text: exact within the window,
    /// clamped to its edges outside it.
    fn shown_offset(&self, line: usize, offset: usize, text: &str, index: &LineIndex) -> usize {
        let Some(shown) = self.lines.iter().find(|l| l.line == line && !l.placeholder) else {
            return self.text.len();
        };
        let column = index.line_column(text, offset, Unit::Char).1;
        if let Some(&(at, _)) = shown.marks.iter().find(|&&(_, c)| c == column) {
            return at;
        }
        if column < shown.first_column {
            shown.range.start + if shown.cut_start { CUT.len() } else { 0 }
        } else {
            shown.range.end - if shown.cut_end { CUT.len() } else { 0 }
        }
    }

    /// The shown text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The shown lines, in order: each with its real 1-based line number and its byte range
    /// in [`Excerpt::text`]; a gap between shown lines is one `None` (for a renderer of its
    /// own, as the HTML report is).
    pub fn shown_lines(&self) -> Vec<(Option<usize>, Range<usize>)> {
        let mut out: Vec<(Option<usize>, Range<usize>)> = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            if line.placeholder {
                if !matches!(out.last(), Some((None, _))) {
                    out.push((None, 0..0));
                }
            } else {
                out.push((Some(line.line + 1), line.range.clone()));
            }
        }
        out
    }

    fn line_index(&self, shown: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.start <= shown)
            .saturating_sub(1)
    }

    /// A shown line by index, as codespan asks for it.
    fn shown_line(&self, index: usize) -> Result<&ShownLine, codespan_reporting::files::Error> {
        self.lines
            .get(index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: index,
                max: self.lines.len().saturating_sub(1),
            })
    }

    /// The real 0-based column of a shown offset on a shown line.
    fn real_column(&self, line: &ShownLine, shown: usize) -> usize {
        if let Some(&(_, column)) = line.marks.iter().find(|&&(at, _)| at == shown) {
            return column;
        }
        let start = line.range.start + if line.cut_start { CUT.len() } else { 0 };
        let shown = shown.clamp(start, line.range.end.max(start));
        line.first_column + self.text[start..shown].chars().count()
    }
}

/// A character as a person may see it: control characters, line and paragraph separators
/// and bidirectional overrides escaped (`\u{1b}`), so that a source line can neither move
/// the cursor nor reorder what is printed after it.
fn push_visible(c: char, out: &mut String) {
    if c == '\t' || !shown::is_invisible_control(c) {
        out.push(c);
    } else {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.text)
    }

    fn line_index(
        &'a self,
        (): (),
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.line_index(byte_index))
    }

    fn line_number(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.shown_line(line_index)?.line + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let line =
            self.lines
                .get(line_index)
                .ok_or(codespan_reporting::files::Error::LineTooLarge {
                    given: line_index,
                    max: self.lines.len().saturating_sub(1),
                })?;
        Ok(self.real_column(line, byte_index) + 1)
    }

    fn line_range(
        &'a self,
        (): (),
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let line =
            self.lines
                .get(line_index)
                .ok_or(codespan_reporting::files::Error::LineTooLarge {
                    given: line_index,
                    max: self.lines.len().saturating_sub(1),
                })?;
        // With its line feed, as codespan's own files count a line.
        let end = if !line.placeholder && line.range.end < self.text.len() {
            line.range.end + 1
        } else {
            line.range.end
        };
        Ok(line.range.start..end)
    }
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        if context_lines_before == 0 && context_lines_after == 0 {
            // The reference point of miette's header: the real line and column of the span.
            let line = &self.lines[self.line_index(span.offset()).min(self.lines.len() - 1)];
            let end = (span.offset() + span.len()).min(self.text.len());
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[span.offset().min(end)..end],
                *span,
                line.line,
                self.real_column(line, span.offset()),
                1,
            )));
        }
        // The whole excerpt: consecutive real lines, numbered from the first.
        let first = self.lines.first().map_or(0, |l| l.line);
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            first,
            0,
            self.lines.len(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, spans: &[Span], context: usize) -> (Excerpt, Vec<Range<usize>>) {
        Excerpt::new("f.json", text, &LineIndex::new(text), spans, context)
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "{\n  \"a\": [\"x\", \"y\"]\n}\n";
        let at = text.find("\"y\"").unwrap();
        let (e, spans) = excerpt(text, &[Span::new(at, at + 3)], 0);
        assert_eq!(e.text(), "  \"a\": [\"x\", \"y\"]");
        assert_eq!(&e.text()[spans[0].clone()], "\"y\"");
        assert_eq!(e.lines[0].line, 1);
    }

    #[test]
    fn a_long_line_is_cut_around_the_span_with_true_columns() {
        let text = format!("{{\"A\": \"{}\", \"B\": 5}}", "x".repeat(70_000));
        let at = text.find("5}").unwrap();
        let (e, spans) = excerpt(&text, &[Span::new(at, at + 1)], 1);
        assert_eq!(e.lines.len(), 1);
        assert!(e.text().chars().count() <= WIDTH + 2, "{}", e.text().len());
        assert!(e.text().starts_with(CUT) && e.text().ends_with("\"B\": 5}"));
        assert_eq!(&e.text()[spans[0].clone()], "5");
        assert_eq!(e.real_column(&e.lines[0], spans[0].start), at);
    }

    #[test]
    fn control_characters_are_shown_escaped_and_spans_still_match() {
        let text = "{\"a\": 1, \u{1b}]0;PWNED\u{7}\u{202e} \"b\": 2}";
        let at = text.find('2').unwrap();
        let (e, spans) = excerpt(text, &[Span::new(at, at + 1)], 0);
        assert_eq!(
            e.text(),
            "{\"a\": 1, \\u{1b}]0;PWNED\\u{7}\\u{202e} \"b\": 2}"
        );
        assert_eq!(&e.text()[spans[0].clone()], "2");
        assert_eq!(
            e.real_column(&e.lines[0], spans[0].start),
            text[..at].chars().count()
        );
    }

    #[test]
    fn one_line_between_is_shown_and_a_longer_gap_is_a_break() {
        let text = "a\nb\nc\nd\ne\nf\ng\n";
        let (e, spans) = excerpt(
            text,
            &[Span::new(0, 1), Span::new(4, 5), Span::new(12, 13)],
            0,
        );
        assert_eq!(e.text(), "a\nb\nc\ng");
        let lines: Vec<(usize, bool)> = e.lines.iter().map(|l| (l.line, l.placeholder)).collect();
        assert_eq!(
            lines,
            [
                (0, false),
                (1, false),
                (2, false),
                (3, true),
                (5, true),
                (6, false)
            ]
        );
        assert_eq!(&e.text()[spans[2].clone()], "g");
        assert_eq!(e.line_index(spans[2].start), 5);
        assert_eq!(e.line_index(spans[1].end), 2);
    }

    #[test]
    fn context_lines_are_consecutive_for_miette() {
        let text = "a\nb\nc\nd\n";
        let (e, spans) = excerpt(text, &[Span::new(4, 5)], 1);
        assert_eq!(e.text(), "b\nc\nd");
        assert_eq!(&e.text()[spans[0].clone()], "c");
        assert_eq!(
            e.lines.iter().map(|l| l.line).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }
}
