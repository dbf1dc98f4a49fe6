//! The one line index: byte offsets to lines and columns and back, for the command line
//! (1-based lines, columns in characters, lines ending at `\n`) and the language server
//! (0-based, columns in UTF-8, UTF-16 or UTF-32 units, lines ending at `\n`, `\r\n` or `\r`).
//!
//! A column is found in constant time whatever the line's length: an ASCII text's columns are
//! byte counts, and a text with other characters keeps the number of characters and of UTF-16
//! units before every [`CHECKPOINT`]-th byte, so that a 10 MB one-line preset with a million
//! findings does not count its characters a million times, in a report or in an editor.

use serde::Serialize;

/// A 1-based line and column; the column counts Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// What ends a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// `\n`; a `\r` before it belongs to the line ending, not to a column (reports).
    Lf,
    /// `\n`, `\r\n` or a lone `\r`, as the Language Server Protocol counts lines.
    Any,
}

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Utf8,
    Utf16,
    /// Unicode scalar values (UTF-32 code units).
    Char,
}

impl Unit {
    fn of(self, c: char) -> usize {
        match self {
            Unit::Utf8 => c.len_utf8(),
            Unit::Utf16 => c.len_utf16(),
            Unit::Char => 1,
        }
    }
}

/// Bytes between two checkpoints.
const CHECKPOINT: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl Checkpoint {
    fn units(self, unit: Unit) -> usize {
        match unit {
            Unit::Utf8 => self.byte,
            Unit::Utf16 => self.utf16,
            Unit::Char => self.chars,
        }
    }
}

/// The start and end of every line of a text, so that an offset finds its line by binary
/// search, and checkpoints for columns on long lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Where each line's content ends (its line break, or the end of the text).
    ends: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes; empty for ASCII, whose units are all bytes.
    checkpoints: Vec<Checkpoint>,
    /// Whether the checkpoints count UTF-16 units too: only the language server's index
    /// ([`Breaks::Any`]) needs them, and counting them costs a report on a 5 MB preset 3%.
    utf16: bool,
}

impl LineIndex {
    /// Lines ending at `\n`, as reports count them.
    pub fn new(text: &str) -> LineIndex {
        LineIndex::with_breaks(text, Breaks::Lf)
    }

