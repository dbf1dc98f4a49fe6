//! A header row of field names and one row of values (RFC 4180, read by csv-core, which
//! tells how many bytes each field took, so every cell has its place).

use csv_core::{ReadFieldResult, Reader};

use crate::base::diagnostic::{Span, Target};
use crate::model::sidecar_reader::{ProblemKind, ReadField, ReadSidecar, ReadValue};

/// One cell: its decoded text and its place (quotes included).
struct Cell {
    text: String,
    span: Span,
}

/// At most this many rows are read: a third one is already one too many.
const ROWS_READ: usize = 3;

fn rows(text: &str) -> Result<Vec<Vec<Cell>>, (Span, String)> {
    let bytes = text.as_bytes();
    let mut reader = Reader::new();
    let mut out = vec![0u8; bytes.len() + 1];
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut pos = 0;
    // A field may take several calls (the last one, with no line break after it, ends only
    // when the reader is told the input is over): where it started and what it decoded so far.
    let mut field_start = None;
    let mut decoded = 0;
    loop {
        let (result, read, written) = reader.read_field(&bytes[pos..], &mut out[decoded..]);
        let start = *field_start.get_or_insert(pos);
        pos += read;
        decoded += written;
        match result {
            ReadFieldResult::InputEmpty => continue,
            ReadFieldResult::OutputFull => {
                // The output is longer than the input: a field never fills it.
                return Err((Span::new(start, pos), "a cell could not be read".into()));
            }
            ReadFieldResult::End => break,
            ReadFieldResult::Field { record_end } => {
                let raw = &text[start..pos];
                let content = raw
                    .strip_suffix("\r\n")
                    .or_else(|| raw.strip_suffix(['\n', '\r', ',']))
                    .unwrap_or(raw);
                // Blank lines before a row are skipped by the reader and are no part of it.
                let lead = content.len() - content.trim_start_matches(['\r', '\n']).len();
                row.push(Cell {
                    text: String::from_utf8_lossy(&out[..decoded]).into_owned(),
                    span: Span::new(start + lead, start + content.len()),
                });
                field_start = None;
                decoded = 0;
                if record_end {
                    rows.push(std::mem::take(&mut row));
                    if rows.len() == ROWS_READ {
                        break;
                    }
                }
            }
        }
    }
    Ok(rows)
}

pub(super) fn read(text: &str, read: &mut ReadSidecar) {
    // A sidecar of no fields is an empty header and an empty row: two line breaks.
    if text.trim_matches(['\r', '\n']).is_empty() {
        return;
    }
    let rows = match rows(text) {
        Ok(rows) => rows,
        Err((span, message)) => {
            read.problem(
                ProblemKind::Unreadable,
                Target::Span(span, String::new()),
                message,
            );
            return;
        }
    };
    let header = &rows[0];
    let header_span = Span::new(header[0].span.start, header[header.len() - 1].span.end);
    read.fields_span = Some(header_span);
    let Some(values) = rows.get(1) else {
        read.problem(
            ProblemKind::NotIconik,
            Target::Span(header_span, "/metadata_values".into()),
            "the sidecar has a header row and no row of values",
        );
        return;
    };
    if let Some(third) = rows.get(2) {
        read.problem(
            ProblemKind::NotIconik,
            Target::Span(third[0].span, String::new()),
            "a CSV sidecar has one row of values, and this is a second one",
        );
    }
    if header.len() != values.len() {
        let at = values
            .get(header.len())
            .map_or(values[values.len() - 1].span.end, |c| c.span.start);
        read.problem(
            ProblemKind::Unreadable,
            Target::Span(Span::new(at, at), String::new()),
            format!(
                "the header row has {} fields and the row of values {}",
                header.len(),
                values.len()
            ),
        );
        return;
    }
    for (name, value) in header.iter().zip(values) {
        if name.text.is_empty() {
            read.problem(
                ProblemKind::NotIconik,
                Target::Span(name.span, String::new()),
                "a field's name is empty",
            );
            continue;
        }
        read.fields.push(ReadField {
            name: name.text.clone(),
            span: Some(name.span),
            values: vec![ReadValue {
                text: value.text.clone(),
                span: Some(value.span),
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::base::diagnostic::{Span, Target};
    use crate::model::sidecar_reader::{ProblemKind, SidecarFormat, read};

    fn spans(text: &str) -> Vec<(String, String, String)> {
        let (_, read) = read(SidecarFormat::Csv, text.as_bytes().to_vec());
        assert_eq!(read.problems, [], "{text:?}");
        read.fields
            .iter()
            .map(|f| {
                let at = f.values[0].span.unwrap();
                (
                    f.name.clone(),
                    f.values[0].text.clone(),
                    text[at.start..at.end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn cells_and_their_places() {
        assert_eq!(
            spans("Project,Note\r\nPRX,\"say \"\"hi\"\", then\nleave\"\r\n"),
            [
                ("Project".into(), "PRX".into(), "PRX".into()),
                (
                    "Note".into(),
                    "say \"hi\", then\nleave".into(),
                    "\"say \"\"hi\"\", then\nleave\"".into()
                ),
            ]
        );
        assert_eq!(spans("a\nx"), [("a".into(), "x".into(), "x".into())]);
        assert_eq!(
            spans("a\r\n\"\"\r\n"),
            [("a".into(), "".into(), "\"\"".into())]
        );
        let (_, none) = read(SidecarFormat::Csv, b"\r\n\r\n".to_vec());
        assert!(none.problems.is_empty() && none.fields.is_empty());
    }

    #[test]
    fn ragged_and_extra_rows() {
        let (_, ragged) = read(SidecarFormat::Csv, b"a,b\r\nx\r\n".to_vec());
        assert_eq!(ragged.problems.len(), 1);
        assert_eq!(ragged.problems[0].kind, ProblemKind::Unreadable);
        assert_eq!(
            ragged.problems[0].target,
            Target::Span(Span::new(6, 6), String::new())
        );
        assert_eq!(
            ragged.problems[0].message,
            "the header row has 2 fields and the row of values 1"
        );
        let (_, extra) = read(SidecarFormat::Csv, b"a\r\nx\r\ny\r\n".to_vec());
        assert_eq!(extra.problems[0].kind, ProblemKind::NotIconik);
        assert_eq!(
            extra.problems[0].target,
            Target::Span(Span::new(6, 7), String::new())
        );
        let (_, header) = read(SidecarFormat::Csv, b"a,b\r\n".to_vec());
        assert_eq!(
            header.problems[0].message,
            "the sidecar has a header row and no row of values"
        );
    }
}
