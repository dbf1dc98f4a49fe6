//! presetlint's diagnostics as LSP diagnostics: the same findings `presetlint check` reports,
//! with ranges in the negotiated encoding.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Range, Uri,
};

use crate::base::diagnostic::{Diagnostic, Severity, Span};
use crate::lint::rules::legacy_key::LEGACY_KEY;
use crate::lsp::documents::Document;
use crate::lsp::position::Encoding;

/// The `source` of every diagnostic, and the suffix of the fix-all code action kind.
pub const SOURCE: &str = "presetlint";

/// Converts presetlint's spans (in the checked text) to LSP ranges (in the editor's text).
#[derive(Clone, Copy)]
pub struct Ranges<'a> {
    pub document: &'a Document,
    pub encoding: Encoding,
}

impl Ranges<'_> {
    pub fn range(&self, span: Span) -> Range {
        let shift = self.document.span_shift();
        let shifted = Span::new(span.start + shift, span.end + shift);
        self.document
            .lines
            .range(&self.document.text, shifted, self.encoding)
    }
}

pub fn to_lsp(diagnostic: &Diagnostic, uri: &Uri, ranges: Ranges<'_>) -> lsp_types::Diagnostic {
    let rule = diagnostic.rule;
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), ranges.range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    // Editors strike through deprecated code; an old Hedge key is exactly that.
    let tags = std::ptr::eq(rule, &LEGACY_KEY).then(|| vec![DiagnosticTag::DEPRECATED]);
    lsp_types::Diagnostic {
        range: ranges.range(diagnostic.span),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(rule.code.to_owned())),
        code_description: rule.url().parse().ok().map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::checked_file::{Origin, check_bytes};
    use crate::lint::settings::Settings;
    use lsp_types::Position;

    #[test]
    fn a_byte_order_mark_counts_in_the_editors_text() {
        let text = "\u{feff}{\"iconikSidecarElements\": [\"{Date}\", \"\"]}";
        let checked = check_bytes(
            "p.json".into(),
            text.as_bytes().to_vec(),
            Origin::Named,
            &Settings::default(),
            false,
        )
        .unwrap();
        let document = Document::new(text.to_owned(), 1);
        let uri: Uri = "file:///p.json".parse().unwrap();
        let ranges = Ranges {
            document: &document,
            encoding: Encoding::Utf16,
        };
        let lsp = to_lsp(&checked.diagnostics[0], &uri, ranges);
        assert_eq!(lsp.code, Some(NumberOrString::String("PL103".into())));
        // `""` starts at character 37 of the checked text; the BOM is one more UTF-16 unit.
        assert_eq!(lsp.range.start, Position::new(0, 38));
        assert_eq!(lsp.range.end, Position::new(0, 40));
    }
}
