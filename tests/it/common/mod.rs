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

/// The variables presetlint (or a library under it) reads, and the CI detectors: a test
/// starts without them, whatever the machine running the suite has set (GitHub's runner sets
/// GITHUB_ACTIONS=true, which would make every default report `github`).
pub const CLEANED: &[&str] = &[
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "TF_BUILD",
    "GITLAB_CI",
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "MIMALLOC_PURGE_DELAY",
    "XDG_CACHE_HOME",
];

/// The prefixes of presetlint's own variables and iconik's: every one the suite's process has
/// is removed too.
pub const CLEANED_PREFIXES: &[&str] = &["PRESETLINT_", "ICONIK_"];

/// Removes from `command` every variable of [`CLEANED`], every one with a prefix of
/// [`CLEANED_PREFIXES`] (those the suite's process has, and those `command` was given), and
/// sets NO_COLOR=1, a cache folder no test shares with the user, and ICONIK_URL to a loopback
/// port nobody listens on: a test that forgets to name its own server reaches no network.
pub fn clean_env(command: &mut Command) -> &mut Command {
    let given: Vec<std::ffi::OsString> = command
        .get_envs()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.to_owned())
        .collect();
    let inherited = std::env::vars_os().map(|(k, _)| k);
    for name in given.into_iter().chain(inherited) {
        let text = name.to_string_lossy();
        if CLEANED.contains(&text.as_ref()) || CLEANED_PREFIXES.iter().any(|p| text.starts_with(p))
        {
            command.env_remove(&name);
        }
    }
    for name in CLEANED {
        command.env_remove(name);
    }
    command
        .env("NO_COLOR", "1")
        .env(
            "PRESETLINT_CACHE_DIR",
            std::env::temp_dir().join("presetlint-tests-cache"),
        )
        .env("ICONIK_URL", NOBODY_LISTENS)
}

/// The discard port of this machine: connections to it are refused at once.
pub const NOBODY_LISTENS: &str = "http://127.0.0.1:9";

/// The binary under test, in a clean environment ([`clean_env`]).
pub fn presetlint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_presetlint"));
    clean_env(&mut command);
    command
}

fn run_os_with_env(cwd: &Path, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> Run {
    let output = presetlint()
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Whether the suite runs in CI (`CI=true`), where a test that cannot set up what it needs
/// fails instead of passing on a fallback.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A test that cannot set up `what`: under CI a failure; elsewhere a visible note, and the
/// caller goes on with its fallback.
pub fn cannot_set_up(what: &str) {
    assert!(
        !in_ci(),
        "cannot set up {what}, and CI=true: run the suite as root, or as a user with `sudo -n`"
    );
    eprintln!("cannot set up {what}: testing a fallback instead (CI=true would fail here)");
}

/// A command run as root: directly when the tests are root, else through `sudo -n` (GitHub's
/// runner has it); `None` when neither can.
pub fn as_root(program: &str) -> Option<Command> {
    if is_root() {
        return Some(Command::new(program));
    }
    // `sudo -n -l PROGRAM` says whether this user may run it without a password.
    let can = Command::new("sudo")
        .args(["-n", "-l", program])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    can.then(|| {
        let mut command = Command::new("sudo");
        command.args(["-n", program]);
        command
    })
}

/// Runs `command` as nobody (uid and gid 65534) when the tests run as root, whom permission
/// bits do not stop; as anyone else, as that user. Either way the bits apply to the run.
pub fn unprivileged(command: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    if is_root() {
        command.uid(65534).gid(65534);
    }
    command
}

/// Whether the tests run as root, whom permission bits do not stop.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Files appearing in folders, as the kernel reports them (inotify): a test acts on an event
/// of the run it watches (kill it when its k-th file appears), never on a guess of how long
/// the run takes.
#[cfg(target_os = "linux")]
pub struct Watch {
    fd: i32,
}

#[cfg(target_os = "linux")]
impl Watch {
    /// Watches each folder for files created or renamed into it.
    pub fn new(dirs: &[PathBuf]) -> Watch {
        // SAFETY: inotify_init1 takes flags only.
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        assert!(fd >= 0, "inotify: {}", std::io::Error::last_os_error());
        for dir in dirs {
            let path = std::ffi::CString::new(dir.to_str().unwrap()).unwrap();
            // SAFETY: a valid descriptor and NUL-terminated path.
            let wd = unsafe {
                libc::inotify_add_watch(fd, path.as_ptr(), libc::IN_CREATE | libc::IN_MOVED_TO)
            };
            assert!(wd >= 0, "inotify: {}", std::io::Error::last_os_error());
        }
        Watch { fd }
    }

    /// Waits until `n` files have appeared, or `running` says the watched run is over;
    /// how many appeared.
    pub fn wait(&self, n: usize, mut running: impl FnMut() -> bool) -> usize {
        let mut seen = 0;
        let mut buffer = vec![0u8; 64 * 1024];
        while seen < n {
            let mut poll = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let ready = unsafe { libc::poll(&mut poll, 1, 20) };
            if ready <= 0 {
                if !running() {
                    return seen;
                }
                continue;
            }
            // SAFETY: reading into a buffer we own, of its length.
            let got = unsafe { libc::read(self.fd, buffer.as_mut_ptr().cast(), buffer.len()) };
            let mut at = 0;
            while at < got.max(0) as usize {
                // SAFETY: the kernel wrote whole events; the header is read unaligned.
                let event: libc::inotify_event =
                    unsafe { std::ptr::read_unaligned(buffer[at..].as_ptr().cast()) };
                at += std::mem::size_of::<libc::inotify_event>() + event.len as usize;
                seen += 1;
            }
        }
        seen
    }
}

#[cfg(target_os = "linux")]
impl Drop for Watch {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours.
        unsafe { libc::close(self.fd) };
    }
}

/// Whether this run rewrites the fixtures' expectations: only with UPDATE_FIXTURES=1, and
/// never under CI, where a rewrite would make every expectation pass.
pub fn updating_fixtures() -> bool {
    let asked = std::env::var("UPDATE_FIXTURES").is_ok_and(|v| v == "1");
    assert!(
        !(asked && in_ci()),
        "UPDATE_FIXTURES=1 under CI=true: expectations are rewritten by hand, then reviewed"
    );
    asked
}

/// A command-line tool from npm (`package` at a pinned version, its `bin`), installed once
/// into the tests' tool folder (PRESETLINT_TEST_TOOLS, else target/test-tools); `None` when
/// npm cannot install it here.
pub fn npm_tool(folder: &str, package: &str, bin: &str) -> Option<std::path::PathBuf> {
    let tools = std::env::var_os("PRESETLINT_TEST_TOOLS").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"),
        std::path::PathBuf::from,
    );
    let prefix = tools.join(folder);
    let path = prefix.join("node_modules/.bin").join(bin);
    if path.exists() {
        return Some(path);
    }
    let installed = Command::new("npm")
        .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(package)
        .status()
        .is_ok_and(|s| s.success());
    (installed && path.exists()).then_some(path)
}
