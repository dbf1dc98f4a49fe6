//! A DIT's clip log, the values per clip (issue 30's reader): an ALE (Avid Log Exchange) or a
//! CSV, told apart by content, not by extension. Rows are read one at a time from the text
//! (which the one reader has already capped), each cell with its line and column, so that a
//! 100,000-row log costs one row at a time beyond its text.
//!
//! ALE, as Avid writes it and OpenTimelineIO's adapter reads it: a `Heading` section of
//! `KEY<TAB>VALUE` lines (`FIELD_DELIM` must be `TABS`; `FPS`, `VIDEO_FORMAT` ...), a `Column`
//! section with one line of column names, and a `Data` section with one row per clip; values
//! may be empty, lines may end with trailing tabs, and line ends may be CRLF. CSV: RFC 4180
//! (the csv crate), its first record the column names.

use std::ops::Range;

/// Which kind of log a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ale,
    Csv,
}

/// A log's columns, in order, each with where its name is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub kind: Kind,
    pub names: Vec<String>,
    /// The byte range of each name in the text.
    pub places: Vec<Range<usize>>,
    /// The ALE heading's keys and values, in order (none for a CSV).
    pub heading: Vec<(String, String)>,
}

/// One row: its cells, in column order, with their byte ranges (an empty cell is an empty
/// range where it would be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<(String, Range<usize>)>,
    /// Where the row starts in the text: [`rows_at`] reads it again from there.
    pub start: usize,
}

/// A mistake in a log, at its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub message: String,
    pub place: Range<usize>,
}

/// Whether `text` is an ALE (its first line that is not blank is `Heading`) or a CSV.
pub(crate) fn kind_of(text: &str) -> Kind {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty());
    if first.is_some_and(|l| l.eq_ignore_ascii_case("heading")) {
        Kind::Ale
    } else {
        Kind::Csv
    }
}

/// The log's columns, and its rows as they are read; a mistake in the layout stops the rows
/// at it.
pub fn read(text: &str) -> Result<(Columns, Rows<'_>), Malformed> {
    match kind_of(text) {
        Kind::Ale => read_ale(text),
        Kind::Csv => read_csv(text),
    }
}

/// The rows of a log, read as asked for.
pub struct Rows<'t> {
    inner: RowsInner<'t>,
}

enum RowsInner<'t> {
    Ale {
        lines: Lines<'t>,
        width: usize,
    },
    Csv {
        text: &'t str,
        /// Where the reader's input starts in the text.
        base: usize,
        reader: Box<csv::Reader<&'t [u8]>>,
        width: usize,
    },
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, Malformed>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            RowsInner::Ale { lines, width } => loop {
                let (start, line) = lines.next()?;
                if line.trim().is_empty() {
                    continue;
                }
                let cells = split_tabs(start, line);
                if cells.len() > *width && cells[*width..].iter().any(|(v, _)| !v.is_empty()) {
                    let extra = &cells[*width];
                    return Some(Err(Malformed {
                        message: format!(
                            "this row has more values than the {width} columns of the Column section"
                        ),
                        place: extra.1.clone(),
                    }));
                }
                let mut cells: Vec<_> = cells.into_iter().take(*width).collect();
                let end = start + line.len();
                while cells.len() < *width {
                    cells.push((String::new(), end..end));
                }
                return Some(Ok(Row { cells, start }));
            },
            RowsInner::Csv {
                text,
                base,
                reader,
                width,
            } => {
                let mut record = csv::StringRecord::new();
                match reader.read_record(&mut record) {
                    Ok(false) => None,
                    Ok(true) => Some(csv_row_checked(text, *base, &record, *width)),
                    Err(e) => Some(Err(csv_error(text, *base, &e))),
                }
            }
        }
    }
}

/// The lines of a text with their byte offsets, `\r\n` or `\n` ended (the end not included).
struct Lines<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Lines<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let rest = &self.text[start..];
        let (line, used) = match rest.find('\n') {
            Some(n) => (&rest[..n], n + 1),
            None => (rest, rest.len()),
        };
        self.at += used;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// A line's tab-separated values, each with its byte range in the text.
