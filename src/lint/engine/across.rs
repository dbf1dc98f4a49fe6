//! The rules across presets (PL951, PL952, PL953). Every file judged together is first
//! folded into an [`AcrossIndex`], a few facts per distinct name (hashes, counts, the first
//! few files by place), never per file; each file of the run is then judged against it when
//! it is checked, so the run can report it at once and let it go.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::diagnostic::Rule;
use crate::base::document::SourceText;
use crate::base::document::SpanIndex;
use crate::lint::checked_file::{CheckedFile, Facts};
use crate::lint::config::globs::normalize;
use crate::lint::engine::Engine;
use crate::lint::rules::{duplicate_preset_name, element_name_variant, view_field_unfed};
use crate::model::preset::FileFacts;
use crate::model::view::View;

/// What the rules across presets keep of every file judged together.
#[derive(Debug, Default)]
pub struct AcrossIndex {
    spellings: element_name_variant::Spellings,
    names: duplicate_preset_name::Names,
    /// PL953: each view of the run, with the spellings of the presets it governs.
    fed: Vec<(Arc<View>, view_field_unfed::Fed)>,
    /// Hashes of the places of the files added, for an index that must tell whether it
    /// counts a file (the editor's, asked about its open documents); empty in a run.
    places: Option<foldhash::HashSet<u64>>,
}

impl AcrossIndex {
    /// An index that can tell which files it counts ([`AcrossIndex::counts`]).
    pub fn keeping_places() -> AcrossIndex {
        AcrossIndex {
            places: Some(Default::default()),
            ..AcrossIndex::default()
        }
    }

    /// The spellings a finding of PL951 may be on (each folded name's but the one most
    /// files use), as a 64-bit hash set: a bit each.
    pub fn losing_spellings(&self) -> u64 {
        self.spellings
            .losing()
            .fold(0, |bits, s| bits | 1 << (s % 64))
    }

    /// Whether a file shown as `shown` has a preset name other files have too (PL952).
    pub fn name_is_shared(&self, shown: &str) -> bool {
        self.names.is_shared(shown)
    }

    /// Whether a file at this place was added (only for an index keeping places).
    pub fn counts(&self, place: &Path) -> bool {
        self.places
            .as_ref()
            .is_some_and(|places| places.contains(&place_hash(place)))
    }
}

fn place_hash(place: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    place.hash(&mut hasher);
    hasher.finish()
}

/// The entry at `pointer` in a preset's text, as written (trimmed); empty if none is there.
fn entry_text(text: &str, pointer: &str) -> String {
    entry_texts(text, &[pointer]).pop().unwrap_or_default()
}

/// The entries at these pointers, found in one scan of the text.
fn entry_texts(text: &str, pointers: &[impl AsRef<str>]) -> Vec<String> {
    let index = SpanIndex::scan(text, pointers.iter().map(AsRef::as_ref));
    pointers
        .iter()
        .map(|pointer| {
            index
                .get(pointer.as_ref())
                .and_then(|place| {
                    serde_json::from_str::<String>(&text[place.value.start..place.value.end]).ok()
                })
                .map(|entry| entry.trim().to_owned())
                .unwrap_or_default()
        })
        .collect()
}

/// What the index holds of a file being judged, which the file as checked now stands in for.
#[derive(Debug, Clone, Copy)]
pub enum Counted<'a> {
    /// The file as checked now (a run indexes its files before it checks them).
    Itself,
    /// Another version of it (the copy on disk of an editor's document).
    Other(&'a Facts),
    /// Nothing: the index does not count it.
    Nothing,
}

impl Engine {
    /// Where a file shown as `shown` is: absolute and normalized.
    pub fn place_of(&self, shown: &str) -> PathBuf {
        normalize(&self.config.cwd.join(shown))
    }

    /// Adds a file (shown as `shown`) to the index.
    pub fn index_file(&self, index: &mut AcrossIndex, shown: &str, facts: &Facts) {
        self.index_facts(
            index,
            shown,
            facts.presets,
            &facts.elements,
            &mut |wanted| wanted.iter().map(|&i| facts.texts[i].clone()).collect(),
        );
    }

