//! File names Linux allows and reports must survive: spaces, newlines, bytes that are not
//! UTF-8, NFC and NFD forms of one word (two distinct files on Linux); symlink loops; files
//! and folders that cannot be read. Names that are not UTF-8 are shown lossily (U+FFFD);
//! control characters are escaped in line-oriented text (see src/shown.rs).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::common::{is_root, run, run_os};

const BAD: &str = r#"{"iconikSidecarExtensions": ["R3D"], "iconikSidecarElements": ["{A}"]}"#;

fn os(bytes: &[u8]) -> &OsStr {
    OsStr::from_bytes(bytes)
}

/// The odd names, in the order a walk meets them (bytes order), and how reports show them.
fn odd_names(ext: &str) -> Vec<(OsString, String)> {
    let e = ext.as_bytes();
    let names: [(&[u8], &str); 5] = [
        (b"bad\xff", "bad\u{fffd}"),
        // NFD: e + combining acute (0x65 sorts before NFC's 0xC3).
        ("cafe\u{301}".as_bytes(), "cafe\u{301}"),
        ("caf\u{e9}".as_bytes(), "caf\u{e9}"),
        (b"new\nline", "new\\nline"),
        (b"with space", "with space"),
    ];
    names
        .iter()
        .map(|(raw, shown)| {
            let mut name = os(raw).to_os_string();
            name.push(os(e));
            (name, format!("{shown}{ext}"))
        })
        .collect()
}

fn concise_line(shown: &str) -> String {
    format!(
        "{shown}:1:30: error[PL301 extension-missing-dot] extension \"R3D\" has no leading dot\n"
    )
}

#[test]
fn odd_names_are_checked_and_reported_under_their_own_names() {
    let dir = tempfile::tempdir().unwrap();
    let names = odd_names(".json");
    for (name, _) in &names {
        fs::write(dir.path().join(name), BAD).unwrap();
    }
    let expected: String = names.iter().map(|(_, shown)| concise_line(shown)).collect();

    let walked = run(dir.path(), &["check", "--format", "concise", "."]);
    assert_eq!(
        (walked.code, walked.stdout.as_str()),
        (1, expected.as_str())
    );

    let mut args: Vec<&OsStr> = vec![OsStr::new("check"), OsStr::new("--format=concise")];
    args.extend(names.iter().map(|(n, _)| n.as_os_str()));
    let named = run_os(dir.path(), &args);
    assert_eq!((named.code, named.stdout.as_str()), (1, expected.as_str()));

    let human = run(dir.path(), &["check", "--format", "human", "."]);
    assert!(
        human.stdout.contains("new\\nline.json:1:30\n"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("new\nline"));
}

/// The `name` attribute of every `element` of an XML report, as an XML reader gives it.
fn names_of(xml: &str, element: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event().expect("a well-formed XML report") {
            quick_xml::events::Event::Eof => return names,
            quick_xml::events::Event::Start(e) if e.name().into_inner() == element => {
                let name = e.try_get_attribute("name").unwrap().unwrap();
                let value = name.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                names.push(value.unwrap().into_owned());
            }
            _ => {}
        }
    }
}

