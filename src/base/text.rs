//! Quick questions about short texts, asked of every entry of a list that may hold 100,000.
//! Each answers from the bytes when the text is ASCII, and asks `char` otherwise, so the
//! answers are exactly those of the `str` methods they stand for. And the one way case is
//! ignored when names are compared ([`fold_case`]).

/// A string as JSON, for messages: quotes, and escapes for anything invisible. JSON itself
/// escapes only the C0 controls; DEL, the C1 controls, the line separators and the bidi
/// overrides are escaped too (`\u0080`), still as JSON, so that no message can carry one.
pub fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).expect("a string serializes");
    if !json.chars().any(crate::base::shown::is_invisible_control) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if crate::base::shown::is_invisible_control(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `text.trim()`, without decoding characters when both ends are visible ASCII.
#[inline]
pub fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Whether `text.trim() != text`.
#[inline]
pub fn has_outer_whitespace(text: &str) -> bool {
    trim(text).len() != text.len()
}

/// Whether `text.contains(char::is_whitespace)`.
#[inline]
pub fn has_whitespace(text: &str) -> bool {
    // ASCII whitespace is ' ' and '\t'..='\r'; any other whitespace is not ASCII.
    let maybe = text
        .bytes()
        .any(|b| b == b' ' || (b'\t'..=b'\r').contains(&b) || !b.is_ascii());
    maybe && text.contains(char::is_whitespace)
}

/// Whether `text.contains(['{', '}'])`.
#[inline]
pub fn has_brace(text: &str) -> bool {
    text.bytes().any(|b| b == b'{' || b == b'}')
}

/// A character ignoring case, where a key is needed (hashing duplicate entries, colliding
/// sidecar names): the lowercase of its uppercase, so `ς`, `σ` and `Σ` are one letter, as are
/// `ſ` and `s`, or `µ` and `μ`. A character whose uppercase or lowercase is more than one
/// character (`ß`, `İ`) stands for itself, or for its one-character lowercase (`ẞ` for `ß`).
///
/// Matching compares characters pairwise instead ([`same_ignoring_case`]:
/// the same when their uppercase or lowercase forms are). That relation is not transitive, so
/// it cannot be a key; over all of Unicode the two disagree on four pairs of rare characters
/// (`ϑ`/`ϴ`, the two spellings each of `ΰ` and `ΐ`, and the ligatures `ﬅ`/`ﬆ`).
pub fn fold_case(c: char) -> char {
    // An ASCII character's forms are ASCII, so it folds to its lowercase: most names are
    // ASCII, and this spares them two Unicode table lookups each (a test holds the two ways
    // equal).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    fold_case_by_tables(c)
}

fn fold_case_by_tables(c: char) -> char {
    fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
        let first = chars.next()?;
        chars.next().is_none().then_some(first)
    }
    let upper = single(c.to_uppercase()).unwrap_or(c);
    single(upper.to_lowercase()).unwrap_or(c)
}

/// Two characters are the same ignoring case when their uppercase or their lowercase forms
/// are. Character by character, not `str::to_lowercase` of the whole text: that one writes a
/// word-final sigma as `ς`, so `ΣΑΣ` would not end with `Σ`, and turns `İ` into two
/// characters, so a name could "end with" half a letter.
pub fn same_ignoring_case(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase()) || a.to_uppercase().eq(b.to_uppercase())
}

/// Whether two texts are equal, ignoring case ([`same_ignoring_case`]).
pub fn eq_ignoring_case(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| same_ignoring_case(x, y))
}

/// A name with whitespace (and, with `underscores`, `_`) left out, each character case-folded
/// ([`fold_case`]): how a file element or a view field is recognised whatever its spelling.
/// An iterator, so that comparing the entries of a 178,000-item list allocates nothing.
pub fn fold_name(name: &str, underscores: bool) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(move |c| !(c.is_whitespace() || (underscores && *c == '_')))
        .map(fold_case)
}

/// `n` things: "1 file", "2 files".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
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

    #[test]
    fn ascii_folds_as_the_tables_fold_it() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(fold_case(c), fold_case_by_tables(c), "{c:?}");
        }
        assert_eq!(fold_case('\u{212a}'), 'k', "the Kelvin sign");
    }
}
