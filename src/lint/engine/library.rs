//! The library a run is judged against across presets: every preset under the run config's
//! folder. A partial run (`check` of some files, `--staged`) and the language server read
//! the ones they do not check themselves, for what the rules across presets need of them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[cfg(feature = "native")]
use ignore::WalkBuilder;

use crate::lint::checked_file::{Facts, Origin};
use crate::lint::config::globs::{normalize, shown_from};
use crate::lint::engine::Engine;
use crate::lint::engine::across::AcrossIndex;
use crate::lint::engine::ordered::for_each_in_order;

/// The presets a run is judged against across presets but does not report (the others
/// under the config's folder), folded into the index the rules across presets judge by: the
/// language server keeps one for the workspace and judges each open document against it.
#[derive(Debug, Default)]
pub struct Library {
    pub index: AcrossIndex,
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
#[cfg(feature = "native")]
pub(super) fn presets_under(
    dir: &Path,
    excluded: impl Fn(&Path) -> bool + Send + Sync + 'static,
) -> Vec<Result<PathBuf, ignore::Error>> {
    walk_presets(dir, excluded).collect()
}

/// [`presets_under`], one at a time as the walk meets them: a walk of 1,000,000 presets is
/// never held.
#[cfg(feature = "native")]
pub fn walk_presets<F>(
    dir: &Path,
    excluded: F,
) -> impl Iterator<Item = Result<PathBuf, ignore::Error>> + Send + use<F>
where
    F: Fn(&Path) -> bool + Send + Sync + 'static,
{
    let walker = WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| entry.depth() == 0 || !excluded(entry.path()))
        .build();
    walker.filter_map(|entry| match entry {
        Ok(entry) => {
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            (is_file && is_preset_name(entry.path())).then(|| {
                let path = entry.path();
                Ok(path.strip_prefix("./").unwrap_or(path).to_path_buf())
            })
        }
        Err(err) => Some(Err(err)),
    })
}

/// Without the `native` feature (the playground), the presets among the files the page gave:
/// those under `dir`, by name.
#[cfg(not(feature = "native"))]
pub(super) fn presets_under(
    dir: &Path,
    excluded: impl Fn(&Path) -> bool,
) -> Vec<Result<PathBuf, std::convert::Infallible>> {
    let mut paths: Vec<PathBuf> = crate::base::input::memory::paths()
        .into_iter()
        .filter(|p| p.starts_with(dir) && is_preset_name(p) && !excluded(p))
        .collect();
    paths.sort();
    paths.into_iter().map(Ok).collect()
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
    /// them ([`crate::lint::checked_file::across_facts`]: their findings are not the run's, so the rules
    /// do not run on them), folded into `index`. One that cannot be read, or is no preset, is
    /// left out. Read in parallel, added in order.
    pub fn index_paths(&self, paths: &[PathBuf], index: &mut AcrossIndex) {
        let facts_of = |path: &&PathBuf| -> Option<Facts> {
            // Shown from the engine's folder, which is not the process's in an editor.
            let bytes = self.read(&self.config.cwd.join(path)).ok()?;
            crate::lint::checked_file::across_facts(bytes, Origin::Walked)
        };
        let _ = for_each_in_order(paths, facts_of, |path, facts| {
            if let Some(facts) = facts {
                self.index_file(index, &path.display().to_string(), &facts);
            }
            Ok::<(), ()>(())
        });
    }

    /// The library of these presets, for the language server: an index that can tell
    /// which files it counts.
    pub fn read_library(&self, paths: &[PathBuf]) -> Library {
        let mut index = AcrossIndex::keeping_places();
        self.index_paths(paths, &mut index);
        Library { index }
    }
}
