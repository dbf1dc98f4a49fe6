//! The rules across presets (PL951, PL952, PL953), after every file of a run is checked:
//! each file kept only the hashes of its element names ([`crate::preset::ElementUse`]); the
//! texts a finding needs are read again.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::CheckedFile;
use crate::diagnostic::{Finding, Rule};
use crate::document::SourceText;
use crate::document::spans::SpanIndex;
use crate::engine::Engine;
use crate::preset::RunFile;
use crate::rules::{duplicate_preset_name, element_name_variant, view_field_unfed};
use crate::view::View;

impl Engine {
    /// Judges the rules across presets over `files`, each finding placed in its file (read
    /// again when its text was let go) with the governing config's severities and ignores.
    /// `files[reported..]` are context: the other presets under the config's folder on a
    /// partial run, judged with the rest but not reported (they are dropped here).
    pub fn judge_across(&self, files: &mut Vec<CheckedFile>, reported: usize) {
        let mut texts: HashMap<usize, String> = HashMap::new();
        let mut found: Vec<(usize, Finding)> = Vec::new();
        let mut views: Vec<CheckedFile> = Vec::new();
        {
            let run: Vec<RunFile<'_>> = files
                .iter()
                .map(|f| RunFile {
                    path: &f.path,
                    presets: f.presets,
                    elements: &f.elements,
                })
                .collect();
            if self.enabled_anywhere(&element_name_variant::ELEMENT_NAME_VARIANT) {
                let mut entry_text = |f: usize, pointer: &str| -> String {
                    let text = self.text_of(&mut texts, files, f);
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
                found.extend(element_name_variant::check(&run, &mut entry_text));
            }
            if self.enabled_anywhere(&duplicate_preset_name::DUPLICATE_PRESET_NAME) {
                found.extend(duplicate_preset_name::check(&run));
            }
            if self.enabled_anywhere(&view_field_unfed::VIEW_FIELD_UNFED) {
                views = self.unfed_fields(files, &run);
            }
        }
        let mut by_file: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
        for (f, finding) in found.into_iter().filter(|(f, _)| *f < reported) {
            by_file.entry(f).or_default().push(finding);
        }
        for (f, findings) in by_file {
            if files[f].source.text.is_empty() {
                files[f].source.text = self.text_of(&mut texts, files, f);
            }
            let path = PathBuf::from(&files[f].path);
            let file = &mut files[f];
            let placed = self.place_in(&file.source.text, true, Some(&path), findings);
            file.diagnostics.extend(placed);
            file.diagnostics.sort_by(|a, b| {
                (a.span.start, a.span.end, a.rule.code).cmp(&(
                    b.span.start,
                    b.span.end,
                    b.rule.code,
                ))
            });
        }
        files.truncate(reported);
        files.extend(views);
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

    /// A file's text, read again when its check let it go (a clean file's).
    fn text_of(
        &self,
        texts: &mut HashMap<usize, String>,
        files: &[CheckedFile],
        f: usize,
    ) -> String {
        texts
            .entry(f)
            .or_insert_with(|| {
                let file = &files[f];
                if !file.source.text.is_empty() {
                    return file.source.text.clone();
                }
                self.read(Path::new(&file.path))
                    .ok()
                    .and_then(|bytes| SourceText::decode(bytes).ok())
                    .map(|s| s.text)
                    .unwrap_or_default()
            })
            .clone()
    }

    /// PL953: each view of the run (the run's, or a nested config's) against the presets
    /// its configs govern, as files of the report: the view files, with their findings.
    fn unfed_fields(&self, files: &[CheckedFile], run: &[RunFile<'_>]) -> Vec<CheckedFile> {
        let mut groups: Vec<(Arc<View>, Vec<RunFile<'_>>)> = Vec::new();
        for (file, uses) in files.iter().zip(run) {
            let config = self.config_for(Some(Path::new(&file.path)));
            let Some(view) = config.settings.view.clone() else {
                continue;
            };
            match groups.iter_mut().find(|(v, _)| Arc::ptr_eq(v, &view)) {
                Some((_, group)) => group.push(*uses),
                None => groups.push((view, vec![*uses])),
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
