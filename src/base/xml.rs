//! Escaping text for XML 1.0: one escaper for the JUnit report and the XML sidecars.

/// Where escaped text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Element content (a sidecar's `<value>`): `&`, `<` and `>` (for `]]>`) are escaped, and
    /// a carriage return is written as a reference because parsers turn a literal one into a
    /// line feed. The caller has refused characters XML does not allow ([`is_xml_char`]).
    Content,
    /// A double- or single-quoted attribute, or content that must survive anything (a report):
    /// quotes too, and line breaks and tabs as references, which attribute value normalisation
    /// would otherwise turn into spaces; characters XML 1.0 does not allow at all (most C0
    /// controls, U+FFFE, U+FFFF) become U+FFFD, since no reference can express them.
    Attribute,
}

/// Characters XML 1.0 allows in a document at all (Rust `char`s are never surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text`, escaped for `place`, to `out`.
pub fn escape_into(text: &str, place: Place, out: &mut String) {
    let attribute = place == Place::Attribute;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c if attribute && !is_xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped for an attribute (and safe as content too).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, Place::Attribute, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_escapes_markup_and_carriage_returns_only() {
        let mut out = String::new();
        escape_into("a & <b> \"c\"\r\n\t]]>", Place::Content, &mut out);
        assert_eq!(out, "a &amp; &lt;b&gt; \"c\"&#13;\n\t]]&gt;");
    }

    #[test]
    fn attributes_escape_quotes_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a & <b> \"c\" 'd'\r\n\te\u{1}\u{fffe}\u{1F3AC}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#13;&#10;&#9;e\u{fffd}\u{fffd}\u{1F3AC}"
        );
    }
}
