//! Which destinations and which files get a sidecar (the README's "Matching rules").
//!
//! - A destination entry without `*` or `/` is a volume name; it matches a destination whose
//!   volume name equals it, ignoring case. The volume name of a path is NAME in
//!   `/Volumes/NAME`, `/media/USER/NAME`, `/run/media/USER/NAME` or `/mnt/NAME` (`--volume`
//!   overrides it).
//! - An entry with `*` or `/` is a path pattern, matched against the whole destination path,
//!   ignoring case; `*` matches any run of characters, `/` included; nothing else is special.
//! - An extension entry matches a file whose name ends with it, ignoring case.
//! - No list, or an empty list: everything matches. A list whose every entry has an error
//!   finding matches nothing (it was meant to filter, and cannot be trusted to).

use std::path::{Component, Path};

use crate::base::text::{eq_ignoring_case, same_ignoring_case};

/// The entries of a destinations or extensions list that matching uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// The key is absent or the list is empty.
    All,
    /// The usable entries (trimmed; entries with error findings left out). May be empty.
    Only(Vec<String>),
}

/// How a destination entry is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Volume,
    Pattern,
}

pub(crate) fn entry_kind(entry: &str) -> EntryKind {
    if entry.contains(['*', '/']) {
        EntryKind::Pattern
    } else {
        EntryKind::Volume
    }
}

/// The volume a path lies on, from the mount-point conventions of macOS and Linux.
pub(crate) fn volume_name(path: &Path) -> Option<String> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let p: Vec<&str> = parts.iter().map(String::as_str).collect();
    let name = match p.as_slice() {
        ["Volumes", name, ..] | ["mnt", name, ..] => name,
        ["media", _user, name, ..] | ["run", "media", _user, name, ..] => name,
        _ => return None,
    };
    Some((*name).to_owned())
}

/// On Windows `\` and `/` both separate folders: a pattern `*/OCF/*` matches `D:\OCF\A001`, and
/// `D:\OCF\*` matches `d:/OCF/A001` (drive letters, like everything, ignoring case). On Unix a
/// `\` is a character of a name.
fn with_slashes(text: &str, windows: bool) -> String {
    if windows {
        text.replace('\\', "/")
    } else {
        text.to_owned()
    }
}

