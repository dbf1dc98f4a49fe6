use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::{FolderContext, FolderFindings, quoted};

declare_rule! {
    /// ## What it does
    /// In `audit --preset FILE`, reports a clip that the preset gives a sidecar (its
    /// destinations and extensions decide, as in `generate`) and that has none, in any format
    /// or naming. Reported on the clip.
    ///
    /// ## Why is this bad?
    /// The clip is ingested without the metadata the crew typed: the very problem a sidecar
    /// exists to prevent, found only days later in iconik. Where the view was pulled for a
    /// storage (`view pull --storage`), a clip its gateway ignores (`scan_ignore`, or outside
    /// `scan_include`) needs no sidecar; and when the gateway waits for sidecars
    /// (`sidecar_metadata_required`), the message says the clip is never ingested at all.
    ///
    /// ## Example
    /// With a preset listing `.R3D`, a folder holding `A001C003.R3D` and no
    /// `A001C003.R3D.json`.
    ///
    /// Use instead: `presetlint generate PRESET --destination DIR`.
    pub static SIDECAR_MISSING = {
        code: "PL805",
        name: "sidecar-missing",
        severity: Error,
        summary: "A clip the preset gives a sidecar has none",
        fix: None,
    }
}

/// `why`: why the preset gives the clip a sidecar; `expected`: the name generate would write;
/// `waiting`: the storage whose gateway ingests a clip only with its sidecar
/// (`sidecar_metadata_required`), if the view was pulled for one that does.
fn finding(clip: &str, why: &str, expected: &str, waiting: Option<&str>) -> Finding {
    let mut message = format!(
        "the clip {} has no sidecar, and the preset gives it one: {why}",
        quoted(clip)
    );
    if let Some(storage) = waiting {
        message.push_str(&format!(
            "; the storage {}'s gateway waits for a sidecar (sidecar_metadata_required), so the clip is never ingested",
            quoted(storage)
        ));
    }
    Finding::new(
        &SIDECAR_MISSING,
        Target::Span(Span::default(), String::new()),
        message,
    )
    .with_help(format!("`presetlint generate` writes {}", quoted(expected)))
}

pub fn check(folder: &FolderContext<'_>, out: &mut FolderFindings) {
    let Some(preset) = folder.preset else {
        return;
    };
    for (c, clip) in folder.clips.iter().enumerate() {
        if folder.lacks[c] {
            let name = clip.to_string_lossy();
            out.of_clip[c].push(finding(
                &name,
                &preset.why(&name),
                &preset.sidecar_name(clip),
                folder.waiting_storage,
            ));
        }
    }
}
