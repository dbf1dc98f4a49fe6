//! Checked files built by hand, for unit tests of the formats: messages and paths no rule
//! produces (with `%`, `:`, `,`, line breaks, markup) show that every format escapes them.

use crate::base::diagnostic::{Diagnostic, Severity, Span};
use crate::base::document::SourceText;
use crate::lint::checked_file::CheckedFile;
use crate::lint::rules::list_in_string::LIST_IN_STRING;

/// A file with one PL101 diagnostic of the given message, span and severity.
pub(super) fn file_with(
    path: &str,
    text: &str,
    message: &str,
    span: Span,
    severity: Severity,
) -> CheckedFile {
    CheckedFile {
        path: path.into(),
        source: SourceText {
            text: text.into(),
            has_bom: false,
        },
        diagnostics: vec![Diagnostic {
            identity: None,
            rule: &LIST_IN_STRING,
            severity,
            message: message.into(),
            pointer: "/a".into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }],
        presets: 1,
        elements: Box::default(),
    }
}

/// What a format wrote, as text.
pub(super) fn render(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory succeeds");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// A message with everything that needs escaping somewhere.
pub(super) const AWKWARD: &str = "100% <wrong>: a, \"b\" & c\r\nnext line";