/// Whether `pattern` matches the whole of `text`, ignoring case; `*` matches any run of
/// characters. Backtracks only to the last `*`, so the work is at most pattern length times
/// path length: no pattern can make it slow.
pub(crate) fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && same_ignoring_case(p[pi], t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Why a destination gets sidecars or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DestinationDecision {
    /// No list or an empty list: every destination.
    Every,
    Matched {
        entry: String,
        reason: String,
    },
    Skipped {
        reason: String,
    },
}

impl DestinationDecision {
    pub fn matched(&self) -> bool {
        !matches!(self, DestinationDecision::Skipped { .. })
    }

    pub fn reason(&self) -> String {
        match self {
            DestinationDecision::Every => {
                "the preset lists no destinations: sidecars on every destination".into()
            }
            DestinationDecision::Matched { reason, .. }
            | DestinationDecision::Skipped { reason } => reason.clone(),
        }
    }
}

/// Matches a destination path (absolute) against the destinations filter.
pub fn match_destination(
    filter: &Filter,
    destination: &Path,
    volume_override: Option<&str>,
) -> DestinationDecision {
    let entries = match filter {
        Filter::All => return DestinationDecision::Every,
        Filter::Only(entries) if entries.is_empty() => {
            return DestinationDecision::Skipped {
                reason: "every entry of iconikSidecarDestinations has an error".into(),
            };
        }
        Filter::Only(entries) => entries,
    };
    let path = with_slashes(&destination.to_string_lossy(), cfg!(windows));
    let volume = volume_override
        .map(str::to_owned)
        .or_else(|| volume_name(destination));
    let volume_source = if volume_override.is_some() {
        "given by --volume"
    } else {
        "of the destination"
    };
    for entry in entries {
        let hit = match entry_kind(entry) {
            EntryKind::Volume => volume
                .as_deref()
                .is_some_and(|v| eq_ignoring_case(v, entry))
                .then(|| {
                    format!(
                        "destination entry {entry:?} is the volume name {:?} {volume_source}",
                        volume.as_deref().unwrap_or_default()
                    )
                }),
            EntryKind::Pattern => wildcard_match(&with_slashes(entry, cfg!(windows)), &path)
                .then(|| format!("destination entry {entry:?} matches the path {path:?}")),
        };
        if let Some(reason) = hit {
            return DestinationDecision::Matched {
                entry: entry.clone(),
                reason,
            };
        }
    }
    let listed = entries
        .iter()
        .map(|e| format!("{e:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let volume_note = match (
        &volume,
        entries.iter().any(|e| entry_kind(e) == EntryKind::Volume),
    ) {
        (Some(v), _) => format!("its volume name is {v:?} {volume_source}"),
        (None, true) => "it is on no volume presetlint can name (pass --volume NAME)".into(),
        (None, false) => "no entry is a volume name".into(),
    };
    DestinationDecision::Skipped {
        reason: format!("no destination entry matches {path:?} ({listed}); {volume_note}"),
    }
}

/// Why a file gets a sidecar or not, by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtensionDecision {
    Every,
    Matched { entry: String },
    Skipped,
}

impl ExtensionDecision {
    pub fn matched(&self) -> bool {
        !matches!(self, ExtensionDecision::Skipped)
    }
}

/// Whether `name` ends with `extension`, ignoring case, and is more than the extension.
pub(crate) fn has_extension(name: &str, extension: &str) -> bool {
    let (mut n, mut e) = (name.chars().rev(), extension.chars().rev());
    loop {
        match (n.next(), e.next()) {
            (Some(a), Some(b)) if same_ignoring_case(a, b) => {}
            (Some(_), None) => return true,
            _ => return false,
        }
    }
}

pub fn match_extension(filter: &Filter, file_name: &str) -> ExtensionDecision {
    match filter {
        Filter::All => ExtensionDecision::Every,
        Filter::Only(entries) => entries
            .iter()
            .find(|e| has_extension(file_name, e))
            .map_or(ExtensionDecision::Skipped, |e| ExtensionDecision::Matched {
                entry: e.clone(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_match_with_either_separator() {
        let matches = |pattern: &str, path: &str| {
            wildcard_match(&with_slashes(pattern, true), &with_slashes(path, true))
        };
        assert!(matches("*/OCF/*", r"D:\OCF\A001"));
        assert!(matches(r"D:\OCF\*", "d:/ocf/A001"));
        assert!(!matches(r"D:\OCF\*", r"E:\OCF\A001"));
        assert!(!wildcard_match(
            &with_slashes("*/OCF/*", false),
            r"D:\OCF\A001"
        ));
    }

    #[test]
    fn volume_names() {
        let v = |p: &str| volume_name(Path::new(p));
        assert_eq!(v("/Volumes/RAID/PRX").as_deref(), Some("RAID"));
        assert_eq!(v("/Volumes/Backup 1").as_deref(), Some("Backup 1"));
        assert_eq!(v("/media/ana/RAID/x").as_deref(), Some("RAID"));
        assert_eq!(v("/run/media/ana/RAID").as_deref(), Some("RAID"));
        assert_eq!(v("/mnt/raid").as_deref(), Some("raid"));
        assert_eq!(v("/media/ana"), None);
        assert_eq!(v("/Volumes"), None);
        assert_eq!(v("/home/ana/RAID"), None);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*/proxies", "/Volumes/RAID/PRX/Proxies"));
        assert!(wildcard_match("/Volumes/*/PRX", "/Volumes/RAID/a/b/prx"));
        assert!(!wildcard_match("*/proxies", "/Volumes/RAID/proxies/day1"));
        assert!(!wildcard_match("*/proxies/", "/Volumes/RAID/proxies"));
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("a*b*c", "aXXbYYc"));
        assert!(!wildcard_match("a*b*c", "aXXbYY"));
        assert!(wildcard_match("?[x]", "?[X]"), "only * is special");
        assert!(!wildcard_match("?", "a"));
        assert!(wildcard_match("*ÉTÉ*", "/mnt/été 2026"));
        // Found by tests/it/properties.rs: whole-text lowercasing made these differ.
        assert!(wildcard_match("/mnt/ΑΡΧΕΙΟΣ", "/mnt/αρχειοσ"));
        assert!(!wildcard_match("/mnt/*\u{307}", "/mnt/İ"));
        let long = "a".repeat(5000);
        assert!(!wildcard_match(
            &"*a".repeat(50).replace("**", "*"),
            &format!("{long}b")
        ));
    }

    #[test]
    fn destinations() {
        let only = |e: &[&str]| Filter::Only(e.iter().map(|s| s.to_string()).collect());
        let raid = Path::new("/Volumes/RAID/PRX");
        assert_eq!(
            match_destination(&Filter::All, raid, None),
            DestinationDecision::Every
        );
        assert_eq!(
            match_destination(&only(&["Backup 1", "raid"]), raid, None),
            DestinationDecision::Matched {
                entry: "raid".into(),
                reason: "destination entry \"raid\" is the volume name \"RAID\" of the destination"
                    .into()
            }
        );
        assert_eq!(
            match_destination(&only(&["Backup 1"]), raid, None).reason(),
            "no destination entry matches \"/Volumes/RAID/PRX\" (\"Backup 1\"); its volume name is \"RAID\" of the destination"
        );
        assert!(match_destination(&only(&["Backup 1"]), raid, Some("backup 1")).matched());
        assert_eq!(
            match_destination(&only(&["RAID"]), Path::new("/srv/x"), None).reason(),
            "no destination entry matches \"/srv/x\" (\"RAID\"); it is on no volume presetlint can name (pass --volume NAME)"
        );
        assert_eq!(
            match_destination(&only(&["*/PRX"]), raid, None).reason(),
            "destination entry \"*/PRX\" matches the path \"/Volumes/RAID/PRX\""
        );
        assert!(!match_destination(&only(&[]), raid, None).matched());
    }

    #[test]
    fn extensions() {
        let f = Filter::Only(vec![".R3D".into(), ".mov".into()]);
        assert!(match_extension(&f, "A001C003.r3d").matched());
        assert!(match_extension(&f, "A001.MOV").matched());
        assert!(!match_extension(&f, "A001.wav").matched());
        assert!(
            !match_extension(&f, ".mov").matched(),
            "the extension alone is no clip name"
        );
        assert!(!match_extension(&f, "A001.R3D.bak").matched());
        assert_eq!(match_extension(&Filter::All, "x"), ExtensionDecision::Every);
        assert!(!match_extension(&Filter::Only(vec![]), "x.mov").matched());
        // Found by tests/it/properties.rs: a word-final sigma, and half of a dotted I.
        let greek = Filter::Only(vec![".σασ".into()]);
        assert!(match_extension(&greek, "A.ΣΑΣ").matched());
        assert!(!match_extension(&Filter::Only(vec![".i\u{307}".into()]), "x.İ").matched());
    }
}
