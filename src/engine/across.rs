//! The rules across presets (PL951, PL952, PL953), after every file of a run is checked:
//! each file kept only the hashes of its element names ([`crate::preset::ElementUse`]); the
//! texts a finding needs are read again.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::CheckedFile;
use crate::config::globs::{normalize, shown_from};
use crate::diagnostic::{Finding, Rule};
use crate::document::SourceText;
use crate::document::spans::SpanIndex;
use crate::engine::Engine;
use crate::engine::library::Library;
use crate::preset::{AcrossFiles, RunFile};
use crate::rules::{duplicate_preset_name, element_name_variant, view_field_unfed};
use crate::view::View;

impl Engine {
    /// Judges PL951 and PL952 over the run's files and the `library` (the other presets
    /// under the config's folder, read but not reported; one with the path of a file of the
    /// run is left out, as an editor's open document is newer than its file). Each finding
    /// is placed in its file (read again when its text was let go) with the governing
    /// config's severities and ignores.
    pub fn judge_across(&self, run_files: &mut [CheckedFile], library: &Library) {
        let shadowed = self.shadowed(run_files, library);
        let mut texts: HashMap<usize, String> = HashMap::new();
        let mut found: Vec<(usize, Finding)> = Vec::new();
        {
            let run: Vec<RunFile<'_>> = run_files.iter().map(CheckedFile::run_file).collect();
            let others: Vec<RunFile<'_>> =
                library.files.iter().map(CheckedFile::run_file).collect();
            let cwd = &self.config.cwd;
            let run_places: Vec<PathBuf> = run_files
                .iter()
                .map(|f| normalize(&cwd.join(&f.path)))
                .collect();
            let across = AcrossFiles {
                run: &run,
                library: &others,
                run_places: &run_places,
                library_places: &library.places,
                shadowed: &shadowed,
            };
            let files: Vec<&CheckedFile> = run_files.iter().chain(&library.files).collect();
            if self.enabled_anywhere(&element_name_variant::ELEMENT_NAME_VARIANT) {
                let mut entry_text = |f: usize, pointer: &str| -> String {
                    let text = self.text_of(&mut texts, &files, f);
                    let index = SpanIndex::scan(&text, [pointer]);
                    index
                        .get(pointer)
                        .and_then(|place| {
                            serde_json::from_str::<String>(
                                &text[place.value.start..place.value.end],
                            )
                            .ok()
                        })
                        .map(|entry| entry.trim().to_owned())
                        .unwrap_or_default()
                };
                found.extend(element_name_variant::check(
                    &across,
                    &library.spellings,
                    &mut entry_text,
                ));
            }
            if self.enabled_anywhere(&duplicate_preset_name::DUPLICATE_PRESET_NAME) {
                found.extend(duplicate_preset_name::check(&across, &library.names));
            }
        }
        let mut by_file: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
        for (f, finding) in found {
            by_file.entry(f).or_default().push(finding);
        }
        for (f, findings) in by_file {
            let file = &mut run_files[f];
            if file.source.text.is_empty() {
                file.source.text = texts.remove(&f).unwrap_or_else(|| self.reread(file));
            }
            let path = PathBuf::from(&file.path);
            let placed = self.place_in(&file.source.text, true, Some(&path), findings);
            file.diagnostics.extend(placed);
            crate::check::sort_by_position(&mut file.diagnostics);
        }
    }

