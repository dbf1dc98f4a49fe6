//! The server: the initialize handshake, the main loop, dispatch, shutdown and exit.
//!
//! One thread handles every message in order, as rust-analyzer and ruff do; a preset checks in
//! well under a millisecond, so there is nothing to gain from more. Diagnostics are
//! debounced: a change only marks its document, and the marked documents are checked and
//! published once the client has been quiet for [`QUIET`] (or [`MAX_DELAY`] has passed during
//! a burst). Each publication carries the version that was checked, which is always the
//! latest the server has: a change that arrives first is applied first.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Initialized, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, InitializeParams,
    InitializeResult, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerInfo, ShowMessageParams, Uri,
};
use serde_json::Value;

use crate::lint::engine::Engine;
use crate::lint::engine::library::Library;
use crate::lsp::capabilities::capabilities;
use crate::lsp::code_actions;
use crate::lsp::config::{self, CONFIG_FILE, InitOptions};
use crate::lsp::diagnostics::to_lsp;
use crate::lsp::documents::{Documents, display_path};
use crate::lsp::position::Encoding;
use crate::lsp::protocol::{
    error, error_response, guarded, notification_params, params, reply_malformed, to_result,
};
use crate::lsp::transport::{Incoming, Transport};
use crate::lsp::{OpenDocument, completion, hover};

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