fn split_tabs(start: usize, line: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = start;
    for part in line.split('\t') {
        out.push((part.to_owned(), at..at + part.len()));
        at += part.len() + 1;
    }
    out
}

fn read_ale(text: &str) -> Result<(Columns, Rows<'_>), Malformed> {
    let body_start = text.len() - text.trim_start_matches('\u{feff}').len();
    let mut lines = Lines {
        text,
        at: body_start,
    };
    let section = |line: &str| line.trim().to_ascii_lowercase();
    // Heading: KEY<TAB>VALUE lines up to `Column`.
    let mut heading = Vec::new();
    let mut seen_heading = false;
    let columns_line = loop {
        let Some((start, line)) = lines.next() else {
            return Err(Malformed {
                message: "the ALE has no Column section".to_owned(),
                place: text.len()..text.len(),
            });
        };
        match section(line).as_str() {
            "" => {}
            "heading" if !seen_heading => seen_heading = true,
            "column" => break lines.next(),
            _ => {
                let mut parts = line.splitn(2, '\t');
                let key = parts.next().unwrap_or_default().trim().to_owned();
                let value = parts.next().unwrap_or_default().trim().to_owned();
                if key.eq_ignore_ascii_case("FIELD_DELIM") && !value.eq_ignore_ascii_case("TABS") {
                    return Err(Malformed {
                        message: format!(
                            "FIELD_DELIM is {value:?}: presetlint reads ALEs delimited by TABS, as Avid writes them"
                        ),
                        place: start..start + line.len(),
                    });
                }
                heading.push((key, value));
            }
        }
    };
    let Some((start, line)) = columns_line else {
        return Err(Malformed {
            message: "the Column section has no line of column names".to_owned(),
            place: text.len()..text.len(),
        });
    };
    let mut names = Vec::new();
    let mut places = Vec::new();
    for (name, place) in split_tabs(start, line) {
        // Trailing tabs end the line without naming a column.
        if !name.trim().is_empty() {
            names.push(name.trim().to_owned());
            places.push(place);
        } else if names.is_empty() {
            return Err(Malformed {
                message: "a column without a name".to_owned(),
                place,
            });
        }
    }
    // Data: after its line; blank lines before it are allowed.
    loop {
        match lines.next() {
            None => break,
            Some((_, line)) if line.trim().is_empty() => {}
            Some((_, line)) if section(line) == "data" => break,
            Some((start, line)) => {
                return Err(Malformed {
                    message: "expected the Data section after the column names".to_owned(),
                    place: start..start + line.len(),
                });
            }
        }
    }
    let width = names.len();
    Ok((
        Columns {
            kind: Kind::Ale,
            names,
            places,
            heading,
        },
        Rows {
            inner: RowsInner::Ale { lines, width },
        },
    ))
}

fn read_csv(text: &str) -> Result<(Columns, Rows<'_>), Malformed> {
    let base = text.len() - text.trim_start_matches('\u{feff}').len();
    let mut reader = csv_reader(&text[base..], WHOLE_LOG_BUFFER);
    let mut record = csv::StringRecord::new();
    let has = reader
        .read_record(&mut record)
        .map_err(|e| csv_error(text, base, &e))?;
    if !has {
        return Err(Malformed {
            message: "the CSV has no header row of column names".to_owned(),
            place: 0..0,
        });
    }
    let row = csv_row(text, base, &record, record.len());
    let (names, places): (Vec<String>, Vec<Range<usize>>) = row
        .cells
        .into_iter()
        .map(|(name, place)| (name.trim().to_owned(), place))
        .unzip();
    if let Some(i) = names.iter().position(String::is_empty) {
        return Err(Malformed {
            message: "a column without a name".to_owned(),
            place: places[i].clone(),
        });
    }
    let width = names.len();
    Ok((
        Columns {
            kind: Kind::Csv,
            names,
            places,
            heading: Vec::new(),
        },
        Rows {
            inner: RowsInner::Csv {
                text,
                base,
                reader: Box::new(reader),
                width,
            },
        },
    ))
}

