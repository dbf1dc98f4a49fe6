//! LSP positions ↔ byte offsets, in the negotiated position encoding.
//!
//! The library counts lines at `\n` and columns in Unicode scalar values
//! ([`crate::document::position`]); LSP counts lines at `\n`, `\r\n` and `\r`, and columns in
//! UTF-8 bytes, UTF-16 code units or UTF-32 code units, whichever the server picked at
//! initialization. Every conversion between the two worlds goes through [`LineMap`].

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::diagnostic::Span;

/// The unit an LSP `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// Picks the encoding from what the client offers. UTF-8 when offered: it is presetlint's
    /// own unit (byte offsets), so nothing needs converting. Otherwise the client's first
    /// choice of UTF-16 and UTF-32, both equally cheap for us. With no list, the protocol's
    /// default, UTF-16, which every client must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let Some(offered) = offered else {
            return Encoding::Utf16;
        };
        if offered.contains(&PositionEncodingKind::UTF8) {
            return Encoding::Utf8;
        }
        offered
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, with LSP's three line endings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMap {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its line ending).
    ends: Vec<usize>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    ends.push(i);
                    starts.push(i + 2);
                    i += 2;
                }
                b'\r' | b'\n' => {
                    ends.push(i);
                    starts.push(i + 1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        ends.push(bytes.len());
        LineMap { starts, ends }
    }

    /// The LSP position of a byte offset. An offset inside a character or a line ending is
    /// taken back to the start of that character or the end of that line's content.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let mut end = offset.min(self.ends[line]);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let content = &text[self.starts[line]..end];
        let character = match encoding {
            Encoding::Utf8 => content.len(),
            _ => content.chars().map(|c| encoding.units(c)).sum(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of an LSP position. As the protocol asks, a character past the end of
    /// its line means the end of the line, and a line past the end means the end of the text.
    /// A position inside a character (half a surrogate pair, or a byte in the middle of a
    /// UTF-8 sequence) is taken back to the start of that character.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let (Some(&start), Some(&end)) = (self.starts.get(line), self.ends.get(line)) else {
            return text.len();
        };
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + encoding.units(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// The byte span of a range; a range given backwards is put the right way round.
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

/// Presets are far below 4 GiB; saturate rather than wrap should one not be.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\"a\": \"Café 🎬 x\"}\r\n\"y\"\r\"z\"\n";

    fn round_trip(encoding: Encoding, character: u32) {
        let map = LineMap::new(TEXT);
        let x = TEXT.find('x').unwrap();
        assert_eq!(map.position(TEXT, x, encoding), Position::new(0, character));
        assert_eq!(map.offset(TEXT, Position::new(0, character), encoding), x);
    }

    #[test]
    fn columns_in_each_encoding() {
        // `{"a": "Caf` is 10 units in all three; é is 2/1/1, the space 1, 🎬 4/2/1, the space 1.
        round_trip(Encoding::Utf8, 10 + 2 + 1 + 4 + 1);
        round_trip(Encoding::Utf16, 10 + 1 + 1 + 2 + 1);
        round_trip(Encoding::Utf32, 10 + 1 + 1 + 1 + 1);
    }

    #[test]
    fn three_line_endings() {
        let map = LineMap::new(TEXT);
        let y = TEXT.find('y').unwrap();
        let z = TEXT.find('z').unwrap();
        assert_eq!(map.position(TEXT, y, Encoding::Utf16), Position::new(1, 1));
        assert_eq!(map.position(TEXT, z, Encoding::Utf16), Position::new(2, 1));
        assert_eq!(map.offset(TEXT, Position::new(2, 1), Encoding::Utf16), z);
        // The end of the text is on the empty line after the last `\n`.
        assert_eq!(
            map.position(TEXT, TEXT.len(), Encoding::Utf16),
            Position::new(3, 0)
        );
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let map = LineMap::new(TEXT);
        let line_end = TEXT.find('\r').unwrap();
        assert_eq!(
            map.offset(TEXT, Position::new(0, 999), Encoding::Utf8),
            line_end
        );
        assert_eq!(
            map.offset(TEXT, Position::new(99, 0), Encoding::Utf8),
            TEXT.len()
        );
        // Inside the line ending `\r\n`: the end of the line's content.
        assert_eq!(
            map.position(TEXT, line_end + 1, Encoding::Utf8),
            Position::new(0, line_end as u32)
        );
    }

    #[test]
    fn half_a_character_goes_back_to_its_start() {
        let map = LineMap::new(TEXT);
        let film = TEXT.find('🎬').unwrap();
        // UTF-16: the low surrogate of 🎬 is at character 13.
        assert_eq!(
            map.offset(TEXT, Position::new(0, 13), Encoding::Utf16),
            film
        );
        assert_eq!(map.position(TEXT, film + 2, Encoding::Utf16).character, 12);
        assert_eq!(map.offset(TEXT, Position::new(0, 14), Encoding::Utf8), film);
    }

    #[test]
    fn negotiation_prefers_utf8_then_the_clients_order() {
        let utf8 = PositionEncodingKind::UTF8;
        let utf16 = PositionEncodingKind::UTF16;
        let utf32 = PositionEncodingKind::UTF32;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[utf16.clone(), utf8])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[utf32.clone(), utf16.clone()])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(Some(&[utf16, utf32])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&["latin-1".to_owned().into()])),
            Encoding::Utf16
        );
    }
}
