//! `presetlint generate` on temporary clip trees, through the real binary.

use std::path::Path;

use crate::common::{fixture, names, run, snapshot, touch, unwrapped};

const PRESET: &str = r#"{
  "iconikSidecarElements": ["{Project}", "{Card}"],
  "iconikSidecarExtensions": [".R3D", ".mov"],
  "iconikSidecarDestinations": ["*/RAID"]
}
"#;

const CONTENT: &str = r#"{
  "metadata_values": {
    "Project": {
      "field_values": [
        {
          "value": "PRX"
        }
      ]
    },
    "Card": {
      "field_values": [
        {
          "value": "A001"
        }
      ]
    }
  }
}
"#;

/// A temporary folder with the preset and a RAID destination full of traps.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    touch(
        dir.path(),
        &[
            "RAID/PRX/A001/A001C001.R3D",
            "RAID/PRX/A001/A001C002.r3d",
            "RAID/PRX/A001/._A001C001.R3D",
            "RAID/PRX/A001/.DS_Store",
            "RAID/PRX/A001/sound.wav",
            "RAID/PRX/A001/report.json",
            "RAID/PRX/B001/deep/er/B001C001.MOV",
            "RAID/.Trashes/old.mov",
        ],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.path().join("RAID/PRX/A001/loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("A001C001.R3D", dir.path().join("RAID/PRX/A001/link.mov")).unwrap();
    dir
}

/// The generate run most tests make, in the tree's folder.
const GENERATE_ARGS: [&str; 8] = [
    "generate",
    "preset.json",
    "--destination",
    "RAID",
    "--set",
    "Project=PRX",
    "--set",
    "Card=A001",
];

fn generate(dir: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = GENERATE_ARGS.to_vec();
    args.extend_from_slice(extra);
    run(dir, &args)
}

fn summary(r: &crate::common::Run) -> &str {
    r.stdout.lines().last().unwrap()
}

#[test]
fn writes_exactly_the_sidecars_the_preset_implies_and_a_second_run_changes_nothing() {
    let dir = tree();
    let r = generate(dir.path(), &[]);
    let raid = dir.path().join("RAID").display().to_string();
    assert_eq!(
        r.stdout,
        format!(
            "destination RAID: destination entry \"*/RAID\" matches the path {raid:?}\nsummary: destinations matched 1, skipped 0; clips seen 3; sidecars written 3, overwritten 0, unchanged 0, conflicts 0, errors 0\n"
        )
    );
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let after = snapshot(&dir.path().join("RAID"));
    let sidecars: Vec<&(String, Option<Vec<u8>>)> = after
        .iter()
        .filter(|(n, _)| n.ends_with(".json") && !n.ends_with("report.json"))
        .collect();
    assert_eq!(
        sidecars.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        [
            "PRX/A001/A001C001.R3D.json",
            "PRX/A001/A001C002.r3d.json",
            "PRX/B001/deep/er/B001C001.MOV.json"
        ]
    );
    for (_, content) in sidecars {
        assert_eq!(content.as_deref(), Some(CONTENT.as_bytes()));
    }

    let again = generate(dir.path(), &[]);
    assert_eq!(
        summary(&again),
        "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 0, overwritten 0, unchanged 3, conflicts 0, errors 0"
    );
    assert_eq!(again.code, 0);
    assert_eq!(snapshot(&dir.path().join("RAID")), after);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tree();
    let before = snapshot(dir.path());
    let r = generate(dir.path(), &["--dry-run"]);
    assert_eq!(snapshot(dir.path()), before);
    let raid = dir.path().join("RAID");
    let expected = format!(
        "sidecar content (json, append naming):\n{CONTENT}destination RAID: destination entry \"*/RAID\" matches the path {:?}\nwould write RAID/PRX/A001/A001C001.R3D.json\nwould write RAID/PRX/A001/A001C002.r3d.json\nwould write RAID/PRX/B001/deep/er/B001C001.MOV.json\nsummary: destinations matched 1, skipped 0; clips seen 3; sidecars would write 3, would overwrite 0, unchanged 0, conflicts 0, errors 0\n",
        raid.display(),
    );
    assert_eq!(r.stdout, expected);
    assert_eq!(r.code, 0);
}

