//! A report written as the run goes: each format is a [`Sink`] that writes its head when it
//! starts, each file when the file is done, and its tail (with the run's summary) at the end,
//! so a run of 100,000 presets never holds their findings to write them at once.
//!
//! The formats that wrap a run in one JSON document (json, sarif, gitlab, rdjson) write it
//! exactly as `serde_json::to_writer_pretty` would write the whole document: the document is
//! rendered with its list empty, cut at the list, and the items are written between the two
//! halves at the list's depth ([`PrettyList`]). The formats whose head counts the whole run
//! (JUnit's totals, GitHub's job summary) keep the files' part in an anonymous temporary file
//! ([`Spool`](crate::base::spool::Spool)) until the counts are known: memory stays flat, and the bytes are the same.

use std::io::{self, Write};

use serde::Serialize;

use crate::lint::checked_file::CheckedFile;
use crate::output::report::Summary;

/// One report format, fed the files of a run one at a time, in the run's order.
pub trait Sink {
    /// Writes what the report says of one file (nothing, for a clean file in most formats).
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()>;
    /// Writes the report's end; `summary` counts the whole run.
    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes every file through a sink, then its end: the whole report of files held at once.
pub(crate) fn write_all(
    mut sink: impl Sink,
    files: &[CheckedFile],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for file in files {
        sink.file(file, out)?;
    }
    sink.end(summary, out)
}

/// A list inside a pretty-printed JSON document, written an item at a time.
pub(crate) struct PrettyList {
    /// The document up to and including the list's `[`, written by [`PrettyList::start`].
    head: String,
    /// The indentation of the line the list opens on.
    indent: String,
    items: usize,
}

impl PrettyList {
    /// Cuts `document` (a pretty-printed document whose list under `key` is empty; `None`
    /// for a document that is the list) at that list.
    pub(crate) fn cut(document: &str, key: Option<&str>) -> (PrettyList, String) {
        let marker = match key {
            Some(key) => format!("\"{key}\": []"),
            None => "[]".to_owned(),
        };
        // The last one: the list comes after the document's other parts (a key in a string
        // would be escaped, so only the document's own key matches).
        let at = document
            .rfind(&marker)
            .expect("the document has the list it is cut at");
        let open = at + marker.len() - 1;
        let line_start = document[..at].rfind('\n').map_or(0, |n| n + 1);
        let indent: String = document[line_start..]
            .chars()
            .take_while(|c| *c == ' ')
            .collect();
        let list = PrettyList {
            head: document[..open].to_owned(),
            indent,
            items: 0,
        };
        (list, document[open + 1..].to_owned())
    }

    /// Writes the document up to the list's `[`.
    pub(crate) fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.head.as_bytes())
    }

    /// Writes one item, as the whole document's pretty printer would have.
    pub(crate) fn item(&mut self, item: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        let inner = format!("{}  ", self.indent);
        out.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        out.write_all(inner.as_bytes())?;
        // A pretty-printed JSON text has newlines only between its tokens (a string's are
        // escaped), so indenting after each one nests the item.
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            out.write_all(first.as_bytes())?;
        }
        for line in lines {
            out.write_all(b"\n")?;
            out.write_all(inner.as_bytes())?;
            out.write_all(line.as_bytes())?;
        }
        self.items += 1;
        Ok(())
    }

    /// Closes the list and writes the rest of the document (`tail`, after the list's `]`).
    pub(crate) fn finish(&self, tail: &str, out: &mut dyn Write) -> io::Result<()> {
        if self.items > 0 {
            out.write_all(b"\n")?;
            out.write_all(self.indent.as_bytes())?;
        }
        out.write_all(b"]")?;
        out.write_all(tail.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The document `empty` (pretty-printed) with `items` written into its list under `key`
    /// an item at a time.
    fn streamed(empty: &str, key: Option<&str>, items: &[serde_json::Value]) -> String {
        let (mut list, tail) = PrettyList::cut(empty, key);
        let mut out = Vec::new();
        list.start(&mut out).unwrap();
        for item in items {
            list.item(item, &mut out).unwrap();
        }
        list.finish(&tail, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The list written an item at a time is the document written whole.
    #[test]
    fn a_list_written_item_by_item_is_the_whole_document() {
        for items in [
            vec![],
            vec![json!(1)],
            vec![json!({"a": [1, {"b": "x\ny"}]}), json!([])],
        ] {
            let whole = json!({"version": 1, "runs": [{"tool": "t", "results": items}], "z": {}});
            let empty = json!({"version": 1, "runs": [{"tool": "t", "results": []}], "z": {}});
            let empty = serde_json::to_string_pretty(&empty).unwrap();
            assert_eq!(
                streamed(&empty, Some("results"), &items),
                serde_json::to_string_pretty(&whole).unwrap()
            );
        }
    }

    #[test]
    fn a_document_that_is_the_list() {
        let items = [json!({"a": 1}), json!({"b": 2})];
        assert_eq!(
            streamed("[]", None, &items),
            serde_json::to_string_pretty(&items).unwrap()
        );
    }
}
