//! `view = "iconik:VIEW_ID"`: the view pulled on demand into the user's cache folder, reused
//! while it is fresh (10 minutes unless the config says otherwise), and when iconik cannot be
//! reached, with a warning that says how old it is. The language server never waits on the
//! network: it takes the cached copy, whatever its age, or none.
//!
//! The cache is read and written as presetlint's own files: a symbolic link or a special file
//! where a cached view (or its folders below the cache folder) should be is refused, never
//! followed; a copy dated in the future is stale.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use miette::{Report, miette};

use crate::iconik::client::{Client, Credentials, DEFAULT_URL, base_url};
use crate::iconik::pull::{check_id, pull_storage_view, pull_view};
use crate::iconik::source::{FetchOptions, Found, Remote};

/// How long a run with a cached copy waits for iconik before it uses the copy: a
/// pre-commit hook on set must not stall on a network that accepts and never answers.
pub(super) const WITH_A_COPY: Duration = Duration::from_secs(2);

/// What `iconik:...` names: a view by its id, or the view a storage's gateway reads
/// sidecars into (`iconik:storage:STORAGE_ID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source<'a> {
    View(&'a str),
    Storage(&'a str),
}

impl<'a> Source<'a> {
    fn of(id: &'a str) -> Result<Source<'a>, Report> {
        let source = match id.strip_prefix("storage:") {
            Some(storage) => Source::Storage(storage),
            None => Source::View(id),
        };
        let (Source::View(id) | Source::Storage(id)) = source;
        check_id(id)?;
        Ok(source)
    }

    /// The cached copy's file name.
    fn file_name(self) -> String {
        match self {
            Source::View(id) => format!("{id}.json"),
            Source::Storage(id) => format!("storage-{id}.json"),
        }
    }

    /// The `view pull` that fetches it.
    fn pull_command(self) -> String {
        match self {
            Source::View(id) => format!("presetlint view pull {id}"),
            Source::Storage(id) => format!("presetlint view pull --storage {id}"),
        }
    }

    fn pull(self, client: &Client) -> Result<String, Report> {
        match self {
            Source::View(id) => pull_view(client, id),
            Source::Storage(id) => pull_storage_view(client, id),
        }
    }
}

/// `PRESETLINT_CACHE_DIR`, or `presetlint` in the platform's cache folder (~/.cache on Linux,
/// ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows).
pub fn cache_dir() -> Option<PathBuf> {
    std::env::var_os("PRESETLINT_CACHE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("presetlint")))
}

/// The folder of one application token's copies: views have ACLs, so two tokens of one instance
/// never share a copy. Named by a hash of the app id (never the id, nor the token, in clear).
pub fn token_folder(app_id: Option<&str>) -> String {
    use sha2::Digest as _;
    let Some(app_id) = app_id.map(str::trim).filter(|a| !a.is_empty()) else {
        return "no-app-id".to_owned();
    };
    let digest = sha2::Sha256::digest(format!("presetlint-cache\0{app_id}").as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("app-{hex}")
}

/// The cache file of a view of the instance at `base`, for the application `app_id`.
fn cache_file(dir: &Path, base: &str, app_id: Option<&str>, file_name: &str) -> PathBuf {
    let host: String = base
        .split_once("://")
        .map_or(base, |(_, rest)| rest)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join("views")
        .join(host)
        .join(token_folder(app_id))
        .join(file_name)
}

/// How old a cached copy is, by its modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Age {
    Known(Duration),
    /// Dated after now: a clock that was wrong, or a copy put there by hand. Never fresh.
    Future,
}

impl Age {
    fn of(modified: SystemTime, now: SystemTime) -> Age {
        match now.duration_since(modified) {
            Ok(elapsed) => Age::Known(elapsed),
            // A second's difference is the file system's rounding, not a future date.
            Err(e) if e.duration() <= Duration::from_secs(1) => Age::Known(Duration::ZERO),
            Err(_) => Age::Future,
        }
    }

    fn is_fresh(self, ttl: Duration) -> bool {
        matches!(self, Age::Known(elapsed) if elapsed <= ttl)
    }

    fn shown(self) -> String {
        match self {
            Age::Known(elapsed) => format!("{} ago", age(elapsed)),
            Age::Future => "with a date in the future".to_owned(),
        }
    }
}

/// A symbolic link or other non-folder among the cache's own folders (`views/HOST/APP`), which
/// presetlint does not follow.
fn linked_folder(dir: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.parent()?.strip_prefix(dir).ok()?;
    let mut at = dir.to_path_buf();
    for part in relative.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if !m.is_dir() => return Some(at),
            _ => {}
        }
    }
    None
}

/// "4 min", "2 h 5 min", "3 days".
pub fn age(elapsed: Duration) -> String {
    let minutes = elapsed.as_secs() / 60;
    match minutes {
        0 => format!("{} s", elapsed.as_secs()),
        1..=59 => format!("{minutes} min"),
        60..=2879 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} days", minutes / 1440),
    }
}

