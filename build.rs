//! Names the commit presetlint is built from, for `presetlint --version`: PRESETLINT_COMMIT
//! when set (a release build, a wheel built from an sdist), else `git rev-parse` of the
//! checkout, else nothing (a crate without its repository).

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Asks cargo to rerun this script when `path` changes. Only a path that exists: cargo takes
/// a missing one as changed, and would rebuild (and relink) the crate on every build.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=PRESETLINT_COMMIT");
    // Rebuilt when the checkout moves to another commit: HEAD names the branch, the branch's
    // commit is in its loose ref (or, once packed, in packed-refs; the folder of loose refs
    // changes when a commit writes a loose ref again).
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        let dir = Path::new(&dir);
        watch(&dir.join("HEAD"));
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            let loose = dir.join(&reference);
            watch(&loose);
            if !loose.exists()
                && let Some(folder) = loose.parent()
            {
                watch(folder);
            }
        }
        watch(&dir.join("packed-refs"));
    }
    let commit = std::env::var("PRESETLINT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]));
    let version = env!("CARGO_PKG_VERSION");
    let long = match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=PRESETLINT_VERSION={long}");
}
