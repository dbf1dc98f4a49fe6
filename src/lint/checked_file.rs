//! Checking one file, start to finish: decode, parse, run the rules and, only when there is
//! something to report, place the findings in the text.

use crate::base::diagnostic::{Diagnostic, Finding};
use crate::base::document::{self, SourceText, SyntaxError};
use crate::lint::locate::Locator;
use crate::lint::rules::{self, duplicate_key, invalid_json};
use crate::lint::settings::Settings;
use crate::model::schema::{is_known_key, near_known_key};

/// A checked file: its text (for rendering snippets and applying fixes) and its diagnostics,
/// sorted by position.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    /// The path as given or as found in the walk, for reports.
    pub path: String,
    pub source: SourceText,
    pub diagnostics: Vec<Diagnostic>,
    /// How many presets the file holds (an object is one, an array its items), for the
    /// summary; 0 for a file that could not be read as presets, or is no preset file.
    pub presets: usize,
    /// The element entries of its presets, for the rules across presets (PL951), which judge
    /// them after every file is checked; empty when that rule is off.
    pub elements: Box<[ElementUse]>,
}

pub use crate::model::preset::ElementUse;

/// The element entries of a document's presets, each spelling once per preset (a repeat is
/// PL102's); names with white space (PL201's) and file elements (PL202's) left out: they are
/// no iconik field. Each with its entry as written, trimmed.
fn element_entries(value: &serde_json::Value) -> Vec<(ElementUse, &str)> {
    use crate::model::elements::{TokenShape, shape};
    use crate::model::preset::ELEMENTS_KEY;
    let presets: Vec<(Option<usize>, &serde_json::Value)> = match value {
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, p)| (Some(i), p))
            .collect(),
        other => vec![(None, other)],
    };
    let mut out = Vec::new();
    let mut seen: foldhash::HashSet<(u32, u64)> = Default::default();
    for (at, preset) in presets {
        let Some(entries) = preset.get(ELEMENTS_KEY).and_then(|e| e.as_array()) else {
            continue;
        };
        for (i, entry) in entries.iter().enumerate() {
            let Some(text) = entry.as_str().map(str::trim) else {
                continue;
            };
            if let TokenShape::Element(name) = shape(text)
                && !name.contains(char::is_whitespace)
                && !crate::model::elements::is_file_element(name)
            {
                let element = ElementUse::new(name, at, i);
                if seen.insert((element.preset, element.spelling)) {
                    out.push((element, text));
                }
            }
        }
    }
    out
}

/// PL951 within one file checked alone: the run's judgement with no other file in its index.
fn variants_within(path: &str, value: &serde_json::Value, settings: &Settings) -> Vec<Finding> {
    use crate::lint::rules::element_name_variant::{ELEMENT_NAME_VARIANT, Spellings, check};
    if settings.severity(&ELEMENT_NAME_VARIANT).is_none() {
        return Vec::new();
    }
    let entries = element_entries(value);
    // Most files spell each name once: nothing to judge, nothing built.
    let mut folded: foldhash::HashSet<u64> = Default::default();
    if entries.iter().all(|(e, _)| folded.insert(e.folded)) {
        return Vec::new();
    }
    let elements: Vec<ElementUse> = entries.iter().map(|(e, _)| *e).collect();
    let texts: foldhash::HashMap<String, &str> =
        entries.iter().map(|(e, t)| (e.pointer(), *t)).collect();
    let facts = crate::model::preset::FileFacts {
        shown: path,
        place: std::path::Path::new(path),
        presets: preset_count(value),
        elements: &elements,
    };
    check(&Spellings::default(), &facts, None, &mut |pointer| {
        texts
            .get(pointer)
            .map_or_else(String::new, |t| (*t).to_owned())
    })
}

fn element_uses(value: &serde_json::Value) -> Box<[ElementUse]> {
    element_entries(value).into_iter().map(|(e, _)| e).collect()
}

/// Whether the file comes from a directory walk, where JSON files that are evidently not
/// presets are skipped, or was named by the user, where every file is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Named,
    Walked,
}

/// A text this long has a parsed value worth freeing on another thread.
const LARGE: usize = 1 << 20;

/// Checks a file's bytes. `None` when a walked JSON file is not a preset. `across`: the run
/// judges several presets together (the rules across presets), so the file keeps what they
/// need of it; off for one file, the language server, preview, generate and audit, which
/// have no other presets to compare with.
pub fn check_bytes(
    path: String,
    bytes: Vec<u8>,
    origin: Origin,
    settings: &Settings,
    across: bool,
) -> Option<CheckedFile> {
    let source = match SourceText::decode(bytes) {
        Ok(source) => source,
        Err(bad) => {
            let error = invalid_json::not_utf8(&bad);
            return Some(invalid(path, bad.lossy, error, settings));
        }
    };
    let mut parsed = match document::parse_for_lint(&source.text, &is_known_key) {
        Ok(parsed) => parsed,
        Err(err) => {
            let error = document::explain_error(&source.text, &err);
            return Some(invalid(path, source, error, settings));
        }
    };
    if origin == Origin::Walked && !looks_like_presets(&parsed.value) {
        return None;
    }
    let mut findings = rules::check_document(&parsed.value, settings);
    if !across {
        // Alone (one file, the editor, preview): PL951 within this file, as a run judges it.
        findings.extend(variants_within(&path, &parsed.value, settings));
    }
    let elements = if across {
        element_uses(&parsed.value)
    } else {
        Box::default()
    };
    let presets = preset_count(&parsed.value);
    drop_soon(std::mem::take(&mut parsed.value), source.text.len());
    if findings.is_empty() && !parsed.has_duplicate_keys {
        return Some(CheckedFile {
            path,
            source,
            diagnostics: Vec::new(),
            presets,
            elements,
        });
    }
    let diagnostics = place(&source.text, findings, parsed.has_duplicate_keys, settings);
    Some(CheckedFile {
        path,
        source,
        diagnostics,
        presets,
        elements,
    })
}

