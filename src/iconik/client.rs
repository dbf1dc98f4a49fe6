//! One GET against iconik's REST API: the credentials as iconik's own tools take them, the
//! timeouts, the retries of 429 and 5xx (honouring Retry-After), and errors a user can act on.
//! Nothing a user reads, and nothing written, ever carries the credentials:
//! - they go only to ICONIK_URL's origin: a redirect elsewhere is refused, not followed (ureq
//!   would strip only `Authorization` and `Cookie`, not iconik's `App-ID` and `Auth-Token`);
//! - over plain `http://` only to this machine, unless PRESETLINT_ALLOW_HTTP=1;
//! - an answer that echoes them has them masked before anything reads it, so no message, no
//!   snippet of the answer, no cached or written view can carry them.
//!
//! Each request has one deadline for the whole of its answer (`--timeout`), and a client one
//! for all its requests ([`WHOLE_PULL`](crate::iconik::WHOLE_PULL)): a server that drips a byte at a time cannot hold a
//! run. Requests are spaced to stay under iconik's rate limit (50 a second per token).

use std::cell::Cell;
use std::fmt;
use std::time::{Duration, Instant};

use miette::{Report, miette};

use crate::iconik::source::FetchOptions;

/// iconik's public instance; regional or private ones are named by `ICONIK_URL`.
pub const DEFAULT_URL: &str = "https://app.iconik.io";

/// The longest wait a Retry-After may ask for.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// The shortest gap between two requests: iconik allows 50 requests a second per token.
const REQUEST_GAP: Duration = Duration::from_millis(20);

/// iconik's rate window: at most 1,000 requests per token in any 20 seconds (50 a second
/// sustained), as its API documentation and aiopythonik say.
const RATE_WINDOW: Duration = Duration::from_secs(20);

/// Below this many requests left in the window (`RateLimit-Remaining`), the client spreads
/// what is left over the window rather than run into a 429.
const SLOW_BELOW: u64 = 10;

/// How many redirects within ICONIK_URL's origin are followed.
const MOST_REDIRECTS: usize = 5;

/// The variable that allows credentials over plain HTTP to a host other than this machine.
pub(super) const ALLOW_HTTP: &str = "PRESETLINT_ALLOW_HTTP";

/// Where iconik is and who asks: `ICONIK_URL`, `ICONIK_APP_ID`, `ICONIK_AUTH_TOKEN`.
#[derive(Clone)]
pub struct Credentials {
    base: String,
    app_id: String,
    token: String,
}

/// Never the app id or the token, even in a debug print.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// From the environment, as a lookup gives it (the process's, or a test's).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Credentials, Report> {
        let required = |name: &str, what: &str| {
            var(name).filter(|v| !v.trim().is_empty()).ok_or_else(|| {
                miette!(
                    help = "iconik's application tokens are made under Admin > Settings > Application Tokens",
                    "{name} is not set: it holds {what}"
                )
            })
        };
        let app_id = required("ICONIK_APP_ID", "the App-ID of an iconik application token")?;
        let token = required(
            "ICONIK_AUTH_TOKEN",
            "the token (Auth-Token) of that application",
        )?;
        let base = var("ICONIK_URL")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_URL.to_owned());
        let base = base_url(&base);
        let Some(origin) = Origin::of(&base) else {
            return Err(miette!(
                help = format!("e.g. ICONIK_URL={DEFAULT_URL}"),
                "ICONIK_URL is {}, not an http(s) address",
                crate::base::text::quoted(&base)
            ));
        };
        if origin.scheme == "http"
            && !origin.is_loopback()
            && var(ALLOW_HTTP).as_deref() != Some("1")
        {
            return Err(miette!(
                help =
                    format!("use https://, or set {ALLOW_HTTP}=1 if this network is one you trust"),
                "ICONIK_URL is {}: presetlint does not send iconik's token over plain HTTP to another machine, where anyone on the way can read it",
                crate::base::text::quoted(&base)
            ));
        }
        Ok(Credentials {
            base,
            app_id: app_id.trim().to_owned(),
            token: token.trim().to_owned(),
        })
    }

    pub fn from_process() -> Result<Credentials, Report> {
        Credentials::from_env(|name| std::env::var(name).ok())
    }

    /// The instance's address, e.g. `https://app.iconik.io`.
    pub fn base(&self) -> &str {
        &self.base
    }
}

