//! A small LSP client for the tests: starts `presetlint lsp`, frames messages with
//! `Content-Length`, and waits for answers with a timeout so that no test can hang.

#![allow(dead_code)] // Each test file uses its own part of the client.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a loaded machine, short enough to fail a hung test.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for something else, in order.
    backlog: VecDeque<Value>,
    next_id: i64,
    pub stderr: Arc<Mutex<String>>,
}

impl Client {
    pub fn start() -> Client {
        Client::start_with_env(&[])
    }

    /// Starts the server with these environment variables set besides the test's own.
    pub fn start_with_env(env: &[(&str, &str)]) -> Client {
        let mut child = crate::common::presetlint()
            .arg("lsp")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("presetlint starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut child_stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut text = String::new();
            let _ = child_stderr.read_to_string(&mut text);
            sink.lock().unwrap().push_str(&text);
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            stderr,
        }
    }

    /// Starts the server and initializes it with these client capabilities and options.
    pub fn initialized(capabilities: Value, options: Option<Value>) -> (Client, Value) {
        let mut client = Client::start();
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let response = client.request("initialize", params);
        client.notify("initialized", json!({}));
        (client, response["result"].clone())
    }

    /// A utf-8 client whose workspace folder is `root` (where the server finds presetlint.toml).
    pub fn in_workspace(root: &std::path::Path) -> Client {
        Client::in_workspace_with_env(root, &[])
    }

    /// As [`Client::in_workspace`], with these environment variables set for the server.
    pub fn in_workspace_with_env(root: &std::path::Path, env: &[(&str, &str)]) -> Client {
        let mut client = Client::start_with_env(env);
        let uri = format!("file://{}", root.display());
        let params = json!({
            "processId": null,
            "rootUri": uri,
            "capabilities": { "general": { "positionEncodings": ["utf-8"] } },
        });
        let response = client.request("initialize", params);
        assert_eq!(
            response["result"]["capabilities"]["positionEncoding"],
            "utf-8"
        );
        client.notify("initialized", json!({}));
        client
    }

    /// A client that offers one position encoding.
    pub fn with_encoding(encoding: &str) -> Client {
        let (client, result) = Client::initialized(
            json!({ "general": { "positionEncodings": [encoding] } }),
            None,
        );
        assert_eq!(result["capabilities"]["positionEncoding"], encoding);
        client
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The next message that satisfies `wanted`; others are kept for later.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.backlog.push_back(message),
                Err(_) => panic!(
                    "timed out; received meanwhile: {:?}\nserver stderr:\n{}",
                    self.backlog,
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"].clone()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "json", "version": 1, "text": text } }),
        );
    }

    /// `shutdown`, then `exit`: returns the server's exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.exit()
    }

    /// `exit` (with or without `shutdown` before it): returns the server's exit status.
    pub fn exit(mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        self.stdin = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Each diagnostic of a publishDiagnostics' params as (code, line, character, message):
/// what a test compares with `check`'s output (LSP lines and characters count from 0).
pub fn findings(published: &Value) -> Vec<(String, u64, u64, String)> {
    published["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("a code").to_owned(),
                d["range"]["start"]["line"].as_u64().expect("a line"),
                d["range"]["start"]["character"]
                    .as_u64()
                    .expect("a character"),
                d["message"].as_str().expect("a message").to_owned(),
            )
        })
        .collect()
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The LSP position of the `nth` byte offset in `text`, counting `character` in `encoding`.
/// The test documents end their lines with `\n` only.
pub fn position(text: &str, offset: usize, encoding: &str) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_text = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let character = match encoding {
        "utf-8" => line_text.len(),
        "utf-16" => line_text.encode_utf16().count(),
        _ => line_text.chars().count(),
    };
    json!({ "line": line, "character": character })
}

/// The byte offset of an LSP position in `text`.
pub fn offset(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-16" => c.len_utf16(),
            _ => 1,
        };
    }
    text.len()
}

/// Applies LSP text edits (all relative to `text`, not overlapping), as an editor does.
pub fn apply_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut placed: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], encoding),
                offset(text, &e["range"]["end"], encoding),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    placed.sort_by_key(|&(start, _, _)| std::cmp::Reverse(start));
    let mut out = text.to_owned();
    for (start, end, new_text) in placed {
        out.replace_range(start..end, new_text);
    }
    out
}
