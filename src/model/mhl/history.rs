//! An ASC MHL history as it stands: its generations (from `ascmhl_chain.xml`), the hash format
//! they use, and what they record. Read through the one reader, as presetlint reads any file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::mhl::hash::HashFormat;

/// The folder of an ASC MHL history, as the specification names it.
pub const HISTORY_FOLDER: &str = "ascmhl";

/// The chain file of an ASC MHL history.
pub const CHAIN_FILE: &str = "ascmhl_chain.xml";

/// The most a history file (a generation, the chain) may weigh.
const MOST_BYTES: u64 = crate::base::input::DEFAULT_MAX_FILE_SIZE;

/// One generation of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    pub sequence: u32,
    /// Its file name in `ascmhl/`.
    pub file: String,
}

/// A history, read.
#[derive(Debug, Clone)]
pub struct History {
    /// The folder it governs (the one holding `ascmhl/`).
    pub root: PathBuf,
    pub generations: Vec<Generation>,
    /// The chain file's bytes as read, so that it is replaced only while it still holds them.
    pub chain: Vec<u8>,
    pub chain_id: Option<crate::base::input::FileId>,
    /// The format of the newest generation that records a file.
    pub format: Option<HashFormat>,
    /// Each recorded path (relative to the root, `/`-separated), with its newest hash in
    /// `format`, if the history has it in that format.
    pub recorded: HashMap<String, Option<String>>,
}

/// The folder of the history that governs `path`: `path` itself or the nearest folder above it,
/// up to `top`, holding an `ascmhl/` folder (a real one, not a link).
pub fn governing_root(path: &Path, top: &Path) -> Option<PathBuf> {
    let mut at = Some(path);
    while let Some(folder) = at {
        let history = folder.join(HISTORY_FOLDER);
        if std::fs::symlink_metadata(&history).is_ok_and(|m| m.is_dir()) {
            return Some(folder.to_path_buf());
        }
        if folder == top {
            return None;
        }
        at = folder.parent().filter(|p| p.starts_with(top));
    }
    None
}

/// The histories met in a walk: each folder's governing root looked up once, each history read
/// once. generate, its `--mhl` and audit share it.
#[derive(Default)]
pub struct Histories {
    roots: HashMap<PathBuf, Option<PathBuf>>,
    read: HashMap<PathBuf, Result<Arc<History>, String>>,
}

/// What governs a folder.
pub enum Governed {
    /// No history above it, up to the walk's top.
    Not,
    By(Arc<History>),
    /// A history that could not be read; `first` the first time it is met.
    Unreadable {
        root: PathBuf,
        error: String,
        first: bool,
    },
}

impl Histories {
    /// The root of the history governing `folder` (under `top`), if any.
    pub fn root_of(&mut self, folder: &Path, top: &Path) -> Option<PathBuf> {
        self.roots
            .entry(folder.to_path_buf())
            .or_insert_with(|| governing_root(folder, top))
            .clone()
    }

    /// The history governing `folder` (under `top`), read.
    pub fn of(&mut self, folder: &Path, top: &Path) -> Governed {
        let Some(root) = self.root_of(folder, top) else {
            return Governed::Not;
        };
        let mut first = false;
        let read = self.read.entry(root.clone()).or_insert_with(|| {
            first = true;
            History::read(&root).map(Arc::new)
        });
        match read {
            Ok(history) => Governed::By(history.clone()),
            Err(error) => Governed::Unreadable {
                root,
                error: error.clone(),
                first,
            },
        }
    }
}

impl History {
    /// Reads the history of `root`; an error names the file and what is wrong with it. Its
    /// files are read as they are: a symbolic link among them is refused, never followed (a
    /// chain that led elsewhere would be replaced there by `--mhl`).
    pub fn read(root: &Path) -> Result<History, String> {
        let folder = root.join(HISTORY_FOLDER);
        let chain_path = folder.join(CHAIN_FILE);
        if std::fs::symlink_metadata(&chain_path).is_ok_and(|m| !m.is_file()) {
            return Err(format!(
                "{} is not a regular file (a symbolic link or another file), which presetlint does not follow",
                chain_path.display()
            ));
        }
        let (chain, chain_id) =
            crate::base::input::read_file_identified(&chain_path, MOST_BYTES)
                .map_err(|e| format!("cannot read {}: {e}", chain_path.display()))?;
        let text = std::str::from_utf8(&chain)
            .map_err(|_| format!("{} is not UTF-8", chain_path.display()))?;
        let document = roxmltree::Document::parse(text)
            .map_err(|e| format!("{} is not XML: {e}", chain_path.display()))?;
        let mut generations = Vec::new();
        for entry in document
            .descendants()
            .filter(|n| n.has_tag_name("hashlist"))
        {
            let sequence = entry
                .attribute("sequencenr")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| {
                    format!(
                        "{}: a hashlist without its sequencenr",
                        chain_path.display()
                    )
                })?;
            let file = entry
                .children()
                .find(|c| c.has_tag_name("path"))
                .and_then(|p| p.text())
                .ok_or_else(|| format!("{}: a hashlist without its path", chain_path.display()))?;
            // A generation is a file of the folder, never a path out of it.
            if file.contains(['/', '\\']) || file.starts_with('.') {
                return Err(format!(
                    "{}: the generation {file:?} is not a file of the history",
                    chain_path.display()
                ));
            }
            generations.push(Generation {
                sequence,
                file: file.to_owned(),
            });
        }
        generations.sort_by_key(|g| g.sequence);
        drop(document);
        let mut history = History {
            root: root.to_path_buf(),
            generations,
            chain,
            chain_id,
            format: None,
            recorded: HashMap::new(),
        };
        // Oldest first, so that a newer generation's hash of a path wins.
        let mut hashes: Vec<(String, HashFormat, String)> = Vec::new();
        for generation in &history.generations {
            let path = folder.join(&generation.file);
            let bytes = crate::base::input::read_own_file(&path, MOST_BYTES)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| format!("{} is not UTF-8", path.display()))?;
            let document = roxmltree::Document::parse(text)
                .map_err(|e| format!("{} is not XML: {e}", path.display()))?;
            for hash in document.descendants().filter(|n| n.has_tag_name("hash")) {
                let Some(recorded) = hash
                    .children()
                    .find(|c| c.has_tag_name("path"))
                    .and_then(|p| p.text())
                else {
                    continue;
                };
                history.recorded.entry(recorded.to_owned()).or_insert(None);
                for value in hash.children().filter(|c| c.is_element()) {
                    if let (Some(format), Some(digest)) =
                        (HashFormat::of_name(value.tag_name().name()), value.text())
                    {
                        hashes.push((recorded.to_owned(), format, digest.trim().to_owned()));
                    }
                }
            }
        }
        history.format = hashes.last().map(|(_, f, _)| *f);
        if let Some(format) = history.format {
            for (path, f, digest) in hashes {
                if f == format {
                    history.recorded.insert(path, Some(digest));
                }
            }
        }
        Ok(history)
    }

    /// The path of `file` as the history records it: relative to its root, `/`-separated.
    pub fn key_of(&self, file: &Path) -> Option<String> {
        let relative = file.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    pub fn next_sequence(&self) -> u32 {
        self.generations.last().map_or(1, |g| g.sequence + 1)
    }
}
