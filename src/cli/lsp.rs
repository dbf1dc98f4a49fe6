//! `presetlint lsp`: the language server on standard input and output.

use std::process::ExitCode;

use crate::lsp::transport::Transport;

pub(super) fn run() -> miette::Result<ExitCode> {
    Ok(crate::lsp::serve(Transport::stdio()))
}
