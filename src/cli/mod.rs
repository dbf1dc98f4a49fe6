//! The command line: arguments (clap), dispatch, exit codes. Every flag is documented here,
//! in one place; `presetlint help` and the README are drawn from it.
//!
//! Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage
//! error, or a path that could not be read (the other paths are still checked).

mod audit;
pub mod changed;
mod check;
mod completions;
mod engine_args;
mod fix;
mod generate;
mod init;
mod lsp;
mod man;
mod output;
mod preview;
mod progress;
mod rule;
mod show;
mod sidecar_args;
mod value_enums;
mod view;
mod walk;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::base::diagnostic::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "presetlint",
    // The version and the commit it was built from (build.rs).
    version = env!("PRESETLINT_VERSION"),
    about = "Lints OffShoot Pro presets for their iconik sidecar settings",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check presets (*.hedge, *.json): files, directories (recursively), or - for stdin.
    Check(CheckArgs),
    /// Explain one rule by code or name, or list every rule.
    Rule(RuleArgs),
    /// Print the bundled JSON Schema of a preset, or with --config that of presetlint.toml.
    Schema {
        /// The schema of presetlint.toml (for taplo, Even Better TOML, SchemaStore).
        #[arg(long)]
        config: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// E.g. `presetlint completions bash > ~/.local/share/bash-completion/completions/presetlint`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): `presetlint man > presetlint.1`, `presetlint man check`, or
    /// every page with `--output-dir DIR`.
    Man {
        /// The command whose page to print (`check`, `view pull`); none: the main page.
        command: Vec<String>,
        /// Write every page (presetlint.1, presetlint-check.1, ...) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        output_dir: Option<PathBuf>,
    },
    /// Run the language server (LSP) over standard input and output, for editors.
    Lsp,
    /// Show whether a clip gets an iconik sidecar from a preset, where, why, and its content.
    Preview(preview::PreviewArgs),
    /// Write the iconik sidecars of the clips already on destinations.
    Generate(generate::GenerateArgs),
    /// Check the sidecars already on destinations, before iconik's gateway scans them.
    Audit(audit::AuditArgs),
    /// Make a preset from a metadata view: its sidecar elements mirror the view's writable
    /// fields, and a presetlint.toml names the view. Never replaces a file.
    Init(init::InitArgs),
    /// The iconik metadata view, from iconik's API: `view pull VIEW_ID`, `view list`.
    View(view::ViewArgs),
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("fix_or_diff").args(["fix", "diff"]).multiple(true))]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads a preset from standard input.
    /// Directories are walked recursively for *.hedge and *.json, honouring .gitignore and
    /// .ignore. No path: the current directory.
    paths: Vec<PathBuf>,

    #[command(flatten)]
    report: ReportArgs,

    /// The file name to report for a preset read from standard input (`-`).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,

    #[command(flatten)]
    engine: engine_args::EngineArgs,

    /// Apply every safe fix in place, then report what remains. A preset read from - is
    /// printed fixed on standard output, and the report goes to standard error.
    #[arg(long)]
    fix: bool,

    /// With --fix or --diff: apply unsafe fixes too.
    #[arg(long, requires = "fix_or_diff")]
    unsafe_fixes: bool,

    /// Print what --fix would change as a unified diff, and write nothing (no report; exit 1
    /// when there is something to fix).
    #[arg(long)]
    diff: bool,

    /// Report only the findings this baseline does not hold (`baseline = "..."` in
    /// presetlint.toml names one too; the flag wins).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,

    /// Write the run's findings to this baseline file (sorted JSON, one a line) and exit 0:
    /// later runs with --baseline report only new ones.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,

    /// Check the presets staged in git (the paths given, if any, narrow them): what a
    /// pre-commit hook wants.
    #[arg(long, conflicts_with = "changed_since")]
    staged: bool,

    /// Check the presets changed since this commit or branch (committed or not) and the
    /// untracked ones: what a pull request's CI wants, e.g. --changed-since origin/main.
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,

    /// Print how many findings each rule made (and how many --fix can fix) instead of the
    /// findings: a table, or with --format json a JSON array. The exit code is as without it.
    #[arg(long, conflicts_with = "fix_or_diff")]
    statistics: bool,

    /// Print the files the run would check, each with the presetlint.toml that governs it,
    /// and check nothing (as ruff's --show-files).
    #[arg(long, conflicts_with_all = ["fix_or_diff", "statistics", "show_settings"])]
    show_files: bool,

    /// Print the settings that govern the first path given (or the current folder): the
    /// config file, the fail level, the view and every rule's severity; check nothing (as
    /// ruff's --show-settings).
    #[arg(long, conflicts_with_all = ["fix_or_diff", "statistics"])]
    show_settings: bool,
}

