//! Byte offsets to 1-based line and column, where a column counts Unicode scalar values.

use serde::Serialize;

/// A 1-based line and column; the column counts Unicode scalar values, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The start of every line of a text, so that an offset finds its line by binary search.
/// Lines end at `\n`; a `\r` before it belongs to the line ending, not to a column.
///
/// A column is found in constant time whatever the line's length: an ASCII text's columns are
/// byte counts, and a text with other characters keeps the number of characters before every
/// [`CHECKPOINT`]-th byte, so that a 10 MB one-line preset with a million findings does not
/// count its characters a million times.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)`, every [`CHECKPOINT`] bytes; empty for ASCII.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(newline_offsets(text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut at, mut chars) = (0, 0);
            while at < text.len() {
                checkpoints.push((at, chars));
                let next = ceil_char_boundary(text, (at + CHECKPOINT).min(text.len()));
                chars += text[at..next].chars().count();
                at = next;
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// Characters before a byte offset (on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + text[at..offset].chars().count()
    }

    /// The position of a byte offset. An offset inside a multi-byte character, or past the end,
    /// is clamped to the character boundary before it.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column =
            self.chars_before(text, offset) - self.chars_before(text, self.line_starts[line]);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The byte offset of a position, or `None` when the line or column lies outside the text.
    pub fn offset(&self, text: &str, position: Position) -> Option<usize> {
        let start = *self.line_starts.get(position.line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(position.line)
            .map_or(text.len(), |&next| next - 1);
        let line_text = &text[start..end];
        let wanted = position.column.checked_sub(1)?;
        if wanted == line_text.chars().count() {
            return Some(end);
        }
        line_text.char_indices().nth(wanted).map(|(i, _)| start + i)
    }

    /// The byte offset where a 0-based line starts, if there is such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

fn newline_offsets(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
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
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[line_start..offset].chars().count() + 1;
            assert_eq!(
                index.position(&text, offset).column,
                expected,
                "offset {offset}"
            );
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
}
