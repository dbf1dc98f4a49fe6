//! Paths as CI systems want them: relative to the directory presetlint runs in (the checkout,
//! in CI), with forward slashes, and as URIs for SARIF.

use std::path::{Component, Path};

/// A checked file's path, as the CI formats report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReportPath {
    /// Relative to the base directory, `/`-separated, without `./` steps.
    Relative(String),
    /// Outside the base directory (or no base known): kept absolute.
    Absolute(String),
}

impl ReportPath {
    /// `path` as reported by `check`, seen from `base` (the current directory).
    pub(crate) fn new(path: &str, base: Option<&Path>) -> ReportPath {
        let path = Path::new(path);
        if !path.has_root() {
            return ReportPath::Relative(slash_joined(path));
        }
        match base.and_then(|base| path.strip_prefix(base).ok()) {
            Some(inside) => ReportPath::Relative(slash_joined(inside)),
            None => ReportPath::Absolute(slash_joined(path)),
        }
    }

    /// The path for `file=` properties and Code Quality's `location.path`.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            ReportPath::Relative(p) | ReportPath::Absolute(p) => p,
        }
    }

    /// A URI reference for SARIF: relative paths stay relative (GitHub resolves them against
    /// the repository root), absolute ones become `file:` URIs. Every byte a URI path may not
    /// hold is percent-encoded.
    pub(crate) fn uri(&self) -> String {
        match self {
            ReportPath::Relative(p) => percent_encode_path(p, false),
            ReportPath::Absolute(p) if p.starts_with('/') => {
                format!("file://{}", percent_encode_path(p, false))
            }
            // A Windows path such as `C:/x`: the drive's colon stays as it is.
            ReportPath::Absolute(p) => format!("file:///{}", percent_encode_path(p, true)),
        }
    }
}

/// The path's components joined with `/`, dropping `.` steps.
fn slash_joined(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        let part = match component {
            Component::CurDir => continue,
            Component::RootDir => {
                if !out.ends_with('/') {
                    out.push('/');
                }
                continue;
            }
            Component::Prefix(prefix) => prefix.as_os_str().to_string_lossy().replace('\\', "/"),
            Component::ParentDir => "..".to_owned(),
            Component::Normal(name) => name.to_string_lossy().into_owned(),
        };
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    out
}

/// Percent-encodes every byte except RFC 3986 unreserved characters, `/` and, when asked, a
/// drive letter's `:`. Any other `:` must go: in a relative reference it would read as a scheme.
fn percent_encode_path(path: &str, keep_drive_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, byte) in path.bytes().enumerate() {
        let is_drive_colon =
            keep_drive_colon && byte == b':' && i == 1 && path.as_bytes()[0].is_ascii_alphabetic();
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || is_drive_colon
        {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_lose_dot_steps_and_stay_relative() {
        let path = ReportPath::new("./presets/a.hedge", Some(Path::new("/repo")));
        assert_eq!(path, ReportPath::Relative("presets/a.hedge".into()));
        assert_eq!(path.uri(), "presets/a.hedge");
    }

    #[test]
    fn absolute_paths_inside_the_base_become_relative() {
        let path = ReportPath::new("/repo/presets/a.json", Some(Path::new("/repo")));
        assert_eq!(path.as_str(), "presets/a.json");
    }

    #[test]
    fn absolute_paths_outside_the_base_become_file_uris() {
        let path = ReportPath::new("/elsewhere/Backup 1/ä.json", Some(Path::new("/repo")));
        assert_eq!(path.as_str(), "/elsewhere/Backup 1/ä.json");
        assert_eq!(path.uri(), "file:///elsewhere/Backup%201/%C3%A4.json");
    }

    #[test]
    fn uris_encode_what_a_uri_path_cannot_hold() {
        let path = ReportPath::new("<stdin>", None);
        assert_eq!(path.uri(), "%3Cstdin%3E");
        let path = ReportPath::new("a#b?c%d:e.json", None);
        assert_eq!(path.uri(), "a%23b%3Fc%25d%3Ae.json");
        // On Windows `c:x.json` names a file in drive C's current folder: a separator follows.
        let path = ReportPath::new("c:x.json", None);
        let drive = if cfg!(windows) {
            "c%3A/x.json"
        } else {
            "c%3Ax.json"
        };
        assert_eq!(path.uri(), drive);
    }
}
