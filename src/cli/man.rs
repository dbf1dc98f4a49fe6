//! `presetlint man`: a man page per command, generated from the clap definition (so the
//! options can never drift from the flags that exist), each with its exit codes. The main
//! page's SUBCOMMANDS name `presetlint-check(1)` and the others: `presetlint man check` prints
//! that page, and `presetlint man --output-dir DIR` writes every page.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use miette::miette;

use crate::cli::Cli;

/// Each command's exit codes, by its page's name.
const EXIT_STATUS: &[(&str, &[(&str, &str)])] = &[
    (
        "presetlint",
        &[
            ("0", "success (each command's page says what that is)"),
            (
                "1",
                "findings at or above the fail level, or what the command's page names",
            ),
            ("2", "a usage error, or an input that could not be read"),
        ],
    ),
    (
        "presetlint-check",
        &[
            ("0", "no finding at or above the fail level"),
            (
                "1",
                "findings at or above the fail level (--fail-level, or the config's fail-level; default error); with --diff, something to fix",
            ),
            (
                "2",
                "a usage error, a bad config file, or a path that could not be read (the other paths are still checked; the file is a PL005 finding)",
            ),
        ],
    ),
    (
        "presetlint-audit",
        &[
            ("0", "no finding at or above the fail level"),
            ("1", "findings at or above the fail level"),
            (
                "2",
                "a usage error (a destination that is not a folder, values without --preset), a preset that holds no preset, or a folder or sidecar that could not be read (the rest is still audited)",
            ),
        ],
    ),
    (
        "presetlint-generate",
        &[
            (
                "0",
                "every sidecar written or unchanged (with --dry-run: would be)",
            ),
            (
                "1",
                "conflicts, collisions or failures, or no destination matched the preset",
            ),
            (
                "2",
                "a usage error (a --destination that is not a folder included), a bad view, values or log file, a preset with errors (without --force), missing values with --require-values",
            ),
        ],
    ),
    (
        "presetlint-preview",
        &[
            ("0", "the answer is given (with or without a sidecar)"),
            (
                "1",
                "generate would refuse (errors in the preset, values that do not fit the view, fields the format cannot carry)",
            ),
            (
                "2",
                "a usage error, or a preset file that is not JSON or holds no preset",
            ),
        ],
    ),
    (
        "presetlint-view",
        &[
            ("0", "the view, or the list, was fetched and written"),
            (
                "2",
                "anything else: credentials, the instance, the network, an answer not of the documented shape, a file that could not be written",
            ),
        ],
    ),
    (
        "presetlint-lsp",
        &[
            ("0", "the client sent shutdown, then exit"),
            (
                "1",
                "the client sent exit without shutdown, or the connection ended",
            ),
        ],
    ),
    (
        "presetlint-rule",
        &[
            ("0", "the rule, or the list"),
            ("2", "no rule has that code or name"),
        ],
    ),
];

/// The exit codes of commands that have no entry of their own (schema, completions, man).
const PLAIN: &[(&str, &str)] = &[
    ("0", "the output is written"),
    ("2", "a usage error, or the output could not be written"),
];

/// Roff text: a hyphen is `\-`, and a line must not start with a control character.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}

/// Every page: the command, then its subcommands, each with its file name.
fn pages() -> Vec<(String, clap::Command)> {
    fn collect(cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        let name = cmd
            .get_display_name()
            .unwrap_or_else(|| cmd.get_name())
            .to_owned();
        out.push((name, cmd.clone()));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, out);
        }
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, &mut out);
    out
}

/// One page, rendered.
fn render(name: &str, cmd: clap::Command) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .title(name.to_uppercase())
        .source(format!("presetlint {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    // The top-level code of a group (`view pull`) is its group's.
    let group = name.splitn(3, '-').take(2).collect::<Vec<_>>().join("-");
    let codes = EXIT_STATUS
        .iter()
        .find(|(page, _)| *page == name || *page == group)
        .map_or(PLAIN, |(_, codes)| codes);
    page.extend_from_slice(b".SH \"EXIT STATUS\"\n");
    for (code, meaning) in codes {
        page.extend_from_slice(format!(".TP\n{code}\n{}\n", roff(meaning)).as_bytes());
    }
    Ok(page)
}

/// `presetlint man [COMMAND...] [--output-dir DIR]`.
pub(super) fn man(command: &[String], output_dir: Option<&Path>) -> miette::Result<ExitCode> {
    let pages = pages();
    if let Some(dir) = output_dir {
        // The README's `--output-dir ~/.local/share/man/man1` names a folder a fresh account
        // does not have yet.
        std::fs::create_dir_all(dir).map_err(|e| {
            miette!(
                "cannot make the folder {}: {e}",
                crate::base::shown::path(dir)
            )
        })?;
        for (name, cmd) in pages {
            let page = render(&name, cmd).map_err(|e| miette!("cannot render {name}(1): {e}"))?;
            let path = dir.join(format!("{name}.1"));
            crate::base::atomic::write(&path, &page, crate::base::atomic::Guard::NotOneOf(&[]))
                .map_err(|e| miette!("cannot write {}: {e}", crate::base::shown::path(&path)))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = std::iter::once("presetlint")
        .chain(command.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    let (name, cmd) = pages
        .into_iter()
        .find(|(name, _)| *name == wanted)
        .ok_or_else(|| {
            miette!(
                help = "e.g. `presetlint man check`, `presetlint man view pull`",
                "no command {}",
                crate::base::text::quoted(&command.join(" "))
            )
        })?;
    let page = render(&name, cmd).map_err(|e| miette!("cannot render the man page: {e}"))?;
    let mut out = io::stdout().lock();
    out.write_all(&page)
        .and_then(|()| out.flush())
        .map_err(|e| miette!("cannot write the man page: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