    /// PL953: each view of the run (the run's, or a nested config's) against the presets its
    /// configs govern, the run's and the `library`'s, as files of the report: the view
    /// files, with their findings.
    pub fn unfed_views(&self, run_files: &[CheckedFile], library: &Library) -> Vec<CheckedFile> {
        if !self.enabled_anywhere(&view_field_unfed::VIEW_FIELD_UNFED) {
            return Vec::new();
        }
        let shadowed = self.shadowed(run_files, library);
        let files: Vec<&CheckedFile> = run_files
            .iter()
            .chain(
                library
                    .files
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| shadowed.binary_search(i).is_err())
                    .map(|(_, f)| f),
            )
            .collect();
        self.unfed_fields(&files)
    }

    /// The library files (sorted) that are the run's: the same path, shown as the library
    /// shows it, from the engine's folder ([`Engine::library_paths`]).
    fn shadowed(&self, run_files: &[CheckedFile], library: &Library) -> Vec<usize> {
        if library.files.is_empty() {
            return Vec::new();
        }
        let cwd = &self.config.cwd;
        let mut shadowed: Vec<usize> = run_files
            .iter()
            .filter_map(|f| library.position(&shown_from(cwd, &cwd.join(&f.path))))
            .collect();
        shadowed.sort_unstable();
        shadowed.dedup();
        shadowed
    }

    /// Whether any rule across presets is on in any config of the run.
    pub fn judges_across(&self) -> bool {
        [
            &element_name_variant::ELEMENT_NAME_VARIANT,
            &duplicate_preset_name::DUPLICATE_PRESET_NAME,
            &view_field_unfed::VIEW_FIELD_UNFED,
        ]
        .into_iter()
        .any(|rule| self.enabled_anywhere(rule))
    }

    fn enabled_anywhere(&self, rule: &Rule) -> bool {
        self.configs()
            .iter()
            .any(|c| c.settings.severity(rule).is_some())
    }

    /// A file's text, read again when its check let it go (a clean file's), once a run.
    fn text_of(
        &self,
        texts: &mut HashMap<usize, String>,
        files: &[&CheckedFile],
        f: usize,
    ) -> String {
        texts
            .entry(f)
            .or_insert_with(|| {
                let file = files[f];
                if file.source.text.is_empty() {
                    self.reread(file)
                } else {
                    file.source.text.clone()
                }
            })
            .clone()
    }

    /// The text of a file whose check let it go; empty if it cannot be read again.
    fn reread(&self, file: &CheckedFile) -> String {
        self.read(&self.config.cwd.join(&file.path))
            .ok()
            .and_then(|bytes| SourceText::decode(bytes).ok())
            .map(|s| s.text)
            .unwrap_or_default()
    }

    /// PL953: each view of the run (the run's, or a nested config's) against the presets
    /// its configs govern, as files of the report: the view files, with their findings.
    fn unfed_fields(&self, files: &[&CheckedFile]) -> Vec<CheckedFile> {
        let mut groups: Vec<(Arc<View>, Vec<RunFile<'_>>)> = Vec::new();
        for file in files {
            let uses = file.run_file();
            let config = self.config_for(Some(Path::new(&file.path)));
            let Some(view) = config.settings.view.clone() else {
                continue;
            };
            match groups.iter_mut().find(|(v, _)| Arc::ptr_eq(v, &view)) {
                Some((_, group)) => group.push(uses),
                None => groups.push((view, vec![uses])),
            }
        }
        let mut out = Vec::new();
        for (view, group) in groups {
            let at = view.reported_at.as_ref();
            let findings = view_field_unfed::check(&view, &group, at.map(|a| a.span));
            if findings.is_empty() || (view.path.is_empty() && at.is_none()) {
                continue;
            }
            let (shown, text) = match at {
                Some(at) => (
                    at.path.clone(),
                    SourceText {
                        text: at.text.clone(),
                        has_bom: false,
                    },
                ),
                None => {
                    let Some(text) = self
                        .read(Path::new(&view.path))
                        .ok()
                        .and_then(|bytes| SourceText::decode(bytes).ok())
                    else {
                        continue;
                    };
                    let cwd = &self.config.cwd;
                    (
                        crate::config::globs::shown_from(cwd, Path::new(&view.path)),
                        text,
                    )
                }
            };
            let pointers = at.is_none();
            let diagnostics =
                self.place_in(&text.text, pointers, Some(Path::new(&shown)), findings);
            if !diagnostics.is_empty() {
                out.push(CheckedFile {
                    path: shown,
                    source: text,
                    diagnostics,
                    presets: 0,
                    elements: Box::default(),
                });
            }
        }
        out
    }
}