/// A reader of CSV records; `capacity` is its buffer's (a row read again needs little).
fn csv_reader(input: &str, capacity: usize) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(capacity)
        .from_reader(input.as_bytes())
}

/// The buffer of the reader of a whole log.
const WHOLE_LOG_BUFFER: usize = 64 * 1024;
/// The buffer of a reader from one row on, which mostly reads that row: a clip's row is read
/// again for every clip, so its reader is made 100,000 times for a 100,000-clip card.
const ONE_ROW_BUFFER: usize = 512;

/// A CSV record (read from `text[base..]`) as a row of `width` cells, each placed by
/// searching its text from the record's start (the csv crate gives the record's position,
/// not each field's).
fn csv_row(text: &str, base: usize, record: &csv::StringRecord, width: usize) -> Row {
    let start = record
        .position()
        .map_or(base, |p| base + usize::try_from(p.byte()).unwrap_or(0))
        .min(text.len());
    // The csv crate places a record after blank lines at the first of them: the row starts
    // where its text does (no record starts with a line end).
    let start = start
        + text.as_bytes()[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
    let mut at = start;
    let mut cells = Vec::with_capacity(width);
    for field in record.iter().take(width) {
        let place = match text[at..].find(field) {
            Some(n) if !field.is_empty() => at + n..at + n + field.len(),
            _ => at..at,
        };
        at = place.end.min(text.len());
        cells.push((field.to_owned(), place));
    }
    while cells.len() < width {
        cells.push((String::new(), at..at));
    }
    Row { cells, start }
}

/// A CSV record as a row, or a mistake where it has more values than there are columns (a
/// trailing empty value is allowed, as for an ALE's trailing tab).
fn csv_row_checked(
    text: &str,
    base: usize,
    record: &csv::StringRecord,
    width: usize,
) -> Result<Row, Malformed> {
    let all = csv_row(text, base, record, record.len().max(width));
    if let Some(extra) = all.cells[width..].iter().find(|(v, _)| !v.is_empty()) {
        return Err(Malformed {
            message: format!("this row has more values than the {width} columns of the header row"),
            place: extra.1.clone(),
        });
    }
    Ok(Row {
        cells: all.cells.into_iter().take(width).collect(),
        start: all.start,
    })
}

fn csv_error(text: &str, base: usize, err: &csv::Error) -> Malformed {
    let at = err
        .position()
        .map_or(base, |p| base + usize::try_from(p.byte()).unwrap_or(0))
        .min(text.len());
    Malformed {
        message: format!("not a CSV the way RFC 4180 writes one: {err}"),
        place: at..at,
    }
}

/// The rows of a log from the row that starts at `start` (a [`Row::start`]).
pub(crate) fn rows_at<'t>(text: &'t str, columns: &Columns, start: usize) -> Rows<'t> {
    let start = start.min(text.len());
    let width = columns.names.len();
    Rows {
        inner: match columns.kind {
            Kind::Ale => RowsInner::Ale {
                lines: Lines { text, at: start },
                width,
            },
            Kind::Csv => {
                // The csv crate drops a byte order mark at the start of what it reads, as the
                // start of a file; a row that starts with one mid-log keeps it when read from
                // the line end before it (an empty line, which the reader skips).
                let from = if start > 0 && text[start..].starts_with('\u{feff}') {
                    start - 1
                } else {
                    start
                };
                RowsInner::Csv {
                    text,
                    base: from,
                    reader: Box::new(csv_reader(&text[from..], ONE_ROW_BUFFER)),
                    width,
                }
            }
        },
    }
}

/// The column rows are matched to clips by: the one named, else ALE's `Name`, then
/// `Source File`, then the first.
pub(crate) fn match_column(columns: &Columns, named: Option<&str>) -> Option<usize> {
    let find = |name: &str| {
        columns
            .names
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))
    };
    match named {
        Some(name) => find(name),
        None => find("Name")
            .or_else(|| find("Source File"))
            .or((!columns.names.is_empty()).then_some(0)),
    }
}