#[test]
fn every_format_carries_odd_names_with_its_own_escaping() {
    let dir = tempfile::tempdir().unwrap();
    let names = odd_names(".json");
    for (name, _) in &names {
        fs::write(dir.path().join(name), BAD).unwrap();
    }
    // The name each file has in structured formats: lossy, the newline kept.
    let plain: Vec<String> = names
        .iter()
        .map(|(n, _)| n.to_string_lossy().into_owned())
        .collect();
    let json = |format: &str| -> serde_json::Value {
        let r = run(dir.path(), &["check", "--format", format, "."]);
        assert_eq!(r.code, 1, "{format}");
        serde_json::from_str(&r.stdout).unwrap()
    };
    let report = json("json");
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, plain);

    let gitlab = json("gitlab");
    let paths: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, plain);

    let sarif = json("sarif");
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris,
        [
            "bad%EF%BF%BD.json",
            "cafe%CC%81.json",
            "caf%C3%A9.json",
            "new%0Aline.json",
            "with%20space.json"
        ]
    );

    let github = run(dir.path(), &["check", "--format", "github", "."]);
    let files: Vec<&str> = github
        .stdout
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "::error file=bad\u{fffd}.json",
            "::error file=cafe\u{301}.json",
            "::error file=caf\u{e9}.json",
            "::error file=new%0Aline.json",
            "::error file=with space.json"
        ]
    );

    let junit = run(dir.path(), &["check", "--format", "junit", "."]);
    assert_eq!(names_of(&junit.stdout, "testsuite"), plain);

    let lines = run(dir.path(), &["check", "--format", "json-lines", "."]);
    let paths: Vec<String> = lines
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(paths, plain);

    let rdjson = json("rdjson");
    let paths: Vec<&str> = rdjson["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, plain);

    let checkstyle = run(dir.path(), &["check", "--format", "checkstyle", "."]);
    assert_eq!(names_of(&checkstyle.stdout, "file"), plain);

    let azure = run(dir.path(), &["check", "--format", "azure", "."]);
    let sources: Vec<&str> = azure
        .stdout
        .lines()
        .map(|l| l.split(';').nth(1).unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "sourcepath=bad\u{fffd}.json",
            "sourcepath=cafe\u{301}.json",
            "sourcepath=caf\u{e9}.json",
            "sourcepath=new%0Aline.json",
            "sourcepath=with space.json"
        ]
    );

    let concise = run(dir.path(), &["check", "--format", "concise", "."]);
    let files: Vec<&str> = concise
        .stdout
        .lines()
        .map(|l| l.split(":1:").next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "bad\u{fffd}.json",
            "cafe\u{301}.json",
            "caf\u{e9}.json",
            "new\\nline.json",
            "with space.json"
        ]
    );
}

#[test]
fn fix_rewrites_odd_names_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let names = odd_names(".json");
    for (name, _) in &names {
        fs::write(dir.path().join(name), BAD).unwrap();
    }
    let r = run(dir.path(), &["check", "--fix", "."]);
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "Fixed 5 problems in 5 files\n")
    );
    let mut left: Vec<OsString> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(
        left,
        names.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
    );
    for (name, _) in &names {
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            BAD.replace("\"R3D\"", "\".R3D\"")
        );
    }
}

#[test]
fn a_walk_through_symlink_loops_ends_and_sees_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("sub/a.json"), BAD).unwrap();
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("self.json", d.join("self.json")).unwrap();
    let r = run(d, &["check", "--format", "concise", "."]);
    // Links are not followed in a walk: loops and the self-link are skipped.
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (1, concise_line("sub/a.json").as_str())
    );
    assert_eq!(r.stderr, "Found 1 error (1 fixable with --fix).\n");
    // A link named on the command line is read through: a loop is a clear error.
    let r = run(
        d,
        &["check", "--format", "concise", "self.json", "loop/sub"],
    );
    assert_eq!(
        r.stderr,
        "presetlint: error: cannot read self.json: Too many levels of symbolic links (os error 40)\n\
         Found 2 errors (1 fixable with --fix).\n"
    );
    // The file that could not be read is a finding of the report too (PL005).
    assert_eq!(
        (r.code, r.stdout),
        (
            2,
            "self.json:1:1: error[PL005 io-error] the file could not be read: Too many levels of symbolic links (os error 40)\n".to_owned()
                + &concise_line("loop/sub/a.json")
        )
    );
}

/// Failures that stop root too, named on the command line: each is reported with its path,
/// exit 2, and the other files are still checked.
#[test]
fn paths_that_cannot_be_read_even_by_root_are_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.json"), BAD).unwrap();
    fs::write(d.join("file"), "x").unwrap();
    std::os::unix::fs::symlink("gone.json", d.join("dangling.json")).unwrap();
    let long = format!("{}.json", "y".repeat(300));
    let r = run(
        d,
        &[
            "check",
            "--format",
            "concise",
            "dangling.json",
            "file/x.json",
            &long,
            "good.json",
        ],
    );
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: error: cannot read dangling.json: No such file or directory (os error 2)\n\
             presetlint: error: cannot read file/x.json: Not a directory (os error 20)\n\
             presetlint: error: cannot read {long}: File name too long (os error 36)\n\
             Found 4 errors (1 fixable with --fix).\n"
        )
    );
    assert_eq!(
        (r.code, r.stdout),
        (
            2,
            format!(
                "dangling.json:1:1: error[PL005 io-error] the file could not be read: No such file or directory (os error 2)\n\
                 file/x.json:1:1: error[PL005 io-error] the file could not be read: Not a directory (os error 20)\n\
                 {long}:1:1: error[PL005 io-error] the file could not be read: File name too long (os error 36)\n"
            ) + &concise_line("good.json")
        )
    );
}

