//! The one way into the checker. An [`Engine`] is built once per run (or per language-server
//! session) from the configuration: the config file's settings, ignores and view, the command
//! line's selection over them, and the size limit of the one reader. `check`, `preview`,
//! `generate` and the language server all read, check and fix through it, so one preset with
//! one presetlint.toml gets one answer wherever it is asked.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::{CheckedFile, Origin, check_bytes};
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Finding, Safety};
use crate::document::SourceText;
use crate::fix::{self, Fixed};
use crate::iconik::Remote;
use crate::input;
use crate::locate::Locator;
use crate::settings::Settings;
use crate::view::View;

/// Which config file a run uses.
#[derive(Debug, Clone, Copy)]
pub enum ConfigSource<'a> {
    /// The presetlint.toml in the starting folder or its nearest parent, if any.
    Discover,
    /// `--config PATH`.
    File(&'a Path),
    /// `--no-config`: the defaults.
    Defaults,
}

/// A run's configuration, and the ways to read, check and fix a preset with it.
#[derive(Debug)]
pub struct Engine {
    pub config: Config,
    /// The most bytes any input may have (`--max-file-size`).
    pub max_file_size: u64,
}

impl Engine {
    /// An engine with this configuration and the default size limit.
    pub fn new(config: Config) -> Engine {
        Engine {
            config,
            max_file_size: input::DEFAULT_MAX_FILE_SIZE,
        }
    }

    /// Reads the configuration: found from `start` (the current folder, or an editor's
    /// workspace folder), named, or none. Relative paths are taken from `start`.
    pub fn load(
        source: ConfigSource<'_>,
        start: &Path,
        max_file_size: u64,
    ) -> miette::Result<Engine> {
        Engine::load_with(source, start, max_file_size, Remote::default())
    }

