//! `generate` on a destination that holds ASC MHL histories: the sidecars it wrote under each
//! are gathered as the run goes (only those, a folder's history looked up once), then recorded
//! in a new generation (`--mhl`) or named in a note that says how to record them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Written sidecars by the history that governs them: their paths when they are to be
/// recorded, else only how many (a note needs no more).
#[derive(Default)]
pub(crate) struct Custody {
    /// Whether the sidecars are recorded (`--mhl`).
    record: bool,
    /// Each folder met, and the history governing it.
    histories: crate::model::mhl::Histories,
    written: BTreeMap<PathBuf, (usize, Vec<PathBuf>)>,
}

/// A line for the report: a note, or an error.
pub enum Said {
    Note(String),
    Error(String),
}

impl Custody {
    pub(crate) fn new(record: bool) -> Custody {
        Custody {
            record,
            ..Custody::default()
        }
    }

    /// A sidecar written (or replaced) on `destination`.
    pub(crate) fn wrote(&mut self, destination: &Path, sidecar: &Path) {
        let Some(folder) = sidecar.parent() else {
            return;
        };
        if let Some(root) = self.histories.root_of(folder, destination) {
            let (count, paths) = self.written.entry(root).or_default();
            *count += 1;
            if self.record {
                paths.push(sidecar.to_path_buf());
            }
        }
    }

    /// Records what was gathered (`--mhl`), or says how to; then forgets it.
    pub(crate) fn finish(&mut self) -> Vec<Said> {
        self.histories = crate::model::mhl::Histories::default();
        let now = jiff::Timestamp::now();
        let mut said = Vec::new();
        for (root, (count, files)) in std::mem::take(&mut self.written) {
            let history = root.join(crate::model::mhl::HISTORY_FOLDER);
            if !self.record {
                said.push(Said::Note(format!(
                    "{} written under {} {} not in its ASC MHL history ({}); `generate --mhl` records them in a new generation",
                    crate::base::text::plural(count, "sidecar"),
                    root.display(),
                    if count == 1 { "is" } else { "are" },
                    history.display()
                )));
                continue;
            }
            let recorded = crate::model::mhl::History::read(&root)
                .and_then(|h| crate::model::mhl::record(&h, &files, now));
            said.push(match recorded {
                Ok(r) => Said::Note(format!(
                    "recorded {} in the ASC MHL history of {}: {} ({})",
                    crate::base::text::plural(r.files, "sidecar"),
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
