//! Values per clip (`--clip-values FILE`): a DIT's clip log read once into an index of which
//! rows name which clip, its columns given to elements, and each clip's row read again from
//! the log's text when the clip is met. Memory is the text (capped by the one reader) and a
//! file name and an offset per row: never the rows' values, never one sidecar per clip.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use miette::{Report, miette};

use crate::base::document::SourceText;
use crate::base::lines::LineIndex;
use crate::model::values::clip_log::{self, ClipIndex, Columns, Malformed, Row};
use crate::model::values::{ElementValue, Origin, Values, element_name};

/// How a log's rows find their clips and its columns their elements, as the command line says.
#[derive(Debug, Clone, Copy, Default)]
pub struct Matching<'a> {
    /// `--match-column NAME`; default: `Name`, then `Source File`, then the first column.
    pub column: Option<&'a str>,
    /// `--map COLUMN=ELEMENT`, in order.
    pub maps: &'a [String],
}

/// A clip log, indexed.
#[derive(Debug)]
pub struct ClipValues {
    /// The log's path, as given.
    pub path: String,
    /// The path every value's origin shares.
    shared_path: Arc<str>,
    pub source: SourceText,
    lines: LineIndex,
    pub columns: Columns,
    /// The column rows are matched to clips by (none when the log has no columns).
    match_column: Option<usize>,
    /// For each column, the element it gives its values to.
    feeds: Vec<Option<String>>,
    index: ClipIndex,
    /// Which rows some clip took (or was matched by), for the rows no clip names.
    used: Vec<AtomicBool>,
    /// Where the log stops being an ALE or a CSV, if it does.
    pub malformed: Option<Malformed>,
}

impl ClipValues {
    /// Reads and indexes a log; `listed` are the preset's elements (names without braces).
    /// A mistake of the command line (a match column or a mapped column the log does not have,
    /// an element the preset does not list) is an error; a mistake in the log is
    /// [`ClipValues::malformed`], and the rows before it are kept.
    pub fn load(
        path: &str,
        bytes: Vec<u8>,
        matching: Matching<'_>,
        listed: &[&str],
    ) -> Result<ClipValues, Report> {
        let source = super::decoded(
            path,
            bytes,
            "the clip log is not UTF-8 (export it as UTF-8 from the logging application)",
        )?;
        let text = source.text.as_str();
        let (columns, rows, mut malformed) = match clip_log::read(text) {
            Ok((columns, rows)) => (columns, Some(rows), None),
            Err(malformed) => (
                Columns {
                    kind: clip_log::kind_of(text),
                    names: Vec::new(),
                    places: Vec::new(),
                    heading: Vec::new(),
                },
                None,
                Some(malformed),
            ),
        };
        let match_column = clip_log::match_column(&columns, matching.column);
        if let (Some(named), None, None) = (matching.column, match_column, &malformed) {
            return Err(miette!(
                help = format!("its columns: {}", shown_list(&columns.names)),
                "--match-column {}: {} has no such column",
                crate::base::text::quoted(named),
                crate::base::shown::escape_controls(path)
            ));
        }
        let feeds = feeds(path, &columns, matching.maps, listed, malformed.is_some())?;
        let index = match (rows, match_column) {
            (Some(rows), Some(column)) => {
                let (index, stopped) = ClipIndex::build(rows, column);
                malformed = malformed.or(stopped);
                index
            }
            _ => ClipIndex::default(),
        };
        let used = (0..index.starts.len())
            .map(|_| AtomicBool::new(false))
            .collect();
        Ok(ClipValues {
            path: path.to_owned(),
            shared_path: path.into(),
            lines: LineIndex::new(text),
            source,
            columns,
            match_column,
            feeds,
            index,
            used,
            malformed,
        })
    }

    /// The elements some column gives values to.
    pub fn fed(&self) -> impl Iterator<Item = &str> {
        self.feeds.iter().flatten().map(String::as_str)
    }

    /// Whether some column gives `element` its values.
    pub fn feeds(&self, element: &str) -> bool {
        self.fed().any(|e| e == element)
    }

