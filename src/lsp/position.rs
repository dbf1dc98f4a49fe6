//! LSP positions ↔ byte offsets, in the negotiated position encoding.
//!
//! Reports count lines at `\n` and columns in Unicode scalar values; LSP counts lines at
//! `\n`, `\r\n` and `\r`, and columns in UTF-8 bytes, UTF-16 code units or UTF-32 code
//! units, whichever the server picked at initialization. Both are the one line index
//! ([`crate::base::lines`]), with its checkpoints for long lines; every conversion of the server
//! goes through [`LineMap`].

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::base::diagnostic::Span;
use crate::base::lines::{Breaks, LineIndex, Unit};

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

    /// What a column counts in this encoding.
    fn unit(self) -> Unit {
        match self {
            Encoding::Utf8 => Unit::Utf8,
            Encoding::Utf16 => Unit::Utf16,
            Encoding::Utf32 => Unit::Char,
        }
    }
}

/// Where each line of a text starts, with LSP's three line endings.
/// A document's lines as the protocol counts them, on the one line index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMap(LineIndex);

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        LineMap(LineIndex::with_breaks(text, Breaks::Any))
    }

    /// The position of a byte offset; an offset inside a line break is at the line's end.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let (line, character) = self.0.line_column(text, offset, encoding.unit());
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of a position. A line past the end is the end of the text; a
    /// character past the line's end is the line's end; a character inside a multi-unit
    /// character is that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        self.0.offset_at(
            text,
            position.line as usize,
            position.character as usize,
            encoding.unit(),
        )
    }

    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

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
