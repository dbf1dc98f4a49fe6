//! The clip-log reader against the real counterpart: ALE files written by OpenTimelineIO's ALE
//! adapter (`otio-ale-adapter` from PyPI, installed into the tests' tool folder as ascmhl is)
//! read back by `values::clip_log` give the same values per clip, in every column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use presetlint::model::values::{ClipLogKind as Kind, read_clip_log as read};

use crate::common::cannot_set_up;

const ADAPTER: &str = "otio-ale-adapter==1.1.0";

/// Python with the adapter, installed once; `None` (failing under CI=true) when it cannot be.
fn python() -> Option<&'static Path> {
    let python = installed();
    if python.is_none() {
        cannot_set_up(&format!(
            "OpenTimelineIO's ALE adapter ({ADAPTER} from PyPI)"
        ));
    }
    python
}

fn installed() -> Option<&'static Path> {
    static INSTALLED: OnceLock<Option<PathBuf>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let tools = std::env::var_os("PRESETLINT_TEST_TOOLS").map_or_else(
                || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"),
                PathBuf::from,
            );
            let venv = tools.join("otio-ale");
            let python = venv.join("bin/python");
            let ready = |python: &Path| {
                Command::new(python)
                    .args(["-c", "import opentimelineio, otio_ale_adapter"])
                    .status()
                    .is_ok_and(|s| s.success())
            };
            if ready(&python) {
                return Some(python);
            }
            let made = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .is_ok_and(|s| s.success());
            let installed = made
                && Command::new(venv.join("bin/pip"))
                    .args(["install", "-q", ADAPTER])
                    .status()
                    .is_ok_and(|s| s.success());
            (installed && ready(&python)).then_some(python)
        })
        .as_deref()
}

/// Clips with their ALE metadata: a comma and a space in a value, an empty one, a scene with
/// a letter.
const WRITE: &str = r#"
import json, sys
import opentimelineio as otio
clips = json.loads(sys.argv[1])
timeline = otio.schema.Timeline(name="card A001")
track = otio.schema.Track()
timeline.tracks.append(track)
for name, values in clips.items():
    clip = otio.schema.Clip(
        name=name,
        source_range=otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, 24), otio.opentime.RationalTime(48, 24)
        ),
    )
    clip.metadata["ALE"] = values
    clip.media_reference = otio.schema.ExternalReference(target_url="/Volumes/CARD/" + name + ".R3D")
    track.append(clip)
sys.stdout.write(otio.adapters.write_to_string(timeline, "ale"))
"#;

