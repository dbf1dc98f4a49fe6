//! A sidecar's file name: the clip's name with the format's extension added (`append`, the
//! default: `A001C003.R3D.json`) or replacing the clip's own (`replace`: `A001C003.json`).
//! With `replace`, `A001.mov` and `A001.wav` would share `A001.json`: [`collisions`] finds
//! such clips, and neither gets a sidecar.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::base::text::fold_case;
use crate::output::sidecar::format::SidecarFormat;

/// `--naming`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Naming {
    Append,
    Replace,
}

impl Naming {
    pub fn name(self) -> &'static str {
        match self {
            Naming::Append => "append",
            Naming::Replace => "replace",
        }
    }
}

/// The sidecar's file name for a clip's file name.
pub(crate) fn sidecar_name(clip: &OsStr, naming: Naming, format: SidecarFormat) -> OsString {
    let base = match naming {
        Naming::Append => clip,
        // file_stem keeps a name with no extension (and a leading-dot name) whole.
        Naming::Replace => Path::new(clip).file_stem().unwrap_or(clip),
    };
    let mut name = base.to_os_string();
    name.push(format.extension());
    name
}

/// How names are compared for collisions: ignoring case, as on the case-insensitive volumes
/// (APFS, exFAT) where two such names are one file, character by character ([`fold_case`],
/// as PL102 compares entries). A name that is not UTF-8 is compared by its bytes (ASCII
/// letters folded): a lossy conversion would make `a\xFF` and `a\xFE` one.
pub(crate) fn collision_key(name: &OsStr) -> Vec<u8> {
    match name.to_str() {
        // What fold_case does to ASCII, without a character at a time (audit keys 200,000).
        Some(text) if text.is_ascii() => text.as_bytes().to_ascii_lowercase(),
        Some(text) => text.chars().map(fold_case).collect::<String>().into_bytes(),
        None => name.as_encoded_bytes().to_ascii_lowercase(),
    }
}

/// For each clip of one folder (by index) whose sidecar name another clip of the folder shares,
/// the names of those other clips.
pub(crate) fn collisions(
    clips: &[OsString],
    naming: Naming,
    format: SidecarFormat,
) -> HashMap<usize, Vec<OsString>> {
    let mut by_sidecar: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
    for (i, clip) in clips.iter().enumerate() {
        by_sidecar
            .entry(collision_key(&sidecar_name(clip, naming, format)))
            .or_default()
            .push(i);
    }
    let mut out = HashMap::new();
    for group in by_sidecar.values().filter(|g| g.len() > 1) {
        for &i in group {
            let others = group
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| clips[j].clone())
                .collect();
            out.insert(i, others);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(clip: &str, naming: Naming) -> String {
        sidecar_name(OsStr::new(clip), naming, SidecarFormat::Json)
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn append_and_replace() {
        assert_eq!(name("A001C003.R3D", Naming::Append), "A001C003.R3D.json");
        assert_eq!(name("A001C003.R3D", Naming::Replace), "A001C003.json");
        assert_eq!(name("clip.tar.gz", Naming::Replace), "clip.tar.json");
        assert_eq!(name("README", Naming::Replace), "README.json");
        assert_eq!(
            sidecar_name(OsStr::new("a.mov"), Naming::Append, SidecarFormat::Csv),
            OsString::from("a.mov.csv")
        );
    }

    #[test]
    fn replace_collisions_ignore_case() {
        let clips: Vec<OsString> = ["A001.mov", "a001.WAV", "A002.mov"]
            .iter()
            .map(OsString::from)
            .collect();
        let found = collisions(&clips, Naming::Replace, SidecarFormat::Json);
        assert_eq!(found.len(), 2);
        assert_eq!(found[&0], [OsString::from("a001.WAV")]);
        assert_eq!(found[&1], [OsString::from("A001.mov")]);
        assert!(collisions(&clips, Naming::Append, SidecarFormat::Json).is_empty());
    }

    /// Character by character, as matching: a final sigma is a sigma.
    #[test]
    fn collisions_fold_case_character_by_character() {
        let clips: Vec<OsString> = ["ΟΔΟΣ.mov", "οδος.wav", "οδοσ.mxf"]
            .iter()
            .map(OsString::from)
            .collect();
        let found = collisions(&clips, Naming::Replace, SidecarFormat::Json);
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_collide_only_when_their_bytes_do() {
        use std::os::unix::ffi::OsStrExt;
        let clips: Vec<OsString> = [&b"a\xff.mov"[..], b"a\xfe.mov", b"A\xff.wav"]
            .iter()
            .map(|b| OsStr::from_bytes(b).to_os_string())
            .collect();
        let found = collisions(&clips, Naming::Replace, SidecarFormat::Json);
        assert_eq!(found.len(), 2, "a\\xFF and A\\xFF, not a\\xFE: {found:?}");
        assert_eq!(found[&0], [clips[2].clone()]);
    }
}