/// ICONIK_URL as the requests are made from: no trailing `/`, and no trailing `/API` (the
/// form iconik's TypeScript SDK and many READMEs use), since every path starts with `/API/`.
pub(super) fn base_url(value: &str) -> String {
    let trimmed = value.trim().trim_end_matches('/');
    let trimmed = match trimmed.len().checked_sub(4) {
        Some(at) if trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case("/api") => {
            &trimmed[..at]
        }
        _ => trimmed,
    };
    trimmed.trim_end_matches('/').to_owned()
}

/// Scheme, host and port of a URL: where credentials may go.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn of(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        // Userinfo is never sent on; an '@' would make "host" someone else's.
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, port.parse().ok()?),
            _ => (authority, default_port),
        };
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// A Location header as an absolute URL, from the URL that was asked.
fn resolve_location(asked: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let (scheme, rest) = asked.split_once("://").unwrap_or(("https", asked));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if let Some(path) = location.strip_prefix("//") {
        return format!("{scheme}://{path}");
    }
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = &rest[authority.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    format!("{scheme}://{authority}{folder}/{location}")
}

/// A client of one iconik instance.
pub struct Client {
    agent: ureq::Agent,
    credentials: Credentials,
    origin: Origin,
    options: FetchOptions,
    /// When all of this client's requests must be done.
    deadline: Instant,
    last_request: Cell<Option<Instant>>,
    /// What iconik's last answer said of the requests left in its rate window.
    remaining: Cell<Option<u64>>,
    /// What a user may want to know of how the requests went (a retry and its wait).
    notes: std::cell::RefCell<Vec<String>>,
}

/// Replaces every occurrence of `secret` in `body` with as many `*`.
fn mask_all(body: &mut [u8], secret: &[u8]) {
    if secret.is_empty() {
        return;
    }
    let finder = memchr::memmem::Finder::new(secret);
    let mut from = 0;
    while let Some(at) = finder.find(&body[from..]) {
        let start = from + at;
        body[start..start + secret.len()].fill(b'*');
        from = start + secret.len();
    }
}

/// A Retry-After value (RFC 9110): seconds, or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`),
/// as the wait from `now`; a date already past is no wait.
fn retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = date.duration_since(now);
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

/// iconik's error body in words: `{"errors": ["..."]}` or `{"errors": {"field": "..."}}`
/// (its documented shapes), at most 300 characters; `None` for any other body.
fn iconik_errors(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let errors = value.get("errors")?;
    let text = match errors {
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("; "),
        serde_json::Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}: {}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        serde_json::Value::String(s) => s.clone(),
        _ => return None,
    };
    (!text.is_empty()).then(|| format!("iconik said: {}", crate::base::shown::message(&text, 300)))
}

/// The roles iconik's spec says a GET of `url` needs.
fn roles_for(url: &str) -> &'static str {
    if url.contains("/API/files/v1/storages/") {
        "can_read_storages, can_read_metadata_views and can_read_metadata_fields"
    } else {
        "can_read_metadata_views and can_read_metadata_fields"
    }
}

/// A 2xx answer's body, or where a redirect points.
enum Answer {
    Body(Vec<u8>),
    Redirect(String),
}

/// What an answer other than 2xx means.
enum Failure {
    /// Worth another try (429, 5xx, a dropped connection), after this long.
    Again {
        wait: Option<Duration>,
        why: String,
        /// A 429: iconik's rate limit, whose window is 20 seconds.
        rate_limited: bool,
    },
    Final(String),
    /// A 404: iconik has no such thing, which the caller may expect.
    Absent(String),
}

