//! Where `check` writes its report and in which format `auto` means. Everything that depends on
//! the process's environment is read once into [`Environment`], so that the choices can be
//! tested with any environment.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::base::atomic::{self, FileId, Guard};
use crate::base::diagnostic::Severity;
use crate::base::spool::Spool;
use crate::cli::{ColorArg, FormatArg, ReportArgs};
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::output::report::{self, Format, Summary};
use crate::output::report::{Sink, StepSummary};

impl ReportArgs {
    /// `--fail-level`, else the config's, else error.
    pub fn fail_level(&self, engine: &Engine) -> Severity {
        self.fail_level
            .or(engine.config.fail_level)
            .unwrap_or(Severity::Error)
    }
}

/// Writes the report as `--format`, `--output-file` and `--color` ask: to standard output
/// (standard error with `to_stderr`), or atomically into the file, which may be none of
/// `inputs`; then, as a GitHub step, the job summary. The whole report of files held at once
/// (`audit`'s); `check` feeds a [`Reporter`] a file at a time.
pub(super) fn emit(
    args: &ReportArgs,
    configured: Option<&str>,
    files: &[CheckedFile],
    summary: &Summary,
    inputs: &[FileId],
    to_stderr: bool,
    cwd: &Path,
) -> miette::Result<()> {
    let mut reporter = Reporter::start(args, configured, to_stderr, cwd)?;
    for file in files {
        reporter.file(file)?;
    }
    reporter.finish(summary, inputs)
}

/// Where the report goes.
enum Target {
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    Stderr(io::StderrLock<'static>),
    /// `--output-file`: kept until the end, then put in place at once.
    File(PathBuf, Spool),
}

/// The report's target, and whether its reader went away (`presetlint check | head`): the
/// rest is not written, and that is not an error of ours.
struct Output {
    target: Target,
    closed: bool,
}

impl Output {
    /// Writes to the target; a reader that went away ends the writing, not the run.
    fn write(&mut self, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> miette::Result<()> {
        if self.closed {
            return Ok(());
        }
        let written = match &mut self.target {
            Target::Stdout(out) => f(out),
            Target::Stderr(out) => f(out),
            Target::File(path, spool) => {
                return spool.writer().and_then(f).map_err(|e| {
                    miette::miette!(
                        "cannot write the report to {}: {e}",
                        crate::base::shown::path(path)
                    )
                });
            }
        };
        match written {
            Err(e) if is_closed_pipe(&e) => {
                self.closed = true;
                Ok(())
            }
            other => other.map_err(|e| miette::miette!("cannot write the report: {e}")),
        }
    }
}

/// A report being written, a file at a time, in the format the run asks for.
pub(super) struct Reporter {
    /// None when the reader went away before the report's head.
    sink: Option<Box<dyn Sink>>,
    output: Output,
    /// GitHub's job summary, as a GitHub step.
    step_summary: Option<(PathBuf, StepSummary)>,
}

impl Reporter {
    pub(super) fn start(
        args: &ReportArgs,
        configured: Option<&str>,
        to_stderr: bool,
        cwd: &Path,
    ) -> miette::Result<Reporter> {
        let env = Environment::from_process();
        let is_terminal = env.stdout_is_terminal && args.output_file.is_none();
        let format = resolve_format(
            chosen_format(args, &env, configured)?,
            &env,
            args.output_file.is_some(),
        );
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => is_terminal && !env.no_color,
        };
        let target = match &args.output_file {
            Some(path) => Target::File(path.clone(), Spool::new()),
            None if to_stderr => Target::Stderr(io::stderr().lock()),
            None => Target::Stdout(io::BufWriter::new(io::stdout().lock())),
        };
        let step_summary = match (format, &env.step_summary) {
            (Format::Github, Some(path)) => {
                Some((path.clone(), StepSummary::new(Some(cwd.to_path_buf()))))
            }
            _ => None,
        };
        let mut output = Output {
            target,
            closed: false,
        };
        let mut sink = None;
        output.write(|out| {
            sink = Some(report::start(format, color, out)?);
            Ok(())
        })?;
        Ok(Reporter {
            sink,
            output,
            step_summary,
        })
    }

    /// Reports one file.
    pub(super) fn file(&mut self, file: &CheckedFile) -> miette::Result<()> {
        if let Some(sink) = &mut self.sink {
            self.output.write(|out| sink.file(file, out))?;
        }
        if let Some((path, step)) = &mut self.step_summary {
            let mut nowhere = io::sink();
            if let Err(e) = step.file(file, &mut nowhere) {
                warn_step_summary(path, &e);
                self.step_summary = None;
            }
        }
        Ok(())
    }

