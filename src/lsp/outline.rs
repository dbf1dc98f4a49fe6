//! A tolerant reading of a document for hover and completion: every string with its path in
//! the document, and what the cursor stands in.
//!
//! The checker's parsers are strict and give nothing for a half-typed preset, which is what
//! an editor holds while completing (`["{Pro`). This scanner never fails: it tracks objects
//! and arrays by their brackets, takes a string after a key's `:` (or in an array) for a
//! value, ends an unterminated string at the end of its line, and ignores whatever else it
//! meets.

use crate::base::diagnostic::Span;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A string of the document: a member's key or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonString {
    /// The member's path for a key; the value's path for a value.
    pub path: Vec<Segment>,
    pub is_key: bool,
    /// From the opening quote to after the closing one (to the end of the line when the
    /// string is not terminated).
    pub span: Span,
    /// The content, with escapes decoded when they are valid.
    pub value: String,
    pub terminated: bool,
}

impl JsonString {
    /// The content between the quotes, as a span.
    pub fn inner(&self) -> Span {
        let end = if self.terminated {
            self.span.end - 1
        } else {
            self.span.end
        };
        Span::new(self.span.start + 1, end.max(self.span.start + 1))
    }

    /// Whether the content is written without escapes, so that offsets in the text and in
    /// `value` correspond.
    pub fn is_verbatim(&self, text: &str) -> bool {
        let inner = self.inner();
        text[inner.start..inner.end] == self.value
    }
}

/// Where a cursor between tokens stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Where a key of the object at this path goes.
    Key(Vec<Segment>),
    /// Where the value at this path goes (an array's next item, a member's value).
    Value(Vec<Segment>),
}

/// What is at a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// Inside a string (after its opening quote, up to its closing quote).
    String(JsonString),
    Between(Slot),
}

#[derive(Debug, Clone)]
enum Frame {
    Object {
        key: Option<String>,
        after_colon: bool,
    },
    Array {
        index: usize,
    },
}

#[derive(Debug, Default)]
struct Scanner {
    stack: Vec<Frame>,
}

impl Scanner {
    fn path(frames: &[Frame]) -> Vec<Segment> {
        frames
            .iter()
            .map(|frame| match frame {
                Frame::Object { key, .. } => Segment::Key(key.clone().unwrap_or_default()),
                Frame::Array { index } => Segment::Index(*index),
            })
            .collect()
    }

    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Object {
                after_colon: false,
                ..
            })
        )
    }

    fn slot(&self) -> Slot {
        if self.expects_key() {
            Slot::Key(Self::path(&self.stack[..self.stack.len() - 1]))
        } else {
            Slot::Value(Self::path(&self.stack))
        }
    }

    /// Reads the token at `i`; returns where the next one may start, and the string read.
    fn step(&mut self, text: &str, i: usize) -> (usize, Option<JsonString>) {
        let bytes = text.as_bytes();
        match bytes[i] {
            b'{' => self.stack.push(Frame::Object {
                key: None,
                after_colon: false,
            }),
            b'[' => self.stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                self.stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { after_colon, .. }) = self.stack.last_mut() {
                    *after_colon = true;
                }
            }
            b',' => match self.stack.last_mut() {
                Some(Frame::Object { key, after_colon }) => {
                    *key = None;
                    *after_colon = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let string = self.string(text, i);
                return (string.span.end, Some(string));
            }
            _ => {}
        }
        (i + 1, None)
    }

    fn string(&mut self, text: &str, start: usize) -> JsonString {
        let bytes = text.as_bytes();
        let mut i = start + 1;
        let mut terminated = false;
        while i < bytes.len() {
            match bytes[i] {
                // An escape never spans a line: `\` before a line break ends the string too.
                b'\\' if !matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) => i += 2,
                b'"' => {
                    terminated = true;
                    i += 1;
                    break;
                }
                b'\n' | b'\r' => break,
                _ => i += 1,
            }
        }
        let end = i.min(bytes.len());
        let raw_inner = &text[start + 1..if terminated { end - 1 } else { end }];
        let value = serde_json::from_str::<String>(&format!("\"{raw_inner}\""))
            .unwrap_or_else(|_| raw_inner.to_owned());
        let is_key = self.expects_key();
        let path = if is_key {
            let mut path = Self::path(&self.stack[..self.stack.len() - 1]);
            path.push(Segment::Key(value.clone()));
            if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                *key = Some(value.clone());
            }
            path
        } else {
            Self::path(&self.stack)
        };
        JsonString {
            path,
            is_key,
            span: Span::new(start, end),
            value,
            terminated,
        }
    }
}

