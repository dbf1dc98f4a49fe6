//! `check --staged` and `check --changed-since REF`: the presets git says changed, as a
//! pre-commit hook or a pull request's CI wants them, through the `git` command (what the
//! user's git would say, with its config, hooks and worktrees, rather than a reimplementation).

use std::path::{Path, PathBuf};
use std::process::Command;

use miette::{Report, miette};

use crate::check::Origin;
use crate::cli::walk::{Excluded, Input, is_preset_name};

/// Which changes.
#[derive(Debug, Clone)]
pub enum Changes<'a> {
    /// Staged for the next commit.
    Staged,
    /// Changed since this commit or branch, committed or not, and untracked files.
    Since(&'a str),
}

fn git(cwd: &Path, args: &[&str], why: &str) -> Result<Vec<u8>, Report> {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| {
            miette!(
                help = "install git, or name the presets to check",
                "{why} needs git, and git does not run: {e}"
            )
        })?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        return Err(miette!(
            "{why}: git {} failed: {}",
            args.join(" "),
            crate::shown::escape_controls(said.trim())
        ));
    }
    Ok(out.stdout)
}

/// NUL-separated paths, relative to the repository's top.
fn paths(bytes: &[u8], top: &Path) -> Vec<PathBuf> {
    bytes
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| top.join(String::from_utf8_lossy(p).as_ref()))
        .collect()
}

/// The changed presets (`*.hedge`, `*.json`, not excluded, still there), each checked as a
/// walk would (a JSON file that is no preset is skipped), paths shown from `cwd`; `within`
/// (the paths given on the command line) narrows them when not empty.
pub fn changed_inputs(
    changes: &Changes<'_>,
    cwd: &Path,
    within: &[PathBuf],
    excluded: &Excluded,
) -> Result<Vec<Input>, Report> {
    let why = match changes {
        Changes::Staged => "--staged".to_owned(),
        Changes::Since(rev) => format!("--changed-since {rev}"),
    };
    let top = git(cwd, &["rev-parse", "--show-toplevel"], &why).map_err(|e| {
        miette!(
            help = "run it inside a git repository, or name the presets to check",
            "{e}"
        )
    })?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let mut found = match changes {
        Changes::Staged => paths(
            &git(
                cwd,
                &[
                    "diff",
                    "--cached",
                    "--name-only",
                    "--diff-filter=ACMR",
                    "-z",
                ],
                &why,
            )?,
            &top,
        ),
        Changes::Since(rev) => {
            let mut changed = paths(
                &git(
                    cwd,
                    &["diff", "--name-only", "--diff-filter=ACMR", "-z", rev, "--"],
                    &why,
                )?,
                &top,
            );
            changed.extend(paths(
                &git(
                    cwd,
                    &[
                        "ls-files",
                        "--others",
                        "--exclude-standard",
                        "-z",
                        "--full-name",
                        ":/",
                    ],
                    &why,
                )?,
                &top,
            ));
            changed
        }
    };
    found.sort();
    found.dedup();
    let within: Vec<PathBuf> = within
        .iter()
        .map(|p| crate::config::globs::normalize(&cwd.join(p)))
        .collect();
    Ok(found
        .into_iter()
        .filter(|p| p.is_file() && is_preset_name(p) && !excluded(p))
        .filter(|p| within.is_empty() || within.iter().any(|w| p.starts_with(w)))
        .map(|p| Input::File {
            path: p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p),
            origin: Origin::Walked,
        })
        .collect())
}
