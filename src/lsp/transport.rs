//! The wire: LSP messages framed with `Content-Length` headers over a byte stream.
//!
//! lsp-server's own stdio transport ends its reader thread at the first payload that is not a
//! JSON-RPC message, which would take the server down with it. This reader reads the frame,
//! and when the payload is garbage it hands the server a [`Incoming::Malformed`] to answer,
//! then reads on. Memory stays bounded whatever the client sends: a header line is at most
//! [`MAX_HEADER_LINE`] bytes and a body at most [`MAX_PAYLOAD`]; past either the connection is
//! dropped with the reason on standard error, since no real client sends such a frame. The
//! writer is lsp-server's `Message::write`, fed through a queue of at most [`MAX_QUEUED`]
//! messages: a client that stops reading makes the server wait, not grow.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::{self, JoinHandle};

use lsp_server::{Message, RequestId, ResponseError};
use serde_json::{Value, json};

/// The largest payload read into memory: far above any preset an editor opens (presetlint
/// refuses presets over 64 MiB too).
pub const MAX_PAYLOAD: u64 = 64 * 1024 * 1024;

/// The longest header line: LSP has two short headers.
pub const MAX_HEADER_LINE: u64 = 8 * 1024;

/// Messages waiting to be written before the server waits for the client to read.
pub const MAX_QUEUED: usize = 64;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame whose payload is not a JSON-RPC message; `id` when it could still be read.
    Malformed {
        id: Option<RequestId>,
        error: String,
    },
}

/// Both directions of a connection.
pub struct Transport {
    pub receiver: Receiver<Incoming>,
    sender: SyncSender<Outgoing>,
    writer: JoinHandle<()>,
}

/// What the server hands the writer.
enum Outgoing {
    Message(Message),
    /// A raw JSON-RPC value, for what lsp-server's types cannot express.
    Raw(Value),
}

impl Transport {
    pub fn stdio() -> Transport {
        Transport::new(io::BufReader::new(io::stdin()), io::stdout())
    }

    /// A connection over any pair of streams. The reader thread is never joined: it may sit
    /// in a blocking read for as long as the client keeps the stream open.
    pub fn new(
        input: impl BufRead + Send + 'static,
        output: impl Write + Send + 'static,
    ) -> Transport {
        let (in_tx, in_rx) = mpsc::channel();
        let (out_tx, out_rx) = mpsc::sync_channel::<Outgoing>(MAX_QUEUED);
        thread::spawn(move || read_loop(input, &in_tx));
        let writer = thread::spawn(move || write_loop(output, &out_rx));
        Transport {
            receiver: in_rx,
            sender: out_tx,
            writer,
        }
    }

    pub fn send(&self, message: Message) {
        self.queue(Outgoing::Message(message));
    }

    /// An error response to a message whose id could not be read: JSON-RPC wants `id: null`,
    /// which lsp-server's `Response` cannot express.
    pub fn send_error_without_id(&self, error: ResponseError) {
        self.queue(Outgoing::Raw(
            json!({ "jsonrpc": "2.0", "id": null, "error": error }),
        ));
    }

    fn queue(&self, outgoing: Outgoing) {
        // The writer only stops when the client closed its end; nothing is left to tell then.
        let _ = self.sender.send(outgoing);
    }

    /// Waits until everything sent has been written.
    pub fn close(self) {
        drop(self.sender);
        let _ = self.writer.join();
    }
}

fn read_loop(mut input: impl BufRead, to_server: &Sender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Some(body)) => parse(&body),
            Ok(None) => return,
            Err(Frame::Skipped(reason)) => {
                eprintln!("presetlint lsp: skipped a malformed frame: {reason}");
                continue;
            }
            Err(Frame::Io(err)) => {
                eprintln!("presetlint lsp: cannot read from the client: {err}");
                return;
            }
            Err(Frame::Unbounded(reason)) => {
                eprintln!("presetlint lsp: dropping the connection: {reason}");
                return;
            }
        };
        if to_server.send(incoming).is_err() {
            return;
        }
    }
}

