//! A preset file as text, and the two ways presetlint reads it.
//!
//! `value.rs` parses strictly into a `serde_json::Value` (fast; the rules run on it) and notes
//! whether any object repeats a key. `syntax.rs` parses the same text into a tree with byte
//! ranges; it only runs when a file has something to report, to place it.

mod pointer;
mod spans;
mod syntax;
mod value;

pub use pointer::{push as push_token, push_index, tokens as pointer_tokens};
pub use spans::{Place, SpanIndex};
pub use syntax::{SyntaxError, explain_error, parse_tree, prop_name};
pub use value::{Parsed, parse as parse_value, parse_for_lint};

use crate::base::diagnostic::Span;

/// The UTF-8 byte order mark. Accepted before a preset, and kept when a fix rewrites the file.
const BOM: &str = "\u{feff}";

/// A preset's text, decoded. Byte offsets everywhere in presetlint are offsets into `text`,
/// which never includes a byte order mark: editors do not count it as a column either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub text: String,
    pub has_bom: bool,
}

/// Where the bytes of a file stop being UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// The text with each invalid sequence replaced by U+FFFD, so that the error can be shown.
    pub lossy: SourceText,
    /// The first invalid sequence, as a span of `lossy.text` (it covers the replacement character).
    pub span: Span,
    /// The offending bytes, for the message.
    pub bytes: Vec<u8>,
}

impl SourceText {
    /// Decodes a file's bytes, accepting one leading byte order mark.
    pub fn decode(bytes: Vec<u8>) -> Result<SourceText, Box<InvalidUtf8>> {
        let has_bom = bytes.starts_with(BOM.as_bytes());
        let body = if has_bom {
            bytes[BOM.len()..].to_vec()
        } else {
            bytes
        };
        match String::from_utf8(body) {
            Ok(text) => Ok(SourceText { text, has_bom }),
            Err(err) => {
                let utf8 = err.utf8_error();
                let start = utf8.valid_up_to();
                let bad_len = utf8.error_len().unwrap_or(err.as_bytes().len() - start);
                let bytes = err.as_bytes()[start..start + bad_len].to_vec();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let span = Span::new(start, start + '\u{fffd}'.len_utf8());
                Err(Box::new(InvalidUtf8 {
                    lossy: SourceText { text, has_bom },
                    span,
                    bytes,
                }))
            }
        }
    }

    /// The bytes to write back: the text with its byte order mark, if it had one.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.text.len() + 3);
        if self.has_bom {
            out.extend_from_slice(BOM.as_bytes());
        }
        out.extend_from_slice(self.text.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_remembered() {
        let src = SourceText::decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap();
        assert_eq!(src.text, "{}");
        assert!(src.has_bom);
        assert_eq!(src.to_bytes(), b"\xEF\xBB\xBF{}");
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let err = SourceText::decode(b"{\"a\": \"\xFF\"}".to_vec()).unwrap_err();
        assert_eq!(err.span, Span::new(7, 10));
        assert_eq!(err.bytes, vec![0xFF]);
        assert_eq!(&err.lossy.text[7..10], "\u{fffd}");
    }
}
