//! Whether a file is a clip, by its name alone: the one decision that the walk of a
//! destination (`generate`, `audit`) and `preview` of one clip share.

use std::ffi::OsStr;

use crate::base::atomic::is_temp_name;
use crate::output::sidecar::format::SIDECAR_EXTENSIONS;
use crate::output::sidecar::matching::{ExtensionDecision, Filter, has_extension, match_extension};

/// Why a file is or is not a clip, by its name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClipDecision {
    Clip(ExtensionDecision),
    Hidden,
    AppleDouble,
    OwnTempFile,
    /// What a copy or verification tool left: an MHL, a Transfer Log, a checksum list.
    PaperTrail(&'static str),
    /// Inside an ASC MHL history folder, where nothing is ever written.
    InHistory,
    /// Ends with .json, .xml or .csv and the extension list does not name it.
    SidecarExtension,
    /// The extension list does not match it.
    NotListed,
}

impl ClipDecision {
    pub fn reason(&self) -> String {
        match self {
            ClipDecision::Clip(ExtensionDecision::Matched { entry }) => {
                format!("extension entry {entry:?} matches (ignoring case)")
            }
            ClipDecision::Clip(_) => {
                "the preset lists no extensions: every file gets a sidecar".into()
            }
            ClipDecision::Hidden => "hidden files are never clips".into(),
            ClipDecision::AppleDouble => "AppleDouble files (._*) are never clips".into(),
            ClipDecision::OwnTempFile => "it is one of presetlint's temporary files".into(),
            ClipDecision::PaperTrail(what) => {
                format!("it is {what}, part of the paper trail: never a clip")
            }
            ClipDecision::InHistory => {
                "it is inside an ASC MHL history (ascmhl/), where nothing is ever written".into()
            }
            ClipDecision::SidecarExtension => {
                "files ending in .json, .xml or .csv are clips only when iconikSidecarExtensions names the extension".into()
            }
            ClipDecision::NotListed => "no entry of iconikSidecarExtensions matches its name".into(),
        }
    }
}

/// Decides whether a file name is a clip under an extensions filter.
pub(crate) fn classify(name: &str, extensions: &Filter) -> ClipDecision {
    if name.starts_with("._") {
        return ClipDecision::AppleDouble;
    }
    if is_temp_name(OsStr::new(name)) {
        return ClipDecision::OwnTempFile;
    }
    if name.starts_with('.') {
        return ClipDecision::Hidden;
    }
    if let Some(what) = crate::output::sidecar::paper_trail::kind_of(name) {
        return ClipDecision::PaperTrail(what);
    }
    let decision = match_extension(extensions, name);
    let sidecar_like = SIDECAR_EXTENSIONS.iter().any(|e| has_extension(name, e));
    match decision {
        ExtensionDecision::Skipped => ClipDecision::NotListed,
        ExtensionDecision::Every if sidecar_like => ClipDecision::SidecarExtension,
        decision => ClipDecision::Clip(decision),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(e: &[&str]) -> Filter {
        Filter::Only(e.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn names_that_are_never_clips() {
        let all = Filter::All;
        assert_eq!(classify(".DS_Store", &all), ClipDecision::Hidden);
        assert_eq!(classify("._A001.mov", &all), ClipDecision::AppleDouble);
        assert_eq!(
            classify(".presetlint-tmp-12-0-A001.mov.json", &all),
            ClipDecision::OwnTempFile
        );
        assert_eq!(
            classify("A001.mov.JSON", &all),
            ClipDecision::SidecarExtension
        );
        assert_eq!(
            classify("report.csv", &only(&[".mov"])),
            ClipDecision::NotListed
        );
        assert!(matches!(
            classify("report.csv", &only(&[".CSV"])),
            ClipDecision::Clip(_)
        ));
        assert!(matches!(
            classify("A001.MOV", &only(&[".mov"])),
            ClipDecision::Clip(_)
        ));
    }
}
