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
