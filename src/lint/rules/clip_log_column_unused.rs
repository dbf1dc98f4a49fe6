use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::quoted;
use crate::model::values::ClipValues;

declare_rule! {
    /// ## What it does
    /// With `--clip-values FILE`, reports a column of the clip log that gives no element its
    /// values: no element of `iconikSidecarElements` has its name (in any case), and no
    /// `--map COLUMN=ELEMENT` names it. The match column is not reported, nor the columns an
    /// ALE has for every clip whatever was logged (`Name`, `Tracks`, `Start`, `End`,
    /// `Duration`, `Tape`, `Source File`, `Source Path`, `Mark IN`, `Mark OUT`, `FPS`).
    ///
    /// ## Why is this bad?
    /// Often nothing: an ALE from an editing system carries many columns post does not want in
    /// iconik. But a column meant for a field that is spelt otherwise in the preset (`Scene`
    /// and `{SceneNo}`) silently feeds nothing; this says which columns are not used.
    ///
    /// ## Example
    /// A log with the columns `Name`, `Scene`, `Camera Notes` for a preset listing `{Scene}`:
    /// `Camera Notes` is reported.
    ///
    /// Use instead: `--map "Camera Notes"=Notes` to give it to `{Notes}`, list the element in the preset,
    /// or switch the rule off (`--ignore PL706`) when the log's other columns are not wanted.
    pub static CLIP_LOG_COLUMN_UNUSED = {
        code: "PL706",
        name: "clip-log-column-unused",
        severity: Info,
        summary: "A column of the clip log gives no element its values",
        fix: None,
    }
}

/// The columns Avid's ALE layout gives every clip (what it is and where its media is, not what
/// the crew logged about it), as editing systems and OpenTimelineIO write them: not reported
/// when no element takes them.
pub const CLIP_COLUMNS: &[&str] = &[
    "Name",
    "Tracks",
    "Start",
    "End",
    "Duration",
    "Tape",
    "Source File",
    "Source Path",
    "Mark IN",
    "Mark OUT",
    "FPS",
];

/// The columns of `log` that feed no element, the match column and [`CLIP_COLUMNS`] aside.
pub fn check(log: &ClipValues) -> Vec<Finding> {
    log.columns_feeding_nothing()
        .filter(|(name, _)| !CLIP_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)))
        .map(|(name, place)| finding(place, name))
        .collect()
}

/// The finding at the column's name (`place`).
fn finding(place: std::ops::Range<usize>, column: &str) -> Finding {
    Finding::new(
        &CLIP_LOG_COLUMN_UNUSED,
        Target::Span(Span::new(place.start, place.end), String::new()),
        format!(
            "the column {} gives no element of iconikSidecarElements its values",
            quoted(column)
        ),
    )
    .with_help(format!(
        "--map {}=ELEMENT gives its values to an element; or list {} in the preset",
        if column.contains([' ', '=']) {
            quoted(column)
        } else {
            column.to_owned()
        },
        quoted(&format!("{{{column}}}"))
    ))
}