/// How `check` and `audit` report: one set of options for both.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Report format [default: PRESETLINT_OUTPUT_FORMAT, else the config's output-format, else
    /// auto]. auto: github in GitHub Actions (GITHUB_ACTIONS=true), azure in Azure Pipelines
    /// (TF_BUILD=True), human on a terminal, concise otherwise (and always concise into
    /// --output-file). `--output-format` is the same flag, as ruff names it.
    #[arg(long, value_enum, visible_alias = "output-format")]
    format: Option<FormatArg>,

    /// Write the report to this file (replaced atomically) instead of standard output; a
    /// one-line summary still goes to standard error.
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,

    /// When to colour the human report. auto: on a terminal, unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,

    /// The lowest severity that makes the exit code 1 [default: the config's fail-level, or
    /// error].
    #[arg(long, value_enum)]
    fail_level: Option<Severity>,

    /// Exit 0 even when there are findings at or above the fail level (2 still says the run
    /// itself went wrong: a file that could not be read, a usage error).
    #[arg(long)]
    exit_zero: bool,
}

impl ReportArgs {
    /// The exit code for a run whose findings `failed` (or not), `--exit-zero` honoured.
    pub fn exit_for(&self, failed: bool) -> ExitCode {
        if failed && !self.exit_zero {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

#[derive(Debug, clap::Args)]
struct RuleArgs {
    /// A rule's code (PL101) or name (list-in-string). None: list every rule.
    #[arg(value_parser = value_enums::RuleSelector, hide_possible_values = true)]
    rule: Option<String>,
}

/// `--format`: `auto`, or a report format by the name the one list gives it
/// ([`crate::output::report::Format::NAMED`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormatArg {
    Auto,
    Report(crate::output::report::Format),
}

impl ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        static VARIANTS: std::sync::LazyLock<Vec<FormatArg>> = std::sync::LazyLock::new(|| {
            std::iter::once(FormatArg::Auto)
                .chain(
                    crate::output::report::Format::NAMED
                        .iter()
                        .map(|(_, f)| FormatArg::Report(*f)),
                )
                .collect()
        });
        &VARIANTS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            FormatArg::Auto => "auto",
            FormatArg::Report(format) => format.name(),
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Exit code 2: usage errors and paths that could not be read.
const EXIT_TROUBLE: u8 = 2;

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    // presetlint's own errors are single lines that name a path: miette's wrapping at 80
    // columns broke them mid-phrase ("(os error\n  | 2)"), and a wrapped path is not one to
    // copy. Lines stay whole; snippets are cut by the excerpt instead.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rule(args) => rule::run(args.rule.as_deref()),
        Command::Schema { config: true } => {
            print!("{}", crate::lint::config::schema_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { config: false } => {
            print!("{}", crate::model::schema::SCHEMA_TEXT);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => completions::completions(shell),
        Command::Man {
            command,
            output_dir,
        } => man::man(&command, output_dir.as_deref()),
        Command::Lsp => lsp::run(),
        Command::Preview(args) => preview::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Init(args) => init::run(args),
        Command::View(args) => view::run(args),
    };
    result.unwrap_or_else(|report| {
        eprintln!("{report:?}");
        ExitCode::from(EXIT_TROUBLE)
    })
}