    pub fn with_breaks(text: &str, breaks: Breaks) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        match breaks {
            Breaks::Lf => {
                for i in memchr::memchr_iter(b'\n', bytes) {
                    ends.push(i);
                    starts.push(i + 1);
                }
            }
            Breaks::Any => {
                let mut i = 0;
                while let Some(found) = memchr::memchr2(b'\r', b'\n', &bytes[i..]) {
                    let at = i + found;
                    let width = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    ends.push(at);
                    starts.push(at + width);
                    i = at + width;
                }
            }
        }
        ends.push(bytes.len());
        let mut checkpoints = Vec::new();
        let utf16 = breaks == Breaks::Any;
        if !text.is_ascii() {
            let (mut at, mut chars, mut units16) = (0, 0, 0);
            while at < text.len() {
                checkpoints.push(Checkpoint {
                    byte: at,
                    chars,
                    utf16: units16,
                });
                let next = ceil_char_boundary(text, (at + CHECKPOINT).min(text.len()));
                let (c, u) = counts(&text[at..next], utf16);
                chars += c;
                units16 += u;
                at = next;
            }
        }
        LineIndex {
            starts,
            ends,
            checkpoints,
            utf16,
        }
    }

    /// Units before a byte offset (on a character boundary).
    fn units_before(&self, text: &str, offset: usize, unit: Unit) -> usize {
        if self.checkpoints.is_empty() || unit == Unit::Utf8 {
            return offset;
        }
        debug_assert!(
            unit != Unit::Utf16 || self.utf16,
            "UTF-16 columns need Breaks::Any"
        );
        let i = self.checkpoints.partition_point(|c| c.byte <= offset) - 1;
        let checkpoint = self.checkpoints[i];
        let (chars, utf16) = counts(&text[checkpoint.byte..offset], unit == Unit::Utf16);
        checkpoint.units(unit)
            + match unit {
                Unit::Char => chars,
                _ => utf16,
            }
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The 1-based position of a byte offset, the column in characters. An offset inside a
    /// multi-byte character, or past the end, is clamped to the character boundary before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let column = self.units_before(text, offset, Unit::Char)
            - self.units_before(text, self.starts[line], Unit::Char);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The 0-based line and column of a byte offset, the column in `unit`s, clamped to the
    /// line's content (an offset inside a line break is at the line's end).
    pub fn line_column(&self, text: &str, offset: usize, unit: Unit) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let end = floor_char_boundary(text, offset.min(self.ends[line]));
        let column =
            self.units_before(text, end, unit) - self.units_before(text, self.starts[line], unit);
        (line, column)
    }

    /// The byte offset of a 0-based line and a column in `unit`s. A line past the end is the
    /// end of the text; a column past the line's end is the line's end; a column inside a
    /// character is that character's start.
    pub fn offset_at(&self, text: &str, line: usize, column: usize, unit: Unit) -> usize {
        let (Some(&start), Some(&end)) = (self.starts.get(line), self.ends.get(line)) else {
            return text.len();
        };
        if self.checkpoints.is_empty() {
            return (start + column).min(end);
        }
        let target = self.units_before(text, start, unit) + column;
        // Start counting from the last checkpoint inside the line that is not past the target.
        let (mut at, mut units) = (start, target - column);
        let i = self
            .checkpoints
            .partition_point(|c| c.byte <= end && c.units(unit) <= target);
        if let Some(checkpoint) = i.checked_sub(1).map(|i| self.checkpoints[i])
            && checkpoint.byte > start
        {
            (at, units) = (checkpoint.byte, checkpoint.units(unit));
        }
        for (i, c) in text[at..end].char_indices() {
            let next = units + unit.of(c);
            if next > target {
                return at + i;
            }
            units = next;
        }
        end
    }

    /// The byte offset of a 1-based position, or `None` when the line or column lies outside
    /// the text.
    pub fn offset(&self, text: &str, position: Position) -> Option<usize> {
        let line = position.line.checked_sub(1)?;
        let (start, end) = (*self.starts.get(line)?, *self.ends.get(line)?);
        let wanted = position.column.checked_sub(1)?;
        let length =
            self.units_before(text, end, Unit::Char) - self.units_before(text, start, Unit::Char);
        (wanted <= length).then(|| self.offset_at(text, line, wanted, Unit::Char))
    }

    /// The byte offset where a 0-based line starts, if there is such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// The byte offset where a 0-based line's content ends (before its line break).
    pub fn line_end(&self, line: usize) -> Option<usize> {
        self.ends.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The characters and (when asked) the UTF-16 units of a text, counted from its bytes (as fast as
/// `chars().count()`, which decodes nothing): a character outside the Basic Multilingual
/// Plane, whose UTF-8 starts with a byte of 0xF0 or more, takes two UTF-16 units.
fn counts(text: &str, utf16: bool) -> (usize, usize) {
    let chars = text.chars().count();
    if !utf16 {
        return (chars, 0);
    }
    let astral = text.bytes().filter(|&b| b >= 0xF0).count();
    (chars, chars + astral)
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "{\n  \"né\": \"🎬x\"\n}";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x),
            Position {
                line: 2,
                column: 11
            }
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 2,
                    column: 11
                }
            ),
            Some(x)
        );
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 2 }
        );
    }

    #[test]
    fn long_non_ascii_lines_agree_with_counting() {
        let text: String = (0..5000)
            .map(|i| if i % 7 == 0 { "é🎬" } else { "ab" })
            .collect();
        let text = format!("x\n{text}\nyz");
        let index = LineIndex::new(&text);
        let any = LineIndex::with_breaks(&text, Breaks::Any);
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..offset];
            let expected = before.chars().count() + 1;
            assert_eq!(
                index.position(&text, offset).column,
                expected,
                "offset {offset}"
            );
            for unit in [Unit::Utf8, Unit::Utf16, Unit::Char] {
                let units: usize = before.chars().map(|c| unit.of(c)).sum();
                let (line, column) = any.line_column(&text, offset, unit);
                assert_eq!(column, units, "offset {offset} in {unit:?}");
                assert_eq!(any.offset_at(&text, line, column, unit), offset);
            }
        }
    }

    #[test]
    fn crlf_lines() {
        let text = "{\r\n\"a\": 1\r\n}";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, text.find('1').unwrap()),
            Position { line: 2, column: 6 }
        );
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn offsets_outside_the_text_are_none() {
        let index = LineIndex::new("ab");
        assert_eq!(index.offset("ab", Position { line: 2, column: 1 }), None);
        assert_eq!(index.offset("ab", Position { line: 1, column: 4 }), None);
        assert_eq!(index.offset("ab", Position { line: 1, column: 3 }), Some(2));
    }

    #[test]
    fn the_language_servers_three_line_endings() {
        let text = "{\"a\": \"Café 🎬 x\"}\r\n\"y\"\r\"z\"\n";
        let index = LineIndex::with_breaks(text, Breaks::Any);
        let (y, z) = (text.find('y').unwrap(), text.find('z').unwrap());
        assert_eq!(index.line_column(text, y, Unit::Utf16), (1, 1));
        assert_eq!(index.line_column(text, z, Unit::Utf16), (2, 1));
        assert_eq!(index.offset_at(text, 2, 1, Unit::Utf16), z);
        assert_eq!(index.line_column(text, text.len(), Unit::Utf16), (3, 0));
        // Inside a line break: the end of the line.
        let cr = text.find('\r').unwrap();
        assert_eq!(index.line_column(text, cr + 1, Unit::Utf8), (0, cr));
        assert_eq!(index.offset_at(text, 0, 999, Unit::Utf8), cr);
        assert_eq!(index.offset_at(text, 9, 0, Unit::Utf8), text.len());
        // Inside a character: its start.
        let film = text.find('🎬').unwrap();
        assert_eq!(
            index.offset_at(
                text,
                0,
                index.line_column(text, film, Unit::Utf16).1 + 1,
                Unit::Utf16
            ),
            film
        );
    }
}
