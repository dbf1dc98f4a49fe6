//! The progress bar of `generate` and `audit`, as a person at a terminal sees it: run in a
//! pseudo-terminal (Python's `pty`), it shows how many so far, the rate and the time, never
//! an empty `0/0` bar; off a terminal it prints nothing.

use std::path::Path;
use std::process::Command;

use crate::common::{cannot_set_up, run};

/// What a command writes to a terminal (stdout and stderr both), run in a pty.
fn in_pty(cwd: &Path, args: &[&str]) -> Option<String> {
    const SPAWN: &str = r#"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(SPAWN)
        .arg(env!("CARGO_BIN_EXE_presetlint"))
        .args(args)
        .current_dir(cwd)
        .env("PRESETLINT_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        // A terminal a person sits at has a TERM (the unprivileged run's environment has none,
        // and indicatif draws nothing on a terminal it takes for a dumb one).
        .env("TERM", "xterm-256color")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn card(root: &Path, clips: usize) {
    let folder = root.join("RAID/A001");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..clips {
        std::fs::write(folder.join(format!("A001C{i:04}.R3D")), b"clip").unwrap();
    }
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}"]}"#,
    )
    .unwrap();
}

#[test]
fn generate_and_audit_show_counts_and_a_rate_at_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    card(root, 1500);
    let generate = [
        "generate",
        "preset.json",
        "--destination",
        "RAID",
        "--set",
        "Project=PRX",
    ];
    let Some(shown) = in_pty(root, &generate) else {
        cannot_set_up("a pseudo-terminal (python3 with pty)");
        return;
    };
    let has_bar = |text: &str, noun: &str| {
        text.lines()
            .flat_map(|l| l.split('\r'))
            .any(|l| l.contains(&format!(" {noun} · ")) && l.contains("/s · "))
    };
    assert!(has_bar(&shown, "clips"), "{shown:?}");
    assert!(!shown.contains("0/0"), "{shown:?}");
    assert!(shown.contains("sidecars written 1500"), "{shown:?}");
    let audit = [
        "audit",
        "RAID",
        "--preset",
        "preset.json",
        "--format",
        "concise",
    ];
    let shown = in_pty(root, &audit).unwrap();
    assert!(has_bar(&shown, "sidecars"), "{shown:?}");
    // Off a terminal (a pipe, a CI log): nothing but the report.
    let r = run(root, &audit);
    assert_eq!(r.code, 0);
    assert!(
        !r.stderr.contains(" · ") && !r.stdout.contains(" · "),
        "{}{}",
        r.stdout,
        r.stderr
    );
}
