//! The server: the initialize handshake, the main loop, dispatch, shutdown and exit.
//!
//! One thread handles every message in order, as rust-analyzer and ruff do; a preset checks in
//! well under a millisecond, so there is nothing to gain from more. Diagnostics are
//! debounced: a change only marks its document, and the marked documents are checked and
//! published once the client has been quiet for [`QUIET`] (or [`MAX_DELAY`] has passed during
//! a burst). Each publication carries the version that was checked, which is always the
//! latest the server has: a change that arrives first is applied first.

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Initialized, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{InitializeParams, InitializeResult, PublishDiagnosticsParams, ServerInfo, Uri};
use serde_json::Value;

use crate::lsp::capabilities::{capabilities, watcher_registration};
use crate::lsp::code_actions;
use crate::lsp::config;
use crate::lsp::config_problems;
use crate::lsp::diagnostics::to_lsp;
use crate::lsp::protocol::{
    error, error_response, guarded, notification_params, params, reply_malformed, to_result,
};
use crate::lsp::session::Session;
use crate::lsp::transport::{Incoming, Transport};
use crate::lsp::{completion, hover};

/// How long the client must be quiet before changed documents are checked.
const QUIET: Duration = Duration::from_millis(50);
/// The longest a change waits for its diagnostics during a burst of changes.
const MAX_DELAY: Duration = Duration::from_millis(300);

/// Serves one client until it exits. Exit code 0 after `shutdown` then `exit`; 1 when the
/// client exits without `shutdown` or goes away.
pub fn serve(transport: Transport) -> ExitCode {
    let code = match handshake(&transport) {
        Some(server) => server.run(),
        None => ExitCode::FAILURE,
    };
    transport.close();
    code
}

/// The server after `initialize`: the protocol's state around the workspace's [`Session`].
struct Server<'t> {
    transport: &'t Transport,
    session: Session,
    /// Documents changed since their diagnostics were last published.
    pending: BTreeSet<Uri>,
    /// When the oldest pending change arrived.
    pending_since: Option<Instant>,
    shutdown_requested: bool,
    /// Whether the client registers file watchers on request (for presetlint.toml and the
    /// presets).
    watches_files: bool,
    /// The config files whose problems are shown as diagnostics (cleared once fixed).
    config_shown: Vec<Uri>,
}

/// Waits for `initialize`, answering anything else as the protocol says. `None` when the
/// client exits or goes away first.
fn handshake(transport: &Transport) -> Option<Server<'_>> {
    loop {
        match transport.receiver.recv().ok()? {
            Incoming::Malformed { id, error } => reply_malformed(transport, id, &error),
            Incoming::Message(Message::Request(req)) if req.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(req.params) {
                    Ok(params) => {
                        let server = Server::new(transport, &params);
                        let result = server.initialize_result();
                        transport.send(Response::new_ok(req.id, result).into());
                        return Some(server);
                    }
                    Err(err) => transport.send(
                        error_response(
                            req.id,
                            ErrorCode::InvalidParams,
                            format!("invalid initialize params: {err}"),
                        )
                        .into(),
                    ),
                }
            }
            Incoming::Message(Message::Request(req)) => transport.send(
                error_response(
                    req.id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet".into(),
                )
                .into(),
            ),
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => return None,
            // Other notifications before `initialize` are dropped, as the protocol says.
            Incoming::Message(_) => {}
        }
    }
}

impl<'t> Server<'t> {
    fn new(transport: &'t Transport, params: &InitializeParams) -> Server<'t> {
        Server {
            transport,
            session: Session::new(params),
            pending: BTreeSet::new(),
            pending_since: None,
            shutdown_requested: false,
            config_shown: Vec::new(),
            watches_files: params
                .capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files)
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
        }
    }

