//! What the server checks with: the workspace's presetlint.toml and the editor's
//! `initializationOptions`, combined into one [`Settings`].

use std::path::{Path, PathBuf};

use lsp_types::{FileEvent, InitializeParams, Uri};
use serde::Deserialize;

use crate::lsp::documents::display_path;
use crate::rules::schema_violation::SCHEMA_VIOLATION;
use crate::settings::Settings;

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

/// The settings to check with. The config file is read first; the editor's options apply
/// on top of it.
pub fn settings(root: Option<&Path>, options: &InitOptions) -> Settings {
    let mut settings = root.map(workspace_config).unwrap_or_default();
    if !options.schema_findings {
        settings.levels.insert(SCHEMA_VIOLATION.code, None);
    }
    settings
}

/// The settings of the presetlint.toml found from the workspace folder (as `check` finds it
/// from the current directory). A broken config is reported on stderr and the defaults are
/// used: an editor keeps linting while the file is being edited. A change to presetlint.toml
/// calls [`settings`] again and re-checks every open document.
fn workspace_config(root: &Path) -> Settings {
    let Some((path, shown)) = crate::config::discover(root) else {
        return Settings::default();
    };
    match crate::config::Config::load(&path, shown, root) {
        Ok(config) => config.settings,
        Err(report) => {
            eprintln!("presetlint lsp: ignoring the config file: {report:?}");
            Settings::default()
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
        assert_eq!(settings(None, &off).severity(&SCHEMA_VIOLATION), None);
        let on = InitOptions::from_params(None);
        assert!(settings(None, &on).severity(&SCHEMA_VIOLATION).is_some());
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
