//! presetlint: lints OffShoot Pro presets for their iconik sidecar settings.
//!
//! The crate is built in layers, one folder each, that import only downward
//! (tests/it/layers.rs keeps it so):
//! - [`base`]: spans, severities and the rule declaration, text helpers, the one reader, the
//!   one writer, line indexes, the JSON document with its spans and pointers;
//! - [`model`]: elements, presets and their schema, element values, iconik views, ASC MHL
//!   histories, a sidecar read back;
//! - [`iconik`]: iconik's API and the cache of pulled views, behind what `iconik:ID` means;
//! - [`lint`]: settings, rules, registry, placing findings, config, fixes,
//!   [`lint::engine`], the one way in for every command, the language server and the
//!   playground, and [`lint::run`], one run of `check` over any number of inputs;
//! - [`output`]: every report format, the sidecars a preset produces, audit, baselines;
//! - front ends: [`lsp`] and [`cli`], which parse, print and pick exit codes.
//!
//! A layer's modules are entered through their façades: a module folder's mod.rs re-exports
//! what the layers above use, and its files are private or visible within their layer only
//! (`pub(in crate::lint)`), so the compiler keeps the rest out. The one exception is
//! [`lint::rules`], whose files are the rules, each named by other layers by its module.
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
// The documentation is the house's, read with `cargo doc --document-private-items`: a module's
// page links to the private files behind its façade.
#![allow(rustdoc::private_intra_doc_links)]

pub mod base;
#[cfg(feature = "native")]
pub mod cli;
pub mod iconik;
pub mod lint;
#[cfg(feature = "native")]
pub mod lsp;
pub mod model;
pub mod output;
