//! A header row of field names and one row of values, quoted as RFC 4180 says: a field that
//! holds `"`, `,`, a carriage return or a line feed is put in double quotes, with each `"`
//! doubled; rows end with CRLF, the last one too. A row of one empty field is written `""`:
//! as an empty line, readers would skip it. A field that starts with U+FEFF is quoted too: as
//! the file's first characters, readers would take it for a byte order mark and drop it.

use crate::sidecar::format::{Field, FieldProblem};

pub fn problems(fields: &[Field]) -> Vec<FieldProblem> {
    fields
        .iter()
        .filter(|f| f.values.len() > 1)
        .map(|f| FieldProblem {
            field: f.name.clone(),
            message: format!(
                "{:?} has {} values, and a CSV sidecar has no documented way to carry several",
                f.name,
                f.values.len()
            ),
        })
        .collect()
}

fn push_field(text: &str, out: &mut String) {
    // A leading U+FEFF in the first cell would be read as a byte order mark and dropped.
    if text.contains(['"', ',', '\r', '\n']) || text.starts_with('\u{feff}') {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn push_row(cells: &[&str], out: &mut String) {
    if cells == [""] {
        // One empty field unquoted would be an empty line, which CSV readers skip.
        out.push_str("\"\"");
    }
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(cell, out);
    }
    out.push_str("\r\n");
}

/// The CSV sidecar. Call only when [`problems`] is empty.
pub fn render(fields: &[Field]) -> String {
    let mut out = String::new();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let values: Vec<&str> = fields
        .iter()
        .map(|f| f.values.first().map_or("", String::as_str))
        .collect();
    push_row(&names, &mut out);
    push_row(&values, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden() {
        let fields = [
            Field {
                name: "Project".into(),
                values: vec!["PRX".into()],
            },
            Field {
                name: "Note".into(),
                values: vec!["say \"hi\", then\nleave".into()],
            },
        ];
        assert_eq!(
            render(&fields),
            "Project,Note\r\nPRX,\"say \"\"hi\"\", then\nleave\"\r\n"
        );
    }

    #[test]
    fn a_lone_empty_value_is_quoted_not_an_empty_line() {
        // Found by tests/it/properties.rs: readers skip an empty line, losing the row.
        let fields = [Field {
            name: "Project".into(),
            values: vec![String::new()],
        }];
        assert_eq!(render(&fields), "Project\r\n\"\"\r\n");
    }

    #[test]
    fn a_leading_zero_width_no_break_space_is_quoted_not_a_byte_order_mark() {
        // Found by the sidecar fuzz target (tests/fuzz-regressions/sidecar/bom-first-name).
        let fields = [Field {
            name: "\u{feff}Project".into(),
            values: vec!["\u{feff}PRX".into()],
        }];
        assert_eq!(
            render(&fields),
            "\"\u{feff}Project\"\r\n\"\u{feff}PRX\"\r\n"
        );
    }

    #[test]
    fn several_values_are_refused() {
        let fields = [Field {
            name: "Keywords".into(),
            values: vec!["a".into(), "b".into()],
        }];
        assert_eq!(
            problems(&fields)[0].message,
            "\"Keywords\" has 2 values, and a CSV sidecar has no documented way to carry several"
        );
    }
}