/// Permission bits do not stop root, so as root presetlint runs as `nobody` here: the
/// failure is then the real EACCES, not a simulation.
#[test]
fn unreadable_files_and_folders_are_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    for (path, mode) in [
        ("locked/b.json", 0o644),
        ("secret.json", 0o000),
        ("ok/a.json", 0o644),
    ] {
        let path = d.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, BAD).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = crate::common::presetlint();
    command
        .current_dir(d)
        .args(["check", "--format", "concise", "."]);
    if is_root() {
        command.uid(65534).gid(65534);
    }
    let out = command.output().unwrap();
    fs::set_permissions(d.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "presetlint: error: cannot read the folder locked: Permission denied (os error 13)\n\
         presetlint: error: cannot read secret.json: Permission denied (os error 13)\n\
         Found 2 errors (1 fixable with --fix).\n"
    );
    // The unreadable file is a finding too; the unreadable folder, which names no file, is
    // said on standard error only.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concise_line("ok/a.json")
            + "secret.json:1:1: error[PL005 io-error] the file could not be read: Permission denied (os error 13)\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

const PRESET: &str =
    r#"{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": [".mov"]}"#;
const SIDECAR: &str = "{\n  \"metadata_values\": {\n    \"Project\": {\n      \"field_values\": [\n        {\n          \"value\": \"P\"\n        }\n      ]\n    }\n  }\n}\n";

fn clip_tree() -> (tempfile::TempDir, Vec<OsString>) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    let folder = dir.path().join("RAID").join(os(b"day\xff"));
    fs::create_dir_all(&folder).unwrap();
    let clips: Vec<OsString> = odd_names(".mov").into_iter().map(|(n, _)| n).collect();
    for clip in &clips {
        fs::write(folder.join(clip), b"clip").unwrap();
    }
    (dir, clips)
}

fn generate(dir: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "generate",
        "preset.json",
        "--destination",
        "RAID",
        "--set",
        "Project=P",
    ];
    args.extend_from_slice(extra);
    run(dir, &args)
}