/// The view `id` for `iconik:ID` (`storage:ID` for a storage's view).
pub fn view_text(id: &str, remote: &Remote, ttl: Duration) -> Result<Found, Report> {
    let source = Source::of(id)?;
    let dir = cache_dir().ok_or_else(|| {
        miette!(
            "no cache folder for iconik:{id}: set PRESETLINT_CACHE_DIR, or use `{} --output FILE` and name the file",
            source.pull_command()
        )
    })?;
    let base = std::env::var("ICONIK_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map_or_else(|| DEFAULT_URL.to_owned(), |v| base_url(&v));
    let app_id = std::env::var("ICONIK_APP_ID").ok();
    let path = cache_file(&dir, &base, app_id.as_deref(), &source.file_name());
    if let Some(linked) = linked_folder(&dir, &path) {
        return Err(miette!(
            "the cache folder {} is not a folder (a symbolic link or another file), which presetlint does not follow",
            crate::base::shown::path(&linked)
        ));
    }
    let max_body = match remote {
        Remote::Fetch(options) => options.max_body,
        Remote::CachedOnly | Remote::Offline => crate::base::input::DEFAULT_MAX_FILE_SIZE,
    };
    // Only a regular file is a cached copy; whatever else is there is read (and refused) as
    // one, so that the user hears of it.
    let now = SystemTime::now();
    let age_of = |path: &Path| {
        std::fs::symlink_metadata(path).ok().map(|m| {
            m.modified()
                .map_or(Age::Future, |modified| Age::of(modified, now))
        })
    };
    let cached = age_of(&path);
    let read_cache = |warnings: Vec<String>| -> Result<Found, Report> {
        let bytes = crate::base::input::read_own_file(&path, max_body).map_err(|e| {
            miette!(
                "cannot read the cached view {}: {e}",
                crate::base::shown::path(&path)
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            miette!(
                "the cached view {} is not UTF-8",
                crate::base::shown::path(&path)
            )
        })?;
        Ok(Found {
            text,
            path: path.clone(),
            warnings,
        })
    };
    let options = match remote {
        // The cached copy whatever its age (said when old), or an error that says how to get one.
        Remote::CachedOnly | Remote::Offline => {
            let language_server = *remote == Remote::CachedOnly;
            return match cached {
                Some(age) if !age.is_fresh(ttl) => read_cache(vec![if language_server {
                    format!(
                        "the view iconik:{id} is the copy cached {}; the language server does not fetch it (any `presetlint check` does)",
                        age.shown()
                    )
                } else {
                    format!(
                        "offline: the view iconik:{id} is the copy cached {}",
                        age.shown()
                    )
                }]),
                Some(_) => read_cache(Vec::new()),
                None if language_server => Err(miette!(
                    help = format!(
                        "`{}` or any `presetlint check` fetches it",
                        source.pull_command()
                    ),
                    "the view iconik:{id} is not cached yet, and the language server does not fetch it"
                )),
                None => Err(miette!(
                    help = format!("`{}` fetches it while online", source.pull_command()),
                    "the view iconik:{id} is not cached, and --offline (PRESETLINT_OFFLINE) fetches nothing"
                )),
            };
        }
        Remote::Fetch(options) => *options,
    };
    let Some(age) = cached else {
        return fetch_and_store(source, id, &path, options, None);
    };
    if age.is_fresh(ttl) {
        return read_cache(Vec::new());
    }
    // iconik could not be reached lately: the copy is used without asking again until the
    // time to live has passed since (every commit of a pre-commit hook would pay otherwise).
    let tried = path.with_extension("json.unreachable");
    if let Some(since) = age_of(&tried).filter(|since| since.is_fresh(ttl)) {
        return read_cache(vec![format!(
            "iconik could not be reached {}; using the view iconik:{id} cached {} (tried again after {}; `{}` fetches it now)",
            since.shown(),
            age.shown(),
            self::age(ttl),
            source.pull_command()
        )]);
    }
    // With a copy at hand, iconik gets a short while, and one try.
    let quick = FetchOptions {
        connect_timeout: options.connect_timeout.min(WITH_A_COPY),
        timeout: options.timeout.min(WITH_A_COPY),
        retries: 0,
        whole: options.whole.min(WITH_A_COPY),
        ..options
    };
    match fetch_and_store(source, id, &path, quick, Some(&tried)) {
        Ok(found) => Ok(found),
        Err(err) => {
            // Remembered, so that the next runs do not wait again.
            let _ = crate::base::atomic::write(&tried, b"", crate::base::atomic::Guard::Own);
            read_cache(vec![format!(
                "cannot fetch the view iconik:{id} ({}); using the copy cached {} (tried again after {})",
                err,
                age.shown(),
                self::age(ttl)
            )])
        }
    }
}

/// Pulls the view and stores it in the cache; `tried`, the mark of a failed try, is removed
/// once iconik answers again.
fn fetch_and_store(
    source: Source<'_>,
    id: &str,
    path: &Path,
    options: FetchOptions,
    tried: Option<&Path>,
) -> Result<Found, Report> {
    let mut notes = Vec::new();
    let text = Credentials::from_process().and_then(|credentials| {
        let client = Client::new(credentials, options);
        let pulled = source.pull(&client);
        notes = client.take_notes();
        pulled
    })?;
    let mut warnings = notes;
    let stored = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .map_err(crate::base::atomic::WriteError::Io)
        .and_then(|()| {
            crate::base::atomic::write(path, text.as_bytes(), crate::base::atomic::Guard::Own)
        });
    if let Err(e) = stored {
        warnings.push(format!(
            "cannot cache the view iconik:{id} in {}: {e}; it is fetched again next time",
            crate::base::shown::path(path)
        ));
    }
    if let Some(tried) = tried {
        let _ = std::fs::remove_file(tried);
    }
    Ok(Found {
        text,
        path: path.to_path_buf(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_files_and_ages() {
        assert_eq!(
            cache_file(
                Path::new("/c"),
                "https://eu.iconik.io:8443",
                Some("app-1"),
                "abc-1.json"
            ),
            Path::new("/c/views/eu.iconik.io_8443")
                .join(token_folder(Some("app-1")))
                .join("abc-1.json")
        );
        assert_eq!(age(Duration::from_secs(42)), "42 s");
        assert_eq!(age(Duration::from_secs(4 * 60 + 3)), "4 min");
        assert_eq!(age(Duration::from_secs(2 * 3600 + 5 * 60)), "2 h 5 min");
        assert_eq!(age(Duration::from_secs(3 * 86400)), "3 days");
        assert_eq!(crate::iconik::remote_id("iconik:abc"), Some("abc"));
        assert_eq!(crate::iconik::remote_id("views/dailies.json"), None);
        // One folder per application, the same for the same id, never the id in clear.
        let one = token_folder(Some("app-1"));
        assert_eq!(one, token_folder(Some(" app-1 ")));
        assert_ne!(one, token_folder(Some("app-2")));
        assert!(one.starts_with("app-") && one.len() == 20 && !one.contains("app-1"));
        assert_eq!(token_folder(None), "no-app-id");
    }

    #[test]
    fn a_copy_dated_in_the_future_is_never_fresh() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let ttl = Duration::from_secs(600);
        assert!(Age::of(now - Duration::from_secs(599), now).is_fresh(ttl));
        assert!(!Age::of(now - Duration::from_secs(601), now).is_fresh(ttl));
        assert_eq!(
            Age::of(now + Duration::from_millis(300), now),
            Age::Known(Duration::ZERO)
        );
        let future = Age::of(now + Duration::from_secs(86_400), now);
        assert_eq!(future, Age::Future);
        assert!(!future.is_fresh(Duration::MAX));
        assert_eq!(future.shown(), "with a date in the future");
    }
}
