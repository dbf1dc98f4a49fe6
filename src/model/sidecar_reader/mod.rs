//! A sidecar as read back from a destination: its format, its fields and values, each with the
//! place it was written, and what keeps it from being iconik's sidecar. `audit` judges what is
//! read here; `generate --repair` replaces what cannot be read.
//!
//! Every place is a [`Target`]: a JSON sidecar's by JSON Pointer (placed only when there is a
//! finding, as a preset's are), an XML or CSV sidecar's by span. The pointers of XML and CSV
//! places are the JSON form's (`/metadata_values/NAME/field_values/0/value`), so a finding's
//! fingerprint does not depend on the format.

mod csv;
mod json;
mod xml;

use serde::{Deserialize, Serialize};

use crate::base::diagnostic::{Span, Target};
use crate::base::document;
use crate::base::document::SourceText;

/// `--sidecar-format`: the three formats iconik's Storage Gateway reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SidecarFormat {
    Json,
    Xml,
    Csv,
}

impl SidecarFormat {
    pub const ALL: [SidecarFormat; 3] =
        [SidecarFormat::Json, SidecarFormat::Xml, SidecarFormat::Csv];

    /// The extension of a sidecar of this format, with its dot.
    pub fn extension(self) -> &'static str {
        match self {
            SidecarFormat::Json => ".json",
            SidecarFormat::Xml => ".xml",
            SidecarFormat::Csv => ".csv",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SidecarFormat::Json => "json",
            SidecarFormat::Xml => "xml",
            SidecarFormat::Csv => "csv",
        }
    }

    /// The format a file name's extension names, ignoring case, and the name without it.
    pub fn of_name(name: &str) -> Option<(SidecarFormat, &str)> {
        SidecarFormat::ALL.into_iter().find_map(|format| {
            let ext = format.extension();
            let cut = name.len().checked_sub(ext.len())?;
            (cut > 0 && name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(ext))
                .then(|| (format, &name[..cut]))
        })
    }
}

/// The extensions of every sidecar format: files ending so are never clips unless listed.
pub const SIDECAR_EXTENSIONS: [&str; 3] = [".json", ".xml", ".csv"];

/// One value of a field, decoded, and where it was written: a span in an XML or CSV
/// sidecar; in a JSON one its pointer, made only for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadValue {
    pub text: String,
    pub span: Option<Span>,
}

/// One field: its name, where the name is (as for values), and its values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadField {
    pub name: String,
    pub span: Option<Span>,
    pub values: Vec<ReadValue>,
}

impl ReadField {
    /// Where the field's name is.
    pub fn target(&self) -> Target {
        let pointer = field_pointer(&self.name);
        match self.span {
            Some(span) => Target::Span(span, pointer),
            None => Target::Key(pointer),
        }
    }

    /// Where its value `index` is.
    pub fn value_target(&self, index: usize) -> Target {
        let pointer = value_pointer(&self.name, index);
        match self.values.get(index).and_then(|v| v.span) {
            Some(span) => Target::Span(span, pointer),
            None => Target::Value(pointer),
        }
    }
}

/// Why a file is not iconik's sidecar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not readable as its format: not UTF-8, a byte order mark, empty, torn, a syntax error.
    Unreadable,
    /// Readable, but not the structure iconik reads.
    NotIconik,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub target: Target,
    pub message: String,
}

/// What a sidecar holds, as far as it can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSidecar {
    pub format: SidecarFormat,
    /// The fields whose structure is iconik's, in the file's order.
    pub fields: Vec<ReadField>,
    /// Where the fields are (`<metadata_values>`, the CSV header; in JSON the key
    /// `metadata_values`, by pointer): where a missing one belongs.
    pub fields_span: Option<Span>,
    pub problems: Vec<Problem>,
}