/// The file name a cell names: its last path component (`/Volumes/CARD/A001C001.R3D` names
/// `A001C001.R3D`), case folded.
fn file_key(cell: &str) -> String {
    cell.trim()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

/// The hash a row's file name is indexed by.
fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7072_6573_6574).hash_one(key)
}

/// Which rows name which clip: per row, the hash of the file name it names and where it
/// starts (12 and 8 bytes), not the rows themselves, which are read again when a clip needs
/// one (and then compared by name, so that two names with one hash never meet).
#[derive(Debug, Default)]
pub(crate) struct ClipIndex {
    /// (hash of the row's file name, row number), sorted.
    keys: Vec<(u64, u32)>,
    /// Where each row starts, by row number (0-based, in log order).
    pub starts: Vec<usize>,
    /// The match column.
    column: usize,
}

impl ClipIndex {
    /// Indexes `rows` by the cell of column `column`, up to the first malformed row (returned
    /// beside the index of the rows before it).
    pub(crate) fn build(rows: Rows<'_>, column: usize) -> (ClipIndex, Option<Malformed>) {
        let mut index = ClipIndex {
            column,
            ..ClipIndex::default()
        };
        let mut stopped = None;
        for row in rows {
            let row = match row {
                Ok(row) => row,
                Err(malformed) => {
                    stopped = Some(malformed);
                    break;
                }
            };
            let number = u32::try_from(index.starts.len()).unwrap_or(u32::MAX);
            index.starts.push(row.start);
            let key = file_key(&row.cells[column].0);
            if !key.is_empty() {
                index.keys.push((key_hash(&key), number));
            }
        }
        index.keys.sort_unstable();
        (index, stopped)
    }

