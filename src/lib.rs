//! presetlint: lints OffShoot Pro presets for their iconik sidecar settings.
//!
//! The crate is built in layers that import only downward (tests/it/layers.rs keeps it so):
//! - leaf types and utilities: [`diagnostic`] (spans, severities, the rule declaration,
//!   findings and diagnostics), [`text`], [`similarity`], [`shown`], [`input`], [`atomic`],
//!   [`lines`], [`excerpt`], [`xml`], [`platform`] (what differs between Unix and Windows);
//! - the document: [`document`] (bytes to a strict JSON value, spans, pointers, positions);
//! - the domain model: [`elements`], [`preset`], [`schema`], [`values`], [`view`],
//!   [`iconik`] (views from iconik's API), [`mhl`] (ASC MHL histories), [`sidecar_file`]
//!   (a sidecar read back);
//! - linting: [`settings`], [`rules`], [`registry`], [`locate`], [`check`], [`config`],
//!   [`fix`], and [`engine`], the one way in for every command and the language server;
//! - outputs: [`report`] (one diagnostic model, every format), [`sidecar`], [`audit`] (the
//!   sidecars on a destination), [`baseline`];
//! - front ends: [`lsp`] and [`cli`].
//!
//! The default `native` feature brings what needs an operating system ([`cli`], [`lsp`],
//! [`audit`], the writer, walks, iconik's client). Without it the crate builds for
//! wasm32-unknown-unknown, where the browser playground (playground/) runs the same engine on
//! the page's files.
//!
//! A file goes through [`engine::Engine`]: read with a size cap, parsed, judged by the
//! enabled rules by JSON Pointer, and only when there is something to report placed in the
//! text ([`locate`]); the config's ignores drop what a team has accepted.

pub mod atomic;
#[cfg(feature = "native")]
pub mod audit;
pub mod baseline;
pub mod check;
#[cfg(feature = "native")]
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod elements;
pub mod engine;
pub mod excerpt;
pub mod fix;
pub mod iconik;
pub mod input;
pub mod lines;
pub mod locate;
#[cfg(feature = "native")]
pub mod lsp;
pub mod mhl;
pub mod platform;
pub mod preset;
pub mod registry;
pub mod report;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod shown;
pub mod sidecar;
pub mod sidecar_file;
pub mod similarity;
pub mod text;
pub mod values;
pub mod view;
pub mod xml;