#[test]
fn conflicts_are_left_untouched_unless_overwrite() {
    let dir = tree();
    let a = dir.path().join("RAID/PRX/A001/A001C001.R3D.json");
    let b = dir.path().join("RAID/PRX/A001/A001C002.r3d.json");
    std::fs::write(&a, "hand-made").unwrap();
    std::fs::write(&b, CONTENT).unwrap();
    let r = generate(dir.path(), &[]);
    assert_eq!(
        r.stdout.lines().nth(1).unwrap(),
        "conflict: RAID/PRX/A001/A001C001.R3D.json differs from the sidecar this preset gives; left untouched (--overwrite replaces it)"
    );
    assert_eq!(
        summary(&r),
        "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 1, overwritten 0, unchanged 1, conflicts 1, errors 0"
    );
    assert_eq!(r.code, 1);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "hand-made");

    let r = generate(dir.path(), &["--overwrite"]);
    assert_eq!(
        summary(&r),
        "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 0, overwritten 1, unchanged 2, conflicts 0, errors 0"
    );
    assert_eq!(r.code, 0);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), CONTENT);
}

#[test]
fn replace_naming_collisions_write_neither() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("preset.json"),
        r#"{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": [".mov", ".WAV"]}"#,
    )
    .unwrap();
    touch(
        dir.path(),
        &["RAID/A001.mov", "RAID/A001.wav", "RAID/A002.mov"],
    );
    let r = run(
        dir.path(),
        &[
            "generate",
            "preset.json",
            "--destination",
            "RAID",
            "--naming",
            "replace",
            "--set",
            "Project=P",
        ],
    );
    let raid = dir.path().join("RAID");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "collision: RAID/A001.mov would share its sidecar \"A001.json\" with \"A001.wav\"; neither is written".to_owned(),
            "collision: RAID/A001.wav would share its sidecar \"A001.json\" with \"A001.mov\"; neither is written".to_owned(),
            "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 1, overwritten 0, unchanged 0, conflicts 0, errors 2".to_owned(),
        ]
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        names(&snapshot(&raid)),
        ["A001.mov", "A001.wav", "A002.json", "A002.mov"]
    );
}

