//! Quick questions about short texts, asked of every entry of a list that may hold 100,000.
//! Each answers from the bytes when the text is ASCII, and asks `char` otherwise, so the
//! answers are exactly those of the `str` methods they stand for. And the one way case is
//! ignored when names are compared ([`fold_case`]).

/// A string as JSON, for messages: quotes, and escapes for anything invisible.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// `text.trim()`, without decoding characters when both ends are visible ASCII.
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `text.trim() != text`.
pub fn has_outer_whitespace(text: &str) -> bool {
    trim(text).len() != text.len()
}

/// Whether `text.contains(char::is_whitespace)`.
pub fn has_whitespace(text: &str) -> bool {
    // ASCII whitespace is ' ' and '\t'..='\r'; any other whitespace is not ASCII.
    let maybe = text
        .bytes()
        .any(|b| b == b' ' || (b'\t'..=b'\r').contains(&b) || !b.is_ascii());
    maybe && text.contains(char::is_whitespace)
}

/// Whether `text.contains(['{', '}'])`.
pub fn has_brace(text: &str) -> bool {
    text.bytes().any(|b| b == b'{' || b == b'}')
}

/// A character ignoring case, where a key is needed (hashing duplicate entries, colliding
/// sidecar names): the lowercase of its uppercase, so `ς`, `σ` and `Σ` are one letter, as are
/// `ſ` and `s`, or `µ` and `μ`. A character whose uppercase or lowercase is more than one
/// character (`ß`, `İ`) stands for itself, or for its one-character lowercase (`ẞ` for `ß`).
///
/// Matching compares characters pairwise instead (`sidecar::matching::same_ignoring_case`:
/// the same when their uppercase or lowercase forms are). That relation is not transitive, so
/// it cannot be a key; over all of Unicode the two disagree on four pairs of rare characters
/// (`ϑ`/`ϴ`, the two spellings each of `ΰ` and `ΐ`, and the ligatures `ﬅ`/`ﬆ`).
pub fn fold_case(c: char) -> char {
    fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
        let first = chars.next()?;
        chars.next().is_none().then_some(first)
    }
    let upper = single(c.to_uppercase()).unwrap_or(c);
    single(upper.to_lowercase()).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick answers are the `str` methods' answers, for any text.
        #[test]
        fn agree_with_str(text in "[ a-z{}\\t\\r\\n\\u{85}\\u{a0}\\u{2028}\\u{3000}]{0,12}|\\PC{0,12}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
            proptest::prop_assert_eq!(has_outer_whitespace(&text), text.trim() != text);
            proptest::prop_assert_eq!(has_whitespace(&text), text.contains(char::is_whitespace));
            proptest::prop_assert_eq!(has_brace(&text), text.contains(['{', '}']));
        }
    }

    #[test]
    fn edges() {
        assert_eq!(trim(""), "");
        assert_eq!(trim(" a "), "a");
        assert_eq!(trim("a\u{a0}"), "a");
        assert!(has_whitespace("a\u{2028}b"));
        assert!(!has_whitespace("é"));
        assert!(has_outer_whitespace("\u{3000}x"));
    }
}
