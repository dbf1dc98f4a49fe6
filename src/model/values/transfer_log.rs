//! OffShoot's Transfer Log: its header block gives element values, its `Destination:` line a
//! destination.
//!
//! The header is a block of `Name: value` lines that starts with `Preset:` and ends at the
//! first blank line (or a line of another shape): `Preset: 22.1 CAM A | Review`,
//! `Counter: 001`, `Project: PRX`. A `Date:` in the log's `24/12/2021` form is turned into
//! `20211224`, the form OffShoot's own sidecars carry. A `Destination:` line anywhere in the
//! log names a destination, either as a path or as `NAME (PATH)`.

use std::path::PathBuf;

use miette::Report;

use crate::model::values::date::transfer_log_date;
use crate::model::values::{ElementValue, Origin, Values, at};

/// What presetlint takes from a transfer log.
#[derive(Debug, Clone, Default)]
pub struct TransferLog {
    pub values: Values,
    pub destinations: Vec<PathBuf>,
}

/// A `Name: value` line: the name has no colon and does not start with whitespace.
fn pair(line: &str) -> Option<(&str, &str, usize)> {
    let (name, value) = line.split_once(':')?;
    if name.is_empty() || name.starts_with(char::is_whitespace) || name.trim() != name {
        return None;
    }
    let trimmed = value.trim_start();
    let value_start = name.len() + 1 + (value.len() - trimmed.len());
    Some((name, trimmed.trim_end(), value_start))
}

/// `RAID (/Volumes/RAID/PRX)` -> the path; a plain path as it is.
fn destination_path(value: &str) -> &str {
    match value.strip_suffix(')').and_then(|v| v.rsplit_once(" (")) {
        Some((_, path)) if !path.is_empty() => path,
        _ => value,
    }
}

/// More header lines than any preset has elements: a header this long is not OffShoot's, and
/// reading it on would hold a value per line.
const MOST_HEADER_LINES: usize = 10_000;

/// The longest line a transfer log may have: above any path on any platform (Windows' long
/// paths are at most 32,767 characters), so a longer one is not a transfer log's.
pub(super) const MOST_LINE_CHARS: usize = 32_768;

pub fn parse(path: &str, bytes: Vec<u8>) -> Result<TransferLog, Report> {
    let source = super::decoded(path, bytes, "the transfer log is not UTF-8")?;
    let text: &str = &source.text;
    let mut log = TransferLog::default();
    let shared: std::sync::Arc<str> = path.into();
    // The last line of a name wins, as it did; kept as the lines come, so that memory grows
    // with the names, not the lines.
    let mut pairs: std::collections::HashMap<String, ElementValue> =
        std::collections::HashMap::new();
    let mut in_header = false;
    let mut header_seen = false;
    let mut header_lines = 0;
    for (number, line) in text.lines().enumerate() {
        // Where the line starts in the text (lines() ends them at \n or \r\n alike).
        let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.len() > MOST_LINE_CHARS
            && let Some((past, _)) = line.char_indices().nth(MOST_LINE_CHARS)
        {
            let at_byte = line_start + past;
            return Err(at(
                path,
                text,
                at_byte..at_byte,
                &format!(
                    "line {} is longer than {MOST_LINE_CHARS} characters, which no line of an OffShoot Transfer Log is",
                    number + 1
                ),
            ));
        }
        let parsed = pair(line);
        if !header_seen && parsed.is_some_and(|(name, _, _)| name == "Preset") {
            in_header = true;
            header_seen = true;
        } else if in_header && parsed.is_none() {
            in_header = false;
        }
        let Some((name, value, start)) = parsed else {
            continue;
        };
        let column = line[..start].chars().count() + 1;
        if name == "Destination" && !value.is_empty() {
            log.destinations
                .push(PathBuf::from(destination_path(value)));
        }
        if in_header {
            header_lines += 1;
            if header_lines > MOST_HEADER_LINES {
                return Err(at(
                    path,
                    text,
                    line_start..line_start + line.len(),
                    &format!(
                        "the header has more than {MOST_HEADER_LINES} lines; is this an OffShoot Transfer Log?"
                    ),
                ));
            }
            let text = match (name, transfer_log_date(value)) {
                ("Date", Some(converted)) => converted,
                _ => value.to_owned(),
            };
            let origin = Origin::File {
                path: shared.clone(),
                line: number + 1,
                column,
                span: line_start + start..line_start + start + value.len(),
            };
            let value = ElementValue { text, origin };
            match pairs.get_mut(name) {
                Some(slot) => *slot = value,
                None => {
                    pairs.insert(name.to_owned(), value);
                }
            }
        }
    }
    if !header_seen {
        return Err(at(
            path,
            text,
            0..0,
            "no header block starting with `Preset:`; is this an OffShoot Transfer Log?",
        ));
    }
    log.values = Values::from_pairs(pairs);
    log.values.keep_file(shared, source);
    Ok(log)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "Preset: 22.1 CAM A | Review\r\nCounter: 001\r\nDate: 24/12/2021\r\nLocation: Amsterdam\r\nProject:   PRX  \r\nNote: a: b\r\n\r\nOffShoot 24.2 Transfer Log\r\nSource: A001 (/Volumes/A001)\r\nDestination: RAID (/Volumes/RAID/PRX)\r\nFiles: 12\r\n";

    #[test]
    fn header_and_destination() {
        let log = parse("log.txt", LOG.as_bytes().to_vec()).unwrap();
        let get = |n: &str| {
            log.values
                .get(n)
                .iter()
                .map(|v| v.text.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(get("Counter"), ["001"]);
        assert_eq!(get("Date"), ["20211224"]);
        assert_eq!(get("Project"), ["PRX"]);
        assert_eq!(get("Note"), ["a: b"]);
        assert_eq!(get("Files"), Vec::<&str>::new(), "outside the header block");
        assert_eq!(get("Source"), Vec::<&str>::new());
        assert_eq!(
            log.values.get("Project")[0].origin.to_string(),
            "log.txt:5:12"
        );
        assert_eq!(log.destinations, [PathBuf::from("/Volumes/RAID/PRX")]);
    }

    #[test]
    fn plain_destination_path() {
        let log = parse("l", b"Preset: X\nDestination: /mnt/raid/day 1\n".to_vec()).unwrap();
        assert_eq!(log.destinations, [PathBuf::from("/mnt/raid/day 1")]);
    }

    #[test]
    fn not_a_transfer_log() {
        let err = parse("l.txt", b"hello\nworld\n".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "l.txt: no header block starting with `Preset:`; is this an OffShoot Transfer Log?"
        );
    }
}
