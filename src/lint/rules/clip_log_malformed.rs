use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::model::values::ClipValues;

declare_rule! {
    /// ## What it does
    /// With `--clip-values FILE` (`preview`, `generate`, `audit`), reports a clip log that is
    /// not the ALE or CSV it looks like, at the line and column where it stops being one: an
    /// ALE without its `Column` or `Data` section, a `FIELD_DELIM` other than `TABS`, a row
    /// with more values than there are columns, a column without a name; a CSV that breaks
    /// RFC 4180, or has no header row. The rows before the mistake are read; none after it.
    ///
    /// ## Why is this bad?
    /// The rows after the mistake would give their clips no values, or the wrong ones: a
    /// shifted column puts the take in the scene field. `generate` refuses to write (with
    /// `--force` it writes what the rows before the mistake give).
    ///
    /// ## Example
    /// ```text
    /// Heading
    /// FIELD_DELIM	TABS
    /// Column
    /// Name	Scene
    /// Data
    /// A001C001	12	3
    /// ```
    /// Use instead: one value per column on each row (`A001C001	12`), or add the column
    /// (`Name	Scene	Take`).
    pub static CLIP_LOG_MALFORMED = {
        code: "PL703",
        name: "clip-log-malformed",
        severity: Error,
        summary: "The clip log is not a well-formed ALE or CSV",
        fix: None,
    }
}

/// Where the log stops being an ALE or a CSV, if it does (its reader finds the place, as the
/// JSON parser finds PL001's).
pub fn check(log: &ClipValues) -> Option<Finding> {
    let malformed = log.malformed.as_ref()?;
    let place = &malformed.place;
    Some(Finding::new(
        &CLIP_LOG_MALFORMED,
        Target::Span(Span::new(place.start, place.end), String::new()),
        format!("{}; the rows from here on are not read", malformed.message),
    ))
}
