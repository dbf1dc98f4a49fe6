//! What a run decides before it checks anything, decided here once for `check`, the language
//! server and the playground: whether its presets are judged against the rest of a library
//! (the other presets under the config's folder), and whether the rules across presets run.
//! And `check FILE` for one named file, whole, which the playground asks of a page's preset
//! (the command line streams any number of files through the same steps, cli/check.rs).

use std::path::Path;

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::across::{AcrossIndex, Counted};

impl Engine {
    /// Whether a run is judged against its library as well as its inputs: when a config file
    /// says where the library is, the run does not cover it whole already (`whole_tree`), and
    /// a rule across presets is on. An editor's document is always part of a library.
    pub fn wants_library(&self, whole_tree: bool) -> bool {
        !whole_tree && self.config.file.is_some() && self.judges_across()
    }

    /// Turns the rules across presets on when there is more than one preset file to judge
    /// together: `inputs` checked, `library` others read for them.
    pub fn judge_across(&mut self, inputs: usize, library: usize) {
        self.across_presets = inputs + library > 1 && self.judges_across();
    }

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
