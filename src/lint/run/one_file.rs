//! `check FILE` for one named file, whole, which the playground asks of a page's preset (the
//! command line streams any number of files through the same steps, [`super::stream`]).

use std::path::Path;

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::across::{AcrossIndex, Counted};

impl Engine {
    /// The report's files for one preset named `name` (as given, from the engine's folder),
    /// holding `bytes`: its findings, the rules across presets against its library, the views
    /// no preset feeds (PL953) and the ignores that suppressed nothing (PL901), in the
    /// report's order.
    pub fn check_one_file(&mut self, name: &str, bytes: Vec<u8>) -> Vec<CheckedFile> {
        let path = Path::new(name);
        let inputs = [path.to_path_buf()];
        let context = if self.wants_library(self.config.covers_whole_tree(&inputs)) {
            self.library_paths([path])
        } else {
            Vec::new()
        };
        self.judge_across(1, context.len());
        let mut file = self.check_named(name.to_owned(), Some(path), bytes);
        let mut files = Vec::new();
        if self.across_presets {
            let mut index = AcrossIndex::default();
            self.index_checked(&mut index, &file);
            self.index_paths(&context, &mut index);
            self.judge_file(&mut file, &index, Counted::Itself);
            files.push(file);
            files.extend(self.unfed_views(&index));
        } else {
            files.push(file);
        }
        files.extend(self.unused_ignores(&inputs));
        files
    }
}
