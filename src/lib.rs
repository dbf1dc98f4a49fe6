//! presetlint: lints OffShoot Pro presets for their iconik sidecar settings.
//!
//! The crate is built in layers, one folder each, that import only downward
//! (tests/it/layers.rs keeps it so):
//! - [`base`]: spans, severities and the rule declaration, text helpers, the one reader, the
//!   one writer, line indexes, the JSON document with its spans and pointers;
//! - [`model`]: elements, presets and their schema, element values, iconik views, ASC MHL
//!   histories, a sidecar read back;
//! - [`iconik`]: iconik's API and the cache of pulled views, behind what `iconik:ID` means;
//! - [`lint`]: settings, rules, registry, placing findings, config, fixes, and
//!   [`lint::engine`], the one way in for every command, the language server and the
//!   playground;
//! - [`output`]: every report format, the sidecars a preset produces, audit, baselines;
//! - front ends: [`lsp`] and [`cli`], which parse, print and pick exit codes.
//!
//! The default `native` feature brings what needs an operating system (the front ends, audit,
//! the writer, walks, iconik's client). Without it the crate builds for
//! wasm32-unknown-unknown, where the browser playground (playground/) runs the same engine on
//! the page's files.
//!
//! A file goes through [`lint::engine::Engine`]: read with a size cap, parsed, judged by the
//! enabled rules by JSON Pointer, and only when there is something to report placed in the
//! text ([`lint::locate`]); the config's ignores drop what a team has accepted.

#![warn(unreachable_pub)]

pub mod base;
#[cfg(feature = "native")]
pub mod cli;
pub mod iconik;
pub mod lint;
#[cfg(feature = "native")]
pub mod lsp;
pub mod model;
pub mod output;
