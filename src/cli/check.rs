//! `presetlint check`: read the inputs, check them in parallel, report, pick the exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::check::{CheckedFile, Origin, check_bytes};
use crate::cli::walk::{Input, inputs};
use crate::cli::{CheckArgs, ColorArg, EXIT_TROUBLE, FormatArg};
use crate::diagnostic::Severity;
use crate::report::{self, Format};
use crate::settings::Settings;

pub fn run(args: CheckArgs) -> miette::Result<ExitCode> {
    let mut settings = Settings::default();
    if let Some(path) = &args.view {
        settings.view = Some(std::sync::Arc::new(crate::view::View::load(path)?));
    }
    let (inputs, mut problems) = inputs(&args.paths);
    let results: Vec<Result<Option<CheckedFile>, String>> = inputs
        .par_iter()
        .map(|input| read_and_check(input, args.stdin_filename.as_deref(), &settings))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(Some(file)) => files.push(file),
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }

    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let format = match args.format {
        FormatArg::Auto if is_terminal => Format::Human,
        FormatArg::Auto => Format::Concise,
        FormatArg::Human => Format::Human,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    report::write(format, &files, color, &mut out)
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
        .map_err(|e| miette::miette!("cannot write the report: {e}"))?;

    for problem in &problems {
        eprintln!("presetlint: error: {problem}");
    }
    let fail_level = Severity::from(args.fail_level);
    let failed = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_level);
    Ok(if !problems.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A reader that went away (`presetlint check | head`) is not an error of ours.
fn ignore_broken_pipe(err: io::Error) -> io::Result<()> {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(err)
    }
}

fn read_and_check(
    input: &Input,
    stdin_name: Option<&str>,
    settings: &Settings,
) -> Result<Option<CheckedFile>, String> {
    let (name, bytes, origin) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            (
                stdin_name.unwrap_or("<stdin>").to_owned(),
                bytes,
                Origin::Named,
            )
        }
        Input::File { path, origin } => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), bytes, *origin)
        }
    };
    Ok(check_bytes(name, bytes, origin, settings))
}