/// How deep the scan follows a document. Each string carries its whole path, so a document
/// nested 100,000 deep with a string at every level would cost 10^10 steps per request.
/// Deeper than this, serde_json refuses the document (PL001) and no iconik list can be
/// there: the scan stops, and hover and completion offer nothing past that point.
const MAX_DEPTH: usize = 128;

/// Every string of a document, in order (up to [`MAX_DEPTH`]).
pub fn strings(text: &str) -> Vec<JsonString> {
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() && scanner.stack.len() <= MAX_DEPTH {
        let (next, string) = scanner.step(text, i);
        out.extend(string);
        i = next;
    }
    out
}

/// What the cursor at a byte offset stands in. A cursor right after a closing quote is
/// between tokens; one right after an opening quote is inside the string.
pub fn cursor_at(text: &str, offset: usize) -> Cursor {
    let mut scanner = Scanner::default();
    let mut i = 0;
    while i < offset.min(text.len()) && scanner.stack.len() <= MAX_DEPTH {
        let (next, string) = scanner.step(text, i);
        if let Some(string) = string {
            let inside_end = if string.terminated {
                string.span.end - 1
            } else {
                string.span.end
            };
            if offset <= inside_end {
                return Cursor::String(string);
            }
        }
        i = next;
    }
    Cursor::Between(scanner.slot())
}

/// Splits a path at the preset it belongs to: `(preset path, path within the preset)`.
/// A document is one preset object or an array of them, so a path that starts with an
/// index is in the preset at that index.
pub fn split_preset(path: &[Segment]) -> (&[Segment], &[Segment]) {
    match path.first() {
        Some(Segment::Index(_)) => path.split_at(1),
        _ => path.split_at(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Segment {
        Segment::Key(s.to_owned())
    }

    #[test]
    fn strings_have_paths() {
        let text = r#"[{"a": ["x", "y\u0041"], "b": {"c": "z"}}]"#;
        let got: Vec<(Vec<Segment>, bool, String)> = strings(text)
            .into_iter()
            .map(|s| (s.path, s.is_key, s.value))
            .collect();
        let i = Segment::Index;
        assert_eq!(
            got,
            vec![
                (vec![i(0), key("a")], true, "a".into()),
                (vec![i(0), key("a"), i(0)], false, "x".into()),
                (vec![i(0), key("a"), i(1)], false, "yA".into()),
                (vec![i(0), key("b")], true, "b".into()),
                (vec![i(0), key("b"), key("c")], true, "c".into()),
                (vec![i(0), key("b"), key("c")], false, "z".into()),
            ]
        );
    }

    #[test]
    fn half_typed_strings_end_at_the_line() {
        let text = "{\"l\": [\"{Pro\n], \"k\": \"v\"}";
        let found = strings(text);
        assert_eq!(found[1].value, "{Pro");
        assert!(!found[1].terminated);
        assert_eq!(found[1].inner(), Span::new(8, 12));
        assert_eq!(found[2].path, vec![key("k")]);
        assert!(found[2].is_key);
    }

    #[test]
    fn cursors() {
        let text = r#"{"l": ["ab", ], "#;
        let at = |needle: &str, delta: usize| cursor_at(text, text.find(needle).unwrap() + delta);
        match at("ab", 1) {
            Cursor::String(s) => assert_eq!((s.value.as_str(), s.is_key), ("ab", false)),
            other => panic!("{other:?}"),
        }
        // Right after the closing quote of "ab": between tokens, still at item 0.
        assert_eq!(
            at("ab", 3),
            Cursor::Between(Slot::Value(vec![key("l"), Segment::Index(0)]))
        );
        assert_eq!(
            at(" ]", 1),
            Cursor::Between(Slot::Value(vec![key("l"), Segment::Index(1)]))
        );
        assert_eq!(
            cursor_at(text, text.len()),
            Cursor::Between(Slot::Key(vec![]))
        );
        match at("\"l", 1) {
            Cursor::String(s) => assert!(s.is_key),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn presets_by_index() {
        let path = vec![Segment::Index(2), key("a")];
        assert_eq!(split_preset(&path), (&path[..1], &path[1..]));
        let path = vec![key("a")];
        assert_eq!(split_preset(&path), (&path[..0], &path[..]));
    }
}