/// The state of one session after `initialize`.
struct Server<'t> {
    transport: &'t Transport,
    encoding: Encoding,
    options: InitOptions,
    root: Option<PathBuf>,
    engine: Engine,
    /// The presets under the workspace config's folder, for the rules across presets (read
    /// at the first check that needs them, again after a preset or config file changes).
    library: Option<Library>,
    documents: Documents,
    /// Documents changed since their diagnostics were last published.
    pending: BTreeSet<Uri>,
    /// When the oldest pending change arrived.
    pending_since: Option<Instant>,
    shutdown_requested: bool,
    versioned_edits: bool,
    /// Whether the client registers file watchers on request (for presetlint.toml and the
    /// presets).
    watches_files: bool,
    /// What is wrong with the workspace's presetlint.toml, told once the client is ready.
    config_problems: Vec<config::ConfigProblem>,
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
        let capabilities = &params.capabilities;
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        let workspace = capabilities.workspace.as_ref();
        let options = InitOptions::from_params(params.initialization_options.clone());
        let root = config::workspace_root(params);
        let (engine, config_problems) = config::engine(root.as_deref(), &options);
        Server {
            transport,
            encoding: Encoding::negotiate(offered),
            engine,
            config_problems,
            config_shown: Vec::new(),
            library: None,
            options,
            root,
            documents: Documents::default(),
            pending: BTreeSet::new(),
            pending_since: None,
            shutdown_requested: false,
            versioned_edits: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            watches_files: workspace
                .and_then(|w| w.did_change_watched_files)
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
        }
    }

    fn initialize_result(&self) -> InitializeResult {
        InitializeResult {
            capabilities: capabilities(self.encoding),
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
                    .with_open(&at.text_document.uri, |open| {
                        completion::completions(open, at.position)
                    })
                    .unwrap_or_default();
                to_result(lsp_types::CompletionResponse::Array(items))
            }
            CodeActionRequest::METHOD => {
                let params = params::<CodeActionRequest>(req.params)?;
                let actions = self
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
                        self.library = None;
                    }
                    self.documents.open(doc.uri.clone(), doc.text, doc.version);
                    self.mark_pending(doc.uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                let params = notification_params::<DidChangeTextDocument>(n.params)?;
                let uri = params.text_document.uri;
                // Documents that are not presets were never opened here; their changes pass by.
                if let Some(file) = self.documents.get_mut(&uri) {
                    file.change(
                        params.content_changes,
                        params.text_document.version,
                        self.encoding,
                    );
                    self.mark_pending(uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let uri = notification_params::<DidCloseTextDocument>(n.params)?
                    .text_document
                    .uri;
                if self.documents.close(&uri).is_some() {
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
                    self.library = None;
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

    /// Runs `f` on an open document with the findings of its current version.
    fn with_open<T>(&mut self, uri: &Uri, f: impl FnOnce(OpenDocument<'_>) -> T) -> Option<T> {
        let path = display_path(uri);
        let file = self.documents.get_mut(uri)?;
        // A nested presetlint.toml that does not load is said, and the workspace's governs.
        let config = self
            .engine
            .config_of(Some(std::path::Path::new(&path)))
            .unwrap_or_else(|report| {
                eprintln!(
                    "presetlint lsp: ignoring a config file: {}",
                    crate::base::shown::escape_controls(&report.to_string())
                );
                self.engine.config_for(Some(std::path::Path::new(&path)))
            });
        if self.engine.across_presets && self.library.is_none() {
            let paths = self.engine.library_paths(std::iter::empty());
            self.library = Some(self.engine.read_library(&paths));
        }
        let library = self.library.get_or_insert_default();
        let (document, checked) = file.checked(&path, &self.engine, library);
        Some(f(OpenDocument {
            uri,
            path: &path,
            document,
            checked,
            engine: &self.engine,
            config: &config,
            encoding: self.encoding,
            versioned_edits: self.versioned_edits,
        }))
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
                Ok(self.with_open(&uri, |open| {
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
        let (engine, problems) = config::engine(self.root.as_deref(), &self.options);
        self.engine = engine;
        self.config_problems = problems;
        self.library = None;
        self.tell_config_problems();
        self.recheck_all();
    }

    /// Tells the user what is wrong with presetlint.toml, as ruff's server does: a message
    /// (the server lints with the defaults, or without the view), and a diagnostic on the
    /// file at the mistake's line; a file whose problems are gone has its diagnostics cleared.
    fn tell_config_problems(&mut self) {
        let mut shown: Vec<(Uri, Vec<lsp_types::Diagnostic>)> = Vec::new();
        for problem in &self.config_problems {
            let Some(uri) = crate::lsp::documents::file_uri(
                &crate::lint::config::globs::normalize(&problem.path),
            ) else {
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
            let map = crate::lsp::position::LineMap::new(&text);
            let start = map.position(&text, offset, self.encoding);
            let end = map.position(&text, line_end, self.encoding);
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
            self.transport.send(
                Notification::new(
                    ShowMessage::METHOD.to_owned(),
                    ShowMessageParams {
                        typ: kind,
                        message: crate::base::shown::escape_controls(&said).into_owned(),
                    },
                )
                .into(),
            );
            let diagnostic = lsp_types::Diagnostic {
                range: lsp_types::Range { start, end },
                severity: Some(if problem.is_error {
                    lsp_types::DiagnosticSeverity::ERROR
                } else {
                    lsp_types::DiagnosticSeverity::WARNING
                }),
                source: Some("presetlint".to_owned()),
                message: crate::base::shown::escape_controls(&problem.message).into_owned(),
                ..lsp_types::Diagnostic::default()
            };
            match shown.iter_mut().find(|(u, _)| *u == uri) {
                Some((_, list)) => list.push(diagnostic),
                None => shown.push((uri, vec![diagnostic])),
            }
        }
        for stale in std::mem::take(&mut self.config_shown) {
            if !shown.iter().any(|(uri, _)| *uri == stale) {
                self.publish(stale, Vec::new(), None);
            }
        }
        for (uri, diagnostics) in shown {
            self.config_shown.push(uri.clone());
            self.publish(uri, diagnostics, None);
        }
    }

    /// Checks every open document again and publishes what it finds.
    fn recheck_all(&mut self) {
        self.documents.invalidate_all();
        for uri in self.documents.uris() {
            self.mark_pending(uri);
        }
    }

    /// Asks the client to report changes to presetlint.toml, when it can be asked.
    fn watch_config_file(&self) {
        if !self.watches_files {
            return;
        }
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
        let request = Request::new(id, "client/registerCapability".to_owned(), params);
        self.transport.send(request.into());
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
