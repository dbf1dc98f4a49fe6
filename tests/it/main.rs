//! The integration tests, one binary with a module per area: linking one binary instead of
//! twenty keeps `cargo test` quick on two cores. Each module drives the real `presetlint`
//! binary, the library, or the language server over stdio, as a user or an editor would.
//!
//! Unix only: they lean on FIFOs, permissions, other users and Unix error messages. On
//! Windows CI builds presetlint and checks the examples (.github/workflows/ci.yml).
#![cfg(unix)]

mod common;
mod iconik_server;
mod invariants;
mod lsp_client;

mod across;
mod across_fixtures;
mod audit;
mod audit_fixtures;
mod baseline;
mod cli;
mod clip_log;
mod clip_log_fixtures;
mod completions;
mod config;
mod config_schema;
mod docs;
mod docs_gen;
mod engine;
mod faults;
mod filesystems;
mod fix;
mod fixtures;
mod formats;
mod fuzz_regressions;
mod generate;
mod hostile;
mod html_report;
mod iconik_spec;
mod init;
mod layers;
mod lsp;
mod lsp_hostile;
mod mhl;
mod nested_config;
mod paths;
mod preview;
mod progress;
mod properties;
mod readme;
mod readme_audit;
mod readme_clip_log;
mod readme_preview;
mod side_inputs;
mod sidecar_formats;
mod streaming;
mod suite;
mod trust;
mod values_hostile;
mod view_pull;
mod view_rules;
mod vscode;
mod writers;