impl Client {
    pub fn new(credentials: Credentials, options: FetchOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_global(Some(options.timeout))
            .http_status_as_error(false)
            // Redirects are followed here, by hand, only within ICONIK_URL's origin.
            .max_redirects(0)
            .user_agent(format!("presetlint/{}", env!("CARGO_PKG_VERSION")))
            .build();
        let origin = Origin::of(&credentials.base).expect("checked when the credentials were read");
        Client {
            agent: config.into(),
            credentials,
            origin,
            options,
            deadline: Instant::now() + options.whole,
            last_request: Cell::new(None),
            remaining: Cell::new(None),
            notes: Default::default(),
        }
    }

    /// Adds a note for the user (what an answer left unsaid).
    pub fn note(&self, note: String) {
        self.notes.borrow_mut().push(note);
    }

    /// The notes of the requests made so far (each retry, and how long it waited), taken.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut self.notes.borrow_mut())
    }

    pub fn base(&self) -> &str {
        self.credentials.base()
    }

    /// The body of a 2xx answer to GET `path` (which starts with `/API/`). `not_found` says
    /// what a 404 means here.
    pub fn get(&self, path: &str, not_found: &dyn Fn() -> String) -> Result<Vec<u8>, Report> {
        self.fetch(path)?
            .map_err(|said| miette!("{}", self.redact(&format!("{}: {said}", not_found()))))
    }

    /// The body of a 2xx answer to GET `path`, or `None` when iconik has no such thing (404).
    pub fn get_if_found(&self, path: &str) -> Result<Option<Vec<u8>>, Report> {
        Ok(self.fetch(path)?.ok())
    }

    /// GET `path`: the body, or what iconik said with its 404.
    fn fetch(&self, path: &str) -> Result<Result<Vec<u8>, String>, Report> {
        let url = format!("{}{path}", self.credentials.base);
        let mut attempt = 0;
        loop {
            match self.follow(&url) {
                Ok(mut body) => {
                    self.mask(&mut body);
                    return Ok(Ok(body));
                }
                Err(Failure::Absent(said)) => return Ok(Err(said)),
                Err(Failure::Again {
                    wait,
                    why,
                    rate_limited,
                }) if attempt < self.options.retries => {
                    // A 429 means the token's requests of the last 20 seconds are spent:
                    // a shorter wait would only be refused again.
                    let backoff = if rate_limited {
                        RATE_WINDOW
                    } else {
                        Duration::from_millis(500 << attempt.min(6))
                    };
                    let pause = wait.unwrap_or(backoff).min(LONGEST_WAIT);
                    let reason = match (wait, rate_limited) {
                        (Some(_), _) => "as its Retry-After asked",
                        (None, true) => "for iconik's 20-second rate window to pass",
                        (None, false) => "backing off",
                    };
                    self.notes.borrow_mut().push(format!(
                        "{}; tried again after {} s, {reason}",
                        self.redact(&why),
                        pause.as_secs_f64()
                    ));
                    std::thread::sleep(pause);
                    attempt += 1;
                }
                Err(Failure::Again { why, .. }) => {
                    return Err(miette!(
                        help = "iconik may be busy or down; try again later",
                        "{} (tried {} times)",
                        self.redact(&why),
                        attempt + 1
                    ));
                }
                Err(Failure::Final(why)) => return Err(miette!("{}", self.redact(&why))),
            }
        }
    }

    /// One GET, following redirects within ICONIK_URL's origin and refusing any other.
    fn follow(&self, url: &str) -> Result<Vec<u8>, Failure> {
        let mut url = url.to_owned();
        for _ in 0..=MOST_REDIRECTS {
            match self.try_get(&url)? {
                Answer::Body(body) => return Ok(body),
                Answer::Redirect(location) => {
                    let next = resolve_location(&url, &location);
                    if Origin::of(&next).as_ref() != Some(&self.origin) {
                        return Err(Failure::Final(format!(
                            "iconik at {} redirected GET {url} to {}; presetlint sends iconik's credentials only to ICONIK_URL's own address, so it did not follow (set ICONIK_URL to the address iconik answers at)",
                            self.credentials.base,
                            crate::base::text::quoted(&self.redact(&next)),
                        )));
                    }
                    url = next;
                }
            }
        }
        Err(Failure::Final(format!(
            "GET {url} was redirected more than {MOST_REDIRECTS} times"
        )))
    }

    /// Waits for the gap iconik's rate limit asks between two requests; the time this
    /// client's requests have left.
    fn pace(&self, url: &str) -> Result<Duration, Failure> {
        // Few requests left in the window (RateLimit-Remaining): spread them over it.
        let gap = match self.remaining.get() {
            Some(left) if left < SLOW_BELOW => {
                let gap = RATE_WINDOW / (u32::try_from(left).unwrap_or(0) + 1);
                self.note(format!(
                    "iconik said {left} requests are left in its 20-second rate window (RateLimit-Remaining); waited {} s before the next",
                    gap.as_secs_f64()
                ));
                gap
            }
            _ => REQUEST_GAP,
        };
        if let Some(last) = self.last_request.get() {
            let since = last.elapsed();
            if since < gap {
                std::thread::sleep(gap - since);
            }
        }
        self.remaining.set(None);
        self.last_request.set(Some(Instant::now()));
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::Final(format!(
                "gave up before GET {url}: the requests to {} have taken {} s, the most one run waits",
                self.credentials.base,
                self.options.whole.as_secs_f64()
            )));
        }
        Ok(left)
    }

    fn try_get(&self, url: &str) -> Result<Answer, Failure> {
        let left = self.pace(url)?;
        let answer = self
            .agent
            .get(url)
            .config()
            .timeout_global(Some(self.options.timeout.min(left)))
            .build()
            .header("App-ID", &self.credentials.app_id)
            .header("Auth-Token", &self.credentials.token)
            .header("Accept", "application/json")
            .call();
        let mut response = match answer {
            Ok(response) => response,
            Err(err) => return Err(self.transport(url, err)),
        };
        let status = response.status().as_u16();
        let remaining = response
            .headers()
            .get("ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        self.remaining.set(remaining);
        let reason = response.status().canonical_reason().unwrap_or("");
        let mut said = format!("iconik answered HTTP {status} {reason} to GET {url}");
        if !(200..=399).contains(&status) {
            // What iconik said of it (`{"errors": [...]}` or `{"errors": {field: message}}`),
            // read up to 64 KiB and masked like any answer.
            let mut body = response
                .body_mut()
                .with_config()
                .limit(64 * 1024)
                .read_to_vec()
                .unwrap_or_default();
            self.mask(&mut body);
            if let Some(errors) = iconik_errors(&body) {
                said.push_str(&format!(" ({errors})"));
            }
        }
        match status {
            200..=299 => response
                .body_mut()
                .with_config()
                .limit(self.options.max_body)
                .read_to_vec()
                .map(Answer::Body)
                .map_err(|err| self.transport(url, err)),
            301 | 302 | 303 | 307 | 308 => match response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
            {
                Some(location) => Ok(Answer::Redirect(location.to_owned())),
                None => Err(Failure::Final(format!("{said} without a Location"))),
            },
            401 | 403 => Err(Failure::Final(format!(
                "{said}: check ICONIK_AUTH_TOKEN (a token of this instance whose user has the roles {}) and ICONIK_APP_ID (its application)",
                roles_for(url)
            ))),
            404 => Err(Failure::Absent(said)),
            // Worth another try: busy, or a gateway's passing trouble; 501 and 505 are not.
            429 | 500 | 502 | 503 | 504 => {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| retry_after(v, jiff::Timestamp::now()));
                Err(Failure::Again {
                    wait,
                    why: said,
                    rate_limited: status == 429,
                })
            }
            _ => Err(Failure::Final(said)),
        }
    }

    /// A failure below HTTP, in words that say what to change.
    fn transport(&self, url: &str, err: ureq::Error) -> Failure {
        let base = &self.credentials.base;
        let seconds = |d: Duration| d.as_secs_f64();
        match err {
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
                Failure::Final(format!(
                    "could not connect to {base} within {} s (--connect-timeout SECONDS waits longer)",
                    seconds(self.options.connect_timeout)
                ))
            }
            ureq::Error::Timeout(_) => Failure::Final(format!(
                "{base} did not finish answering GET {url} within {} s (--timeout SECONDS waits longer)",
                seconds(self.options.timeout)
            )),
            ureq::Error::HostNotFound => Failure::Final(format!(
                "cannot find the host of {base}: check ICONIK_URL and the network"
            )),
            ureq::Error::ConnectionFailed => Failure::Again {
                wait: None,
                why: format!("cannot connect to {base}"),
                rate_limited: false,
            },
            // rustls gives what fails in the handshake (a certificate, a server that does not
            // speak TLS) as invalid data.
            ureq::Error::Io(e)
                if e.kind() == std::io::ErrorKind::InvalidData && base.starts_with("https://") =>
            {
                Failure::Final(format!("TLS with {base} failed: {e}"))
            }
            ureq::Error::Io(e) => Failure::Again {
                wait: None,
                why: format!("the connection to {base} failed during GET {url}: {e}"),
                rate_limited: false,
            },
            ureq::Error::Protocol(e) => Failure::Again {
                wait: None,
                why: format!("{base} did not answer GET {url} in HTTP: {e}"),
                rate_limited: false,
            },
            ureq::Error::BodyExceedsLimit(n) => Failure::Final(format!(
                "the answer to GET {url} is larger than {n} bytes, the most presetlint reads of one answer"
            )),
            e @ (ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired) => {
                Failure::Final(format!("TLS with {base} failed: {e}"))
            }
            e => Failure::Final(format!("GET {url} failed: {e}")),
        }
    }

    /// Masks the credentials in an answer, byte for byte the same length (so that every
    /// position in it stays true), should a server echo them.
    fn mask(&self, body: &mut [u8]) {
        for secret in [&self.credentials.token, &self.credentials.app_id] {
            mask_all(body, secret.as_bytes());
        }
    }

    /// A message with the credentials taken out, should a server or a library echo them.
    fn redact(&self, message: &str) -> String {
        let mut out = message.to_owned();
        for secret in [&self.credentials.token, &self.credentials.app_id] {
            if !secret.is_empty() {
                out = out.replace(secret.as_str(), "<redacted>");
            }
        }
        crate::base::shown::escape_controls(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn credentials_come_from_the_environment_and_never_show() {
        let c = Credentials::from_env(env(&[
            ("ICONIK_APP_ID", "app-123"),
            ("ICONIK_AUTH_TOKEN", "sekret"),
            ("ICONIK_URL", "https://eu.iconik.io/"),
        ]))
        .unwrap();
        assert_eq!(c.base(), "https://eu.iconik.io");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("sekret") && !shown.contains("app-123"),
            "{shown}"
        );
        let missing = Credentials::from_env(env(&[("ICONIK_APP_ID", "a")])).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "ICONIK_AUTH_TOKEN is not set: it holds the token (Auth-Token) of that application"
        );
        let bad = Credentials::from_env(env(&[
            ("ICONIK_APP_ID", "a"),
            ("ICONIK_AUTH_TOKEN", "b"),
            ("ICONIK_URL", "app.iconik.io"),
        ]))
        .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "ICONIK_URL is \"app.iconik.io\", not an http(s) address"
        );
        assert_eq!(
            Credentials::from_env(env(&[("ICONIK_APP_ID", "a"), ("ICONIK_AUTH_TOKEN", "b")]))
                .unwrap()
                .base(),
            DEFAULT_URL
        );
    }

    #[test]
    fn credentials_go_over_plain_http_only_to_this_machine_unless_allowed() {
        let with = |url: &str, allow: Option<&str>| {
            let mut pairs = vec![
                ("ICONIK_APP_ID", "a"),
                ("ICONIK_AUTH_TOKEN", "b"),
                ("ICONIK_URL", url),
            ];
            if let Some(allow) = allow {
                pairs.push((ALLOW_HTTP, allow));
            }
            Credentials::from_env(env(&pairs)).map(|c| c.base().to_owned())
        };
        assert_eq!(
            with("http://127.0.0.1:8080/", None).unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(with("http://localhost", None).unwrap(), "http://localhost");
        assert_eq!(with("http://[::1]:9/API/", None).unwrap(), "http://[::1]:9");
        assert!(with("http://iconik.example", None).is_err());
        assert!(with("http://iconik.example", Some("yes")).is_err());
        assert_eq!(
            with("http://iconik.example", Some("1")).unwrap(),
            "http://iconik.example"
        );
        assert_eq!(
            with("https://eu.iconik.io/API", None).unwrap(),
            "https://eu.iconik.io"
        );
        // Userinfo would make the host someone else's.
        assert!(with("https://app.iconik.io@evil.example", None).is_err());
    }

    #[test]
    fn origins_and_redirect_targets() {
        let o = |u: &str| Origin::of(u).map(|o| (o.scheme, o.host, o.port));
        assert_eq!(
            o("https://App.Iconik.io/API/x"),
            Some(("https".into(), "app.iconik.io".into(), 443))
        );
        assert_eq!(
            o("http://127.0.0.1:8080"),
            Some(("http".into(), "127.0.0.1".into(), 8080))
        );
        assert_eq!(
            o("https://[::1]/"),
            Some(("https".into(), "[::1]".into(), 443))
        );
        assert_eq!(o("ftp://x"), None);
        assert_eq!(
            Origin::of("https://a.io:443/"),
            Origin::of("https://a.io/x")
        );
        assert_ne!(Origin::of("https://a.io"), Origin::of("http://a.io"));
        let asked = "https://a.io/API/metadata/v1/views/x/?page=2";
        assert_eq!(resolve_location(asked, "/API/y/"), "https://a.io/API/y/");
        assert_eq!(resolve_location(asked, "//b.io/z"), "https://b.io/z");
        assert_eq!(resolve_location(asked, "https://c.io/"), "https://c.io/");
        assert_eq!(
            resolve_location(asked, "y/"),
            "https://a.io/API/metadata/v1/views/x/y/"
        );
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now: jiff::Timestamp = "1994-11-06T08:49:00Z".parse().unwrap();
        assert_eq!(retry_after(" 7 ", now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(37))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:48:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn iconik_error_bodies_in_words() {
        assert_eq!(
            iconik_errors(br#"{"errors": ["Not authorized", "Token expired"]}"#).as_deref(),
            Some("iconik said: Not authorized; Token expired")
        );
        assert_eq!(
            iconik_errors(br#"{"errors": {"view_id": "Not a valid UUID."}}"#).as_deref(),
            Some("iconik said: view_id: Not a valid UUID.")
        );
        assert_eq!(iconik_errors(b"<html>down</html>"), None);
        assert_eq!(iconik_errors(br#"{"errors": []}"#), None);
    }

    #[test]
    fn secrets_in_an_answer_are_masked_to_the_same_length() {
        let mut body = b"{\"a\": \"tokTOKtok\", \"b\": \"tok\"}".to_vec();
        mask_all(&mut body, b"tok");
        assert_eq!(body, b"{\"a\": \"***TOK***\", \"b\": \"***\"}");
        let mut untouched = b"abc".to_vec();
        mask_all(&mut untouched, b"");
        assert_eq!(untouched, b"abc");
    }
}
