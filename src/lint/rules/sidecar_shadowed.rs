use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::{FolderContext, FolderFindings, quoted};

declare_rule! {
    /// ## What it does
    /// In `audit`, reports a clip with more than one sidecar (`A001.R3D.json` and
    /// `A001.json`, or `A001.R3D.json` and `A001.R3D.xml`), and a replacing-named sidecar that
    /// two clips claim (`A001.R3D` and `A001.MOV` beside `A001.json`). Names are compared
    /// ignoring case, as on the case-insensitive volumes footage lives on.
    ///
    /// ## Why is this bad?
    /// iconik matches a sidecar by name in either naming and takes one of them; which one is
    /// not documented. The other sidecar's values may be the ones that reach the asset.
    ///
    /// ## Example
    /// A folder holding `A001.R3D`, `A001.R3D.json` and `A001.json`.
    ///
    /// Use instead: keep one sidecar per clip, in one naming (`--naming` of `generate`).
    pub static SIDECAR_SHADOWED = {
        code: "PL803",
        name: "sidecar-shadowed",
        severity: Warning,
        summary: "A clip has several sidecars, or a sidecar belongs to several clips",
        fix: None,
    }
}

fn list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quoted(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// On the first of a clip's sidecars: the clip has all of `sidecars`.
fn several_sidecars(clip: &str, sidecars: &[String]) -> Finding {
    Finding::new(
        &SIDECAR_SHADOWED,
        Target::Span(Span::default(), String::new()),
        format!(
            "the clip {} has {} sidecars: {}; iconik takes one of them, and which one is not documented",
            quoted(clip),
            sidecars.len(),
            list(sidecars)
        ),
    )
}

/// On a sidecar that the names of several clips claim.
fn several_clips(sidecar: &str, clips: &[String]) -> Finding {
    Finding::new(
        &SIDECAR_SHADOWED,
        Target::Span(Span::default(), String::new()),
        format!(
            "{} is the sidecar of {} clips: {}; iconik gives it to one of them, and which one is not documented",
            quoted(sidecar),
            clips.len(),
            list(clips)
        ),
    )
    .with_help("use append naming (A001.R3D.json), under which no two clips share a sidecar")
}

pub fn check(folder: &FolderContext<'_>, out: &mut FolderFindings) {
    // A clip's sidecars: reported on the first of them.
    for (c, own) in folder.sidecars_of.iter().enumerate() {
        if let [first, _, ..] = own[..] {
            out.of_sidecar[first].push(several_sidecars(
                &folder.clips[c].to_string_lossy(),
                &FolderContext::shown(folder.sidecars, own),
            ));
        }
    }
    for (s, owners) in folder.claimants.iter().enumerate() {
        if owners.len() > 1 {
            out.of_sidecar[s].push(several_clips(
                &folder.sidecars[s].to_string_lossy(),
                &FolderContext::shown(folder.clips, owners),
            ));
        }
    }
}