#[test]
fn generate_writes_sidecars_beside_odd_names_and_reports_them() {
    let (dir, clips) = clip_tree();
    let folder = dir.path().join("RAID").join(os(b"day\xff"));
    // The human report names paths as the destination was given; the JSON one, absolutely.
    let shown = "RAID/day\u{fffd}";

    let dry = generate(dir.path(), &["--dry-run"]);
    assert!(
        dry.stdout
            .contains(&format!("would write {shown}/new\\nline.mov.json\n")),
        "{}",
        dry.stdout
    );
    let r = generate(dir.path(), &["--report", "json"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let sidecars: Vec<&str> = report["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sidecar"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = clips
        .iter()
        .map(|c| {
            format!(
                "{}/{shown}/{}.json",
                dir.path().display(),
                c.to_string_lossy()
            )
        })
        .collect();
    assert_eq!(sidecars, expected);
    assert_eq!(report["summary"]["written"], 5);
    for clip in &clips {
        let mut sidecar = clip.clone();
        sidecar.push(".json");
        assert_eq!(fs::read_to_string(folder.join(&sidecar)).unwrap(), SIDECAR);
    }
    assert_eq!(
        fs::read_dir(&folder).unwrap().count(),
        10,
        "5 clips, 5 sidecars"
    );
}

#[test]
fn a_destination_that_is_not_utf8_is_reported_in_json() {
    let (dir, _) = clip_tree();
    let mut args: Vec<&OsStr> = [
        "generate",
        "preset.json",
        "--report",
        "json",
        "--set",
        "Project=P",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    args.extend([OsStr::new("--destination"), os(b"RAID/day\xff")]);
    let r = run_os(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        report["destinations"][0]["path"],
        format!("{}/RAID/day\u{fffd}", dir.path().display())
    );
}

#[test]
fn replace_naming_tells_names_apart_by_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    fs::create_dir(dir.path().join("RAID")).unwrap();
    for name in [&b"a\xff.mov"[..], b"a\xfe.mov"] {
        fs::write(dir.path().join("RAID").join(os(name)), b"clip").unwrap();
    }
    let r = generate(dir.path(), &["--naming", "replace"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    for name in [&b"a\xff.json"[..], b"a\xfe.json"] {
        assert_eq!(
            fs::read_to_string(dir.path().join("RAID").join(os(name))).unwrap(),
            SIDECAR
        );
    }
}

#[test]
fn preview_shows_a_clip_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    let args: Vec<&OsStr> = vec![
        OsStr::new("preview"),
        OsStr::new("preset.json"),
        OsStr::new("--set"),
        OsStr::new("Project=P"),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--clip"),
        os(b"/Volumes/RAID/d\xff/new\nline.mov"),
    ];
    let r = run_os(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["clip"], "/Volumes/RAID/d\u{fffd}/new\nline.mov");
    assert_eq!(
        report["sidecar"]["path"],
        "/Volumes/RAID/d\u{fffd}/new\nline.mov.json"
    );
    let mut args = args;
    args.drain(4..6);
    let human = run_os(dir.path(), &args);
    assert!(
        human
            .stdout
            .starts_with("clip: /Volumes/RAID/d\u{fffd}/new\\nline.mov\n"),
        "{}",
        human.stdout
    );
}

/// A folder of the destination swapped for a symbolic link to a folder outside it, again and
/// again while generate runs (renameat2 RENAME_EXCHANGE, as an attacker on a shared drive
/// would): generate writes through the folder handles it opened, never through the link, so
/// nothing outside is created, replaced or left behind, with or without --overwrite.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_swapped_for_a_link_during_generate_redirects_nothing() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarElements": ["{A}"]}"#,
    )
    .unwrap();
    fs::create_dir_all(root.join("dest/a")).unwrap();
    for i in 0..50 {
        fs::write(root.join(format!("dest/a/X{i}.mov")), b"clip").unwrap();
    }
    fs::write(root.join("dest/a/notes.txt"), b"clip").unwrap();
    fs::create_dir(root.join("outside")).unwrap();
    fs::write(root.join("outside/notes.txt"), b"notes").unwrap();
    fs::write(root.join("outside/notes.txt.json"), b"theirs").unwrap();
    std::os::unix::fs::symlink("../outside", root.join("dest/b")).unwrap();
    let before = crate::common::snapshot(&root.join("outside"));

    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = stop.clone();
        let a = std::ffi::CString::new(root.join("dest/a").to_str().unwrap()).unwrap();
        let b = std::ffi::CString::new(root.join("dest/b").to_str().unwrap()).unwrap();
        std::thread::spawn(move || {
            let mut swaps = 0u64;
            while !stop.load(Ordering::Relaxed) {
                // SAFETY: renameat2 with two valid NUL-terminated paths and AT_FDCWD.
                let done = unsafe {
                    libc::syscall(
                        libc::SYS_renameat2,
                        libc::AT_FDCWD,
                        a.as_ptr(),
                        libc::AT_FDCWD,
                        b.as_ptr(),
                        libc::RENAME_EXCHANGE,
                    )
                };
                assert_eq!(done, 0, "{}", std::io::Error::last_os_error());
                swaps += 1;
            }
            swaps
        })
    };
    for round in 0..20 {
        let extra: &[&str] = if round % 2 == 0 {
            &[]
        } else {
            &["--overwrite"]
        };
        let mut args = vec![
            "generate",
            "preset.json",
            "--destination",
            "dest",
            "--set",
            "A=1",
        ];
        args.extend_from_slice(extra);
        let out = run(root, &args);
        assert!(matches!(out.code, 0..=2), "{}{}", out.stdout, out.stderr);
    }
    stop.store(true, Ordering::Relaxed);
    assert!(swapper.join().unwrap() > 0);
    assert_eq!(crate::common::snapshot(&root.join("outside")), before);
}
