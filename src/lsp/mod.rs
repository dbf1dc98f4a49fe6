//! `presetlint lsp`: the language server. The same findings as `presetlint check`, pushed
//! as the user types, with quick fixes, hover and completion.
//!
//! Synchronous, on lsp-server's message types and lsp-types, like rust-analyzer and ruff:
//! - [`transport`]: framing over stdio, surviving garbage;
//! - [`server`]: the handshake, the main loop (debounced, never stale diagnostics), dispatch,
//!   shutdown and exit; [`protocol`]: JSON-RPC errors and the guard that keeps a panicking
//!   handler from ending the server; [`capabilities`]: what the server offers and the file
//!   watchers it asks for;
//! - [`session`]: the workspace's state (engine, library, open documents, config problems),
//!   and [`config_problems`]: those problems as the client is told them;
//! - [`documents`]: open documents under full and incremental sync;
//! - [`position`]: LSP positions in UTF-8, UTF-16 or UTF-32 ↔ byte offsets;
//! - [`diagnostics`], [`code_actions`], [`hover`], [`completion`]: one feature each;
//! - [`outline`]: a tolerant reading of a half-typed preset for hover and completion;
//! - [`config`]: the engine to check with (presetlint.toml, then the initialization options).

pub mod capabilities;
pub mod code_actions;
pub mod completion;
pub mod config;
mod config_problems;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod outline;
pub mod position;
pub mod protocol;
pub mod server;
mod session;
pub mod transport;

use lsp_types::Uri;

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::settings::Settings;
use crate::lsp::diagnostics::Ranges;
use crate::lsp::documents::Document;
use crate::lsp::position::Encoding;

pub use server::serve;

/// Everything a feature needs to answer about one open document.
#[derive(Clone, Copy)]
pub struct OpenDocument<'a> {
    pub uri: &'a Uri,
    /// The path reported for the document, as `presetlint check` would.
    pub path: &'a str,
    pub document: &'a Document,
    /// The findings of the document's current version.
    pub checked: &'a CheckedFile,
    /// What the document was checked with: the workspace's configuration, as `check` has it.
    pub engine: &'a Engine,
    /// The config that governs the document.
    pub config: &'a crate::lint::config::Config,
    pub encoding: Encoding,
    /// Whether the client takes versioned document edits (`documentChanges`).
    pub versioned_edits: bool,
}

impl OpenDocument<'_> {
    /// The settings of the config that governs the document (the nearest presetlint.toml),
    /// as `check` has them.
    pub fn settings(&self) -> &Settings {
        &self.config.settings
    }

    pub fn ranges(&self) -> Ranges<'_> {
        Ranges {
            document: self.document,
            encoding: self.encoding,
        }
    }
}