    fn initialize_result(&self) -> InitializeResult {
        InitializeResult {
            capabilities: capabilities(self.session.encoding),
            server_info: Some(ServerInfo {
                name: "presetlint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        }
    }

    fn run(mut self) -> ExitCode {
        loop {
            let next = if self.pending.is_empty() {
                self.transport
                    .receiver
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                self.transport.receiver.recv_timeout(QUIET)
            };
            match next {
                Ok(incoming) => {
                    if let Some(code) = self.handle(incoming) {
                        return code;
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.publish_pending(),
                Err(RecvTimeoutError::Disconnected) => {
                    eprintln!("presetlint lsp: the client went away without `exit`");
                    return ExitCode::FAILURE;
                }
            }
            if self
                .pending_since
                .is_some_and(|since| since.elapsed() >= MAX_DELAY)
            {
                self.publish_pending();
            }
        }
    }

    /// Handles one message; the exit code once the client has sent `exit`.
    fn handle(&mut self, incoming: Incoming) -> Option<ExitCode> {
        match incoming {
            Incoming::Malformed { id, error } => reply_malformed(self.transport, id, &error),
            Incoming::Message(Message::Request(req)) => {
                let response = if self.shutdown_requested {
                    error_response(
                        req.id,
                        ErrorCode::InvalidRequest,
                        "the server is shutting down".into(),
                    )
                } else {
                    self.request(req)
                };
                self.transport.send(response.into());
            }
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                return Some(if self.shutdown_requested {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                });
            }
            Incoming::Message(Message::Notification(n)) => self.notification(n),
            Incoming::Message(Message::Response(response)) => {
                // Only client/registerCapability is ever asked; a refusal leaves presetlint.toml
                // unwatched, which is worth a line in the log and nothing more.
                if let Err(error) = response.response_result {
                    eprintln!(
                        "presetlint lsp: the client refused a request: {}",
                        error.message
                    );
                }
            }
        }
        None
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.clone();
        match guarded(&method, || self.dispatch_request(req)) {
            Ok(value) => Response::new_ok(id, value),
            Err(error) => Response {
                id,
                response_result: Err(error),
            },
        }
    }

    fn dispatch_request(&mut self, req: Request) -> Result<Value, ResponseError> {
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown_requested = true;
                Ok(Value::Null)
            }
            "initialize" => Err(error(
                ErrorCode::InvalidRequest,
                "the server is initialized already".into(),
            )),
            HoverRequest::METHOD => {
                let params = params::<HoverRequest>(req.params)?;
                let at = params.text_document_position_params;
                let result = self
                    .session
                    .with_open(&at.text_document.uri, |open| {
                        hover::hover(open, at.position)
                    })
                    .flatten();
                to_result(result)
            }
            Completion::METHOD => {
                let params = params::<Completion>(req.params)?;
                let at = params.text_document_position;
                let items = self
                    .session
                    .with_open(&at.text_document.uri, |open| {
                        completion::completions(open, at.position)
                    })
                    .unwrap_or_default();
                to_result(lsp_types::CompletionResponse::Array(items))
            }
            CodeActionRequest::METHOD => {
                let params = params::<CodeActionRequest>(req.params)?;
                let actions = self
                    .session
                    .with_open(&params.text_document.uri, |open| {
                        code_actions::code_actions(open, &params)
                    })
                    .unwrap_or_default();
                to_result(actions)
            }
            method => Err(error(
                ErrorCode::MethodNotFound,
                format!("presetlint does not handle {method}"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        if let Err(error) = guarded(&method, || self.dispatch_notification(n)) {
            eprintln!("presetlint lsp: {method}: {}", error.message);
        }
    }

    fn dispatch_notification(&mut self, n: Notification) -> Result<(), ResponseError> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let doc = notification_params::<DidOpenTextDocument>(n.params)?.text_document;
                if is_preset_document(&doc.language_id, &doc.uri) {
                    if !self.watches_files {
                        // No word comes when the library's files change (a git pull, another
                        // editor): it is read again when the next preset is opened.
                        self.session.library = None;
                    }
                    self.session
                        .documents
                        .open(doc.uri.clone(), doc.text, doc.version);
                    self.mark_pending(doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                let params = notification_params::<DidChangeTextDocument>(n.params)?;
                let uri = params.text_document.uri;
                // Documents that are not presets were never opened here; their changes pass by.
                if let Some(file) = self.session.documents.get_mut(&uri) {
                    file.change(
                        params.content_changes,
                        params.text_document.version,
                        self.session.encoding,
                    );
                    self.mark_pending(uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let uri = notification_params::<DidCloseTextDocument>(n.params)?
                    .text_document
                    .uri;
                if self.session.documents.close(&uri).is_some() {
                    self.pending.remove(&uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let params = notification_params::<DidChangeWatchedFiles>(n.params)?;
                if params.changes.iter().any(config::is_config_change) {
                    self.reload_settings();
                } else if params.changes.iter().any(config::is_preset_change) {
                    // Another preset of the library changed: judge the open ones again.
                    self.session.library = None;
                    self.recheck_all();
                }
            }
            Initialized::METHOD => {
                self.watch_config_file();
                self.tell_config_problems();
            }
            // Cancellation, tracing, saving: nothing to do for a server that answers in order
            // and reads from disk only the config and the library, which the watchers cover.
            _ => {}
        }
        Ok(())
    }

    fn mark_pending(&mut self, uri: Uri) {
        self.pending.insert(uri);
        self.pending_since.get_or_insert_with(Instant::now);
    }

    fn publish_pending(&mut self) {
        self.pending_since = None;
        for uri in std::mem::take(&mut self.pending) {
            let method = PublishDiagnostics::METHOD;
            let published = guarded(method, || {
                Ok(self.session.with_open(&uri, |open| {
                    let ranges = open.ranges();
                    let diagnostics = open
                        .checked
                        .diagnostics
                        .iter()
                        .map(|d| to_lsp(d, open.uri, ranges))
                        .collect::<Vec<_>>();
                    (diagnostics, open.document.version)
                }))
            });
            match published {
                Ok(Some((diagnostics, version))) => self.publish(uri, diagnostics, Some(version)),
                Ok(None) => {}
                Err(error) => eprintln!("presetlint lsp: {}", error.message),
            }
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
        self.transport.send(notification.into());
    }

    /// presetlint.toml changed: read the settings again and re-check every open document.
    fn reload_settings(&mut self) {
        self.session.reload();
        self.tell_config_problems();
        self.recheck_all();
    }

    /// Tells the user what is wrong with presetlint.toml, as ruff's server does: a message
    /// (the server lints with the defaults, or without the view), and a diagnostic on the
    /// file at the mistake's line; a file whose problems are gone has its diagnostics cleared.
    fn tell_config_problems(&mut self) {
        let told = config_problems::told(&self.session.config_problems, self.session.encoding);
        for message in told.messages {
            self.transport
                .send(Notification::new(ShowMessage::METHOD.to_owned(), message).into());
        }
        for stale in std::mem::take(&mut self.config_shown) {
            if !told.diagnostics.iter().any(|(uri, _)| *uri == stale) {
                self.publish(stale, Vec::new(), None);
            }
        }
        for (uri, diagnostics) in told.diagnostics {
            self.config_shown.push(uri.clone());
            self.publish(uri, diagnostics, None);
        }
    }

    /// Checks every open document again and publishes what it finds.
    fn recheck_all(&mut self) {
        self.session.documents.invalidate_all();
        for uri in self.session.documents.uris() {
            self.mark_pending(uri);
        }
    }

    /// Asks the client to report changes to presetlint.toml and the presets, when it can be
    /// asked.
    fn watch_config_file(&self) {
        if self.watches_files {
            self.transport.send(watcher_registration().into());
        }
    }
}

/// The documents presetlint checks: by language id, or by file name for clients that give
/// .hedge files some other id.
fn is_preset_document(language_id: &str, uri: &Uri) -> bool {
    let path = uri.path().as_str().to_ascii_lowercase();
    matches!(language_id, "json" | "jsonc" | "hedge")
        || path.ends_with(".hedge")
        || path.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_documents() {
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        assert!(is_preset_document("hedge", &uri("file:///a/x")));
        assert!(is_preset_document("plaintext", &uri("file:///a/A.HEDGE")));
        assert!(!is_preset_document(
            "toml",
            &uri("file:///a/presetlint.toml")
        ));
    }
}