    /// Ends the report (`summary` counts the run): into `--output-file`, which may be none
    /// of `inputs`, with the summary sentence on standard error; then the job summary.
    pub(super) fn finish(mut self, summary: &Summary, inputs: &[FileId]) -> miette::Result<()> {
        if let Some(sink) = &mut self.sink {
            self.output.write(|out| sink.end(summary, out))?;
        }
        match &mut self.output.target {
            Target::Stdout(out) => {
                if !self.output.closed {
                    out.flush()
                        .or_else(ignore_broken_pipe)
                        .map_err(|e| miette::miette!("cannot write the report: {e}"))?;
                }
            }
            Target::Stderr(_) => {}
            Target::File(path, spool) => {
                let written = std::mem::take(spool)
                    .into_reader()
                    .map_err(atomic::WriteError::Io)
                    .and_then(|mut content| {
                        atomic::write_from(path, &mut content, Guard::NotOneOf(inputs))
                    });
                written.map_err(|e| {
                    miette::miette!(
                        "cannot write the report to {}: {e}",
                        crate::base::shown::path(path)
                    )
                })?;
                eprintln!("{}", summary.sentence());
            }
        }
        if let Some((path, mut step)) = self.step_summary.take() {
            // The annotations are out already; a summary that cannot be written is worth a
            // warning, not a failed run.
            let written = open_for_append(&path).and_then(|mut file| step.end(summary, &mut file));
            if let Err(e) = written {
                warn_step_summary(&path, &e);
            }
        }
        Ok(())
    }
}

fn warn_step_summary(path: &Path, e: &io::Error) {
    eprintln!(
        "presetlint: warning: cannot write the job summary to {}: {e}",
        path.display()
    );
}

/// The line a concise or machine report ends with on standard error, as ruff's does:
/// `Found 3 errors, 1 warning (2 fixable with --fix).` or `All checks passed.` None for the
/// human report (its summary is its last line) and into --output-file (which says the
/// summary sentence instead).
pub(super) fn closing_line(
    args: &ReportArgs,
    configured: Option<&str>,
    counts: &Counts,
) -> miette::Result<Option<String>> {
    let env = Environment::from_process();
    let format = resolve_format(
        chosen_format(args, &env, configured)?,
        &env,
        args.output_file.is_some(),
    );
    if format == Format::Human || args.output_file.is_some() {
        return Ok(None);
    }
    let Counts {
        errors,
        warnings,
        infos,
        fixable,
        unsafe_fixable,
    } = *counts;
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "info")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| crate::output::report::plural(n, word))
        .collect();
    Ok(Some(if parts.is_empty() {
        "All checks passed.".to_owned()
    } else {
        // As ruff says it: what --fix fixes, and what only --unsafe-fixes would.
        let fixes = match (fixable, unsafe_fixable) {
            (0, 0) => String::new(),
            (n, 0) => format!(" ({n} fixable with --fix)"),
            (0, u) => format!(" ({u} fixable with --fix --unsafe-fixes)"),
            (n, u) => format!(" ({n} fixable with --fix, {u} more with --unsafe-fixes)"),
        };
        format!("Found {}{fixes}.", parts.join(", "))
    }))
}

/// A run's findings by severity, and how many `--fix` can fix.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub fixable: usize,
    /// Findings whose fix only `--unsafe-fixes` applies.
    pub unsafe_fixable: usize,
}

impl Counts {
    pub(super) fn add(&mut self, file: &CheckedFile) {
        for d in &file.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.safety) {
                Some(crate::base::diagnostic::Safety::Safe) => self.fixable += 1,
                Some(crate::base::diagnostic::Safety::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }
}

/// The format asked for: `--format`, else PRESETLINT_OUTPUT_FORMAT, else the config's
/// `output-format` (`configured`), else auto.
pub(super) fn chosen_format(
    args: &ReportArgs,
    env: &Environment,
    configured: Option<&str>,
) -> miette::Result<FormatArg> {
    use clap::ValueEnum;
    if let Some(format) = args.format {
        return Ok(format);
    }
    if let Some(name) = &env.output_format {
        return FormatArg::from_str(name, true).map_err(|_| {
            miette::miette!(
                "PRESETLINT_OUTPUT_FORMAT is {}; it takes {}",
                crate::base::text::quoted(name),
                crate::lint::config::format_names().join(", ")
            )
        });
    }
    Ok(configured
        .and_then(|name| FormatArg::from_str(name, true).ok())
        .unwrap_or(FormatArg::Auto))
}

/// A reader that went away (`presetlint check | head`) is not an error of ours.
pub(super) fn ignore_broken_pipe(err: io::Error) -> io::Result<()> {
    if is_closed_pipe(&err) {
        Ok(())
    } else {
        Err(err)
    }
}

/// A text on standard output; a reader that went away is not an error of ours.
pub(super) fn print_stdout(text: &str) -> miette::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
        .map_err(|e| miette::miette!("cannot write to standard output: {e}"))
}

