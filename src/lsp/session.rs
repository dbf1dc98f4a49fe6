//! The workspace as one session sees it: the engine its presetlint.toml makes, the library of
//! presets for the rules across presets, the open documents, and what is wrong with the
//! config. The protocol around it is [`crate::lsp::server`]'s.

use std::path::PathBuf;

use lsp_types::{InitializeParams, Uri};

use crate::lint::engine::Engine;
use crate::lint::engine::Library;
use crate::lsp::OpenDocument;
use crate::lsp::config::{self, ConfigProblem, InitOptions};
use crate::lsp::documents::{Documents, display_path};
use crate::lsp::position::Encoding;

pub(crate) struct Session {
    pub(crate) encoding: Encoding,
    options: InitOptions,
    root: Option<PathBuf>,
    engine: Engine,
    /// The presets under the workspace config's folder, for the rules across presets (read
    /// at the first check that needs them, again after a preset or config file changes).
    pub(crate) library: Option<Library>,
    pub(crate) documents: Documents,
    /// Whether the client takes versioned document edits (`documentChanges`).
    versioned_edits: bool,
    /// What is wrong with the workspace's presetlint.toml, told once the client is ready.
    pub(crate) config_problems: Vec<ConfigProblem>,
}

impl Session {
    pub(crate) fn new(params: &InitializeParams) -> Session {
        let capabilities = &params.capabilities;
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        let options = InitOptions::from_params(params.initialization_options.clone());
        let root = config::workspace_root(params);
        let (engine, config_problems) = config::engine(root.as_deref(), &options);
        Session {
            encoding: Encoding::negotiate(offered),
            engine,
            config_problems,
            library: None,
            options,
            root,
            documents: Documents::default(),
            versioned_edits: capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
        }
    }

    /// presetlint.toml changed: the settings read again, the library forgotten.
    pub(crate) fn reload(&mut self) {
        let (engine, problems) = config::engine(self.root.as_deref(), &self.options);
        self.engine = engine;
        self.config_problems = problems;
        self.library = None;
    }

    /// Runs `f` on an open document with the findings of its current version.
    pub(crate) fn with_open<T>(
        &mut self,
        uri: &Uri,
        f: impl FnOnce(OpenDocument<'_>) -> T,
    ) -> Option<T> {
        let path = display_path(uri);
        let file = self.documents.get_mut(uri)?;
        // A nested presetlint.toml that does not load is said, and the workspace's governs.
        let config = self
            .engine
            .config_of(Some(std::path::Path::new(&path)))
            .unwrap_or_else(|report| {
                eprintln!(
                    "presetlint lsp: ignoring a config file: {}",
                    crate::base::shown::escape_controls(&report.to_string())
                );
                self.engine.config_for(Some(std::path::Path::new(&path)))
            });
        if self.engine.across_presets && self.library.is_none() {
            let paths = self.engine.library_paths(std::iter::empty());
            self.library = Some(self.engine.read_library(&paths));
        }
        let library = self.library.get_or_insert_default();
        let (document, checked) = file.checked(&path, &self.engine, library);
        Some(f(OpenDocument {
            uri,
            path: &path,
            document,
            checked,
            engine: &self.engine,
            config: &config,
            encoding: self.encoding,
            versioned_edits: self.versioned_edits,
        }))
    }
}