    /// The columns that give no element values, other than the match column: name and place.
    pub fn columns_feeding_nothing(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.feeds
            .iter()
            .enumerate()
            .filter(|(i, feed)| feed.is_none() && Some(*i) != self.match_column)
            .map(|(i, _)| {
                (
                    self.columns.names[i].as_str(),
                    self.columns.places[i].clone(),
                )
            })
    }

    /// The name of the match column.
    pub fn match_column_name(&self) -> &str {
        self.match_column
            .map_or("", |c| self.columns.names[c].as_str())
    }

    /// How many rows were read.
    pub fn row_count(&self) -> usize {
        self.index.starts.len()
    }

    /// The rows that name the clip `file_name`, in log order; they count as used.
    pub fn rows_of(&self, file_name: &str) -> Vec<usize> {
        let rows = self
            .index
            .rows_for(&self.source.text, &self.columns, file_name);
        for &row in &rows {
            self.used[row].store(true, Ordering::Relaxed);
        }
        rows
    }

    /// Row `n`, read again from the log's text.
    pub fn row(&self, n: usize) -> Row {
        let text = self.source.text.as_str();
        clip_log::rows_at(text, &self.columns, self.index.starts[n])
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| unreachable!("row {n} was read once already"))
    }

    /// Every row read, in order, read again from the log's text one at a time.
    pub fn rows(&self) -> impl Iterator<Item = (usize, Row)> + '_ {
        let text = self.source.text.as_str();
        let first = self.index.starts.first().copied().unwrap_or(text.len());
        clip_log::rows_at(text, &self.columns, first)
            .take(self.index.starts.len())
            .map_while(Result::ok)
            .enumerate()
    }

    /// The 1-based line a byte of the log is on.
    pub fn line_at(&self, offset: usize) -> usize {
        self.lines.position(&self.source.text, offset).line
    }

    /// The rows no clip named, in order.
    pub fn unused_rows(&self) -> Vec<usize> {
        (0..self.used.len())
            .filter(|&n| !self.used[n].load(Ordering::Relaxed))
            .collect()
    }

    /// The cell of the match column of a row: its text and place.
    pub fn match_cell<'r>(&self, row: &'r Row) -> (&'r str, Range<usize>) {
        let (text, place) = &row.cells[self.match_column.unwrap_or(0)];
        (text, place.clone())
    }

    /// The cells that give elements values: (element, column name, cell text, cell place).
    pub fn fed_cells<'r>(
        &'r self,
        row: &'r Row,
    ) -> impl Iterator<Item = (&'r str, &'r str, &'r str, Range<usize>)> {
        self.feeds.iter().enumerate().filter_map(move |(i, feed)| {
            let element = feed.as_deref()?;
            let (text, place) = &row.cells[i];
            Some((
                element,
                self.columns.names[i].as_str(),
                text.as_str(),
                place.clone(),
            ))
        })
    }

    /// The values a row gives (its empty cells give none), each placed at its cell.
    pub fn values_of(&self, row: &Row) -> Values {
        let mut out = Values::default();
        for (element, _, text, place) in self.fed_cells(row) {
            if text.trim().is_empty() {
                continue;
            }
            let position = self.lines.position(&self.source.text, place.start);
            out.push(
                element,
                ElementValue {
                    text: text.trim().to_owned(),
                    origin: Origin::File {
                        path: self.shared_path.clone(),
                        line: position.line,
                        column: position.column,
                        span: place,
                    },
                },
            );
        }
        out
    }
}

