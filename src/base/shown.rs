//! File names as reports show them. Linux allows any byte but `/` and NUL in a name; reports
//! are UTF-8 text, so:
//! - a name that is not UTF-8 is shown lossily, each invalid byte as U+FFFD, in every format
//!   (the file itself is still read, fixed and written under its real name);
//! - in the line-oriented text meant for people and line-based tools (`concise`, `human`,
//!   error messages, the `preview` and `generate` reports), control characters such as a
//!   newline in a name are shown escaped (`\n`, `\t`, `\u{1b}`), so one finding stays one
//!   line and a name cannot send terminal escape sequences. The structured formats carry them
//!   with their own escaping (JSON `\n`, SARIF `%0A`, GitHub `%0A`, JUnit `&#10;`).

use std::borrow::Cow;
use std::path::Path;

/// Whether a character changes how a terminal shows what follows instead of showing itself:
/// C0 and C1 controls (ESC, CSI U+009B, NEL U+0085, ...), the line and paragraph separators
/// (U+2028, U+2029), and the bidirectional marks and overrides (U+202E, ...).
pub fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every invisible control ([`is_invisible_control`]) escaped; borrowed when there
/// is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_invisible_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A message for a person, at most `max` characters: a parser's error may quote a whole
/// value of the input (serde's `invalid type: string "…"`), which could be megabytes; what
/// is cut ends in `…`. Control characters escaped, as [`escape_controls`].
pub fn message(text: &str, max: usize) -> String {
    let escaped = escape_controls(text);
    match escaped.char_indices().nth(max) {
        None => escaped.into_owned(),
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
    }
}

/// A path in line-oriented text: lossy UTF-8, control characters escaped.
pub fn path(path: &Path) -> String {
    escape_controls(&path.to_string_lossy()).into_owned()
}

/// Serializes a path as a string even when it is not UTF-8 (serde's own impl fails then).
pub fn serialize_lossy<S: serde::Serializer>(
    path: &Path,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(escape_controls("a b/é.json"), "a b/é.json");
        assert_eq!(
            escape_controls("new\nline\r\t\u{1b}[31m\u{7f}.json"),
            "new\\nline\\r\\t\\u{1b}[31m\\u{7f}.json"
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_is_lossy() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"d\xff/c\n.mov"));
        assert_eq!(path(p), "d\u{fffd}/c\\n.mov");
        let json = serde_json::to_value(Lossy(p)).unwrap();
        assert_eq!(json, "d\u{fffd}/c\n.mov");
    }

    #[cfg(unix)]
    #[derive(serde::Serialize)]
    struct Lossy<'a>(#[serde(serialize_with = "serialize_lossy")] &'a Path);
}
