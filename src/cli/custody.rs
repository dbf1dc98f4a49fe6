//! `generate` on a destination that holds ASC MHL histories: the sidecars it wrote under each
//! are gathered as the run goes (only those, a folder's history looked up once), then recorded
//! in a new generation (`--mhl`) or named in a note that says how to record them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Written sidecars by the history that governs them.
#[derive(Default)]
pub struct Custody {
    /// Each folder met: the root of the history governing it, if any.
    roots: HashMap<PathBuf, Option<PathBuf>>,
    written: BTreeMap<PathBuf, Vec<PathBuf>>,
}

/// A line for the report: a note, or an error.
pub enum Said {
    Note(String),
    Error(String),
}

impl Custody {
    /// A sidecar written (or replaced) on `destination`.
    pub fn wrote(&mut self, destination: &Path, sidecar: &Path) {
        let Some(folder) = sidecar.parent() else {
            return;
        };
        let root = self
            .roots
            .entry(folder.to_path_buf())
            .or_insert_with(|| crate::mhl::governing_root(folder, destination))
            .clone();
        if let Some(root) = root {
            self.written
                .entry(root)
                .or_default()
                .push(sidecar.to_path_buf());
        }
    }

    /// Records what was gathered (`record`), or says how to; then forgets it.
    pub fn finish(&mut self, record: bool) -> Vec<Said> {
        self.roots.clear();
        let now = jiff::Timestamp::now();
        let mut said = Vec::new();
        for (root, files) in std::mem::take(&mut self.written) {
            let history = root.join(crate::sidecar::paper_trail::HISTORY_FOLDER);
            if !record {
                said.push(Said::Note(format!(
                    "{} written under {} {} not in its ASC MHL history ({}); `generate --mhl` records them in a new generation",
                    crate::report::plural(files.len(), "sidecar"),
                    root.display(),
                    if files.len() == 1 { "is" } else { "are" },
                    history.display()
                )));
                continue;
            }
            let recorded =
                crate::mhl::History::read(&root).and_then(|h| crate::mhl::record(&h, &files, now));
            said.push(match recorded {
                Ok(r) => Said::Note(format!(
                    "recorded {} in the ASC MHL history of {}: {} ({})",
                    crate::report::plural(r.files, "sidecar"),
                    root.display(),
                    r.generation.display(),
                    r.format.name()
                )),
                Err(e) => Said::Error(format!(
                    "the sidecars under {} are not recorded in its ASC MHL history: {e}",
                    root.display()
                )),
            });
        }
        said
    }
}
