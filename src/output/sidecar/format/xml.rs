//! `<metadata_view><metadata_values><NAME><field_values><value>V</value></field_values>...`
//! Each value has its own `<field_values>`, as each has its own object in the JSON form.

use crate::base::xml::{self, is_xml_char};
use crate::output::sidecar::format::{Field, FieldProblem};

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// A name character's start that parsers of both XML 1.0 editions accept: the fifth edition's
/// NameStartChar (without `:`, which would need a namespace), and outside ASCII only letters.
/// The fourth edition, which expat and others follow, allows letters only; the fifth's wide
/// ranges also take `⁰` or `٠`, and such a file would be refused by those parsers.
fn is_name_start(c: char) -> bool {
    (c.is_ascii() || c.is_alphabetic()) && is_name_start_fifth_edition(c)
}

fn is_name_start_fifth_edition(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// A later name character that both editions accept: a start character, ASCII digits and
/// punctuation, letters and digits of other scripts, and the combining diacritical marks.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}')
        || (!c.is_ascii() && c.is_alphanumeric() && is_name_start_fifth_edition(c))
}

/// Whether `name` can be an XML element name (without a namespace prefix).
pub(crate) fn is_element_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

pub(crate) fn problems(fields: &[Field]) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    for field in fields {
        if !is_element_name(&field.name) {
            out.push(FieldProblem {
                field: field.name.clone(),
                message: format!(
                    "{:?} cannot be an XML element name, so the XML sidecar cannot carry it",
                    field.name
                ),
            });
        }
        if let Some(c) = field
            .values
            .iter()
            .flat_map(|v| v.chars())
            .find(|&c| !is_xml_char(c))
        {
            out.push(FieldProblem {
                field: field.name.clone(),
                message: format!(
                    "a value of {:?} holds the character U+{:04X}, which XML 1.0 cannot carry",
                    field.name, c as u32
                ),
            });
        }
    }
    out
}

/// The XML sidecar. Call only when [`problems`] is empty.
pub(crate) fn render(fields: &[Field]) -> String {
    let mut out = String::from(HEADER);
    out.push_str("<metadata_view>\n  <metadata_values>\n");
    for field in fields {
        out.push_str(&format!("    <{}>\n", field.name));
        for value in &field.values {
            out.push_str("      <field_values>\n        <value>");
            xml::escape_into(value, xml::Place::Content, &mut out);
            out.push_str("</value>\n      </field_values>\n");
        }
        out.push_str(&format!("    </{}>\n", field.name));
    }
    out.push_str("  </metadata_values>\n</metadata_view>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names() {
        for good in [
            "project",
            "Project",
            "_x",
            "shoot.day",
            "día",
            "a-1",
            "名前",
            "x٠",
        ] {
            assert!(is_element_name(good), "{good}");
        }
        for bad in [
            "",
            "1st",
            "Shoot Day",
            "a:b",
            "-x",
            "a<b",
            "a&b",
            ".x",
            "a\u{7}",
            // Fifth-edition names that fourth-edition parsers (expat) refuse.
            "⁰x",
            "٠x",
            "🎬",
        ] {
            assert!(!is_element_name(bad), "{bad}");
        }
    }

    #[test]
    fn golden() {
        let fields = [Field {
            name: "Project".into(),
            values: vec!["a</value>&b".into(), "c\r\nd".into()],
        }];
        assert_eq!(
            render(&fields),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata_view>\n  <metadata_values>\n    <Project>\n      <field_values>\n        <value>a&lt;/value&gt;&amp;b</value>\n      </field_values>\n      <field_values>\n        <value>c&#13;\nd</value>\n      </field_values>\n    </Project>\n  </metadata_values>\n</metadata_view>\n"
        );
    }

    #[test]
    fn what_xml_cannot_carry() {
        let fields = [
            Field {
                name: "Shoot Day".into(),
                values: vec!["1".into()],
            },
            Field {
                name: "Note".into(),
                values: vec!["bell\u{7}".into()],
            },
        ];
        let messages: Vec<String> = problems(&fields).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "\"Shoot Day\" cannot be an XML element name, so the XML sidecar cannot carry it",
                "a value of \"Note\" holds the character U+0007, which XML 1.0 cannot carry"
            ]
        );
    }
}
