//! What the server tells the client it can do, and the file watchers it asks of the client.

use lsp_server::{Request, RequestId};
use lsp_types::notification::{DidChangeWatchedFiles, Notification as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern,
    HoverProviderCapability, Registration, RegistrationParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use crate::lsp::code_actions::fix_all_kind;
use crate::lsp::config::CONFIG_FILE;
use crate::lsp::position::Encoding;

pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    // `"` opens a list entry or a key, `{` an element, `.` an extension.
    let trigger_characters = ["\"", "{", "."].map(str::to_owned).to_vec();
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(trigger_characters),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, fix_all_kind()]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The request that asks the client to report changes to presetlint.toml and to the presets.
pub(crate) fn watcher_registration() -> Request {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![
            FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE}")),
                kind: None,
            },
            FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.{json,hedge}".to_owned()),
                kind: None,
            },
        ],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "presetlint-config-watcher".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let id = RequestId::from("presetlint-register-config-watcher".to_owned());
    Request::new(id, "client/registerCapability".to_owned(), params)
}
