//! `presetlint lsp`: the language server on standard input and output.

use std::process::ExitCode;

use crate::lsp::transport::Transport;

pub fn run() -> miette::Result<ExitCode> {
    // The editor's first check of a file should not wait for the schema to compile.
    crate::schema::warm_up();
    Ok(crate::lsp::serve(Transport::stdio()))
}
