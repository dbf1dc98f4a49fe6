use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an entry of `iconikSidecarExtensions` that cannot be a file extension: it
    /// holds whitespace, `/`, `\`, `*` or `?`, or is only dots.
    ///
    /// ## Why is this bad?
    /// Extensions are compared with the end of each file name, literally: `*.R3D` is not a
    /// wildcard here, and `.R 3D` matches no file. The clips get no sidecar.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": ["*.R3D"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".R3D"] }
    /// ```
    pub static INVALID_EXTENSION = {
        code: "PL302",
        name: "invalid-extension",
        severity: Error,
        summary: "An extension holds whitespace, `/`, `\\`, `*` or `?`, or is only a dot",
        fix: None,
    }
}

#[inline(always)]
pub fn check(_ctx: &PresetContext<'_>, entry: &Entry<'_>) -> Option<Finding> {
    let value = entry.value;
    let reason = if value.chars().all(|c| c == '.') {
        "is only a dot"
    } else if value.contains(char::is_whitespace) {
        "holds whitespace"
    } else if value.contains(['/', '\\']) {
        "holds a path separator"
    } else if value.contains(['*', '?']) {
        "holds a wildcard; extensions are matched literally"
    } else {
        return None;
    };
    let finding = Finding::new(
        &INVALID_EXTENSION,
        entry.target(),
        format!("extension {} {reason}", quoted(value)),
    );
    let tail = value
        .rsplit(['.', '*', '?', '/', '\\'])
        .next()
        .unwrap_or("");
    Some(if !tail.is_empty() && !tail.contains(char::is_whitespace) {
        finding.with_help(format!(
            "write the extension with its dot only, e.g. {}",
            quoted(&format!(".{tail}"))
        ))
    } else {
        finding
    })
}
