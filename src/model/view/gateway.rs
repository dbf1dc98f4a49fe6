//! What iconik's Storage Gateway does with the files of a storage, from the storage's settings
//! (the Files API's FileSettingsSchema), kept with a view pulled by `view pull --storage`:
//! which files it ignores (`scan_ignore`), which alone it scans (`scan_include`), and whether
//! it waits for a sidecar before it ingests a clip (`sidecar_metadata_required`).
//!
//! The patterns are iconik's "patterns matching" (help.iconik.backlight.co, Patterns
//! Matching): a Unix shell-style wildcard (`*.xml` matches paths ending in `.xml`), a plain
//! name that matches any path holding a folder of that name (`media cache`), or a regular
//! expression written `re:/REGEX/`. iconik does not say against which path, nor whether case
//! counts: presetlint matches the path below the audited destination, a wildcard and a name
//! ignoring case, a regular expression from the path's start as written.

use globset::{GlobBuilder, GlobMatcher};
use regex::Regex;

/// One pattern of `scan_ignore` or `scan_include`.
#[derive(Debug, Clone)]
pub struct ScanPattern {
    /// As iconik's settings give it, for messages.
    pub text: String,
    kind: Kind,
}

/// Two patterns are the same when iconik's settings give the same text.
impl PartialEq for ScanPattern {
    fn eq(&self, other: &ScanPattern) -> bool {
        self.text == other.text
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Wildcard(GlobMatcher),
    Folder(String),
    Regex(Regex),
}

impl ScanPattern {
    /// The pattern, or why it is not one.
    pub fn parse(text: &str) -> Result<ScanPattern, String> {
        let kind = if let Some(inner) = text.strip_prefix("re:/").and_then(|r| r.strip_suffix('/'))
        {
            // Python's re.match, which iconik's examples (`re:/(?i).*\.mp4$/`) are written
            // for, matches at the start.
            Regex::new(&format!("^(?:{inner})"))
                .map(Kind::Regex)
                .map_err(|e| format!("not a regular expression: {e}"))?
        } else if text.contains(['*', '?', '[']) {
            GlobBuilder::new(text)
                .case_insensitive(true)
                .literal_separator(false)
                .backslash_escape(false)
                .build()
                .map(|glob| Kind::Wildcard(glob.compile_matcher()))
                .map_err(|e| format!("not a wildcard pattern: {}", e.kind()))?
        } else {
            Kind::Folder(text.trim_matches('/').to_lowercase())
        };
        Ok(ScanPattern {
            text: text.to_owned(),
            kind,
        })
    }

    /// Whether the pattern takes the file at `relative` (`/`-separated, below the storage).
    pub fn matches(&self, relative: &str) -> bool {
        match &self.kind {
            Kind::Wildcard(glob) => glob.is_match(relative),
            Kind::Regex(re) => re.is_match(relative),
            Kind::Folder(name) => {
                let (folders, _file) = relative.rsplit_once('/').unwrap_or(("", relative));
                folders
                    .split('/')
                    .any(|folder| !folder.is_empty() && folder.to_lowercase() == *name)
            }
        }
    }
}

/// A storage's gateway settings, as far as sidecars go.
#[derive(Debug, Clone, PartialEq)]
pub struct Gateway {
    /// The storage, by name (or id), for messages.
    pub storage: String,
    pub ignore: Vec<ScanPattern>,
    pub include: Vec<ScanPattern>,
    /// The gateway waits for a clip's sidecar before it ingests the clip.
    pub sidecar_required: bool,
}

impl Gateway {
    /// Why the gateway never ingests the file at `relative`, if it does not.
    pub fn skips(&self, relative: &str) -> Option<String> {
        if let Some(pattern) = self.ignore.iter().find(|p| p.matches(relative)) {
            return Some(format!(
                "the storage {}'s scan_ignore pattern {} takes it",
                crate::base::text::quoted(&self.storage),
                crate::base::text::quoted(&pattern.text)
            ));
        }
        (!self.include.is_empty() && !self.include.iter().any(|p| p.matches(relative))).then(|| {
            format!(
                "the storage {} scans only what its scan_include patterns take",
                crate::base::text::quoted(&self.storage)
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway(ignore: &[&str], include: &[&str]) -> Gateway {
        let parse = |list: &[&str]| -> Vec<ScanPattern> {
            list.iter()
                .map(|p| ScanPattern::parse(p).unwrap())
                .collect()
        };
        Gateway {
            storage: "RAID".into(),
            ignore: parse(ignore),
            include: parse(include),
            sidecar_required: false,
        }
    }

    #[test]
    fn iconiks_three_kinds_of_pattern() {
        let g = gateway(
            &["*.iconikagent", "media cache", r"re:/(?i).*_proxy\.mov$/"],
            &[],
        );
        let skipped = |path: &str| g.skips(path).is_some();
        assert!(skipped("A001/clip.MOV.iconikagent"));
        assert!(skipped("Day 1/Media Cache/A001.cfa"));
        assert!(skipped("A001/A001C003_PROXY.mov"));
        assert!(!skipped("A001/A001C003.mov"));
        // A folder name matches a folder, not a file of that name nor part of a name.
        assert!(!skipped("media cache"));
        assert!(!skipped("media cache files/A001.mov"));
        assert_eq!(
            g.skips("x/y.iconikagent").unwrap(),
            "the storage \"RAID\"'s scan_ignore pattern \"*.iconikagent\" takes it"
        );
        let only = gateway(&[], &["*.mov", "*.R3D"]);
        assert!(only.skips("A001/A001C003.r3d").is_none());
        assert_eq!(
            only.skips("A001/sound.wav").unwrap(),
            "the storage \"RAID\" scans only what its scan_include patterns take"
        );
        // A regular expression matches from the start, as Python's re.match.
        let anchored = gateway(&[r"re:/proxy/"], &[]);
        assert!(anchored.skips("proxy/a.mov").is_some());
        assert!(anchored.skips("a/proxy/a.mov").is_none());
        assert!(
            ScanPattern::parse("re:/(unclosed/")
                .unwrap_err()
                .starts_with("not a regular expression: ")
        );
    }
}
