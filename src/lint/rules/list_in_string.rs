use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an entry of an iconik list that holds several entries separated by `;`.
    ///
    /// ## Why is this bad?
    /// OffShoot's settings screen takes lists typed with semicolons (`.R3D;.MOV`), but in a
    /// preset each entry is its own JSON string. `".R3D;.MOV"` is one extension that no file
    /// has, so no clip gets a sidecar.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D;.MOV"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D", ".MOV"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: splits the entry into one entry per part, trimmed, without empty parts.
    pub static LIST_IN_STRING = {
        code: "PL101",
        name: "list-in-string",
        severity: Error,
        summary: "An entry holds a `;`-separated list",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    if !entry.value.contains(';') {
        return None;
    }
    let parts: Vec<&str> = entry
        .value
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let finding = Finding::new(
        &LIST_IN_STRING,
        entry.target(),
        format!(
            "{} holds {} entries in one string; in a preset each entry is its own string",
            quoted(entry.raw),
            parts.len()
        ),
    );
    if parts.is_empty() {
        return Some(finding);
    }
    let json = parts
        .iter()
        .map(|p| quoted(p))
        .collect::<Vec<_>>()
        .join(", ");
    Some(finding.with_fix(
        Safety::Safe,
        format!("Split into {json}"),
        vec![FixAction::ReplaceValue {
            pointer: entry.pointer(),
            json,
        }],
    ))
}
