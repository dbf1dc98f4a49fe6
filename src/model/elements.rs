//! OffShoot elements: `{Name}` tokens. What is built in, what is a file element, and how
//! tokens are found in patterns. Sources: ../shared/domain.md (OffShoot's labels and elements
//! pages).

use std::collections::HashSet;

use crate::base::text;

/// Elements OffShoot fills in itself; they need no definition in a pattern.
pub const BUILTIN: &[&str] = &[
    "Source Name",
    "Counter",
    "Date",
    "YYYY",
    "YY",
    "MM",
    "DD",
    "hh",
    "mm",
    "ss",
];

/// File elements, which OffShoot leaves out of sidecars. Compared ignoring case and spaces.
pub const FILE_ELEMENTS: &[&str] = &[
    "Filename",
    "File extension",
    "File path",
    "File size",
    "File type",
    "File creation date",
    "File modification date",
];

/// The keys whose values are templates made of elements.
pub const PATTERN_KEYS: &[&str] = &["labelPattern", "folderPattern", "renamePattern"];

/// How file elements are compared: case folded, whitespace left out.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    text::fold_name(name, false)
}

/// Whether `name` (without braces) is a file element, ignoring case and spaces.
pub fn is_file_element(name: &str) -> bool {
    // Every file element starts with "File": most names are ruled out by their first letter.
    let starts_like_one = name.trim_start().starts_with(['f', 'F']);
    starts_like_one && FILE_ELEMENTS.iter().any(|f| folded(f).eq(folded(name)))
}

/// Whether `name` (without braces) is built in, or one the configuration declares built in.
pub fn is_builtin(name: &str, extra: &[String]) -> bool {
    BUILTIN.contains(&name) || extra.iter().any(|e| e == name)
}

/// The element names (without braces) that a pattern uses, in order, with their byte ranges
/// in the pattern (braces included).
pub fn tokens_in_pattern(pattern: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = pattern[rest..].find('{').map(|i| i + rest) {
        let Some(close) = pattern[open + 1..].find(['{', '}']).map(|i| i + open + 1) else {
            break;
        };
        if pattern.as_bytes()[close] == b'}' {
            out.push((&pattern[open + 1..close], open..close + 1));
            rest = close + 1;
        } else {
            rest = close;
        }
    }
    out
}

/// Every element name used by a set of patterns.
pub fn names_in_patterns<'a>(patterns: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
    patterns
        .into_iter()
        .flat_map(|p| tokens_in_pattern(p).into_iter().map(|(name, _)| name))
        .collect()
}

/// How an entry of `iconikSidecarElements` is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenShape<'a> {
    /// Exactly one `{Name}` with a non-empty name that is not padded inside the braces.
    Element(&'a str),
    /// No braces at all.
    Bare,
    /// Several tokens in one entry (`{A}{B}`), each with its name.
    Several(Vec<&'a str>),
    /// `{}`.
    Empty,
    /// `{ Name }`: whitespace just inside the braces.
    Padded(&'a str),
    /// Nested braces (`{{Name}}`).
    Nested,
    /// Braces that do not pair up (`{Name`, `Name}`, `{A}x`).
    Unbalanced,
}

/// Classifies an entry (already trimmed of outer whitespace).
pub fn shape(entry: &str) -> TokenShape<'_> {
    // The common case, one `{Name}`, without building a token list.
    if let Some(name) = entry.strip_prefix('{').and_then(|e| e.strip_suffix('}'))
        && !text::has_brace(name)
    {
        return match name {
            "" => TokenShape::Empty,
            _ if text::has_outer_whitespace(name) => TokenShape::Padded(name.trim()),
            _ => TokenShape::Element(name),
        };
    }
    if !text::has_brace(entry) {
        return TokenShape::Bare;
    }
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    for c in entry.chars() {
        match c {
            '{' => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            '}' => {
                if depth == 0 {
                    return TokenShape::Unbalanced;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return TokenShape::Unbalanced;
    }
    if max_depth > 1 {
        return TokenShape::Nested;
    }
    let tokens = tokens_in_pattern(entry);
    let covered: usize = tokens.iter().map(|(_, r)| r.len()).sum();
    if covered != entry.len() {
        return TokenShape::Unbalanced;
    }
    match tokens.as_slice() {
        [("", _)] => TokenShape::Empty,
        [(name, _)] if name.trim() != *name => TokenShape::Padded(name.trim()),
        [(name, _)] => TokenShape::Element(name),
        several => TokenShape::Several(several.iter().map(|(n, _)| *n).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("{Project}"), TokenShape::Element("Project"));
        assert_eq!(shape("{Shoot Day}"), TokenShape::Element("Shoot Day"));
        assert_eq!(shape("Project"), TokenShape::Bare);
        assert_eq!(shape("{A}{B}"), TokenShape::Several(vec!["A", "B"]));
        assert_eq!(shape("{}"), TokenShape::Empty);
        assert_eq!(shape("{ Project }"), TokenShape::Padded("Project"));
        assert_eq!(shape("{{Project}}"), TokenShape::Nested);
        assert_eq!(shape("{Project"), TokenShape::Unbalanced);
        assert_eq!(shape("Project}"), TokenShape::Unbalanced);
        assert_eq!(shape("{A}x"), TokenShape::Unbalanced);
    }

    #[test]
    fn file_elements_ignore_case_and_spaces() {
        assert!(is_file_element("FileName"));
        assert!(is_file_element("file Extension"));
        assert!(!is_file_element("Project"));
    }

    #[test]
    fn pattern_tokens() {
        let names: Vec<_> = tokens_in_pattern("{Project}/{Date}_{Reel} {x")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["Project", "Date", "Reel"]);
    }
}
