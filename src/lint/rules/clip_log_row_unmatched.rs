use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;
use crate::lint::rules::quoted;
use crate::model::values::ClipValues;

declare_rule! {
    /// ## What it does
    /// With `--clip-values FILE`, `generate` and `audit` report a row of the clip log that
    /// names no clip on the destinations: its cell in the match column (`--match-column`;
    /// default `Name`, then `Source File`, then the first column) is no clip's file name, with
    /// or without the extension, in any case; or the cell is empty. Reported at the cell.
    ///
    /// ## Why is this bad?
    /// The row's values reach no sidecar. Usually the log names clips another way than the
    /// card does (a `Name` column of reel names, where `Source File` holds the files), the
    /// clip is on another card, or it was renamed after logging.
    ///
    /// ## Example
    /// A log row `A001C009	12	3` on a card whose clips are `A001C001.R3D` to `A001C008.R3D`.
    ///
    /// Use instead: match by the column that holds the file names (`--match-column "Source
    /// File"`), or give the log of this card.
    pub static CLIP_LOG_ROW_UNMATCHED = {
        code: "PL704",
        name: "clip-log-row-unmatched",
        severity: Warning,
        summary: "A row of the clip log names no clip on the destinations",
        fix: None,
    }
}

/// The rows of `log` that no clip met so far took: called once every clip was met.
pub fn check(log: &ClipValues) -> Vec<Finding> {
    let column = log.match_column_name();
    log.unused_rows()
        .into_iter()
        .map(|n| {
            let row = log.row(n);
            let (name, place) = log.match_cell(&row);
            finding(place, name, column)
        })
        .collect()
}

/// The finding for a row whose cell `name`, in column `column`, is at `place`.
fn finding(place: std::ops::Range<usize>, name: &str, column: &str) -> Finding {
    let message = if name.trim().is_empty() {
        format!(
            "this row has no value in the match column {}, so it names no clip; its values reach no sidecar",
            quoted(column)
        )
    } else {
        format!(
            "no clip on the destinations is named {} (column {}); this row's values reach no sidecar",
            quoted(name.trim()),
            quoted(column)
        )
    };
    Finding::new(
        &CLIP_LOG_ROW_UNMATCHED,
        Target::Span(Span::new(place.start, place.end), String::new()),
        message,
    )
    .with_help(
        "--match-column COLUMN names the column that holds the clips' file names; a clip is matched with or without its extension, in any case",
    )
}
