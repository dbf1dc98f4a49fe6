//! A local HTTP server on 127.0.0.1, in the test process, that answers as iconik's API
//! documentation says (or, when told to, slowly, with an error, or not at all). It records
//! every request, so that tests can see what presetlint sent.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub mod spec;

/// One answer.
#[derive(Debug, Clone)]
pub enum Reply {
    Json(u16, String),
    /// A status with extra headers and a body.
    Full(u16, Vec<(String, String)>, String),
    /// Wait this long, then answer.
    Slow(Duration, Box<Reply>),
    /// Close the connection without answering.
    Drop,
    /// A status and a body of any bytes (not UTF-8, say).
    Bytes(u16, Vec<u8>),
    /// A 200 whose body comes one byte at a time, this long apart; ends when the client
    /// hangs up.
    Drip(Duration, String),
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: HashMap<String, String>,
}

/// Path -> the replies to give, in turn (the last one again once the others are used).
pub type Routes = HashMap<String, Vec<Reply>>;

pub struct Server {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    routes: Arc<Mutex<Routes>>,
}

impl Server {
    pub fn start(routes: Routes) -> Server {
        Server::start_on("127.0.0.1", routes)
    }

    /// A server on another loopback address (127.0.0.2: another origin on this machine).
    pub fn start_on(host: &str, routes: Routes) -> Server {
        let listener = TcpListener::bind(format!("{host}:0")).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let routes = Arc::new(Mutex::new(routes));
        let (seen2, routes2) = (Arc::clone(&seen), Arc::clone(&routes));
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (seen, routes) = (Arc::clone(&seen2), Arc::clone(&routes2));
                thread::spawn(move || serve(stream, &seen, &routes));
            }
        });
        Server { url, seen, routes }
    }

    /// Replaces what a path answers.
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        self.routes.lock().unwrap().insert(path.to_owned(), replies);
    }

    pub fn paths(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.path.clone())
            .collect()
    }
}

fn serve(mut stream: TcpStream, seen: &Mutex<Vec<Seen>>, routes: &Mutex<Routes>) {
    // A TLS ClientHello (a handshake record, 0x16) to this plain-HTTP server: answer in HTTP,
    // which the client's TLS takes for a corrupt record.
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((k, v)) = header.trim_end().split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    seen.lock().unwrap().push(Seen {
        path: path.clone(),
        headers,
    });
    let reply = {
        let mut routes = routes.lock().unwrap();
        match routes.get_mut(&path) {
            Some(replies) if replies.len() > 1 => replies.remove(0),
            Some(replies) if !replies.is_empty() => replies[0].clone(),
            _ => Reply::Json(404, r#"{"errors": ["Not found"]}"#.into()),
        }
    };
    answer(stream, reply);
}

fn answer(mut stream: TcpStream, reply: Reply) {
    let (status, extra, body) = match reply {
        Reply::Drop => {
            let _ = stream.shutdown(std::net::Shutdown::Both);
            return;
        }
        Reply::Slow(wait, reply) => {
            thread::sleep(wait);
            return answer(stream, *reply);
        }
        Reply::Drip(gap, body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            for byte in body.bytes() {
                thread::sleep(gap);
                if stream
                    .write_all(&[byte])
                    .and_then(|()| stream.flush())
                    .is_err()
                {
                    return;
                }
            }
            return;
        }
        Reply::Json(status, body) => (status, Vec::new(), body.into_bytes()),
        Reply::Full(status, extra, body) => (status, extra, body.into_bytes()),
        Reply::Bytes(status, body) => (status, Vec::new(), body),
    };
    let mut head = format!(
        "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = stream.read_to_end(&mut rest);
}
