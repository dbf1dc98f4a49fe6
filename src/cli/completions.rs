//! `presetlint completions SHELL`: generated from the clap definition of the command line, so
//! it can never drift from the flags that really exist.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub(super) fn completions(shell: Shell) -> miette::Result<ExitCode> {
    // clap_complete panics when its writer fails (a closed pipe), so it writes to memory.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "presetlint", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)
        .and_then(|()| out.flush())
        .map_err(|e| miette::miette!("cannot write the completions: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
