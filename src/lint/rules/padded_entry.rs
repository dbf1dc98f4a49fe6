use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports leading or trailing whitespace around an entry of an iconik list. The other
    /// rules judge the entry without it.
    ///
    /// ## Why is this bad?
    /// `" .MXF"` is not the extension `.MXF`, and `"RAID "` is not the volume `RAID`: the
    /// entry silently matches nothing.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [" .MXF"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".MXF"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: trims the entry.
    pub static PADDED_ENTRY = {
        code: "PL104",
        name: "padded-entry",
        severity: Warning,
        summary: "An entry has leading or trailing whitespace",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    if entry.raw == entry.value {
        return None;
    }
    let leading = entry.raw.len() - entry.raw.trim_start().len() > 0;
    let trailing = entry.raw.len() - entry.raw.trim_end().len() > 0;
    let which = match (leading, trailing) {
        (true, true) => "leading and trailing",
        (true, false) => "leading",
        _ => "trailing",
    };
    Some(
        Finding::new(
            &PADDED_ENTRY,
            entry.target(),
            format!("{} has {which} whitespace", quoted(entry.raw)),
        )
        .with_fix(
            Safety::Safe,
            format!("Trim to {}", quoted(entry.value)),
            vec![FixAction::ReplaceValue {
                pointer: entry.pointer(),
                json: quoted(entry.value),
            }],
        ),
    )
}
