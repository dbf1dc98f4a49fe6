//! What the server checks with: the engine of the workspace's presetlint.toml (settings,
//! ignores, view, found as `check` finds it from the current directory), with the editor's
//! `initializationOptions` on top.

use std::path::{Path, PathBuf};

use lsp_types::{FileEvent, InitializeParams, Uri};
use serde::Deserialize;

use crate::lint::engine::{ConfigSource, Engine};
use crate::lint::rules::schema_violation::SCHEMA_VIOLATION;
use crate::lsp::documents::display_path;

/// The configuration file, looked for in the workspace folder.
pub const CONFIG_FILE: &str = "presetlint.toml";

/// `initializationOptions`, e.g. `{"schemaFindings": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InitOptions {
    /// `false` switches off PL004 for editors whose JSON support validates the schema
    /// already, so that a wrong type is not reported twice.
    pub schema_findings: bool,
}

impl Default for InitOptions {
    fn default() -> InitOptions {
        InitOptions {
            schema_findings: true,
        }
    }
}

impl InitOptions {
    /// Reads the options; ones that do not parse are reported and replaced by the defaults,
    /// since an editor's typo should not stop linting.
    pub fn from_params(options: Option<serde_json::Value>) -> InitOptions {
        match options {
            None | Some(serde_json::Value::Null) => InitOptions::default(),
            Some(value) => serde_json::from_value(value).unwrap_or_else(|err| {
                eprintln!("presetlint lsp: ignoring initializationOptions: {err}");
                InitOptions::default()
            }),
        }
    }
}

/// The workspace folder the configuration is read from: the first workspace folder, or the
/// (deprecated) root URI of older clients.
pub fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    #[allow(deprecated)]
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(params.root_uri.as_ref())?;
    is_file(uri).then(|| PathBuf::from(display_path(uri)))
}

/// What the user must hear of the workspace's presetlint.toml: a mistake that made the server
/// lint with the defaults, or a note (a view not cached yet), at its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The config file.
    pub path: PathBuf,
    /// The byte offset of the mistake in it.
    pub offset: usize,
    pub message: String,
    /// A mistake (the defaults are used), or a note.
    pub is_error: bool,
}

/// The engine to check with, and what is wrong with the config. The config file is read
/// first; the editor's options apply on top of it. A change to presetlint.toml calls this
/// again and re-checks every open document.
pub fn engine(root: Option<&Path>, options: &InitOptions) -> (Engine, Vec<ConfigProblem>) {
    let (mut engine, problems) = match root {
        Some(root) => workspace_engine(root),
        None => (
            Engine::new(crate::lint::config::Config::defaults(Path::new("/"))),
            Vec::new(),
        ),
    };
    // With a config file there is a library to judge each document against, as `check`
    // judges one file of it (read when a document first needs it).
    engine.across_presets = engine.wants_library(false);
    if !options.schema_findings {
        // Over every config the engine finds, nested ones included.
        let off = [SCHEMA_VIOLATION.code.to_owned()];
        if let Err(report) = engine.select(&[], &off) {
            eprintln!("presetlint lsp: {report}");
        }
    }
    (engine, problems)
}

/// The engine of the presetlint.toml found from the workspace folder. A broken config gives
/// the defaults, and a problem to show: an editor keeps linting while the file is being
/// edited, and says why it lints as CI would not.
fn workspace_engine(root: &Path) -> (Engine, Vec<ConfigProblem>) {
    let limit = crate::base::input::DEFAULT_MAX_FILE_SIZE;
    // An edit never waits on the network: a view `iconik:ID` is the cached copy or none.
    match Engine::load_with(
        ConfigSource::Discover,
        root,
        limit,
        crate::iconik::Remote::CachedOnly,
    ) {
        Ok(engine) => {
            // The editor's log (the server's standard error), as before there was a sink.
            engine.warnings.send_to(|warning| {
                eprintln!(
                    "presetlint: warning: {}",
                    crate::base::shown::escape_controls(warning)
                );
            });
            let problems = match &engine.config.file {
                Some(file) => engine
                    .config
                    .notes
                    .iter()
                    .map(|(offset, note)| ConfigProblem {
                        path: root.join(&file.display_path),
                        offset: *offset,
                        message: note.clone(),
                        is_error: false,
                    })
                    .collect(),
                None => Vec::new(),
            };
            (engine, problems)
        }
        Err(report) => {
            eprintln!(
                "presetlint lsp: ignoring the config file: {}",
                crate::base::shown::escape_controls(&report.to_string())
            );
            let problem = report
                .downcast_ref::<crate::lint::config::ConfigError>()
                .map(|error| {
                    let (name, offset) = error.at();
                    ConfigProblem {
                        path: root.join(name),
                        offset,
                        message: error.message().to_owned(),
                        is_error: true,
                    }
                })
                .or_else(|| {
                    // Not placed in the file (it could not be read): said on the file's start.
                    crate::lint::config::discover(root).map(|(path, _)| ConfigProblem {
                        path,
                        offset: 0,
                        message: report.to_string(),
                        is_error: true,
                    })
                });
            (
                Engine::new(crate::lint::config::Config::defaults(root)),
                problem.into_iter().collect(),
            )
        }
    }
}

/// Whether a watched-file event is about a presetlint.toml.
pub fn is_config_change(event: &FileEvent) -> bool {
    display_path(&event.uri)
        .rsplit(['/', '\\'])
        .next()
        .is_some_and(|name| name == CONFIG_FILE)
}

/// Whether a watched-file event is about a preset (another one of the library).
pub fn is_preset_change(event: &FileEvent) -> bool {
    crate::lint::engine::is_preset_name(std::path::Path::new(&display_path(&event.uri)))
}

fn is_file(uri: &Uri) -> bool {
    uri.scheme()
        .is_some_and(|scheme| scheme.as_str().eq_ignore_ascii_case("file"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::FileChangeType;

    #[test]
    fn schema_findings_can_be_switched_off() {
        let off = InitOptions::from_params(Some(serde_json::json!({"schemaFindings": false})));
        assert!(!off.schema_findings);
        assert_eq!(
            engine(None, &off).0.settings().severity(&SCHEMA_VIOLATION),
            None
        );
        let on = InitOptions::from_params(None);
        assert!(
            engine(None, &on)
                .0
                .settings()
                .severity(&SCHEMA_VIOLATION)
                .is_some()
        );
        // A wrong type is reported on stderr and the defaults stand.
        assert_eq!(
            InitOptions::from_params(Some(serde_json::json!({"schemaFindings": "no"}))),
            InitOptions::default()
        );
    }

    #[test]
    fn config_changes_are_recognised_by_name() {
        let event = |uri: &str| FileEvent::new(uri.parse().unwrap(), FileChangeType::CHANGED);
        assert!(is_config_change(&event("file:///w/presetlint.toml")));
        assert!(!is_config_change(&event("file:///w/other.toml")));
    }
}
