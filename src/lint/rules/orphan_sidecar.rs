use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::{FolderContext, FolderFindings, quoted};
use crate::model::sidecar_reader::SidecarFormat;

declare_rule! {
    /// ## What it does
    /// In `audit`, reports a file named as a sidecar (`NAME.json`, `NAME.xml`, `NAME.csv`)
    /// whose clip is not in its folder, in either naming: neither `NAME` nor a file whose name
    /// without its extension is `NAME`.
    ///
    /// ## Why is this bad?
    /// A sidecar left behind by a clip that was renamed, moved or deleted never reaches
    /// iconik; a renamed clip arrives without its metadata.
    ///
    /// ## Example
    /// A folder holding `A001C003.R3D.json` and `A001C003_v2.R3D`.
    ///
    /// Use instead: rename the sidecar with its clip, or remove it.
    pub static ORPHAN_SIDECAR = {
        code: "PL804",
        name: "orphan-sidecar",
        severity: Warning,
        summary: "A sidecar's clip is not beside it",
        fix: None,
    }
}

/// `base` is the sidecar's name without its format's extension.
fn finding(sidecar: &str, base: &str) -> Finding {
    Finding::new(
        &ORPHAN_SIDECAR,
        Target::Span(Span::default(), String::new()),
        format!(
            "no clip for the sidecar {}: its folder has neither {} nor any {}",
            quoted(sidecar),
            quoted(base),
            quoted(&format!("{base}.*"))
        ),
    )
}

pub fn check(folder: &FolderContext<'_>, out: &mut FolderFindings) {
    for (s, owners) in folder.claimants.iter().enumerate() {
        if !owners.is_empty() {
            continue;
        }
        let name = folder.sidecars[s].to_string_lossy();
        if let Some((_, base)) = SidecarFormat::of_name(&name) {
            out.of_sidecar[s].push(finding(&name, base));
        }
    }
}
