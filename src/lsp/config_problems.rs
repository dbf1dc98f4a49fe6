//! What is wrong with presetlint.toml, as the client is told it: a message each (the server
//! lints with the defaults, or without the view), and a diagnostic on the file at the
//! mistake's line, as ruff's server does.

use lsp_types::{MessageType, ShowMessageParams, Uri};

use crate::base::shown::escape_controls;
use crate::lsp::config::ConfigProblem;
use crate::lsp::position::{Encoding, LineMap};

/// What to tell the client of a session's config problems.
pub(crate) struct Told {
    pub(crate) messages: Vec<ShowMessageParams>,
    /// By config file, in the order met.
    pub(crate) diagnostics: Vec<(Uri, Vec<lsp_types::Diagnostic>)>,
}

pub(crate) fn told(problems: &[ConfigProblem], encoding: Encoding) -> Told {
    let mut told = Told {
        messages: Vec::new(),
        diagnostics: Vec::new(),
    };
    for problem in problems {
        let Some(uri) =
            crate::lsp::documents::file_uri(&crate::lint::config::normalize(&problem.path))
        else {
            continue;
        };
        let text = crate::base::input::read_side_file(
            &problem.path,
            crate::base::input::DEFAULT_MAX_FILE_SIZE,
        )
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
        let mut offset = problem.offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |n| offset + n);
        let map = LineMap::new(&text);
        let start = map.position(&text, offset, encoding);
        let end = map.position(&text, line_end, encoding);
        let (kind, said) = if problem.is_error {
            (
                MessageType::ERROR,
                format!(
                    "presetlint: {}:{}:{}: {}; linting with the default settings until it is fixed",
                    problem.path.display(),
                    start.line + 1,
                    text[line_start..offset].chars().count() + 1,
                    problem.message
                ),
            )
        } else {
            (
                MessageType::WARNING,
                format!("presetlint: {}", problem.message),
            )
        };
        told.messages.push(ShowMessageParams {
            typ: kind,
            message: escape_controls(&said).into_owned(),
        });
        let diagnostic = lsp_types::Diagnostic {
            range: lsp_types::Range { start, end },
            severity: Some(if problem.is_error {
                lsp_types::DiagnosticSeverity::ERROR
            } else {
                lsp_types::DiagnosticSeverity::WARNING
            }),
            source: Some("presetlint".to_owned()),
            message: escape_controls(&problem.message).into_owned(),
            ..lsp_types::Diagnostic::default()
        };
        match told.diagnostics.iter_mut().find(|(u, _)| *u == uri) {
            Some((_, list)) => list.push(diagnostic),
            None => told.diagnostics.push((uri, vec![diagnostic])),
        }
    }
    told
}