#[test]
fn a_failure_on_one_clip_is_reported_and_the_rest_go_on() {
    let dir = tree();
    // A name of 251 bytes is a valid clip, but its sidecar's name (256 bytes) is too long for
    // any file system: a failure that root cannot get around either.
    let long = format!("{}.mov", "x".repeat(247));
    touch(dir.path(), &[&format!("RAID/PRX/{long}")]);
    let r = generate(dir.path(), &[]);
    let sidecar = std::path::Path::new("RAID/PRX").join(format!("{long}.json"));
    assert!(
        r.stdout.contains(&format!(
            "error: cannot write {}: File name too long (os error 36)\n",
            sidecar.display()
        )),
        "{}",
        r.stdout
    );
    assert_eq!(
        summary(&r),
        "summary: destinations matched 1, skipped 0; clips seen 4; sidecars written 3, overwritten 0, unchanged 0, conflicts 0, errors 1"
    );
    assert_eq!(r.code, 1);
    let leftovers: Vec<String> = names(&snapshot(dir.path()))
        .into_iter()
        .filter(|n| n.contains(".presetlint-tmp-"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

/// Every folder under `root`, itself included.
fn walk_dirs(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut at = 0;
    while at < out.len() {
        for entry in std::fs::read_dir(&out[at]).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.push(path);
            }
        }
        at += 1;
    }
    out
}

#[cfg(unix)]
#[test]
fn a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree();
    let b001 = dir.path().join("RAID/PRX/B001/deep/er");
    // Every other folder writable by anyone; as root, presetlint runs as nobody, whom the
    // mode of B001/deep/er stops as it stops any user.
    for entry in walk_dirs(dir.path()) {
        std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(&b001, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut command = crate::common::presetlint();
    command.current_dir(dir.path()).args(GENERATE_ARGS);
    crate::common::unprivileged(&mut command);
    let out = command.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "error: cannot write {}: Permission denied (os error 13)",
            "RAID/PRX/B001/deep/er/B001C001.MOV.json"
        )),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        dir.path().join("RAID/PRX/A001/A001C001.R3D.json").exists(),
        "the rest go on"
    );
    std::fs::set_permissions(&b001, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn clips_are_never_opened_for_writing() {
    let dir = tree();
    let before: Vec<_> = snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| !n.ends_with(".json"))
        .collect();
    let first = generate(dir.path(), &[]);
    assert_eq!(first.code, 0, "{}", first.stdout);
    assert_eq!(
        first.stdout.lines().last().unwrap(),
        "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 3, overwritten 0, unchanged 0, conflicts 0, errors 0"
    );
    let second = generate(dir.path(), &["--overwrite", "--set", "Card=B002"]);
    assert_eq!(second.code, 0, "{}", second.stdout);
    assert_eq!(
        second.stdout.lines().last().unwrap(),
        "summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 0, overwritten 3, unchanged 0, conflicts 0, errors 0"
    );
    let after: Vec<_> = snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| !n.ends_with(".json"))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn stale_temporary_files_are_removed() {
    let dir = tree();
    let stale = dir
        .path()
        .join("RAID/PRX/A001/.presetlint-tmp-99999999-3-A001C001.R3D.json");
    std::fs::write(&stale, "half").unwrap();
    let r = generate(dir.path(), &[]);
    assert!(
        r.stdout.contains(&format!(
            "removed a stale temporary file: {}\n",
            "RAID/PRX/A001/.presetlint-tmp-99999999-3-A001C001.R3D.json"
        )),
        "{}",
        r.stdout
    );
    assert!(!stale.exists());
    assert_eq!(r.code, 0);
}

