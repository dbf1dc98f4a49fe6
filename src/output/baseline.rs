//! The baseline: the findings a team has accepted for now, so that adopting presetlint on a
//! library of old presets does not start with fixing every one of them. `check
//! --write-baseline FILE` records the findings of a run; `--baseline FILE` (or `baseline =` in
//! presetlint.toml) reports only the others. Entries are keyed as SARIF's fingerprints are,
//! by path, rule code, JSON Pointer and message (for the rules across presets, the names
//! involved: adding or renaming another preset keeps an entry), never the line, so unrelated edits (a whole
//! file reformatted) keep them matched; two identical findings are two entries. Paths are
//! relative to the baseline file's folder, with `/`, so the file works from any directory and
//! on every platform. The file is sorted JSON, one entry a line, so it diffs well; an entry
//! that matches nothing on a run over the whole tree is PL902.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use miette::{Report, miette};
use serde::{Deserialize, Serialize};

use crate::base::document::SourceText;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::rules::unused_baseline_entry;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub pointer: String,
    pub message: String,
}

#[derive(Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A baseline read from its file.
pub struct Baseline {
    /// The file, as the user named it, and its text (for PL902's places).
    path: PathBuf,
    text: String,
    entries: Vec<Entry>,
    /// The folder entries' paths are relative to.
    dir: PathBuf,
}

/// A path as the baseline keys it: relative to `dir` when under it, with `/`.
fn key_path(file: &str, cwd: &Path, dir: &Path) -> String {
    let absolute = crate::lint::config::normalize(&cwd.join(file));
    let relative = absolute.strip_prefix(dir).unwrap_or(&absolute);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn folder_of(path: &Path, cwd: &Path) -> PathBuf {
    let absolute = crate::lint::config::normalize(&cwd.join(path));
    absolute
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
}

impl Baseline {
    /// Reads a baseline through the engine's reader; a file that is not one is an error at
    /// its place.
    pub fn load(engine: &Engine, path: &Path, cwd: &Path) -> Result<Baseline, Report> {
        let bytes = engine.read_side_input(path, "baseline")?;
        let shown = path.display().to_string();
        // A file that is not a baseline is named, not quoted: `baseline =` may name any file.
        let at = |path: &str, text: &str, range: std::ops::Range<usize>, message: &str| {
            crate::model::values::side_file_at(
                path,
                text,
                range,
                message,
                ("\"findings\"", "a presetlint baseline"),
            )
        };
        let source = crate::model::values::decoded(&shown, bytes, "the baseline is not UTF-8")?;
        let file: File = serde_json::from_str(&source.text).map_err(|err| {
            let e = crate::base::document::explain_error(&source.text, &err);
            at(
                &shown,
                &source.text,
                e.span.start..e.span.end,
                &format!(
                    "not a presetlint baseline ({}); `presetlint check --write-baseline FILE` writes one",
                    e.message
                ),
            )
        })?;
        if file.version != 1 {
            return Err(miette!(
                "the baseline {} is version {}; this presetlint reads version 1",
                crate::base::shown::escape_controls(&shown),
                file.version
            ));
        }
        Ok(Baseline {
            dir: folder_of(path, cwd),
            path: path.to_path_buf(),
            text: source.text,
            entries: file.findings,
        })
    }

    /// What matches findings against the baseline, a file at a time.
    pub fn matcher(&self) -> Matcher<'_> {
        let mut left: HashMap<&Entry, Vec<usize>> = HashMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            left.entry(entry).or_default().push(i);
        }
        Matcher {
            baseline: self,
            left,
        }
    }
}

/// The baseline's entries not matched yet.
pub struct Matcher<'b> {
    baseline: &'b Baseline,
    left: HashMap<&'b Entry, Vec<usize>>,
}

impl Matcher<'_> {
    /// Drops the findings of a file that the baseline holds.
    pub fn drop_known(&mut self, file: &mut CheckedFile, cwd: &Path) {
        if file.diagnostics.is_empty() {
            return;
        }
        let path = key_path(&file.path, cwd, &self.baseline.dir);
        file.diagnostics.retain(|d| {
            let key = Entry {
                path: path.clone(),
                code: d.rule.code.to_owned(),
                pointer: d.pointer.clone(),
                message: d.identity().to_owned(),
            };
            match self.left.get_mut(&key) {
                Some(indices) if !indices.is_empty() => {
                    indices.pop();
                    false
                }
                _ => true,
            }
        });
    }

    /// After every file: when the run covered the whole tree, the baseline file with a PL902
    /// finding for each entry that matched none.
    pub fn unused(self, engine: &Engine, whole_tree: bool) -> Option<CheckedFile> {
        let baseline = self.baseline;
        let left = self.left.into_values().flatten().map(|i| {
            let entry = &baseline.entries[i];
            (i, entry.path.as_str(), entry.code.as_str())
        });
        let findings = unused_baseline_entry::check(left, whole_tree, engine.settings());
        let diagnostics = engine.place_in(&baseline.text, true, None, findings);
        (!diagnostics.is_empty()).then(|| CheckedFile {
            path: baseline.path.display().to_string(),
            source: SourceText {
                text: baseline.text.clone(),
                has_bom: false,
            },
            diagnostics,
            presets: 0,
            elements: Box::default(),
        })
    }
}

/// A baseline being written: the entries of each file's findings, as the run goes.
pub struct Recorder {
    dir: PathBuf,
    entries: Vec<Entry>,
}

impl Recorder {
    pub fn new(baseline_path: &Path, cwd: &Path) -> Recorder {
        Recorder {
            dir: folder_of(baseline_path, cwd),
            entries: Vec::new(),
        }
    }

    pub fn record(&mut self, file: &CheckedFile, cwd: &Path) {
        if file.diagnostics.is_empty() {
            return;
        }
        let path = key_path(&file.path, cwd, &self.dir);
        self.entries.extend(file.diagnostics.iter().map(|d| Entry {
            path: path.clone(),
            code: d.rule.code.to_owned(),
            pointer: d.pointer.clone(),
            message: d.identity().to_owned(),
        }));
    }

    /// How many findings it holds.
    pub fn findings(&self) -> usize {
        self.entries.len()
    }

    /// The baseline: sorted, one entry a line.
    pub fn render(mut self) -> String {
        let entries = &mut self.entries;
        entries.sort();
        let mut out = String::from("{\"version\": 1, \"findings\": [\n");
        for (i, entry) in entries.iter().enumerate() {
            out.push_str(&serde_json::to_string(entry).expect("strings serialize"));
            out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
        }
        out.push_str("]}\n");
        out
    }
}
