use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports a destination path pattern (an entry with `*` or `/`) that ends in `/` or `\`.
    ///
    /// ## Why is this bad?
    /// A path pattern is matched against the whole destination path, which never ends in a
    /// slash: `*/proxies/` matches no destination, and no sidecar is written there.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarDestinations": ["*/proxies/"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarDestinations": ["*/proxies"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: removes the trailing slashes.
    pub static DESTINATION_TRAILING_SLASH = {
        code: "PL401",
        name: "destination-trailing-slash",
        severity: Warning,
        summary: "A destination path pattern ends in a slash",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    let value = entry.value;
    let is_path_pattern = value.contains(['*', '/']);
    if !is_path_pattern || !value.ends_with(['/', '\\']) {
        return None;
    }
    let trimmed = value.trim_end_matches(['/', '\\']);
    let finding = Finding::new(
        &DESTINATION_TRAILING_SLASH,
        entry.target(),
        format!(
            "destination pattern {} ends in a slash; it is matched against whole paths, which never do",
            quoted(value)
        ),
    );
    Some(if trimmed.is_empty() {
        finding
    } else {
        finding.with_fix(
            Safety::Safe,
            format!("Write {}", quoted(trimmed)),
            vec![FixAction::ReplaceValue {
                pointer: entry.pointer(),
                json: quoted(trimmed),
            }],
        )
    })
}