    /// The rows (by number, in log order) of `text` that name the clip `file_name`, with or
    /// without its extension, ignoring case.
    pub(crate) fn rows_for(&self, text: &str, columns: &Columns, file_name: &str) -> Vec<usize> {
        let name = file_name.to_lowercase();
        let stem = name.rsplit_once('.').map(|(stem, _)| stem.to_owned());
        let mut out = Vec::new();
        for key in [Some(name.as_str()), stem.as_deref()].into_iter().flatten() {
            let hash = key_hash(key);
            let from = self.keys.partition_point(|&(h, _)| h < hash);
            for &(_, n) in self.keys[from..].iter().take_while(|&&(h, _)| h == hash) {
                let n = n as usize;
                let named = rows_at(text, columns, self.starts[n])
                    .next()
                    .and_then(Result::ok)
                    .is_some_and(|row| file_key(&row.cells[self.column].0) == key);
                if named {
                    out.push(n);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ALE as OpenTimelineIO's adapter writes one: CRLF, trailing tabs, an empty value.
    const ALE: &str = "Heading\r\nFIELD_DELIM\tTABS\r\nVIDEO_FORMAT\t1080\r\nFPS\t24\r\n\r\nColumn\r\nName\tSource File\tScene\tTake\t\r\n\r\nData\r\nA001C001\tA001C001.R3D\t12\t3\t\r\nA001C002\tA001C002.R3D\t12\t\t\r\n";

    fn values(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|(v, _)| v.as_str()).collect()
    }

    #[test]
    fn reads_an_ale_with_places() {
        assert_eq!(kind_of(ALE), Kind::Ale);
        let (columns, rows) = read(ALE).unwrap();
        assert_eq!(columns.names, ["Name", "Source File", "Scene", "Take"]);
        assert_eq!(&ALE[columns.places[2].clone()], "Scene");
        assert_eq!(
            columns.heading,
            [
                ("FIELD_DELIM".to_owned(), "TABS".to_owned()),
                ("VIDEO_FORMAT".to_owned(), "1080".to_owned()),
                ("FPS".to_owned(), "24".to_owned())
            ]
        );
        let rows: Vec<Row> = rows.map(Result::unwrap).collect();
        assert_eq!(values(&rows[0]), ["A001C001", "A001C001.R3D", "12", "3"]);
        assert_eq!(values(&rows[1]), ["A001C002", "A001C002.R3D", "12", ""]);
        assert_eq!(&ALE[rows[0].cells[3].1.clone()], "3");
        assert!(rows[1].cells[3].1.is_empty());
    }

    #[test]
    fn an_ale_that_is_not_one_says_where() {
        let comma = "Heading\nFIELD_DELIM\tCOMMAS\nColumn\nName\nData\n";
        let err = read(comma).err().unwrap();
        assert_eq!(&comma[err.place.clone()], "FIELD_DELIM\tCOMMAS");
        let wide = "Heading\nColumn\nName\tScene\nData\na\t1\tsurplus\n";
        let (_, mut rows) = read(wide).unwrap();
        let err = rows.next().unwrap().unwrap_err();
        assert_eq!(&wide[err.place.clone()], "surplus");
        let headless = "Heading\nFPS\t24\n";
        assert_eq!(
            read(headless).err().unwrap().message,
            "the ALE has no Column section"
        );
    }

    #[test]
    fn rows_are_found_by_clip_and_read_again_from_their_start() {
        let (columns, rows) = read(ALE).unwrap();
        let column = match_column(&columns, None).unwrap();
        assert_eq!(columns.names[column], "Name");
        let (index, malformed) = ClipIndex::build(rows, column);
        assert_eq!(malformed, None);
        // With or without the extension, any case.
        let rows = index.rows_for(ALE, &columns, "a001c002.r3d");
        assert_eq!(rows, [1]);
        let row = rows_at(ALE, &columns, index.starts[rows[0]])
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(values(&row), ["A001C002", "A001C002.R3D", "12", ""]);
        assert!(index.rows_for(ALE, &columns, "A001C009.R3D").is_empty());
        // By the Source File column: the path's file name.
        let (by_file, _) = ClipIndex::build(
            read(ALE).unwrap().1,
            match_column(&columns, Some("source file")).unwrap(),
        );
        assert_eq!(by_file.rows_for(ALE, &columns, "A001C001.R3D").len(), 1);
        // A CSV row read again from its start.
        let csv = "Name,Scene\nA001C001,12\n\"A001C002\",\"13, b\"\n";
        let (columns, rows) = read(csv).unwrap();
        let (index, _) = ClipIndex::build(rows, 0);
        let start = index.starts[index.rows_for(csv, &columns, "A001C002.mov")[0]];
        let row = rows_at(csv, &columns, start).next().unwrap().unwrap();
        assert_eq!(values(&row), ["A001C002", "13, b"]);
        assert_eq!(&csv[row.cells[1].1.clone()], "13, b");
    }

    #[test]
    fn a_csv_row_after_blank_lines_starts_where_its_text_does() {
        let csv = "Name,Scene\n\n\r\nA001C001,12\n";
        let (columns, rows) = read(csv).unwrap();
        let row = rows.map(Result::unwrap).next().unwrap();
        assert_eq!(&csv[row.start..], "A001C001,12\n");
        let again = rows_at(csv, &columns, row.start).next().unwrap().unwrap();
        assert_eq!(again, row);
    }

    #[test]
    fn reads_a_csv_with_quotes_and_places() {
        let csv = "\u{feff}Name,Scene,Notes\nA001C001,12,\"rain, heavy\"\nA001C002,13,\n";
        assert_eq!(kind_of(csv), Kind::Csv);
        let (columns, rows) = read(csv).unwrap();
        assert_eq!(columns.names, ["Name", "Scene", "Notes"]);
        assert_eq!(&csv[columns.places[1].clone()], "Scene");
        let rows: Vec<Row> = rows.map(Result::unwrap).collect();
        assert_eq!(values(&rows[0]), ["A001C001", "12", "rain, heavy"]);
        assert_eq!(values(&rows[1]), ["A001C002", "13", ""]);
        assert_eq!(&csv[rows[1].cells[1].1.clone()], "13");
    }
}
