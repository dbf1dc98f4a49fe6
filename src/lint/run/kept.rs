//! The findings of the first pass's files, kept within a budget for the report's pass.

use crate::base::diagnostic::{Diagnostic, Edit, Label};
use crate::base::document::SourceText;
use crate::lint::checked_file::CheckedFile;
use crate::model::preset::ElementUse;

/// The findings of the first pass's files, kept (within a budget) so that the report's pass
/// reads their text again without checking it again. What is over the budget is checked
/// again: memory stays bounded whatever the run's size.
#[derive(Default)]
pub(super) struct Kept {
    files: std::collections::HashMap<usize, KeptFile>,
    bytes: usize,
}

/// A file's findings, and what its text was (to know it is the same when read again).
pub(super) struct KeptFile {
    diagnostics: Vec<Diagnostic>,
    elements: Box<[ElementUse]>,
    presets: usize,
    len: usize,
    hash: u64,
}

impl Kept {
    /// At most this many bytes of findings are kept (the 10,000-file bench corpus needs
    /// about 2 MiB for its 2,781 files with findings).
    const BUDGET: usize = 4 << 20;

    pub(super) fn keep(&mut self, i: usize, file: CheckedFile) {
        use std::mem::size_of;
        // What it holds in memory: the findings, their texts and edits, the element hashes,
        // and the table's entry.
        let cost: usize = file
            .diagnostics
            .iter()
            .map(|d| {
                size_of::<Diagnostic>()
                    + d.message.capacity()
                    + d.pointer.capacity()
                    + d.help.as_ref().map_or(0, String::capacity)
                    + d.labels.capacity() * size_of::<Label>()
                    + d.labels.iter().map(|l| l.message.capacity()).sum::<usize>()
                    + d.fix.as_ref().map_or(0, |f| {
                        f.edits
                            .iter()
                            .map(|e| size_of::<Edit>() + e.content.capacity())
                            .sum::<usize>()
                            + f.title.capacity()
                    })
            })
            .sum::<usize>()
            + size_of::<ElementUse>() * file.elements.len()
            + size_of::<(usize, KeptFile)>()
            + 64;
        if self.bytes + cost > Kept::BUDGET {
            return;
        }
        self.bytes += cost;
        self.files.insert(
            i,
            KeptFile {
                len: file.source.text.len(),
                hash: xxhash_rust::xxh3::xxh3_64(file.source.text.as_bytes()),
                diagnostics: file.diagnostics,
                elements: file.elements,
                presets: file.presets,
            },
        );
    }

    pub(super) fn take(&mut self, i: usize) -> Option<KeptFile> {
        self.files.remove(&i)
    }
}

impl KeptFile {
    /// The file again with its findings, if `bytes` are the text they were found in.
    pub(super) fn file_of(self, path: String, bytes: Vec<u8>) -> Option<CheckedFile> {
        let source = SourceText::decode(bytes).ok()?;
        let same = source.text.len() == self.len
            && xxhash_rust::xxh3::xxh3_64(source.text.as_bytes()) == self.hash;
        same.then_some(CheckedFile {
            path,
            source,
            diagnostics: self.diagnostics,
            presets: self.presets,
            elements: self.elements,
        })
    }
}
