//! `presetlint audit` through the real binary: a tree written by `generate` audits clean in
//! every sidecar format, naming and report format; exit codes; hostile trees (links, FIFOs,
//! huge and odd files, names that are not UTF-8) are read without following, hanging or
//! writing anything; and `generate --repair` replaces only broken sidecars.

use std::fs;
use std::path::Path;

use crate::common::{run, run_os, snapshot, touch};

const PRESET: &str = r#"{
  "iconikSidecarElements": ["{Project}", "{Card}"],
  "iconikSidecarExtensions": [".R3D", ".mov"]
}
"#;

const VALUES: [&str; 4] = ["--set", "Project=PRX", "--set", "Card=A001"];

/// A destination of three clips (one in a subfolder) and a WAV the preset gives no sidecar.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    touch(
        dir.path(),
        &[
            "RAID/A001.R3D",
            "RAID/A002.mov",
            "RAID/day2/B001.R3D",
            "RAID/sound.wav",
        ],
    );
    dir
}

fn generate(dir: &Path, extra: &[&str]) {
    let mut args = vec!["generate", "preset.json", "--destination", "RAID"];
    args.extend(VALUES);
    args.extend(extra);
    let r = run(dir, &args);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

fn audit(dir: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["audit", "RAID", "--preset", "preset.json"];
    args.extend(VALUES);
    args.extend(extra);
    run(dir, &args)
}

#[test]
fn a_tree_written_by_generate_audits_clean_in_every_format_naming_and_report() {
    for format in ["json", "xml", "csv"] {
        for naming in ["append", "replace"] {
            let dir = tree();
            generate(
                dir.path(),
                &["--sidecar-format", format, "--naming", naming],
            );
            let human = audit(dir.path(), &["--format", "human"]);
            assert_eq!(
                (human.code, human.stdout.as_str(), human.stderr.as_str()),
                (0, "no problems in 3 sidecars\n", ""),
                "{format} {naming}"
            );
            for report in ["concise", "json-lines", "github", "gitlab"] {
                let r = audit(dir.path(), &["--format", report]);
                let empty = if report == "gitlab" { "[]\n" } else { "" };
                assert_eq!(
                    (r.code, r.stdout.as_str()),
                    (0, empty),
                    "{format} {naming} {report}"
                );
            }
            let json = audit(dir.path(), &["--format", "json"]);
            let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
            assert_eq!(v["diagnostics"], serde_json::json!([]));
            assert_eq!(v["summary"]["files"], 3, "{format} {naming}");
            let sarif = audit(dir.path(), &["--format", "sarif"]);
            let v: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
            assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
            let junit = audit(dir.path(), &["--format", "junit"]);
            assert!(junit.stdout.contains(r#"failures="0""#), "{}", junit.stdout);
        }
    }
}

#[test]
fn findings_exit_codes_and_the_summary() {
    let dir = tree();
    generate(dir.path(), &[]);
    fs::remove_file(dir.path().join("RAID/A002.mov.json")).unwrap();
    fs::write(
        dir.path().join("RAID/day2/B001.R3D.json"),
        "{\"metadata_values\": {",
    )
    .unwrap();
    touch(dir.path(), &["RAID/sound.wav.json"]);
    fs::write(
        dir.path().join("RAID/sound.wav.json"),
        "{\"metadata_values\": {}}",
    )
    .unwrap();
    let r = audit(dir.path(), &["--format", "concise"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "RAID/A002.mov:1:1: error[PL805 sidecar-missing] the clip \"A002.mov\" has no sidecar, and the preset gives it one: extension entry \".mov\" matches (ignoring case)\n\
         RAID/sound.wav.json:1:1: warning[PL806 sidecar-unexpected] the sidecar \"sound.wav.json\" belongs to \"sound.wav\", which the preset gives no sidecar: no entry of iconikSidecarExtensions matches its name\n\
         RAID/sound.wav.json:1:2: warning[PL811 stale-sidecar] the sidecar differs from what generate would write: \"Project\" is missing (the values give \"PRX\"); \"Card\" is missing (the values give \"A001\")\n\
         RAID/day2/B001.R3D.json:1:21: error[PL801 sidecar-unreadable] the sidecar is not JSON: unterminated object\n"
    );
    let human = audit(dir.path(), &["--format", "human"]);
    assert!(
        human
            .stdout
            .ends_with("1 error, 2 warnings in 2 of 3 sidecars; 1 clip without a sidecar\n"),
        "{}",
        human.stdout
    );
    // Warnings alone pass unless --fail-level asks for them.
    let mut select = vec!["--select", "PL806"];
    assert_eq!(audit(dir.path(), &select).code, 0);
    select.extend(["--fail-level", "warning"]);
    assert_eq!(audit(dir.path(), &select).code, 1);
    // Without a preset, only what the tree shows by itself: no PL805, PL806, PL811.
    let alone = run(dir.path(), &["audit", "RAID", "--format", "concise"]);
    assert_eq!(
        (alone.code, alone.stdout.as_str()),
        (
            1,
            "RAID/day2/B001.R3D.json:1:21: error[PL801 sidecar-unreadable] the sidecar is not JSON: unterminated object\n"
        )
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tree();
    let r = run(dir.path(), &["audit", "RAID/A001.R3D"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not a folder"), "{}", r.stderr);
    let r = run(dir.path(), &["audit", "RAID", "--set", "Project=PRX"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("name the preset with --preset FILE"),
        "{}",
        r.stderr
    );
    fs::write(dir.path().join("broken.json"), "{").unwrap();
    let r = run(dir.path(), &["audit", "RAID", "--preset", "broken.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("PL001 invalid-json"), "{}", r.stdout);
}

/// Links are never followed, a FIFO never waited on, a huge file never read whole, names
/// that are not UTF-8 shown lossily; and nothing in the tree changes.
#[test]
fn hostile_trees_are_audited_without_following_hanging_or_writing() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tree();
    generate(dir.path(), &[]);
    let d = dir.path();
    fs::create_dir(d.join("outside")).unwrap();
    fs::write(d.join("outside/x.json"), "not json").unwrap();
    touch(d, &["RAID/C001.R3D", "RAID/D001.R3D", "outside/E001.R3D"]);
    std::os::unix::fs::symlink("../outside/x.json", d.join("RAID/C001.R3D.json")).unwrap();
    std::os::unix::fs::symlink("../outside", d.join("RAID/linked")).unwrap();
    std::os::unix::fs::symlink(".", d.join("RAID/loop")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(d.join("RAID/D001.R3D.json"))
        .status()
        .unwrap();
    assert!(status.success());
    fs::write(d.join("RAID/huge.json"), vec![b' '; 2048]).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"F\xff.R3D.json");
    fs::write(d.join("RAID").join(odd), "{").unwrap();
    let before = snapshot(d);
    let r = run_os(
        d,
        &[
            "audit",
            "RAID",
            "--format",
            "concise",
            "--max-file-size",
            "1024",
        ]
        .map(std::ffi::OsStr::new),
    );
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "RAID/F\u{fffd}.R3D.json:1:1: warning[PL804 orphan-sidecar] no clip for the sidecar \"F\u{fffd}.R3D.json\": its folder has neither \"F\u{fffd}.R3D\" nor any \"F\u{fffd}.R3D.*\"\n\
         RAID/F\u{fffd}.R3D.json:1:1: error[PL801 sidecar-unreadable] the sidecar is not JSON: unterminated object\n"
    );
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: error: cannot read {}: file too large: more than 1024 bytes (raise --max-file-size if it is meant to be this large)\n",
            Path::new("RAID/huge.json").display()
        )
    );
    assert_eq!(snapshot(d), before, "audit changed the tree");
}

#[test]
fn generate_repair_replaces_broken_sidecars_and_never_a_readable_one() {
    let dir = tree();
    generate(dir.path(), &[]);
    let d = dir.path();
    let good = fs::read_to_string(d.join("RAID/A001.R3D.json")).unwrap();
    fs::write(d.join("RAID/A001.R3D.json"), "").unwrap();
    fs::write(
        d.join("RAID/A002.mov.json"),
        "{\"metadata_values\": {\"Project\": \"PRX\"}}",
    )
    .unwrap();
    let readable =
        "{\"metadata_values\": {\"Project\": {\"field_values\": [{\"value\": \"OLD\"}]}}}";
    fs::write(d.join("RAID/day2/B001.R3D.json"), readable).unwrap();
    let mut args = vec![
        "generate",
        "preset.json",
        "--destination",
        "RAID",
        "--repair",
    ];
    args.extend(VALUES);
    let mut dry = args.clone();
    dry.push("--dry-run");
    let r = run(d, &dry);
    assert!(
        r.stdout.contains("RAID/A001.R3D.json (it is broken)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("RAID/A002.mov.json (it is broken)\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("sidecars would write 0, would overwrite 0, would repair 2, unchanged 0, conflicts 1, errors 0\n"), "{}", r.stdout);
    assert_eq!(
        fs::read_to_string(d.join("RAID/A001.R3D.json")).unwrap(),
        ""
    );
    let r = run(d, &args);
    assert_eq!(
        r.code, 1,
        "the readable sidecar stays a conflict: {}",
        r.stdout
    );
    assert!(
        r.stdout.contains("RAID/A001.R3D.json: it was broken\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("written 0, overwritten 0, repaired 2, unchanged 0, conflicts 1"),
        "{}",
        r.stdout
    );
    assert_eq!(
        fs::read_to_string(d.join("RAID/A001.R3D.json")).unwrap(),
        good
    );
    assert_eq!(
        fs::read_to_string(d.join("RAID/A002.mov.json")).unwrap(),
        good
    );
    assert_eq!(
        fs::read_to_string(d.join("RAID/day2/B001.R3D.json")).unwrap(),
        readable
    );
    // --no-sync writes the same.
    let mut no_sync = args.clone();
    no_sync.push("--no-sync");
    assert_eq!(run(d, &no_sync).code, 1);
}

/// Names with a line break and escape sequences, and values that would retitle a terminal:
/// what audit prints carries no raw control character, and each concise finding stays on
/// its line.
#[test]
fn odd_names_and_hostile_values_reach_no_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let odd = "A\nB\u{1b}[2J.R3D";
    touch(d, &[&format!("RAID/{odd}"), "RAID/C.R3D"]);
    fs::write(d.join(format!("RAID/{odd}.json")), "{").unwrap();
    fs::write(
        d.join("RAID/C.R3D.json"),
        "{\"metadata_values\": {\"camera\": {\"field_values\": [{\"value\": \"\\u001b]0;PWNED\\u0007\"}]}}}",
    )
    .unwrap();
    fs::write(
        d.join("view.json"),
        r#"{"name": "V", "view_fields": [{"name": "camera", "field_type": "drop_down", "options": [{"label": "A Camera", "value": "A"}]}]}"#,
    )
    .unwrap();
    let before = snapshot(d);
    for format in ["concise", "human", "github"] {
        let r = run(
            d,
            &["audit", "RAID", "--view", "view.json", "--format", format],
        );
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        for text in [&r.stdout, &r.stderr] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{format}: a raw control character in {text:?}"
            );
        }
        if format == "concise" {
            assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
            assert!(
                r.stdout.contains("PL808 sidecar-invalid-value"),
                "{}",
                r.stdout
            );
            assert!(
                r.stdout.contains("PL801 sidecar-unreadable"),
                "{}",
                r.stdout
            );
        }
    }
    assert_eq!(snapshot(d), before);
}

/// The clock's today is never taken silently for the footage's day: generate says which date
/// it used when the preset has date elements and no --date is given, and audit without
/// --date does not judge the date fields (PL811), saying so.
#[test]
fn dates_from_the_clock_are_said_and_not_judged() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("RAID/A001")).unwrap();
    std::fs::write(root.join("RAID/A001/A001C001.R3D"), b"clip").unwrap();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}", "{Date}"]}"#,
    )
    .unwrap();
    // Written for yesterday's shoot, with its date.
    let r = run(
        root,
        &[
            "generate",
            "preset.json",
            "--destination",
            "RAID",
            "--set",
            "Project=PRX",
            "--date",
            "2026-01-01",
        ],
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stderr);
    // Without --date: the date used is said.
    let r = run(
        root,
        &[
            "preview",
            "preset.json",
            "--clip",
            "RAID/A001/A001C001.R3D",
            "--set",
            "Project=PRX",
            "--format",
            "json",
        ],
    );
    let preview: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let today = preview["sidecar"]["fields"][1]["values"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        r.stderr,
        format!(
            "presetlint: note: {{Date}} is {today}, from this computer's clock (today, local time): --date gives the day the footage was shot\n"
        )
    );
    // audit without --date: the Date field is not judged stale, and that is said.
    let audit = |extra: &[&str]| {
        let mut args = vec![
            "audit",
            "RAID",
            "--preset",
            "preset.json",
            "--set",
            "Project=PRX",
            "--format",
            "concise",
        ];
        args.extend_from_slice(extra);
        run(root, &args)
    };
    let r = audit(&[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("PL811"), "{}", r.stdout);
    assert!(
        r.stderr.contains("presetlint: note: without --date, {Date} is not judged (PL811): the clock's today is not the day the footage was shot\n"),
        "{}",
        r.stderr
    );
    // With the wrong day given: stale.
    let r = audit(&["--date", "2026-01-02"]);
    assert_eq!(
        r.stdout,
        "RAID/A001/A001C001.R3D.json:10:5: warning[PL811 stale-sidecar] the sidecar differs from what generate would write: \"Date\" is \"20260101\" here and \"20260102\" from the values\n"
    );
    assert!(!r.stderr.contains("not judged"), "{}", r.stderr);
    assert_eq!(audit(&["--date", "2026-01-01"]).stdout, "");
}
