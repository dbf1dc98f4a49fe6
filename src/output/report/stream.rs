//! A report written as the run goes: each format is a [`Sink`] that writes its head when it
//! starts, each file when the file is done, and its tail (with the run's summary) at the end,
//! so a run of 100,000 presets never holds their findings to write them at once.
//!
//! The formats that wrap a run in one JSON document (json, sarif, gitlab, rdjson) write it
//! exactly as `serde_json::to_writer_pretty` would write the whole document: the document is
//! rendered with its list empty, cut at the list, and the items are written between the two
//! halves at the list's depth ([`PrettyList`]). The formats whose head counts the whole run
//! (JUnit's totals, GitHub's job summary) keep the files' part in an anonymous temporary file
//! ([`Spool`]) until the counts are known: memory stays flat, and the bytes are the same.

use std::io::{self, Read, Seek, Write};

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
pub fn write_all(
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
pub struct PrettyList {
    /// The document up to and including the list's `[`, written by [`PrettyList::start`].
    head: String,
    /// The indentation of the line the list opens on.
    indent: String,
    items: usize,
}

impl PrettyList {
    /// Cuts `document` (a pretty-printed document whose list under `key` is empty; `None`
    /// for a document that is the list) at that list.
    pub fn cut(document: &str, key: Option<&str>) -> (PrettyList, String) {
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
    pub fn start(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.head.as_bytes())
    }

    /// Writes one item, as the whole document's pretty printer would have.
    pub fn item(&mut self, item: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
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
    pub fn finish(&self, tail: &str, out: &mut dyn Write) -> io::Result<()> {
        if self.items > 0 {
            out.write_all(b"\n")?;
            out.write_all(self.indent.as_bytes())?;
        }
        out.write_all(b"]")?;
        out.write_all(tail.as_bytes())
    }
}

/// The part of a report that must wait for the run's counts: in memory while it is small,
/// then in an anonymous temporary file, so a run of any size keeps at most a mebibyte
/// of it in memory.
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<io::BufWriter<std::fs::File>>,
}

impl Spool {
    /// How much stays in memory before the rest goes to disk.
    #[cfg(feature = "native")]
    const IN_MEMORY: usize = 1 << 20;

    pub fn new() -> Spool {
        Spool::default()
    }

    /// Where the part goes next. Without the `native` feature (the playground: one preset, no
    /// disk) it all stays in memory.
    pub fn writer(&mut self) -> io::Result<&mut dyn Write> {
        #[cfg(feature = "native")]
        if self.file.is_none() && self.memory.len() > Spool::IN_MEMORY {
            let mut file = io::BufWriter::new(tempfile::tempfile()?);
            file.write_all(&std::mem::take(&mut self.memory))?;
            self.file = Some(file);
        }
        Ok(match &mut self.file {
            Some(file) => file,
            None => &mut self.memory,
        })
    }

    /// What was kept, to read once, in order.
    pub fn into_reader(mut self) -> io::Result<Box<dyn Read + Send>> {
        let memory = io::Cursor::new(std::mem::take(&mut self.memory));
        let Some(file) = self.file.take() else {
            return Ok(Box::new(memory));
        };
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(Box::new(memory.chain(file)))
    }

    /// Copies what was kept to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&std::mem::take(&mut self.memory))?;
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        io::copy(&mut file, out)?;
        Ok(())
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

    #[test]
    fn a_spool_gives_back_what_it_kept() {
        let mut spool = Spool::new();
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert!(out.is_empty());
        write!(spool.writer().unwrap(), "a").unwrap();
        write!(spool.writer().unwrap(), "b").unwrap();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"ab");
        // Past what stays in memory, on disk, and given back in order.
        let big = vec![b'x'; Spool::IN_MEMORY + 1];
        spool.writer().unwrap().write_all(&big).unwrap();
        write!(spool.writer().unwrap(), "y").unwrap();
        assert!(spool.file.is_some());
        assert!(spool.memory.is_empty());
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out.len(), Spool::IN_MEMORY + 2);
        assert!(out.ends_with(b"xy"));
    }
}
