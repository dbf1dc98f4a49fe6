//! What a view named `iconik:ID` is, and how it may be fetched: the part of iconik that the
//! configuration and the engine ask, with no network in it. The client, the pull and the
//! cache ([`super::cache`]) need an operating system and come with the `native` feature;
//! without it (the browser playground) a view is pasted, and `iconik:ID` is an error that
//! says so.

use std::path::PathBuf;
use std::time::Duration;

/// How long a pulled view is used before it is pulled again.
pub const DEFAULT_TTL: Duration = Duration::from_secs(600);

/// Whether a view named `iconik:ID` may be fetched now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remote {
    Fetch(FetchOptions),
    /// The cached copy or nothing (the language server: an edit never waits on the network).
    CachedOnly,
    /// `--offline` (or PRESETLINT_OFFLINE=1): the cached copy whatever its age, said when it
    /// is old; none is an error.
    Offline,
}

impl Default for Remote {
    fn default() -> Remote {
        Remote::Fetch(FetchOptions::default())
    }
}

impl Remote {
    /// Fetched when needed, reading an answer of at most `max_body` bytes (`--max-file-size`).
    pub fn fetch_at_most(max_body: u64) -> Remote {
        Remote::Fetch(FetchOptions {
            max_body,
            ..FetchOptions::default()
        })
    }
}

/// The prefix of a view that lives in iconik.
pub const PREFIX: &str = "iconik:";

/// The view id of `iconik:ID`, if the spec is one (`storage:ID` for a storage's view).
pub fn remote_id(spec: &str) -> Option<&str> {
    spec.strip_prefix(PREFIX)
}

/// A view's text, and what the user should know of where it came from.
#[derive(Debug, Clone)]
pub struct Found {
    pub text: String,
    /// The cache file it is (or was just written) in, for messages.
    pub path: PathBuf,
    pub warnings: Vec<String>,
}

/// How long all the requests of one client (one pull, one listing) may take together.
pub const WHOLE_PULL: Duration = Duration::from_secs(300);

/// How requests are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOptions {
    /// For the TCP connection (and TLS handshake) to be made.
    pub connect_timeout: Duration,
    /// For the whole of one answer, from the request to its last byte.
    pub timeout: Duration,
    /// How many times a 429, a 5xx or a dropped connection is tried again.
    pub retries: u32,
    /// The largest answer read.
    pub max_body: u64,
    /// How long all the requests of one pull may take together ([`WHOLE_PULL`], or the
    /// timeout if longer).
    pub whole: Duration,
}

impl FetchOptions {
    /// The defaults with these waits: all the requests of a pull may take [`WHOLE_PULL`], or
    /// one answer's timeout if that is longer.
    pub fn with_timeouts(connect_timeout: Duration, timeout: Duration) -> FetchOptions {
        FetchOptions {
            connect_timeout,
            timeout,
            whole: WHOLE_PULL.max(timeout),
            ..FetchOptions::default()
        }
    }
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 3,
            max_body: crate::base::input::DEFAULT_MAX_FILE_SIZE,
            whole: WHOLE_PULL,
        }
    }
}

/// Without the `native` feature nothing is fetched: the view is pasted as a file.
#[cfg(not(feature = "native"))]
pub fn view_text(id: &str, _remote: &Remote, _ttl: Duration) -> Result<Found, miette::Report> {
    Err(miette::miette!(
        "the view iconik:{id} is pulled by the command line (`presetlint view pull {id}`); here, give the view's export"
    ))
}
