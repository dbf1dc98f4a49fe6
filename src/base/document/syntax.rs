//! The slow path: a syntax tree with the byte range of every key and value (jsonc-parser, with
//! every leniency switched off), and the exact place and wording of a syntax error.

use jsonc_parser::ast::{ObjectPropName, Value as Node};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use crate::base::diagnostic::Span;
use crate::base::lines::LineIndex;

/// Strict JSON: every option that jsonc-parser offers to be lenient is off.
fn strict_options() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Why a text is not strict JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Parses a text into its syntax tree. `Ok(None)` is a text with no value at all.
pub fn parse_tree(text: &str) -> Result<Option<Node<'_>>, SyntaxError> {
    match parse_to_ast(text, &CollectOptions::default(), &strict_options()) {
        Ok(result) => Ok(result.value),
        Err(err) => {
            let range = err.range();
            let mut span = Span::new(range.start, range.end.max(range.start));
            if span.is_empty() && span.start < text.len() {
                span.end = span.start + text[span.start..].chars().next().map_or(0, char::len_utf8);
            }
            let mut message = lower_first(&err.kind().to_string());
            let found = &text[span.start..span.end];
            if message.starts_with("unexpected") && !found.is_empty() && found.chars().count() <= 20
            {
                message = format!("{message} {}", crate::base::text::quoted(found));
            }
            Err(SyntaxError { span, message })
        }
    }
}

/// Explains a text that serde_json refused. jsonc-parser's wording and range are preferred
/// (it names comments, trailing commas, single quotes...); what only serde_json refuses
/// (a control character in a string, a number beyond a double, very deep nesting) is told
/// in serde_json's words at serde_json's position.
pub fn explain_error(text: &str, serde_error: &serde_json::Error) -> SyntaxError {
    match parse_tree(text) {
        Err(err) => err,
        Ok(None) => SyntaxError {
            span: Span::new(0, 0),
            message: "the file holds no JSON value".to_owned(),
        },
        Ok(Some(_)) => {
            let index = LineIndex::new(text);
            let line_start = index
                .line_start(serde_error.line().saturating_sub(1))
                .unwrap_or(text.len());
            // serde_json counts columns in bytes and points at the last byte it read.
            let mut offset = (line_start + serde_error.column().saturating_sub(1)).min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let len = text[offset..].chars().next().map_or(0, char::len_utf8);
            let full = serde_error.to_string();
            let message = full
                .rfind(" at line ")
                .map_or(full.as_str(), |i| &full[..i]);
            SyntaxError {
                span: Span::new(offset, offset + len),
                message: message.to_owned(),
            }
        }
    }
}

/// The key's name of an object member as written in the document (decoded).
pub fn prop_name<'a>(name: &'a ObjectPropName<'a>) -> &'a str {
    name.as_str()
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(text: &str) -> (usize, usize, String) {
        let err = crate::base::document::value::parse(text).unwrap_err();
        let e = explain_error(text, &err);
        (e.span.start, e.span.end, e.message)
    }

    #[test]
    fn strict_errors_have_exact_places() {
        assert_eq!(
            explain("[1,]"),
            (2, 3, "trailing commas are not allowed".into())
        );
        assert_eq!(
            explain("{} // x"),
            (3, 7, "comments are not allowed".into())
        );
        assert_eq!(
            explain("['a']"),
            (1, 2, "single-quoted strings are not allowed".into())
        );
        assert_eq!(explain("[NaN]"), (1, 4, "unexpected token \"NaN\"".into()));
        assert_eq!(
            explain("{} {}").2,
            "text cannot contain more than one JSON value"
        );
        assert_eq!(explain("  ").2, "the file holds no JSON value");
    }

    #[test]
    fn what_only_serde_json_refuses() {
        let (start, _, message) = explain("[\"a\u{1}\"]");
        assert_eq!(start, 3);
        assert!(message.starts_with("control character"), "{message}");
        let (start, end, message) = explain("[1e999]");
        assert_eq!(
            (start, end, message.as_str()),
            (5, 6, "number out of range")
        );
        assert_eq!(
            explain("[\"\\ud800\"]").2,
            "invalid unicode escape sequence. 'd800 (unpaired high surrogate)' is not a valid UTF8 character"
        );
    }
}
