//! A header row of field names and one row of values, quoted as RFC 4180 says (by the csv
//! crate): a field that holds `"`, `,`, a carriage return or a line feed is put in double
//! quotes, with each `"` doubled; rows end with CRLF, the last one too. A row of one empty
//! field is written `""`: as an empty line, readers would skip it. A row with a field that
//! starts with U+FEFF is quoted throughout: as the file's first characters, readers would
//! take an unquoted one for a byte order mark and drop it.

use crate::output::sidecar::format::{Field, FieldProblem};

pub(crate) fn problems(fields: &[Field]) -> Vec<FieldProblem> {
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

/// One row, written by the csv crate: RFC 4180 quoting where needed, CRLF after each row, and
/// a row of one empty field written `""` (an empty line would be skipped by readers). A row
/// with a field that starts with U+FEFF has every field quoted: as the file's first
/// characters, an unquoted one would be read as a byte order mark and dropped.
fn push_row(cells: &[&str], out: &mut Vec<u8>) {
    if cells.is_empty() {
        // No field at all (a sidecar of no values) is an empty line; csv would write `""`,
        // a row of one empty field.
        out.extend_from_slice(b"\r\n");
        return;
    }
    let style = if cells.iter().any(|c| c.starts_with('\u{feff}')) {
        csv::QuoteStyle::Always
    } else {
        csv::QuoteStyle::Necessary
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(style)
        .from_writer(out);
    writer
        .write_record(cells)
        .expect("writing to memory cannot fail");
    writer.flush().expect("writing to memory cannot fail");
}

/// The CSV sidecar. Call only when [`problems`] is empty.
pub(crate) fn render(fields: &[Field]) -> String {
    let mut out = Vec::new();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let values: Vec<&str> = fields
        .iter()
        .map(|f| f.values.first().map_or("", String::as_str))
        .collect();
    push_row(&names, &mut out);
    push_row(&values, &mut out);
    String::from_utf8(out).expect("the cells are UTF-8, and so is what csv writes of them")
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
