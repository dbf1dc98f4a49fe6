//! One GET against iconik's REST API: the credentials as iconik's own tools take them, the
//! timeouts, the retries of 429 and 5xx (honouring Retry-After), and errors a user can act on.
//! Nothing a user reads, and nothing written, ever carries the credentials.

use std::fmt;
use std::time::Duration;

use miette::{Report, miette};

/// iconik's public instance; regional or private ones are named by `ICONIK_URL`.
pub const DEFAULT_URL: &str = "https://app.iconik.io";

/// The longest wait a Retry-After may ask for.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// How requests are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOptions {
    /// For the TCP connection (and TLS handshake) to be made.
    pub connect_timeout: Duration,
    /// For each read of an answer.
    pub timeout: Duration,
    /// How many times a 429, a 5xx or a dropped connection is tried again.
    pub retries: u32,
    /// The largest answer read.
    pub max_body: u64,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 3,
            max_body: crate::input::DEFAULT_MAX_FILE_SIZE,
        }
    }
}

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
        let base = base.trim().trim_end_matches('/').to_owned();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(miette!(
                help = format!("e.g. ICONIK_URL={DEFAULT_URL}"),
                "ICONIK_URL is {}, not an http(s) address",
                crate::text::quoted(&base)
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

/// A client of one iconik instance.
pub struct Client {
    agent: ureq::Agent,
    credentials: Credentials,
    options: FetchOptions,
}

/// What an answer other than 2xx means.
enum Failure {
    /// Worth another try (429, 5xx, a dropped connection), after this long.
    Again {
        wait: Option<Duration>,
        why: String,
    },
    Final(String),
}

impl Client {
    pub fn new(credentials: Credentials, options: FetchOptions) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(options.connect_timeout))
            .timeout_per_read(Some(options.timeout))
            .http_status_as_error(false)
            .user_agent(format!("presetlint/{}", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            agent: config.into(),
            credentials,
            options,
        }
    }

    pub fn base(&self) -> &str {
        self.credentials.base()
    }

    /// The body of a 2xx answer to GET `path` (which starts with `/API/`). `not_found` says
    /// what a 404 means here.
    pub fn get(&self, path: &str, not_found: &dyn Fn() -> String) -> Result<Vec<u8>, Report> {
        let url = format!("{}{path}", self.credentials.base);
        let mut attempt = 0;
        loop {
            match self.try_get(&url, not_found) {
                Ok(body) => return Ok(body),
                Err(Failure::Again { wait, why }) if attempt < self.options.retries => {
                    let backoff = Duration::from_millis(500 << attempt.min(6));
                    std::thread::sleep(wait.unwrap_or(backoff).min(LONGEST_WAIT));
                    attempt += 1;
                    let _ = why;
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

    fn try_get(&self, url: &str, not_found: &dyn Fn() -> String) -> Result<Vec<u8>, Failure> {
        let answer = self
            .agent
            .get(url)
            .header("App-ID", &self.credentials.app_id)
            .header("Auth-Token", &self.credentials.token)
            .header("Accept", "application/json")
            .call();
        let mut response = match answer {
            Ok(response) => response,
            Err(err) => return Err(self.transport(url, err)),
        };
        let status = response.status().as_u16();
        let reason = response.status().canonical_reason().unwrap_or("");
        let said = format!("iconik answered HTTP {status} {reason} to GET {url}");
        match status {
            200..=299 => response
                .body_mut()
                .with_config()
                .limit(self.options.max_body)
                .read_to_vec()
                .map_err(|err| self.transport(url, err)),
            401 | 403 => Err(Failure::Final(format!(
                "{said}: check ICONIK_AUTH_TOKEN (a token of this instance that may read metadata views) and ICONIK_APP_ID (its application)"
            ))),
            404 => Err(Failure::Final(format!("{}: {said}", not_found()))),
            429 | 500..=599 => {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                Err(Failure::Again { wait, why: said })
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
                "{base} sent nothing for {} s in answer to GET {url} (--timeout SECONDS waits longer)",
                seconds(self.options.timeout)
            )),
            ureq::Error::HostNotFound => Failure::Final(format!(
                "cannot find the host of {base}: check ICONIK_URL and the network"
            )),
            ureq::Error::ConnectionFailed => Failure::Again {
                wait: None,
                why: format!("cannot connect to {base}"),
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
            },
            ureq::Error::Protocol(e) => Failure::Again {
                wait: None,
                why: format!("{base} did not answer GET {url} in HTTP: {e}"),
            },
            ureq::Error::BodyExceedsLimit(n) => Failure::Final(format!(
                "the answer to GET {url} is larger than {n} bytes (--max-file-size BYTES)"
            )),
            e @ (ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired) => {
                Failure::Final(format!("TLS with {base} failed: {e}"))
            }
            e => Failure::Final(format!("GET {url} failed: {e}")),
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
        crate::shown::escape_controls(&out).into_owned()
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
}
