//! Helpers shared by the integration tests: run the real binary, build clip trees.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs presetlint with `args` in `cwd`, with no terminal and no colour.
pub fn run(cwd: &Path, args: &[&str]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run_os(cwd, &args)
}

/// miette wraps long messages at 80 columns; this joins them again for comparisons.
pub fn unwrapped(stderr: &str) -> String {
    stderr.replace("\n  | ", " ")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Creates the files (empty) and folders named, relative to `root`.
pub fn touch(root: &Path, paths: &[&str]) {
    for p in paths {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"clip").unwrap();
    }
}

/// Every path under `root` (relative, sorted), symlinks not followed, with the content of
/// each file, so a before/after comparison sees any change.
pub fn snapshot(root: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                pending.push(path);
                out.push((rel + "/", None));
            } else if kind.is_file() {
                out.push((rel, Some(std::fs::read(&path).unwrap())));
            } else {
                out.push((rel + "@", None));
            }
        }
    }
    out.sort();
    out
}

/// The relative paths of a snapshot.
pub fn names(snapshot: &[(String, Option<Vec<u8>>)]) -> Vec<String> {
    snapshot.iter().map(|(n, _)| n.clone()).collect()
}

/// Like [`run`], with arguments that need not be UTF-8 (file names on Linux). The output
/// must still be UTF-8: presetlint shows such names lossily.
pub fn run_os(cwd: &Path, args: &[&std::ffi::OsStr]) -> Run {
    run_os_with_env(cwd, args, &[])
}

/// Like [`run`], with these environment variables set besides the test's own.
pub fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run_os_with_env(cwd, &args, env)
}

fn run_os_with_env(cwd: &Path, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_presetlint"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Whether the tests run as root, whom permission bits do not stop.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}