/// A reader that went away (`presetlint ... | head`): a broken pipe, or on Windows its own
/// words for one, ERROR_NO_DATA (232) and ERROR_PIPE_NOT_CONNECTED (233), which `head`
/// closing early gives there.
pub(super) fn is_closed_pipe(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(err.raw_os_error(), Some(232 | 233)))
}

/// What the report choices depend on, read from the process once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Environment {
    /// `GITHUB_ACTIONS=true`: running as a GitHub Actions step.
    pub github_actions: bool,
    /// `GITHUB_STEP_SUMMARY`: the file GitHub shows as the job summary.
    pub step_summary: Option<PathBuf>,
    pub stdout_is_terminal: bool,
    /// `NO_COLOR` set to anything but the empty string.
    pub no_color: bool,
    /// `TF_BUILD=True`: running in Azure Pipelines.
    pub azure_pipelines: bool,
    /// `PRESETLINT_OUTPUT_FORMAT`.
    pub output_format: Option<String>,
}

impl Environment {
    pub(super) fn from_process() -> Environment {
        Environment::from_vars(|name| std::env::var_os(name), io::stdout().is_terminal())
    }

    /// The environment as given by a variable lookup.
    pub(super) fn from_vars(
        var: impl Fn(&str) -> Option<OsString>,
        stdout_is_terminal: bool,
    ) -> Self {
        Environment {
            github_actions: var("GITHUB_ACTIONS").is_some_and(|v| v == "true"),
            step_summary: var("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            stdout_is_terminal,
            no_color: var("NO_COLOR").is_some_and(|v| !v.is_empty()),
            azure_pipelines: var("TF_BUILD").is_some_and(|v| v.eq_ignore_ascii_case("true")),
            output_format: var("PRESETLINT_OUTPUT_FORMAT")
                .filter(|v| !v.is_empty())
                .map(|v| v.to_string_lossy().into_owned()),
        }
    }
}

/// The format `--format` asks for. `auto` is `github` in GitHub Actions, `human` on a terminal
/// and `concise` otherwise; with `--output-file` it is `concise`, since workflow commands only
/// work on standard output and a file is no terminal.
pub(super) fn resolve_format(arg: FormatArg, env: &Environment, to_file: bool) -> Format {
    match arg {
        FormatArg::Auto if to_file => Format::Concise,
        FormatArg::Auto if env.github_actions => Format::Github,
        FormatArg::Auto if env.azure_pipelines => Format::Azure,
        FormatArg::Auto if env.stdout_is_terminal => Format::Human,
        FormatArg::Auto => Format::Concise,
        FormatArg::Report(format) => format,
    }
}

/// Opens the job summary for appending: other steps write to the same file.
pub(super) fn open_for_append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)], terminal: bool) -> Environment {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        Environment::from_vars(
            |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            terminal,
        )
    }

    #[test]
    fn auto_is_github_in_actions_human_on_a_terminal_and_concise_otherwise() {
        let actions = env(&[("GITHUB_ACTIONS", "true")], false);
        assert_eq!(
            resolve_format(FormatArg::Auto, &actions, false),
            Format::Github
        );
        let terminal = env(&[("GITHUB_ACTIONS", "false")], true);
        assert_eq!(
            resolve_format(FormatArg::Auto, &terminal, false),
            Format::Human
        );
        let pipe = env(&[], false);
        assert_eq!(
            resolve_format(FormatArg::Auto, &pipe, false),
            Format::Concise
        );
    }

    #[test]
    fn auto_into_a_file_is_concise() {
        let actions = env(&[("GITHUB_ACTIONS", "true")], true);
        assert_eq!(
            resolve_format(FormatArg::Auto, &actions, true),
            Format::Concise
        );
        assert_eq!(
            resolve_format(FormatArg::Report(Format::Sarif), &actions, true),
            Format::Sarif
        );
    }

    #[test]
    fn reads_the_step_summary_and_no_color() {
        let e = env(
            &[
                ("GITHUB_STEP_SUMMARY", "/tmp/summary.md"),
                ("NO_COLOR", "1"),
            ],
            false,
        );
        assert_eq!(e.step_summary, Some(PathBuf::from("/tmp/summary.md")));
        assert!(e.no_color && !e.github_actions);
        assert!(!env(&[("NO_COLOR", "")], false).no_color);
    }
}
