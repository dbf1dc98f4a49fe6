//! The open documents: their text as the editor has it, kept in step with full and
//! incremental changes, and the result of checking each version (computed at most once).

use std::collections::HashMap;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::{Counted, Library};
use crate::lsp::position::{Encoding, LineMap};

/// The byte order mark. Editors usually strip it, but when the text they send has one,
/// LSP positions count it while presetlint's spans (after decoding) do not.
const BOM: &str = "\u{feff}";

/// One open document's text, as the editor has it.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub version: i32,
    pub lines: LineMap,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        Document {
            lines: LineMap::new(&text),
            text,
            version,
        }
    }

    /// Applies the changes of one `didChange`, in order: each range is relative to the text
    /// the previous change left. A change without a range replaces the whole text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines.span(&self.text, range, encoding);
                    self.text.replace_range(span.start..span.end, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
    }

    /// How far presetlint's spans are shifted from offsets in `text`: a leading byte order
    /// mark is in the editor's text but not in the checked one.
    pub fn span_shift(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len()
        } else {
            0
        }
    }
}

/// An open document and the check of its current version, made at most once.
#[derive(Debug, Clone)]
pub struct OpenFile {
    pub document: Document,
    checked: Option<CheckedFile>,
}

impl OpenFile {
    pub fn change(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        self.document.apply(changes, version, encoding);
        self.checked = None;
    }

    /// The document and its findings, exactly those of `presetlint check` on the same text
    /// with the same configuration (ignores included: they match the document's path),
    /// judged across presets against the `library` as a check of this one file is.
    pub fn checked(
        &mut self,
        path: &str,
        engine: &Engine,
        library: &Library,
    ) -> (&Document, &CheckedFile) {
        let document = &self.document;
        let checked = self.checked.get_or_insert_with(|| {
            let mut checked = engine.check_named(
                path.to_owned(),
                Some(std::path::Path::new(path)),
                document.text.as_bytes().to_vec(),
            );
            // PL953's findings are on the view file, which is not this document: `check`'s.
            if engine.across_presets {
                // The library counts the document's copy on disk, which the open document
                // stands in for.
                let place = engine.place_of(path);
                let counted = library
                    .index
                    .counts(&place)
                    .then(|| engine.read(&place).ok())
                    .flatten()
                    .and_then(|bytes| {
                        crate::lint::checked_file::across_facts(
                            bytes,
                            crate::lint::checked_file::Origin::Walked,
                        )
                    });
                let counted = match &counted {
                    Some(facts) => Counted::Other(facts),
                    None => Counted::Nothing,
                };
                engine.judge_file(&mut checked, &library.index, counted);
            }
            checked
        });
        (document, checked)
    }
}

/// Every open document, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, OpenFile>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        let file = OpenFile {
            document: Document::new(text, version),
            checked: None,
        };
        self.open.insert(uri, file);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<OpenFile> {
        self.open.remove(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut OpenFile> {
        self.open.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.open.keys().cloned().collect();
        uris.sort();
        uris
    }

    /// Forgets every check, for when the settings change.
    pub fn invalidate_all(&mut self) {
        for file in self.open.values_mut() {
            file.checked = None;
        }
    }
}

/// A file path for reports, from a document's URI: the decoded path of a `file:` URI,
/// otherwise the URI as it is (an untitled buffer, say).
pub fn display_path(uri: &Uri) -> String {
    let is_file = uri
        .scheme()
        .is_some_and(|scheme| scheme.as_str().eq_ignore_ascii_case("file"));
    if is_file {
        percent_decode(uri.path().as_str())
    } else {
        uri.as_str().to_owned()
    }
}

/// The `file:` URI of an absolute path (the inverse of [`display_path`]): every byte but
/// letters, digits, `/` and `-._~` escaped.
pub fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

/// Decodes `%XX` escapes; anything malformed is kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document::new("🎬ab\ncd".to_owned(), 1);
        doc.apply(
            vec![
                // UTF-16: 🎬 is two units, so `a` is at character 2.
                change(Some(((0, 2), (0, 3))), "X"),
                // The second change sees the first's result.
                change(Some(((0, 3), (1, 1))), ""),
            ],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "🎬Xd");
        assert_eq!(doc.version, 2);
        doc.apply(vec![change(None, "new")], 3, Encoding::Utf16);
        assert_eq!(doc.text, "new");
    }

    #[test]
    fn a_change_forgets_the_check() {
        let mut docs = Documents::default();
        let uri: Uri = "file:///p.json".parse().unwrap();
        docs.open(
            uri.clone(),
            "{\"iconikSidecarExtensions\": [\"R3D\"]}".to_owned(),
            1,
        );
        let engine = Engine::new(crate::lint::config::Config::defaults(std::path::Path::new(
            "/",
        )));
        let file = docs.get_mut(&uri).unwrap();
        assert_eq!(
            file.checked("p.json", &engine, &Library::default())
                .1
                .diagnostics
                .len(),
            2
        );
        file.change(vec![change(None, "{}")], 2, Encoding::Utf8);
        assert!(
            file.checked("p.json", &engine, &Library::default())
                .1
                .diagnostics
                .is_empty()
        );
    }

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/me/My%20Presets/a.hedge".parse().unwrap();
        assert_eq!(display_path(&uri), "/home/me/My Presets/a.hedge");
        let untitled: Uri = "untitled:Untitled-1".parse().unwrap();
        assert_eq!(display_path(&untitled), "untitled:Untitled-1");
    }
}
