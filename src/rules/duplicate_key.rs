use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in one object. The later key is marked; the earlier
    /// one is shown beside it.
    ///
    /// ## Why is this bad?
    /// JSON parsers keep only one of the two values, usually the later one, and say nothing.
    /// Whoever edits the earlier one sees no effect. presetlint lints the later value, as
    /// OffShoot would use it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "iconikSidecarElements": ["{Project}"],
    ///   "iconikSidecarElements": ["{Project}", "{Card}"]
    /// }
    /// ```
    /// Keep one of the two.
    pub static DUPLICATE_KEY = {
        code: "PL002",
        name: "duplicate-key",
        severity: Error,
        summary: "A key appears twice in one object",
        fix: None,
    }
}