#[test]
fn ales_written_by_opentimelineio_read_back_value_for_value() {
    let Some(python) = python() else {
        return;
    };
    let clips: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::from([
        (
            "A001C001",
            BTreeMap::from([("Scene", "12"), ("Take", "3"), ("Notes", "rain, heavy")]),
        ),
        (
            "A001C002",
            BTreeMap::from([("Scene", "12"), ("Take", ""), ("Notes", "")]),
        ),
        (
            "A001C003",
            BTreeMap::from([("Scene", "14A"), ("Take", "1"), ("Notes", "circled")]),
        ),
    ]);
    let out = Command::new(python)
        .args(["-c", WRITE, &serde_json::to_string(&clips).unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ale = String::from_utf8(out.stdout).unwrap();
    let (columns, rows) = read(&ale).unwrap();
    assert_eq!(columns.kind, Kind::Ale);
    for name in ["Name", "Source File", "Scene", "Take", "Notes"] {
        assert!(
            columns.names.iter().any(|c| c == name),
            "{name}: {:?}",
            columns.names
        );
    }
    let column = |name: &str| columns.names.iter().position(|c| c == name).unwrap();
    let mut read_back: BTreeMap<String, BTreeMap<&str, String>> = BTreeMap::new();
    for row in rows {
        let row = row.unwrap();
        let value = |name: &str| row.cells[column(name)].0.clone();
        // Each value's place is where its text is.
        for (text, place) in &row.cells {
            assert_eq!(&ale[place.clone()], text);
        }
        read_back.insert(
            value("Name"),
            ["Scene", "Take", "Notes"]
                .into_iter()
                .map(|c| (c, value(c)))
                .collect(),
        );
        assert_eq!(
            value("Source File"),
            format!("/Volumes/CARD/{}.R3D", value("Name"))
        );
    }
    let expected: BTreeMap<String, BTreeMap<&str, String>> = clips
        .iter()
        .map(|(name, values)| {
            (
                (*name).to_owned(),
                values.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
            )
        })
        .collect();
    assert_eq!(read_back, expected);
}

/// An ALE of three clips written by OpenTimelineIO's adapter, in a temporary card with the
/// clips and a preset listing {Project}, {Scene}, {Take}.
fn card_with_an_otio_ale(python: &Path) -> tempfile::TempDir {
    let clips: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::from([
        ("A001C001", BTreeMap::from([("Scene", "12"), ("Take", "3")])),
        ("A001C002", BTreeMap::from([("Scene", "12"), ("Take", "")])),
        (
            "A001C003",
            BTreeMap::from([("Scene", "14A"), ("Take", "1")]),
        ),
    ]);
    let out = Command::new(python)
        .args(["-c", WRITE, &serde_json::to_string(&clips).unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("card-A001.ale"), out.stdout).unwrap();
    std::fs::write(
        dir.path().join("preset.json"),
        r#"{"name": "Camera A", "iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}", "{Scene}", "{Take}"]}"#,
    )
    .unwrap();
    crate::common::touch(
        dir.path(),
        &[
            "card/A001C001.R3D",
            "card/A001C002.R3D",
            "card/A001C003.R3D",
        ],
    );
    dir
}

fn sidecar(values: &[(&str, &str)]) -> String {
    let fields: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(k, v)| {
            (
                (*k).to_owned(),
                serde_json::json!({"field_values": [{"value": v}]}),
            )
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "metadata_values": fields })).unwrap() + "\n"
}

#[test]
fn generate_writes_each_clip_its_row_of_an_otio_ale_and_audit_finds_the_one_that_differs() {
    let Some(python) = python() else {
        return;
    };
    let dir = card_with_an_otio_ale(python);
    let root = dir.path();
    // --set Take=1 is the run's value: a row's cell wins over it; an empty cell keeps it.
    let run = crate::common::run(
        root,
        &[
            "generate",
            "preset.json",
            "--destination",
            "card",
            "--clip-values",
            "card-A001.ale",
            "--set",
            "Project=PRX",
            "--set",
            "Take=1",
            "--no-sync",
            "--no-config",
        ],
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            "destination card: the preset lists no destinations: sidecars on every destination\n\
             summary: destinations matched 1, skipped 0; clips seen 3; sidecars written 3, overwritten 0, unchanged 0, conflicts 0, errors 0\n",
            ""
        )
    );
    let read = |clip: &str| {
        std::fs::read_to_string(root.join("card").join(format!("{clip}.R3D.json"))).unwrap()
    };
    assert_eq!(
        read("A001C001"),
        sidecar(&[("Project", "PRX"), ("Scene", "12"), ("Take", "3")])
    );
    assert_eq!(
        read("A001C002"),
        sidecar(&[("Project", "PRX"), ("Scene", "12"), ("Take", "1")])
    );
    assert_eq!(
        read("A001C003"),
        sidecar(&[("Project", "PRX"), ("Scene", "14A"), ("Take", "1")])
    );

    let audit = [
        "audit",
        "card",
        "--preset",
        "preset.json",
        "--clip-values",
        "card-A001.ale",
        "--set",
        "Project=PRX",
        "--set",
        "Take=1",
        "--date",
        "2026-03-02",
        "--no-config",
        "--output-format",
        "concise",
    ];
    let clean = crate::common::run(root, &audit);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, ""),
        "{}",
        clean.stderr
    );
    // Someone edits one sidecar by hand: it no longer says what its row says.
    std::fs::write(
        root.join("card/A001C003.R3D.json"),
        sidecar(&[("Project", "PRX"), ("Scene", "12"), ("Take", "1")]),
    )
    .unwrap();
    let found = crate::common::run(root, &audit);
    assert_eq!(
        found.stdout,
        "card/A001C003.R3D.json:10:5: warning[PL811 stale-sidecar] the sidecar differs from what generate would write: \"Scene\" is \"12\" here and \"14A\" from the values\n"
    );
}

