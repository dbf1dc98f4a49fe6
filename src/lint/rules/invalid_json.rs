use crate::base::diagnostic::{Finding, Target};
use crate::base::document::InvalidUtf8;
use crate::base::document::SyntaxError;
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not strict JSON (RFC 8259) encoded as UTF-8: comments, trailing
    /// commas, single quotes, `NaN`, several top-level values, an empty file, control characters
    /// inside strings, or bytes that are not UTF-8. A leading UTF-8 byte order mark is accepted.
    ///
    /// ## Why is this bad?
    /// OffShoot reads presets with a strict JSON parser. A preset it cannot read is not
    /// imported, and none of its iconik settings apply.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "iconikSidecarExtensions": [".R3D", ".MOV",],
    /// }
    /// ```
    /// Use instead:
    /// ```json
    /// {
    ///   "iconikSidecarExtensions": [".R3D", ".MOV"]
    /// }
    /// ```
    pub static INVALID_JSON = {
        code: "PL001",
        name: "invalid-json",
        severity: Error,
        summary: "The file is not strict JSON, or not UTF-8",
        fix: None,
    }
}

/// The finding for a text that does not parse as strict JSON, at the place it stops.
pub fn finding(error: SyntaxError) -> Finding {
    Finding::new(
        &INVALID_JSON,
        Target::Span(error.span, String::new()),
        error.message,
    )
}

/// The syntax error for bytes that are not UTF-8: the first invalid sequence, by value.
pub fn not_utf8(bad: &InvalidUtf8) -> SyntaxError {
    let bytes: Vec<String> = bad.bytes.iter().map(|b| format!("0x{b:02X}")).collect();
    SyntaxError {
        span: bad.span,
        message: format!("the file is not UTF-8: invalid byte {}", bytes.join(" ")),
    }
}
