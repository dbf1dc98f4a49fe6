use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::{FolderContext, FolderFindings, quoted};

declare_rule! {
    /// ## What it does
    /// In `audit --preset FILE`, reports a sidecar whose clip the preset gives no sidecar:
    /// its extension is not in `iconikSidecarExtensions`, or the destination is not one of
    /// `iconikSidecarDestinations`.
    ///
    /// ## Why is this bad?
    /// Someone else wrote it (another preset, a script, an older run), with values this
    /// preset does not vouch for; iconik ingests them all the same.
    ///
    /// ## Example
    /// With a preset listing only `.R3D`, a folder holding `A001.WAV` and `A001.WAV.json`.
    ///
    /// Use instead: remove the sidecar, or add the extension to the preset.
    pub static SIDECAR_UNEXPECTED = {
        code: "PL806",
        name: "sidecar-unexpected",
        severity: Warning,
        summary: "A sidecar belongs to a clip the preset gives no sidecar",
        fix: None,
    }
}

/// `why`: why the preset gives the clip no sidecar.
fn finding(sidecar: &str, clip: &str, why: &str) -> Finding {
    Finding::new(
        &SIDECAR_UNEXPECTED,
        Target::Span(Span::default(), String::new()),
        format!(
            "the sidecar {} belongs to {}, which the preset gives no sidecar: {why}",
            quoted(sidecar),
            quoted(clip)
        ),
    )
}

/// A sidecar whose clips all get none from the preset.
pub fn check(folder: &FolderContext<'_>, out: &mut FolderFindings) {
    let Some(preset) = folder.preset else {
        return;
    };
    for (s, owners) in folder.claimants.iter().enumerate() {
        if let Some(&first) = owners.first()
            && owners.iter().all(|&c| !folder.gives[c])
        {
            let clip = folder.clips[first].to_string_lossy();
            out.of_sidecar[s].push(finding(
                &folder.sidecars[s].to_string_lossy(),
                &clip,
                &preset.why(&clip),
            ));
        }
    }
}