#[test]
fn preview_shows_the_sidecar_of_the_clips_row() {
    let Some(python) = python() else {
        return;
    };
    let dir = card_with_an_otio_ale(python);
    let run = crate::common::run(
        dir.path(),
        &[
            "preview",
            "preset.json",
            "--clip",
            "card/a001c003.r3d",
            "--clip-values",
            "card-A001.ale",
            "--set",
            "Project=PRX",
            "--no-config",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["sidecar"]["content"],
        sidecar(&[("Project", "PRX"), ("Scene", "14A"), ("Take", "1")])
    );
    // OpenTimelineIO writes four heading lines, a blank line, Column, the names, a blank
    // line, Data: the third clip's row is line 12. Its columns Source File, Start, End and
    // Duration are the ones every ALE clip has: no PL706.
    assert_eq!(
        report["clip_log"],
        serde_json::json!({"path": "card-A001.ale", "line": 12, "diagnostics": []})
    );
}

#[test]
fn generates_json_report_names_each_clips_row_and_the_logs_findings() {
    let fixture = crate::common::fixture("clip-log/err/pl704-row-unmatched");
    let run = crate::common::run(
        &fixture,
        &[
            "generate",
            "preset.json",
            "--destination",
            "tree",
            "--clip-values",
            "clips.csv",
            "--set",
            "Project=PRX",
            "--dry-run",
            "--no-config",
            "--report",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows: Vec<&serde_json::Value> = report["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["clip_log_row"])
        .collect();
    assert_eq!(
        rows,
        [
            &serde_json::json!({"line": 2}),
            &serde_json::json!({"line": 3})
        ]
    );
    let found: Vec<(String, u64, u64)> = report["clip_log"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("PL704".to_owned(), 4, 1), ("PL704".to_owned(), 5, 1)]
    );
    assert_eq!(report["clip_log"]["path"], "clips.csv");
}

#[test]
fn a_clip_log_that_cannot_be_used_stops_the_run_with_its_reason() {
    let fixture = crate::common::fixture("clip-log/err/pl701-empty-cell");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(fixture.join("preset.json"), root.join("preset.json")).unwrap();
    std::fs::copy(fixture.join("clips.ale"), root.join("clips.ale")).unwrap();
    crate::common::touch(root, &["tree/A001C001.R3D", "tree/A001C002.R3D"]);
    std::fs::write(root.join("latin1.csv"), b"Name,Scene\nA001C001,Caf\xe9\n").unwrap();
    std::fs::write(
        root.join("big.csv"),
        "Name,Scene\n".to_owned() + &"A001C001,12\n".repeat(1000),
    )
    .unwrap();
    let generate = |more: &[&str]| {
        let mut args = vec![
            "generate",
            "preset.json",
            "--destination",
            "tree",
            "--set",
            "Project=PRX",
            "--no-config",
        ];
        args.extend_from_slice(more);
        crate::common::run(root, &args)
    };
    let cases: [(&[&str], &str); 5] = [
        (
            &["--clip-values", "clips.ale", "--match-column", "Clip"],
            "--match-column \"Clip\": clips.ale has no such column",
        ),
        (
            &["--clip-values", "clips.ale", "--map", "Tape=Take"],
            "--map \"Tape=Take\": clips.ale has no column \"Tape\"",
        ),
        (
            &["--clip-values", "big.csv", "--max-file-size", "4096"],
            "cannot read the clip log big.csv: file too large: more than 4096 bytes",
        ),
        (
            &["--clip-values", "latin1.csv"],
            "latin1.csv: the clip log is not UTF-8 (export it as UTF-8 from the logging application)",
        ),
        (&["--clip-values", "tree"], "cannot read the clip log tree"),
    ];
    for (more, message) in cases {
        let run = generate(more);
        assert_eq!(run.code, 2, "{more:?}: {}", run.stderr);
        assert!(
            crate::common::unwrapped(&run.stderr).contains(message),
            "{more:?}: {}",
            run.stderr
        );
    }
    // --match-column and --map mean nothing without a clip log.
    let run = generate(&["--match-column", "Name"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--clip-values <FILE>"),
        "{}",
        run.stderr
    );
    // An empty cell with --require-values: nothing written.
    let run = generate(&["--clip-values", "clips.ale", "--require-values"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("1 element is without a value and --require-values: nothing written\n"),
        "{}",
        run.stdout
    );
    assert!(!root.join("tree/A001C001.R3D.json").exists());
}

#[test]
fn a_logged_value_the_sidecar_format_cannot_carry_is_said_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Scene}", "{Notes}"]}"#,
    )
    .unwrap();
    // A bell character in a note: XML 1.0 cannot carry it.
    std::fs::write(
        root.join("clips.csv"),
        "Name,Scene,Notes\nA001C001,12,fine\nA001C002,12,beep\u{7}\nA001C003,12,beep\u{7}\n",
    )
    .unwrap();
    crate::common::touch(
        root,
        &[
            "card/A001C001.R3D",
            "card/A001C002.R3D",
            "card/A001C003.R3D",
        ],
    );
    let generate = |more: &[&str]| {
        let mut args = vec![
            "generate",
            "preset.json",
            "--destination",
            "card",
            "--clip-values",
            "clips.csv",
            "--sidecar-format",
            "xml",
            "--no-sync",
            "--no-config",
        ];
        args.extend_from_slice(more);
        crate::common::run(root, &args)
    };
    let refused = generate(&[]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        refused.stdout,
        "left out: \"Notes\": a value of \"Notes\" holds the character U+0007, which XML 1.0 cannot carry (first in clips.csv, line 3); left out of the sidecars of those clips\n\
         generate refuses: the sidecar format cannot carry some fields; nothing written (--force writes the valid fields)\n"
    );
    assert!(!root.join("card/A001C002.R3D.xml").exists());
    // With --force the others are written, and that clip's sidecar has its scene only.
    let forced = generate(&["--force"]);
    assert_eq!(forced.code, 0, "{}{}", forced.stdout, forced.stderr);
    let read = |clip: &str| std::fs::read_to_string(root.join("card").join(clip)).unwrap();
    assert!(read("A001C001.R3D.xml").contains("fine"));
    assert!(read("A001C002.R3D.xml").contains("<Scene>"));
    assert!(!read("A001C002.R3D.xml").contains("Notes"));
}