/// What the rules across presets need of a file: how many presets it holds and its element
/// entries (with their text), without the rules' run.
#[derive(Debug, Default)]
pub struct Facts {
    pub presets: usize,
    pub elements: Vec<ElementUse>,
    /// Each element's entry as written, trimmed.
    pub texts: Vec<String>,
}

/// The [`Facts`] of a file; `None` for a file that is not JSON, or (`origin` walked) not
/// presets, which feeds none of the rules across presets.
pub fn across_facts(bytes: Vec<u8>, origin: Origin) -> Option<Facts> {
    let source = SourceText::decode(bytes).ok()?;
    // Only the elements' values are built: the keys (all a walk's judgement needs) are kept
    // whatever their values.
    let elements_only = |key: &str| key == crate::model::preset::ELEMENTS_KEY;
    let parsed = document::parse_for_lint(&source.text, &elements_only).ok()?;
    if origin == Origin::Walked && !looks_like_presets(&parsed.value) {
        return None;
    }
    let (elements, texts) = element_entries(&parsed.value)
        .into_iter()
        .map(|(e, text)| (e, text.to_owned()))
        .unzip();
    let facts = Facts {
        presets: preset_count(&parsed.value),
        elements,
        texts,
    };
    drop_soon(parsed.value, source.text.len());
    Some(facts)
}

/// How many presets a document holds: an object is one, an array its objects.
fn preset_count(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => items.iter().filter(|i| i.is_object()).count(),
        serde_json::Value::Object(_) => 1,
        _ => 0,
    }
}

/// Drops a parsed document, on another thread when its text was large: freeing 178,000
/// values takes a millisecond that nobody needs to wait for. Without the `native` feature
/// (the playground) there is no other thread: rayon would keep the job, and the value, queued.
fn drop_soon(value: serde_json::Value, text_len: usize) {
    if cfg!(feature = "native") && text_len > LARGE {
        rayon::spawn(move || drop(value));
    }
}

/// Sorts diagnostics by position, as every report lists them.
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code))
    });
}

/// Checks a file the user named (or an editor opened): such a file is never skipped.
pub fn check_named(path: String, bytes: Vec<u8>, settings: &Settings) -> CheckedFile {
    check_bytes(path, bytes, Origin::Named, settings, false)
        .expect("check_bytes skips walked files only, never named ones")
}

/// Places every finding; adds PL002 (from the syntax tree) when keys repeat.
fn place(
    text: &str,
    findings: Vec<Finding>,
    has_duplicate_keys: bool,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    if has_duplicate_keys && settings.severity(&duplicate_key::DUPLICATE_KEY).is_some() {
        match document::parse_tree(text) {
            Ok(tree) => all = duplicate_key::check(tree.as_ref()),
            // serde_json accepted the text, so this is jsonc-parser being stricter somewhere:
            // say so.
            Err(error) => return invalid_json(error, settings).into_iter().collect(),
        }
    }
    all.extend(findings);
    let locator = Locator::for_findings(text, &all);
    let mut diagnostics: Vec<Diagnostic> = all
        .into_iter()
        .filter_map(|f| locator.resolve(f, settings))
        .collect();
    sort_by_position(&mut diagnostics);
    diagnostics
}

fn invalid(
    path: String,
    source: SourceText,
    error: SyntaxError,
    settings: &Settings,
) -> CheckedFile {
    CheckedFile {
        path,
        source,
        diagnostics: invalid_json(error, settings).into_iter().collect(),
        presets: 0,
        elements: Box::default(),
    }
}

fn invalid_json(error: SyntaxError, settings: &Settings) -> Option<Diagnostic> {
    Locator::empty().resolve(invalid_json::finding(error), settings)
}

/// A walked JSON file is taken for presets when it is an array of objects, or an object with a
/// key presetlint knows or one close to it. `version` alone does not count: half the JSON files
/// in a repository (package.json, manifests) have one.
fn looks_like_presets(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Array(items) => !items.is_empty() && items.iter().all(|i| i.is_object()),
        serde_json::Value::Object(map) => map
            .keys()
            .any(|key| key != "version" && (is_known_key(key) || near_known_key(key).is_some())),
        _ => false,
    }
}
