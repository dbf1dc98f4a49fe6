//! What a run decides before it checks anything, decided here once for `check`, the language
//! server and the playground: whether its presets are judged against the rest of a library
//! (the other presets under the config's folder), and whether the rules across presets run.

use std::path::PathBuf;

use crate::lint::engine::Engine;

impl Engine {
    /// Whether a run is judged against its library as well as its inputs: when a config file
    /// says where the library is, the run does not cover it whole already (`whole_tree`), and
    /// a rule across presets is on. An editor's document is always part of a library.
    pub fn wants_library(&self, whole_tree: bool) -> bool {
        !whole_tree && self.config.file.is_some() && self.judges_across()
    }

    /// The presets under the run config's folder that a run over `checked` does not check,
    /// read for the rules across presets; each one's config is found (and a broken one
    /// reported) as for the inputs.
    pub fn library_for(&self, checked: &[PathBuf]) -> miette::Result<Vec<PathBuf>> {
        let library = self.library_paths(checked.iter().map(PathBuf::as_path));
        for path in &library {
            self.config_of(Some(path))?;
        }
        Ok(library)
    }

    /// Turns the rules across presets on when there is more than one preset file to judge
    /// together: `inputs` checked, `library` others read for them.
    pub fn judge_across(&mut self, inputs: usize, library: usize) {
        self.across_presets = inputs + library > 1 && self.judges_across();
    }
}
