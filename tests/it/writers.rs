//! The one writer, through the doors a user takes: `--output-file` writes a device or a FIFO
//! in place, follows a symbolic link on purpose and never replaces an input; `--fix` leaves a
//! read-only or hard-linked preset alone and keeps the owner of the one it replaces.

use std::fs;
use std::path::Path;

use crate::common::{is_root, run};

const BROKEN: &str =
    "{\"iconikSidecarExtensions\": [\".R3D;.MOV\"], \"iconikSidecarElements\": [\"{A}\"]}\n";
const FIXED: &str =
    "{\"iconikSidecarExtensions\": [\".R3D\", \".MOV\"], \"iconikSidecarElements\": [\"{A}\"]}\n";

fn folder_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_report_never_replaces_the_preset_being_checked() {
    let dir = folder_with("c.json", BROKEN);
    for extra in [&[][..], &["--fix"][..]] {
        let mut args = vec!["check", "--no-config", "--output-file", "c.json"];
        args.extend_from_slice(extra);
        args.push("c.json");
        let out = run(dir.path(), &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            crate::common::unwrapped(&out.stderr).contains(
                "cannot write the report to c.json: it is one of the files this run read"
            ),
            "{}",
            out.stderr
        );
        let kept = fs::read_to_string(dir.path().join("c.json")).unwrap();
        assert!(kept == BROKEN || kept == FIXED, "{kept}");
    }
    assert_eq!(names(dir.path()), ["c.json"]);
}

