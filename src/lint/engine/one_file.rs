//! `presetlint check FILE` for one named file, whole: what the playground asks of a page's
//! preset. The command line streams any number of files through its two passes
//! (cli/check.rs); for one file the same steps come down to these: the library it is judged
//! against across presets, its own check, the rules across presets, the views no preset
//! feeds (PL953) and the ignores that suppressed nothing (PL901), in the report's order.

use std::path::Path;

use crate::lint::check::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::across::{AcrossIndex, Counted};

impl Engine {
    /// The report's files for one preset named `name` (as given, from the engine's folder),
    /// holding `bytes`.
    pub fn check_one_file(&mut self, name: &str, bytes: Vec<u8>) -> Vec<CheckedFile> {
        let path = Path::new(name);
        let inputs = [path.to_path_buf()];
        let whole_tree = self.config.covers_whole_tree(&inputs);
        let judges_across = self.judges_across();
        let context = if whole_tree || self.config.file.is_none() || !judges_across {
            Vec::new()
        } else {
            self.library_paths([path])
        };
        self.across_presets = !context.is_empty() && judges_across;
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