    /// As [`Engine::load`], saying whether a view `iconik:VIEW_ID` may be fetched now (the
    /// language server takes the cached copy only).
    pub fn load_with(
        source: ConfigSource<'_>,
        start: &Path,
        max_file_size: u64,
        remote: Remote,
    ) -> miette::Result<Engine> {
        let found = match source {
            ConfigSource::Defaults => None,
            ConfigSource::File(path) => Some((path.to_path_buf(), path.display().to_string())),
            ConfigSource::Discover => config::discover(start),
        };
        let config = match found {
            Some((path, shown)) => Config::load(&path, shown, start, max_file_size, remote)?,
            None => Config::defaults(start),
        };
        Ok(Engine {
            config,
            max_file_size,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.config.settings
    }

    /// `--view FILE`: a view named on the command line wins over the config file's.
    pub fn use_view_file(&mut self, path: &Path) -> miette::Result<()> {
        let view = View::load(path, self.max_file_size)?;
        self.config.settings.view = Some(Arc::new(view));
        Ok(())
    }

    /// `--view`: a file, or `iconik:VIEW_ID` (pulled into the cache, or taken from it while
    /// fresh, as the config's `view` is).
    pub fn use_view(&mut self, spec: &Path, remote: Remote) -> miette::Result<()> {
        let Some(id) = spec.to_str().and_then(crate::iconik::remote_id) else {
            return self.use_view_file(spec);
        };
        let found = crate::iconik::view_text(id, &remote, crate::iconik::DEFAULT_TTL)?;
        for warning in &found.warnings {
            eprintln!(
                "presetlint: warning: {}",
                crate::shown::escape_controls(warning)
            );
        }
        let view = View::parse(&found.path.display().to_string(), found.text.into_bytes())?;
        self.config.settings.view = Some(Arc::new(view));
        Ok(())
    }

    /// Reads an input through the one reader: at most `--max-file-size` bytes, regular files
    /// and pipes only, never blocking on a FIFO that nobody writes.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, input::ReadError> {
        input::read_file(path, self.max_file_size)
    }

    /// [`Engine::read`], with the identity of the file read, for a writer that must not
    /// replace anything else (`--fix`, and `--output-file` that must not replace an input).
    pub fn read_identified(
        &self,
        path: &Path,
    ) -> Result<(Vec<u8>, Option<crate::atomic::FileId>), input::ReadError> {
        input::read_file_identified(path, self.max_file_size)
    }

    /// Reads a side input (a values file, a transfer log), with an error that names it.
    pub fn read_side_input(&self, path: &Path, what: &str) -> miette::Result<Vec<u8>> {
        self.read(path).map_err(|e| {
            miette::miette!(
                "cannot read the {what} {}: {e}",
                crate::shown::escape_controls(&path.display().to_string())
            )
        })
    }

    /// Checks a file's bytes and drops what the config's `[[ignore]]` entries cover. `name` is
    /// the path reported; `ignore_path` the path the entries are matched against (`None`:
    /// stdin without `--stdin-filename`, which no entry covers). `None` when a walked JSON
    /// file is not a preset.
    pub fn check(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        bytes: Vec<u8>,
        origin: Origin,
    ) -> Option<CheckedFile> {
        let mut file = check_bytes(name, bytes, origin, &self.config.settings)?;
        if let Some(path) = ignore_path {
            self.config.apply_ignores(path, &mut file.diagnostics);
        }
        Some(file)
    }

    /// Checks a file the user named or an editor opened: such a file is never skipped.
    pub fn check_named(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        bytes: Vec<u8>,
    ) -> CheckedFile {
        self.check(name, ignore_path, bytes, Origin::Named)
            .expect("check skips walked files only, never named ones")
    }

    /// Applies the fixes of a checked file, re-checking after each round. Ignored findings
    /// are never fixed: the re-check drops them before fixes are picked.
    pub fn fix(&self, file: CheckedFile, ignore_path: Option<&Path>, allowed: Safety) -> Fixed {
        let name = file.path.clone();
        fix::fix(file, allowed, |source: SourceText| {
            self.check_named(name.clone(), ignore_path, source.to_bytes())
        })
    }

    /// Places findings made outside the rules' run (PL701, from building a sidecar) in a
    /// checked file's text, at this run's severities; ignores apply as to every finding.
    pub fn place(
        &self,
        file: &CheckedFile,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Vec<Diagnostic> {
        self.place_in(&file.source.text, true, ignore_path, findings)
    }

    /// Places findings in a text that is JSON (`pointers`: targets may be pointers, found by
    /// scanning it) or not (every target is a span already: an XML or CSV sidecar), sorted by
    /// place, with the config's ignores for `ignore_path` applied.
    pub fn place_in(
        &self,
        text: &str,
        pointers: bool,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Vec<Diagnostic> {
        if findings.is_empty() {
            return Vec::new();
        }
        let locator = if pointers {
            Locator::for_findings(text, &findings)
        } else {
            Locator::empty()
        };
        let mut placed: Vec<Diagnostic> = findings
            .into_iter()
            .filter_map(|f| locator.resolve(f, &self.config.settings))
            .collect();
        if let Some(path) = ignore_path {
            self.config.apply_ignores(path, &mut placed);
        }
        placed.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code))
        });
        placed
    }

    /// A file that could not be read, as a file of the report with its PL005 finding (none
    /// when the rule is off or the finding ignored).
    pub fn unreadable(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        reason: &str,
    ) -> Option<CheckedFile> {
        self.textless(
            name,
            ignore_path,
            vec![crate::rules::io_error::finding(reason)],
        )
    }

    /// A file of the report that has no text to show (one that could not be read, a clip),
    /// with these findings at its start; none when every one is off or ignored.
    pub fn textless(
        &self,
        name: String,
        ignore_path: Option<&Path>,
        findings: Vec<Finding>,
    ) -> Option<CheckedFile> {
        let diagnostics = self.place_in("", false, ignore_path, findings);
        (!diagnostics.is_empty()).then(|| CheckedFile {
            path: name,
            source: SourceText {
                text: String::new(),
                has_bom: false,
            },
            diagnostics,
            presets: 0,
            elements: Box::default(),
        })
    }

    /// The rules across presets (PL951, PL952), over every file of a run, each finding
    /// placed in its file (read again when its text was let go) with the config's ignores.
    pub fn judge_across(&self, files: &mut [CheckedFile]) {
        let settings = self.settings();
        // A file's text, read again when its check let it go (a clean file's).
        let mut texts: std::collections::HashMap<usize, String> = Default::default();
        let mut text_of = |f: usize, files: &[CheckedFile]| -> String {
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
        };
        let mut found = Vec::new();
        {
            let run: Vec<crate::preset::RunFile<'_>> = files
                .iter()
                .map(|f| crate::preset::RunFile {
                    path: &f.path,
                    presets: f.presets,
                    elements: &f.elements,
                })
                .collect();
            if settings
                .severity(&crate::rules::element_name_variant::ELEMENT_NAME_VARIANT)
                .is_some()
            {
                let mut entry_text = |f: usize, pointer: &str| -> String {
                    let text = text_of(f, files);
                    let index = crate::document::spans::SpanIndex::scan(&text, [pointer]);
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
                found.extend(crate::rules::element_name_variant::check(
                    &run,
                    &mut entry_text,
                ));
            }
            if settings
                .severity(&crate::rules::duplicate_preset_name::DUPLICATE_PRESET_NAME)
                .is_some()
            {
                found.extend(crate::rules::duplicate_preset_name::check(&run));
            }
        }
        let mut by_file: std::collections::BTreeMap<usize, Vec<Finding>> = Default::default();
        for (f, finding) in found {
            by_file.entry(f).or_default().push(finding);
        }
        for (f, findings) in by_file {
            let path = PathBuf::from(&files[f].path);
            if files[f].source.text.is_empty() {
                files[f].source.text = text_of(f, files);
            }
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
    }

    pub fn unused_ignores(&self, inputs: &[PathBuf]) -> Option<CheckedFile> {
        self.config
            .unused_ignores(self.config.covers_whole_tree(inputs))
    }
}