#[cfg(unix)]
#[test]
fn a_report_to_a_device_a_fifo_or_a_symbolic_link_is_written_where_it_leads() {
    let dir = folder_with("p.json", BROKEN);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--output-file",
            "/dev/null",
            "p.json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!fs::metadata("/dev/null").unwrap().is_file());

    // A symbolic link: the file it names is replaced; the link stays a link.
    fs::create_dir(dir.path().join("reports")).unwrap();
    fs::write(dir.path().join("reports/real.txt"), "old").unwrap();
    std::os::unix::fs::symlink("reports/real.txt", dir.path().join("link.txt")).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--output-file",
            "link.txt",
            "p.json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(dir.path().join("reports/real.txt"))
            .unwrap()
            .starts_with("p.json:1:30: error[PL101 list-in-string]")
    );

    // A FIFO with a reader gets the report in place; one without a reader is an error.
    let fifo = dir.path().join("report.fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--output-file",
            "report.fifo",
            "p.json",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("it is a FIFO that nobody reads"),
        "{}",
        out.stderr
    );
    // The reader's end is open before presetlint runs (without waiting for a writer), so
    // presetlint finds a reader at once; the report waits in the pipe until it is read.
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut reader = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--output-file",
            "report.fifo",
            "p.json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let mut report = String::new();
    reader.read_to_string(&mut report).unwrap();
    assert_eq!(
        report,
        "p.json:1:30: error[PL101 list-in-string] \".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string\n"
    );
    assert!(!fs::metadata(&fifo).unwrap().is_file());
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_preset_alone_even_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with("a.json", BROKEN);
    let path = dir.path().join("a.json");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(dir.path(), &["check", "--no-config", "--fix", "a.json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot write the fixes to a.json: it is read-only; the file is unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), BROKEN);
    assert_eq!(names(dir.path()), ["a.json"]);
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_hard_linked_preset_alone_and_keeps_the_owner_of_the_one_it_replaces() {
    let dir = folder_with("a.json", BROKEN);
    fs::hard_link(dir.path().join("a.json"), dir.path().join("b.json")).unwrap();
    let out = run(dir.path(), &["check", "--no-config", "--fix", "a.json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("it has 2 hard links"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("b.json")).unwrap(),
        BROKEN
    );

    fs::remove_file(dir.path().join("b.json")).unwrap();
    let path = dir.path().join("a.json");
    if is_root() {
        // As root, a preset owned by someone else keeps its owner.
        let nobody = 65534;
        std::os::unix::fs::chown(&path, Some(nobody), Some(nobody)).unwrap();
    } else {
        // As a user, a preset of one of the user's other groups keeps its group (the new
        // file would otherwise take the user's primary group).
        match other_group() {
            Some(group) => std::os::unix::fs::chown(&path, None, Some(group)).unwrap(),
            None => crate::common::cannot_set_up("a preset of another owner or group"),
        }
    }
    let owner = {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(&path).unwrap();
        (m.uid(), m.gid())
    };
    let out = run(dir.path(), &["check", "--no-config", "--fix", "a.json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(&path).unwrap();
    assert_eq!((m.uid(), m.gid()), owner);
}

/// A group of this user's other than the primary one, if the user has one.
fn other_group() -> Option<u32> {
    // SAFETY: getgroups with a buffer of its size; getgid has no preconditions.
    let primary = unsafe { libc::getgid() };
    let mut groups = vec![0 as libc::gid_t; 256];
    let n = unsafe { libc::getgroups(groups.len() as i32, groups.as_mut_ptr()) };
    groups.truncate(n.max(0) as usize);
    groups.into_iter().find(|&g| g != primary)
}

/// A preset edited while `--fix` runs keeps the edit: the run is stopped (SIGSTOP) when its
/// temporary file appears, the preset is edited, and the run goes on (SIGCONT) to find the
/// preset changed since it was read, just before the rename.
#[cfg(target_os = "linux")]
#[test]
fn a_preset_edited_while_fix_runs_keeps_the_edit() {
    let dir = folder_with("a.json", BROKEN);
    let path = dir.path().join("a.json");
    // The same length as what was read: only the content tells the edit.
    let edited = BROKEN.replace("{A}", "{B}");
    let child = fix_stopped_before_its_rename(dir.path(), BROKEN);
    fs::write(&path, &edited).unwrap();
    resume(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write the fixes to a.json: it changed since it was read (an edit made meanwhile is kept; run again)"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["a.json"]);
}

/// `/dev/stdout` as `--output-file` is written in place: the report arrives on the pipe that
/// is presetlint's standard output (a replaced file would have been written beside it).
#[test]
fn dev_stdout_as_the_output_file_is_written_in_place() {
    let dir = folder_with("p.json", BROKEN);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--output-file",
            "/dev/stdout",
            "p.json",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "p.json:1:30: error[PL101 list-in-string] \".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string\n"
    );
}

/// A preset removed while `--fix` runs is not brought back: the run is stopped when its
/// temporary file appears, the preset removed, and the run resumed.
#[cfg(target_os = "linux")]
#[test]
fn a_preset_removed_while_fix_runs_is_not_brought_back() {
    let dir = folder_with("a.json", BROKEN);
    let path = dir.path().join("a.json");
    let child = fix_stopped_before_its_rename(dir.path(), BROKEN);
    fs::remove_file(&path).unwrap();
    resume(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write the fixes to a.json: it changed since it was read"),
        "{stderr}"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A `--fix` run of `a.json` stopped (SIGSTOP) after writing its temporary file and before
/// renaming it over the preset: stopped on the temporary file's event, and checked to be in
/// that state (the preset as written, a temporary file beside it); a run that got past the
/// rename first is killed and started again, so the state is reached whatever the load.
#[cfg(target_os = "linux")]
fn fix_stopped_before_its_rename(dir: &std::path::Path, original: &str) -> std::process::Child {
    let path = dir.join("a.json");
    for _ in 0..100 {
        fs::write(&path, original).unwrap();
        let watch = crate::common::Watch::new(&[dir.to_path_buf()]);
        let mut child = crate::common::presetlint()
            .current_dir(dir)
            .args([
                "check",
                "--no-config",
                "--fix",
                "--format",
                "concise",
                "a.json",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        watch.wait(1, || child.try_wait().unwrap().is_none());
        let pid = child.id() as libc::pid_t;
        // SAFETY: a signal to our own child, not yet waited for.
        unsafe { libc::kill(pid, libc::SIGSTOP) };
        let temp_beside = fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
        if temp_beside && fs::read_to_string(&path).is_ok_and(|t| t == original) {
            return child;
        }
        let _ = child.kill();
        let _ = child.wait();
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap().path();
            if entry.to_string_lossy().ends_with(".tmp") {
                let _ = fs::remove_file(entry);
            }
        }
    }
    panic!("no --fix run was stopped before its rename in 100 tries");
}

/// Lets a stopped child go on.
#[cfg(target_os = "linux")]
fn resume(child: &std::process::Child) {
    // SAFETY: a signal to our own child, not yet waited for.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGCONT) },
        0
    );
}
