//! `presetlint check`: read the inputs, check them in parallel, report, pick the exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::check::{CheckedFile, Origin, check_bytes};
use crate::cli::output::{self, Environment};
use crate::cli::walk::{Input, inputs};
use crate::cli::{CheckArgs, ColorArg, EXIT_TROUBLE};
use crate::diagnostic::Severity;
use crate::input;
use crate::report::{self, Format, Summary};
use crate::settings::Settings;

pub fn run(args: CheckArgs) -> miette::Result<ExitCode> {
    let settings = Settings::default();
    let (inputs, mut problems) = inputs(&args.paths);
    let results: Vec<Result<Option<CheckedFile>, String>> = inputs
        .par_iter()
        .map(|input| {
            let mut checked = read_and_check(
                input,
                args.stdin_filename.as_deref(),
                args.max_file_size,
                &settings,
            );
            // A clean file's text is not needed for the report: keeping it would hold every
            // preset of a large run in memory at once.
            if let Ok(Some(file)) = &mut checked
                && file.diagnostics.is_empty()
            {
                file.source.text = String::new();
            }
            checked
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(Some(file)) => files.push(file),
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }

    let env = Environment::from_process();
    let is_terminal = env.stdout_is_terminal && args.output_file.is_none();
    let format = output::resolve_format(args.format, &env, args.output_file.is_some());
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_terminal && !env.no_color,
    };
    if let Some(path) = &args.output_file {
        let mut report = Vec::new();
        report::write(format, &files, color, &mut report)
            .and_then(|()| output::write_atomically(path, &report))
            .map_err(|e| miette::miette!("cannot write the report to {}: {e}", path.display()))?;
        eprintln!("{}", Summary::of(&files).sentence());
    } else {
        let mut out = io::BufWriter::new(io::stdout().lock());
        report::write(format, &files, color, &mut out)
            .and_then(|()| out.flush())
            .or_else(ignore_broken_pipe)
            .map_err(|e| miette::miette!("cannot write the report: {e}"))?;
    }
    if let (Format::Github, Some(path)) = (format, &env.step_summary) {
        // The annotations are out already; a summary that cannot be written is worth a
        // warning, not a failed check.
        let base = std::env::current_dir().ok();
        let written = output::open_for_append(path).and_then(|mut file| {
            report::github::write_step_summary(&files, base.as_deref(), &mut file)
        });
        if let Err(e) = written {
            eprintln!(
                "presetlint: warning: cannot write the job summary to {}: {e}",
                path.display()
            );
        }
    }

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
    max_file_size: u64,
    settings: &Settings,
) -> Result<Option<CheckedFile>, String> {
    let (name, bytes, origin) = match input {
        Input::Stdin => {
            let bytes = input::read_limited(io::stdin().lock(), max_file_size)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            (
                stdin_name.unwrap_or("<stdin>").to_owned(),
                bytes,
                Origin::Named,
            )
        }
        Input::File { path, origin } => {
            let bytes = input::read_file(path, max_file_size)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), bytes, *origin)
        }
    };
    Ok(check_bytes(name, bytes, origin, settings))
}
