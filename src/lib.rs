//! presetlint: lints OffShoot Pro presets for their iconik sidecar settings.
//!
//! The pipeline, in the order a file goes through it:
//! - [`document`]: bytes to a JSON value (fast, strict) and, only when there is something
//!   to report, to a syntax tree with byte ranges;
//! - [`schema`] and [`rules`]: findings addressed by JSON Pointer;
//! - [`locate`]: findings resolved to byte ranges and fixes to text edits ([`diagnostic`]);
//! - [`report`]: one diagnostic model, every output format.

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod docs;
pub mod document;
pub mod elements;
pub mod engine;
pub mod fix;
pub mod input;
pub mod locate;
pub mod lsp;
pub mod preset;
pub mod registry;
pub mod report;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod shown;
pub mod sidecar;
pub mod similarity;
pub mod text;
pub mod values;
pub mod view;
