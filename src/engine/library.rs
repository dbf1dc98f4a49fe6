//! The library a run is judged against across presets: every preset under the run config's
//! folder. A partial run (`check` of some files, `--staged`) and the language server read
//! the ones they do not check themselves, for what the rules across presets need of them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use rayon::prelude::*;

use crate::check::CheckedFile;
use crate::config::globs::{normalize, shown_from};
use crate::engine::Engine;
use crate::preset::RunFile;
use crate::rules::{duplicate_preset_name, element_name_variant};

/// The presets a run is judged against across presets but does not report (the others
/// under the config's folder), with what the rules look up in them indexed once: the
/// language server keeps one for the workspace and judges each open document against it.
#[derive(Debug, Default)]
pub struct Library {
    /// As read: no text, no findings.
    pub files: Vec<CheckedFile>,
    pub(crate) spellings: element_name_variant::Spellings,
    pub(crate) names: duplicate_preset_name::Names,
    /// By path as shown, each file's index: which of them a run's file stands in for.
    by_path: foldhash::HashMap<String, usize>,
    /// Each file's absolute path ([`crate::preset::AcrossFiles::library_places`]).
    pub(crate) places: Vec<PathBuf>,
}

impl Library {
    /// The library of these files, in the walk's order, their paths shown from `base`.
    pub fn new(files: Vec<CheckedFile>, base: &Path) -> Library {
        let run: Vec<RunFile<'_>> = files.iter().map(CheckedFile::run_file).collect();
        let spellings = element_name_variant::Spellings::new(&run);
        let names = duplicate_preset_name::Names::new(&run);
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        let places = files
            .iter()
            .map(|f| normalize(&base.join(&f.path)))
            .collect();
        Library {
            files,
            spellings,
            names,
            by_path,
            places,
        }
    }

    /// The index of the file shown as `path`, if the library has it.
    pub(crate) fn position(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }
}

/// Extensions of the files a directory walk picks.
const PRESET_EXTENSIONS: &[&str] = &["hedge", "json"];

/// Whether a file's name is one a walk picks: `*.hedge` or `*.json`.
pub fn is_preset_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PRESET_EXTENSIONS.contains(&e))
}

/// The presets a walk of `dir` finds (links not followed; hidden files, what `.gitignore`
/// and `.ignore` list, and what `excluded` says skipped), sorted by name within each folder,
/// and the walk's errors.
pub fn presets_under(
    dir: &Path,
    excluded: impl Fn(&Path) -> bool + Send + Sync + 'static,
) -> Vec<Result<PathBuf, ignore::Error>> {
    let walker = WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| entry.depth() == 0 || !excluded(entry.path()))
        .build();
    walker
        .filter_map(|entry| match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                (is_file && is_preset_name(entry.path())).then(|| {
                    let path = entry.path();
                    Ok(path.strip_prefix("./").unwrap_or(path).to_path_buf())
                })
            }
            Err(err) => Some(Err(err)),
        })
        .collect()
}

impl Engine {
    /// The presets under the run config's folder but not in `checked` (paths as the run
    /// names them), shown from the current folder; none without a config file.
    pub fn library_paths<'a>(&self, checked: impl IntoIterator<Item = &'a Path>) -> Vec<PathBuf> {
        if self.config.file.is_none() {
            return Vec::new();
        }
        let cwd = &self.config.cwd;
        let checked: HashSet<PathBuf> = checked
            .into_iter()
            .map(|p| normalize(&cwd.join(p)))
            .collect();
        presets_under(&self.config.dir, self.exclude_filter())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|path| !checked.contains(&normalize(path)))
            .map(|path| PathBuf::from(shown_from(cwd, &path)))
            .collect()
    }

    /// Those presets, read through the one reader for what the rules across presets need of
    /// them ([`crate::check::across_facts`]: their findings are not the run's, so the rules
    /// do not run on them). One that cannot be read, or is no preset, is left out.
    pub fn read_library(&self, paths: &[PathBuf]) -> Library {
        let files = paths
            .par_iter()
            .filter_map(|path| {
                // Shown from the engine's folder, which is not the process's in an editor.
                let bytes = self.read(&self.config.cwd.join(path)).ok()?;
                crate::check::across_facts(path.display().to_string(), bytes)
            })
            .collect();
        Library::new(files, &self.config.cwd)
    }
}