    /// Adds a checked file of the run to the index.
    pub fn index_checked(&self, index: &mut AcrossIndex, file: &CheckedFile) {
        let text = &file.source.text;
        self.index_facts(
            index,
            &file.path,
            file.presets,
            &file.elements,
            &mut |wanted| {
                let pointers: Vec<String> =
                    wanted.iter().map(|&i| file.elements[i].pointer()).collect();
                entry_texts(text, &pointers)
            },
        );
    }

    fn index_facts(
        &self,
        index: &mut AcrossIndex,
        shown: &str,
        presets: usize,
        elements: &[crate::model::preset::ElementUse],
        texts: &mut dyn FnMut(&[usize]) -> Vec<String>,
    ) {
        let place = self.place_of(shown);
        let file = FileFacts {
            shown,
            place: &place,
            presets,
            elements,
        };
        index.spellings.add(&file, texts);
        index.names.add(&file, &|shown| self.place_of(shown));
        if let Some(places) = &mut index.places {
            places.insert(place_hash(&place));
        }
        let config = self.config_for(Some(Path::new(shown)));
        if let Some(view) = &config.settings.view {
            let fed = match index.fed.iter().position(|(v, _)| Arc::ptr_eq(v, view)) {
                Some(at) => &mut index.fed[at].1,
                None => {
                    index.fed.push((view.clone(), Default::default()));
                    &mut index.fed.last_mut().expect("pushed").1
                }
            };
            view_field_unfed::feed(fed, elements);
        }
    }

    /// Judges one checked file against the index: PL951 and PL952, placed in its text with
    /// the governing config's severities and ignores.
    pub fn judge_file(&self, file: &mut CheckedFile, index: &AcrossIndex, counted: Counted<'_>) {
        if file.presets == 0 && file.elements.is_empty() {
            return;
        }
        let place = self.place_of(&file.path);
        let facts = FileFacts {
            shown: &file.path,
            place: &place,
            presets: file.presets,
            elements: &file.elements,
        };
        let counted = match counted {
            Counted::Itself => Some(facts),
            Counted::Other(c) => Some(FileFacts {
                shown: &file.path,
                place: &place,
                presets: c.presets,
                elements: &c.elements,
            }),
            Counted::Nothing => None,
        };
        let mut findings = Vec::new();
        if self.enabled_anywhere(&element_name_variant::ELEMENT_NAME_VARIANT) {
            let mut text: Option<String> = None;
            let source = &file.source.text;
            let mut entry_text = |pointer: &str| -> String {
                let text = text.get_or_insert_with(|| {
                    if source.is_empty() {
                        self.reread(&file.path)
                    } else {
                        source.clone()
                    }
                });
                entry_text(text, pointer)
            };
            findings.extend(element_name_variant::check(
                &index.spellings,
                &facts,
                counted.as_ref(),
                &mut entry_text,
            ));
        }
        if self.enabled_anywhere(&duplicate_preset_name::DUPLICATE_PRESET_NAME) {
            findings.extend(duplicate_preset_name::check(
                &index.names,
                &facts,
                counted.as_ref(),
                &|shown| self.place_of(shown),
            ));
        }
        if findings.is_empty() {
            return;
        }
        if file.source.text.is_empty() {
            file.source.text = self.reread(&file.path);
        }
        let path = PathBuf::from(&file.path);
        let placed = self.place_in(&file.source.text, true, Some(&path), findings);
        file.diagnostics.extend(placed);
        crate::lint::checked_file::sort_by_position(&mut file.diagnostics);
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

    /// The text of a file whose check let it go; empty if it cannot be read again.
    fn reread(&self, shown: &str) -> String {
        self.read(&self.config.cwd.join(shown))
            .ok()
            .and_then(|bytes| SourceText::decode(bytes).ok())
            .map(|s| s.text)
            .unwrap_or_default()
    }

    /// PL953: each view of the run (the run's, or a nested config's) against the presets
    /// its configs govern, as files of the report: the view files, with their findings.
    pub fn unfed_views(&self, index: &AcrossIndex) -> Vec<CheckedFile> {
        if !self.enabled_anywhere(&view_field_unfed::VIEW_FIELD_UNFED) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (view, fed) in &index.fed {
            let at = view.reported_at.as_ref();
            let findings = view_field_unfed::check(view, fed, at.map(|a| a.span));
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
                        crate::lint::config::globs::shown_from(cwd, Path::new(&view.path)),
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