fn shown_list(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| crate::base::text::quoted(n)).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Which element each column gives its values to: `--map COLUMN=ELEMENT` first, then the
/// column whose name is a listed element's (the same spelling first, then any case).
fn feeds(
    path: &str,
    columns: &Columns,
    maps: &[String],
    listed: &[&str],
    malformed: bool,
) -> Result<Vec<Option<String>>, Report> {
    let mut feeds: Vec<Option<String>> = vec![None; columns.names.len()];
    let find = |name: &str| {
        columns.names.iter().position(|c| c == name).or_else(|| {
            columns
                .names
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
        })
    };
    let help = "write --map COLUMN=ELEMENT, e.g. --map \"Scene No\"=Scene";
    for map in maps {
        let Some((column, element)) = map.rsplit_once('=') else {
            return Err(miette!(help = help, "--map {map:?} has no `=`"));
        };
        let Some(element) = element_name(element.trim()) else {
            return Err(miette!(
                help = help,
                "--map {map:?} has no element name after the `=`"
            ));
        };
        if !listed.contains(&element) {
            return Err(miette!(
                help =
                    "--map gives a column to an element the preset lists in iconikSidecarElements",
                "--map {map:?}: the preset lists no {} in iconikSidecarElements",
                crate::base::text::quoted(&format!("{{{element}}}"))
            ));
        }
        match find(column.trim()) {
            Some(i) => feeds[i] = Some(element.to_owned()),
            // A log cut short before its columns: its mistake is the finding to show.
            None if malformed => {}
            None => {
                return Err(miette!(
                    help = format!("its columns: {}", shown_list(&columns.names)),
                    "--map {map:?}: {} has no column {}",
                    crate::base::shown::escape_controls(path),
                    crate::base::text::quoted(column.trim())
                ));
            }
        }
    }
    let mapped: Vec<String> = feeds.iter().flatten().cloned().collect();
    for element in listed {
        if mapped.iter().any(|m| m == element) {
            continue;
        }
        if let Some(i) = find(element).filter(|&i| feeds[i].is_none()) {
            feeds[i] = Some((*element).to_owned());
        }
    }
    Ok(feeds)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALE: &str = "Heading\nFIELD_DELIM\tTABS\nFPS\t24\n\nColumn\nName\tscene\tTake\tTape\n\nData\nA001C001\t12\t3\tA001\nA001C002\t\t4\tA001\n";

    #[test]
    fn columns_feed_elements_by_name_or_by_map() {
        let log = ClipValues::load(
            "log.ale",
            ALE.as_bytes().to_vec(),
            Matching::default(),
            &["Scene", "Take"],
        )
        .unwrap();
        assert_eq!(log.fed().collect::<Vec<_>>(), ["Scene", "Take"]);
        // Tape feeds nothing (PL706 leaves it out: every ALE clip has one).
        let idle: Vec<&str> = log.columns_feeding_nothing().map(|(n, _)| n).collect();
        assert_eq!(idle, ["Tape"]);
        let rows = log.rows_of("a001c002.R3D");
        assert_eq!(rows, [1]);
        let values = log.values_of(&log.row(rows[0]));
        assert!(values.get("Scene").is_empty());
        assert_eq!(values.get("Take")[0].text, "4");
        assert_eq!(values.get("Take")[0].origin.to_string(), "log.ale:10:11");
        assert_eq!(log.unused_rows(), [0]);

        let maps = ["Tape=Reel".to_owned()];
        let log = ClipValues::load(
            "log.ale",
            ALE.as_bytes().to_vec(),
            Matching {
                column: None,
                maps: &maps,
            },
            &["Reel"],
        )
        .unwrap();
        assert_eq!(log.fed().collect::<Vec<_>>(), ["Reel"]);
    }

    #[test]
    fn command_line_mistakes_name_the_columns() {
        let load = |column: Option<&str>, maps: &[String], listed: &[&str]| {
            ClipValues::load(
                "log.ale",
                ALE.as_bytes().to_vec(),
                Matching { column, maps },
                listed,
            )
            .unwrap_err()
            .to_string()
        };
        assert_eq!(
            load(Some("Clip"), &[], &[]),
            "--match-column \"Clip\": log.ale has no such column"
        );
        assert_eq!(
            load(None, &["Reel=Take".to_owned()], &["Take"]),
            "--map \"Reel=Take\": log.ale has no column \"Reel\""
        );
        assert_eq!(
            load(None, &["Tape=Reel".to_owned()], &["Take"]),
            "--map \"Tape=Reel\": the preset lists no \"{Reel}\" in iconikSidecarElements"
        );
        assert_eq!(
            load(None, &["Tape".to_owned()], &[]),
            "--map \"Tape\" has no `=`"
        );
    }

    #[test]
    fn a_malformed_log_keeps_the_rows_before_the_mistake() {
        let text = "Name,Scene\nA001C001,12\nA001C002,13,surplus\nA001C003,14\n";
        let log = ClipValues::load(
            "log.csv",
            text.as_bytes().to_vec(),
            Matching::default(),
            &["Scene"],
        )
        .unwrap();
        assert_eq!(log.row_count(), 1);
        assert!(log.malformed.is_some());
    }
}