impl ReadSidecar {
    fn new(format: SidecarFormat) -> ReadSidecar {
        ReadSidecar {
            format,
            fields: Vec::new(),
            fields_span: None,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, kind: ProblemKind, target: Target, message: impl Into<String>) {
        self.problems.push(Problem {
            kind,
            target,
            message: message.into(),
        });
    }

    /// Where a field that is missing belongs.
    pub fn fields_target(&self) -> Target {
        match (self.format, self.fields_span) {
            (_, Some(span)) => Target::Span(span, "/metadata_values".into()),
            (SidecarFormat::Json, None) => Target::Key("/metadata_values".into()),
            _ => Target::Span(Span::default(), String::new()),
        }
    }

    /// Whether it is not readable as its format or not iconik's structure: what a crash or
    /// another tool leaves, and what `generate --repair` replaces.
    pub fn is_broken(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// The JSON form's pointer of a field, which the other formats share.
pub fn field_pointer(name: &str) -> String {
    document::push_token("/metadata_values", name)
}

/// The pointer of a field's value.
pub fn value_pointer(name: &str, index: usize) -> String {
    document::push_token(
        &document::push_index(
            &document::push_token(&field_pointer(name), "field_values"),
            index,
        ),
        "value",
    )
}

/// Reads a sidecar's bytes: the text (for reports; with U+FFFD where it is not UTF-8) and what
/// it holds.
pub fn read(format: SidecarFormat, bytes: Vec<u8>) -> (SourceText, ReadSidecar) {
    let mut read = ReadSidecar::new(format);
    let source = match SourceText::decode(bytes) {
        Ok(source) => source,
        Err(bad) => {
            let shown: Vec<String> = bad.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
            read.problem(
                ProblemKind::Unreadable,
                Target::Span(bad.span, String::new()),
                format!("the sidecar is not UTF-8: invalid byte {}", shown.join(" ")),
            );
            return (bad.lossy, read);
        }
    };
    if source.has_bom {
        // Offsets never count the mark: the finding sits at 1:1.
        read.problem(
            ProblemKind::Unreadable,
            Target::Span(Span::default(), String::new()),
            "the sidecar starts with a byte order mark (U+FEFF), which iconik's sidecars never carry",
        );
        return (source, read);
    }
    if source.text.is_empty() || (source.text.trim().is_empty() && format != SidecarFormat::Csv) {
        read.problem(
            ProblemKind::Unreadable,
            Target::Span(Span::default(), String::new()),
            if source.text.is_empty() {
                "the sidecar is empty (a write cut short leaves such a file)"
            } else {
                "the sidecar holds only white space (a write cut short leaves such a file)"
            },
        );
        return (source, read);
    }
    match format {
        SidecarFormat::Json => json::read(&source.text, &mut read),
        SidecarFormat::Xml => xml::read(&source.text, &mut read),
        SidecarFormat::Csv => csv::read(&source.text, &mut read),
    }
    (source, read)
}

/// The span of a byte range, clamped to the text.
fn span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end.max(range.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(
            SidecarFormat::of_name("A001.R3D.JSON"),
            Some((SidecarFormat::Json, "A001.R3D"))
        );
        assert_eq!(
            SidecarFormat::of_name("a.csv"),
            Some((SidecarFormat::Csv, "a"))
        );
        assert_eq!(SidecarFormat::of_name(".json"), None);
        assert_eq!(SidecarFormat::of_name("a.mov"), None);
        assert_eq!(
            SidecarFormat::of_name("é.xml"),
            Some((SidecarFormat::Xml, "é"))
        );
    }

    #[test]
    fn unreadable_before_any_format() {
        for (bytes, message) in [
            (
                &b""[..],
                "the sidecar is empty (a write cut short leaves such a file)",
            ),
            (
                b"\xEF\xBB\xBF{}",
                "the sidecar starts with a byte order mark (U+FEFF), which iconik's sidecars never carry",
            ),
            (
                b"{\"a\xff\"}",
                "the sidecar is not UTF-8: invalid byte 0xFF",
            ),
        ] {
            let (_, read) = read(SidecarFormat::Json, bytes.to_vec());
            assert_eq!(read.problems.len(), 1, "{bytes:?}");
            assert_eq!(read.problems[0].kind, ProblemKind::Unreadable);
            assert_eq!(read.problems[0].message, message);
            assert!(read.is_broken());
        }
    }
}
