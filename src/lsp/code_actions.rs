//! Code actions: a quick fix for each finding that has a fix, and "fix all safe problems".

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

use crate::base::diagnostic::{Safety, Span};
use crate::lsp::OpenDocument;
use crate::lsp::diagnostics::to_lsp;

/// The kind of the fix-all action; `source.fixAll` is what editors run on save.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.presetlint")
}

pub const FIX_ALL_TITLE: &str = "presetlint: fix all safe problems";

pub fn code_actions(open: OpenDocument<'_>, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        actions.extend(quick_fixes(&open, params.range));
    }
    if wanted(only, &fix_all_kind()) {
        actions.extend(fix_all(&open));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Whether the client asked for this kind: kinds are hierarchical, so asking for `source`
/// includes `source.fixAll.presetlint`.
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|asked| {
        asked.iter().any(|a| {
            kind.as_str() == a.as_str()
                || kind
                    .as_str()
                    .strip_prefix(a.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

fn quick_fixes(open: &OpenDocument<'_>, range: Range) -> Vec<CodeAction> {
    let ranges = open.ranges();
    open.checked
        .diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let fix = diagnostic.fix.as_ref()?;
            let lsp_diagnostic = to_lsp(diagnostic, open.uri, ranges);
            if !touches(lsp_diagnostic.range, range) {
                return None;
            }
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit::new(ranges.range(edit.span), edit.content.clone()))
                .collect();
            let safe = fix.safety == Safety::Safe;
            let title = if safe {
                format!("{} ({})", fix.title, diagnostic.rule.code)
            } else {
                format!("{} ({}, unsafe)", fix.title, diagnostic.rule.code)
            };
            Some(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic]),
                edit: Some(workspace_edit(open, edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// Whether two ranges overlap or touch: a cursor at either end of a finding asks for its fix.
fn touches(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Every safe fix, applied in rounds, as one edit of the part of the text that changes.
fn fix_all(open: &OpenDocument<'_>) -> Option<CodeAction> {
    let text = &open.document.text;
    // The document's own findings, ignores dropped: an ignored finding is never fixed.
    let ignore_path = std::path::Path::new(open.path);
    let fixed = open
        .engine
        .fix(open.checked.clone(), Some(ignore_path), Safety::Safe);
    if fixed.applied == 0 {
        return None;
    }
    let new_text = String::from_utf8(fixed.after.source.to_bytes()).ok()?;
    let (span, content) = changed_part(text, &new_text);
    let range = open.document.lines.range(text, span, open.encoding);
    Some(CodeAction {
        title: FIX_ALL_TITLE.to_owned(),
        kind: Some(fix_all_kind()),
        edit: Some(workspace_edit(open, vec![TextEdit::new(range, content)])),
        ..CodeAction::default()
    })
}

/// The span of `old` that differs from `new` and what replaces it: the text between their
/// common prefix and common suffix, on character boundaries. One small edit keeps the
/// editor's cursor and folds where they were, which replacing the whole text would not.
pub fn changed_part(old: &str, new: &str) -> (Span, String) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) {
        suffix -= 1;
    }
    (
        Span::new(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_owned(),
    )
}

/// Edits of the document, tied to its version when the client can check it (so that an
/// action computed for an older text is refused rather than misapplied).
fn workspace_edit(open: &OpenDocument<'_>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    if open.versioned_edits {
        WorkspaceEdit {
            document_changes: Some(lsp_types::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: open.uri.clone(),
                    version: Some(open.document.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(open.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_part_is_minimal_and_on_boundaries() {
        assert_eq!(
            changed_part("[\".R3D;.MOV\"]", "[\".R3D\", \".MOV\"]"),
            (Span::new(6, 7), "\", \"".to_owned())
        );
        // é and è share their first byte: the edit starts at the character.
        assert_eq!(changed_part("aé", "aè"), (Span::new(1, 3), "è".to_owned()));
        assert_eq!(changed_part("aa", "aaa"), (Span::new(2, 2), "a".to_owned()));
    }

    #[test]
    fn kinds_are_hierarchical() {
        let source = CodeActionKind::SOURCE;
        assert!(wanted(Some(&[source]), &fix_all_kind()));
        assert!(wanted(
            Some(&[CodeActionKind::SOURCE_FIX_ALL]),
            &fix_all_kind()
        ));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all_kind()));
        assert!(!wanted(
            Some(&[CodeActionKind::new("source.fix")]),
            &fix_all_kind()
        ));
        assert!(wanted(None, &CodeActionKind::QUICKFIX));
    }
}
