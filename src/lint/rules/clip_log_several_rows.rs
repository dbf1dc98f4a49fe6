use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::quoted;
use crate::model::values::ClipValues;

declare_rule! {
    /// ## What it does
    /// With `--clip-values FILE`, reports a clip that several rows of the clip log name (in
    /// the match column, with or without the extension, in any case), at each row after the
    /// first. The clip takes the first row's values.
    ///
    /// ## Why is this bad?
    /// Two rows for one clip are two answers to what it holds: a clip logged twice, or two
    /// clips whose names differ only by the extension or the case (`A001C001.R3D` and
    /// `A001C001.mov` both match a row `A001C001`). Which one the DIT meant is a guess.
    ///
    /// ## Example
    /// ```text
    /// Name	Scene
    /// A001C001	12
    /// A001C001	14
    /// ```
    /// Use instead: one row per clip; for clips with the same name and different extensions,
    /// name them with the extension (`A001C001.R3D`), or match by `Source File`.
    pub static CLIP_LOG_SEVERAL_ROWS = {
        code: "PL705",
        name: "clip-log-several-rows",
        severity: Warning,
        summary: "Several rows of the clip log name the same clip",
        fix: None,
    }
}

/// Each row of `rows` (those of `log` that name `clip`, in order) after the first: the first
/// gives the clip its values.
pub fn check(log: &ClipValues, clip: &str, rows: &[usize]) -> Vec<Finding> {
    let Some((&first, later)) = rows.split_first() else {
        return Vec::new();
    };
    if later.is_empty() {
        return Vec::new();
    }
    let first_line = log.line_at(log.match_cell(&log.row(first)).1.start);
    later
        .iter()
        .map(|&n| {
            let row = log.row(n);
            finding(log.match_cell(&row).1, clip, first_line)
        })
        .collect()
}

/// The finding at a later row's match cell (`place`) for `clip`, which takes the values of the
/// row on line `first_line`.
fn finding(place: std::ops::Range<usize>, clip: &str, first_line: usize) -> Finding {
    Finding::new(
        &CLIP_LOG_SEVERAL_ROWS,
        Target::Span(Span::new(place.start, place.end), String::new()),
        format!(
            "this row names the clip {} too; it takes the values of the row on line {first_line}, not these",
            quoted(clip)
        ),
    )
    .identified_by(format!("several rows name {clip}"))
}