#[test]
fn a_destination_that_matches_nothing_is_skipped() {
    let dir = tree();
    std::fs::create_dir(dir.path().join("Backup")).unwrap();
    let r = run(
        dir.path(),
        &[
            "generate",
            "preset.json",
            "--destination",
            "Backup",
            "--set",
            "Project=P",
            "--set",
            "Card=C",
        ],
    );
    let backup = dir.path().join("Backup").display().to_string();
    assert_eq!(
        r.stdout,
        format!(
            "skipped Backup: no destination entry matches {backup:?} (\"*/RAID\"); no entry is a volume name\nsummary: destinations matched 0, skipped 1; clips seen 0; sidecars written 0, overwritten 0, unchanged 0, conflicts 0, errors 0\nnothing written: no destination matched the preset's iconikSidecarDestinations; a volume's name is given with --volume NAME\n"
        )
    );
    // Nothing the user asked for was written.
    assert_eq!(r.code, 1);
    let r = run(
        dir.path(),
        &[
            "generate",
            "preset.json",
            "--destination",
            "nowhere",
            "--set",
            "Project=P",
        ],
    );
    // A usage error, before anything about the preset is printed.
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(&format!(
            "the destination {} is not a folder",
            dir.path().join("nowhere").display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn a_preset_with_errors_is_refused_unless_force() {
    let dir = tree();
    std::fs::copy(fixture("with-errors.json"), dir.path().join("bad.json")).unwrap();
    let before = snapshot(dir.path());
    let r = run(
        dir.path(),
        &[
            "generate",
            "bad.json",
            "--destination",
            "RAID",
            "--set",
            "Project=PRX",
        ],
    );
    assert_eq!(
        r.stdout,
        "bad.json:2:42: error[PL201 element-has-space] element \"{Shoot Day}\" has whitespace in its name; iconik can't process it\n  help: rename the element in OffShoot and here, e.g. \"{ShootDay}\"\nbad.json:2:57: error[PL202 file-element] \"{Filename}\" is a file element; OffShoot leaves file elements out of sidecars\n  help: remove it: iconik knows each file's name and extension already\ngenerate refuses: the preset has errors; nothing written (--force writes the valid fields)\n"
    );
    assert_eq!(r.code, 2);
    assert_eq!(snapshot(dir.path()), before);

    let r = run(
        dir.path(),
        &[
            "generate",
            "bad.json",
            "--destination",
            "RAID",
            "--set",
            "Project=PRX",
            "--force",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let written =
        std::fs::read_to_string(dir.path().join("RAID/PRX/A001/A001C001.R3D.json")).unwrap();
    assert_eq!(
        written,
        "{\n  \"metadata_values\": {\n    \"Project\": {\n      \"field_values\": [\n        {\n          \"value\": \"PRX\"\n        }\n      ]\n    }\n  }\n}\n"
    );
}

#[test]
fn require_values_writes_nothing_when_one_is_missing() {
    let dir = tree();
    let before = snapshot(dir.path());
    let r = run(
        dir.path(),
        &[
            "generate",
            "preset.json",
            "--destination",
            "RAID",
            "--set",
            "Project=P",
            "--require-values",
        ],
    );
    assert_eq!(
        r.stdout,
        "preset.json:2:42: warning[PL701 missing-value] \"{Card}\" has no value; its field is left out of the sidecar\n  help: give it one with --set Card=VALUE, --values FILE or --transfer-log FILE\n1 element is without a value and --require-values: nothing written\n"
    );
    assert_eq!(r.code, 2);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn several_values_cannot_go_into_csv() {
    let dir = tree();
    let before = snapshot(dir.path());
    let r = generate(
        dir.path(),
        &["--set", "Card=A002", "--sidecar-format", "csv"],
    );
    assert_eq!(
        r.stdout,
        "left out: \"Card\": \"Card\" has 2 values, and a CSV sidecar has no documented way to carry several\ngenerate refuses: the sidecar format cannot carry some fields; nothing written (--force writes the valid fields)\n"
    );
    assert_eq!(r.code, 2);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_transfer_log_gives_values_and_the_destination() {
    let dir = tree();
    let raid = dir.path().join("RAID");
    let log = std::fs::read_to_string(fixture("transfer-log.txt"))
        .unwrap()
        .replace("DESTINATION", raid.to_str().unwrap());
    std::fs::write(dir.path().join("log.txt"), log).unwrap();
    std::fs::write(
        dir.path().join("p.json"),
        r#"{"iconikSidecarElements": ["{Project}", "{Date}", "{Location}"], "iconikSidecarExtensions": [".mov"]}"#,
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "generate",
            "p.json",
            "--transfer-log",
            "log.txt",
            "--set",
            "Location=Utrecht",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let sidecar = std::fs::read_to_string(raid.join("PRX/B001/deep/er/B001C001.MOV.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&sidecar).unwrap();
    let value = |f: &str| {
        v["metadata_values"][f]["field_values"][0]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(value("Project"), "PRX");
    assert_eq!(
        value("Date"),
        "20211224",
        "the log's 24/12/2021, as OffShoot's sidecars write it"
    );
    assert_eq!(value("Location"), "Utrecht", "--set wins over the log");
}

#[test]
fn json_report_lists_every_clip() {
    let dir = tree();
    let r = generate(dir.path(), &["--report", "json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let outcomes: Vec<(String, String)> = v["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let clip = c["clip"].as_str().unwrap();
            let rel = Path::new(clip)
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string();
            (rel, c["outcome"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                "RAID/PRX/A001/A001C001.R3D".to_owned(),
                "written".to_owned()
            ),
            (
                "RAID/PRX/A001/A001C002.r3d".to_owned(),
                "written".to_owned()
            ),
            (
                "RAID/PRX/B001/deep/er/B001C001.MOV".to_owned(),
                "written".to_owned()
            ),
        ]
    );
    assert_eq!(v["summary"]["written"], 3);
    assert_eq!(v["destinations"][0]["matched"], true);
    assert_eq!(v["content"], CONTENT);
}

#[test]
fn no_destination_is_a_usage_error() {
    let dir = tree();
    let r = run(dir.path(), &["generate", "preset.json"]);
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains("no destination to write sidecars on"),
        "{}",
        r.stderr
    );
}
