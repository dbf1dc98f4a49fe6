//! `check --staged` and `check --changed-since REF`: the presets git says changed, as a
//! pre-commit hook or a pull request's CI wants them, through the `git` command (what the
//! user's git would say, with its config, hooks and worktrees, rather than a reimplementation).
//!
//! What comes from the user never becomes an option of git's: a REF is first verified as a
//! commit (`rev-parse --verify --end-of-options REF^{commit}`) and git is then given its id.
//! What comes back is taken as bytes: paths NUL-separated (`-z`), never trimmed or read
//! lossily, through the one reader's cap. A changed path obeys a walk's rules: a symbolic link
//! (or a path through one) is not followed, and nothing outside the repository is read.

use std::path::{Path, PathBuf};
use std::process::Command;

use miette::{Report, miette};

use crate::cli::walk::{Excluded, Input, is_preset_name};
use crate::lint::checked_file::Origin;

/// Which changes.
#[derive(Debug, Clone)]
pub enum Changes<'a> {
    /// Staged for the next commit.
    Staged,
    /// Changed since this commit or branch, committed or not, and untracked files.
    Since(&'a str),
}

/// The most git may answer: its output is read through the one reader's cap.
const MOST_GIT_OUTPUT: u64 = crate::base::input::DEFAULT_MAX_FILE_SIZE;

fn git(cwd: &Path, args: &[&str], why: &str) -> Result<Vec<u8>, Report> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| {
            miette!(
                help = "install git, or name the presets to check",
                "{why} needs git, and git does not run: {e}"
            )
        })?;
    // stderr on a thread, so that neither pipe can fill and stall git.
    let stderr = child.stderr.take().map(|pipe| {
        std::thread::spawn(move || {
            crate::base::input::read_limited(pipe, 64 * 1024).unwrap_or_default()
        })
    });
    let stdout = child
        .stdout
        .take()
        .map(|pipe| crate::base::input::read_limited(pipe, MOST_GIT_OUTPUT));
    if matches!(stdout, Some(Err(_))) {
        let _ = child.kill();
    }
    let status = child
        .wait()
        .map_err(|e| miette!("{why}: git did not finish: {e}"))?;
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    let stdout = match stdout {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => {
            return Err(miette!(
                "{why}: git's answer to git {}: {e}",
                args.join(" ")
            ));
        }
        None => Vec::new(),
    };
    let out = std::process::Output {
        status,
        stdout,
        stderr,
    };
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        return Err(miette!(
            "{why}: git {} failed: {}",
            args.join(" "),
            crate::base::shown::escape_controls(said.trim())
        ));
    }
    Ok(out.stdout)
}

/// NUL-separated paths, relative to the repository's top, byte for byte.
pub fn paths(bytes: &[u8], top: &Path) -> Result<Vec<PathBuf>, Report> {
    bytes
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let relative = crate::base::platform::path_from_bytes(p).map_err(|e| {
                miette!(
                    "git named a path presetlint cannot take ({e}): {}",
                    crate::base::text::quoted(&String::from_utf8_lossy(p))
                )
            })?;
            // git's paths are relative and stay inside the repository; anything else is not
            // one of its paths.
            if relative.is_absolute()
                || relative
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                return Err(miette!(
                    "git named a path outside the repository: {}",
                    crate::base::shown::path(&relative)
                ));
            }
            Ok(top.join(relative))
        })
        .collect()
}

/// The top of the repository from `rev-parse --show-toplevel`: its one line, less only the
/// line end git adds (a folder's name may end with a space).
fn toplevel(answer: &[u8]) -> Result<PathBuf, Report> {
    let line = answer.strip_suffix(b"\n").unwrap_or(answer);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    crate::base::platform::path_from_bytes(line)
        .map_err(|e| miette!("git named the repository's top in a way presetlint cannot take: {e}"))
}

/// Whether `path`, below `top`, is a regular file reached without a symbolic link.
fn plain_file_within(top: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(top) else {
        return false;
    };
    let mut at = top.to_path_buf();
    for part in relative.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return false,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_file())
}

/// The commit a user's REF names, verified as one before git takes it anywhere else.
fn commit_of(cwd: &Path, rev: &str, why: &str) -> Result<String, Report> {
    let spec = format!("{rev}^{{commit}}");
    let answer = git(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
        why,
    )
    .map_err(|_| {
        miette!(
            help = "give a commit, a branch or a tag, e.g. --changed-since origin/main",
            "--changed-since: {} is not a commit in this repository",
            crate::base::text::quoted(rev)
        )
    })?;
    let id = String::from_utf8_lossy(&answer).trim().to_owned();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(miette!(
            "--changed-since: {} is not a commit in this repository",
            crate::base::text::quoted(rev)
        ));
    }
    Ok(id)
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
        Changes::Since(rev) => format!(
            "--changed-since {}",
            crate::base::shown::escape_controls(rev)
        ),
    };
    // The repository is the one the paths given are in (a hook may run from elsewhere and
    // name a path inside it), else the current folder's.
    let at = within
        .first()
        .map(|p| cwd.join(p))
        .map(|p| {
            if p.is_dir() {
                p
            } else {
                p.parent()
                    .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
            }
        })
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| cwd.to_path_buf());
    let top = git(&at, &["rev-parse", "--show-toplevel"], &why).map_err(|e| {
        miette!(
            help = "run it inside a git repository, or name the presets to check",
            "{e}"
        )
    })?;
    let top = toplevel(&top)?;
    let mut found = match changes {
        Changes::Staged => paths(
            &git(
                &at,
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
        )?,
        Changes::Since(rev) => {
            let commit = commit_of(&at, rev, &why)?;
            let mut changed = paths(
                &git(
                    &at,
                    &[
                        "diff",
                        "--name-only",
                        "--diff-filter=ACMR",
                        "-z",
                        "--end-of-options",
                        &commit,
                        "--",
                    ],
                    &why,
                )?,
                &top,
            )?;
            changed.extend(paths(
                &git(
                    &at,
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
            )?);
            changed
        }
    };
    found.sort();
    found.dedup();
    let within: Vec<PathBuf> = within
        .iter()
        .map(|p| crate::lint::config::normalize(&cwd.join(p)))
        .collect();
    Ok(found
        .into_iter()
        .filter(|p| plain_file_within(&top, p) && is_preset_name(p) && !excluded(p))
        .filter(|p| within.is_empty() || within.iter().any(|w| p.starts_with(w)))
        .map(|p| Input::File {
            path: p.strip_prefix(cwd).map(Path::to_path_buf).unwrap_or(p),
            origin: Origin::Walked,
        })
        .collect())
}