fn parse(body: &[u8]) -> Incoming {
    match serde_json::from_slice::<Message>(body) {
        Ok(message) => Incoming::Message(message),
        Err(err) => {
            let id = serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| serde_json::from_value(v.get("id")?.clone()).ok());
            Incoming::Malformed {
                id,
                error: err.to_string(),
            }
        }
    }
}

enum Frame {
    /// The headers or payload were unusable; the stream is positioned after them.
    Skipped(String),
    /// A header line or a payload over its bound: the stream cannot be followed any further
    /// in bounded memory.
    Unbounded(String),
    Io(io::Error),
}

impl From<io::Error> for Frame {
    fn from(err: io::Error) -> Frame {
        Frame::Io(err)
    }
}

/// Reads one frame's payload; `None` at the end of the stream.
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Frame> {
    let mut length: Option<Result<u64, String>> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input
            .by_ref()
            .take(MAX_HEADER_LINE + 1)
            .read_until(b'\n', &mut line)?
            == 0
        {
            return Ok(None);
        }
        if line.len() as u64 > MAX_HEADER_LINE {
            return Err(Frame::Unbounded(format!(
                "a header line of more than {MAX_HEADER_LINE} bytes"
            )));
        }
        let text = String::from_utf8_lossy(&line);
        let header = text.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if saw_header {
                break;
            }
            // A stray blank line between frames.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("Content-Length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
            );
        }
    }
    let length = match length {
        None => return Err(Frame::Skipped("no Content-Length header".into())),
        Some(Err(reason)) => return Err(Frame::Skipped(reason)),
        Some(Ok(length)) => length,
    };
    if length > MAX_PAYLOAD {
        return Err(Frame::Unbounded(format!(
            "a payload of {length} bytes (at most {MAX_PAYLOAD})"
        )));
    }
    let mut body = vec![0; length as usize];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

fn write_loop(mut output: impl Write, from_server: &Receiver<Outgoing>) {
    for outgoing in from_server {
        let written = match outgoing {
            Outgoing::Message(message) => message.write(&mut output),
            Outgoing::Raw(value) => {
                let body = value.to_string();
                write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())
                    .and_then(|()| output.flush())
            }
        };
        if let Err(err) = written {
            eprintln!("presetlint lsp: cannot write to the client: {err}");
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_garbage_and_blank_lines() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let bad = r#"{"jsonrpc":"2.0","id":7,"method":5}"#;
        let stream = format!(
            "Content-Length: {}\r\n\r\n{good}\r\nnot a header\r\n\r\nContent-Length: {}\r\n\r\n{bad}Content-Length: 3\r\n\r\n{{{{{{",
            good.len(),
            bad.len()
        );
        let mut input = io::Cursor::new(stream.into_bytes());
        assert!(matches!(
            parse(&read_frame(&mut input).ok().unwrap().unwrap()),
            Incoming::Message(_)
        ));
        assert!(
            matches!(read_frame(&mut input), Err(Frame::Skipped(r)) if r == "no Content-Length header")
        );
        match parse(&read_frame(&mut input).ok().unwrap().unwrap()) {
            Incoming::Malformed { id, .. } => assert_eq!(id, Some(RequestId::from(7))),
            other => panic!("{other:?}"),
        }
        match parse(&read_frame(&mut input).ok().unwrap().unwrap()) {
            Incoming::Malformed { id, .. } => assert_eq!(id, None),
            other => panic!("{other:?}"),
        }
        assert!(matches!(read_frame(&mut input), Ok(None)));
    }

    #[test]
    fn a_header_line_without_end_or_a_huge_body_ends_the_connection_in_bounded_memory() {
        // 600 MB of header without a line feed would have been buffered whole; reading stops
        // at the bound.
        let endless = io::repeat(b'x').take(600 * 1024 * 1024);
        let mut input = io::BufReader::new(endless);
        assert!(matches!(
            read_frame(&mut input),
            Err(Frame::Unbounded(r)) if r == "a header line of more than 8192 bytes"
        ));
        let mut input = io::Cursor::new(b"Content-Length: 99999999999\r\n\r\n".to_vec());
        assert!(matches!(
            read_frame(&mut input),
            Err(Frame::Unbounded(r)) if r == "a payload of 99999999999 bytes (at most 67108864)"
        ));
    }
}
