//! The clip-log reader against the real counterpart: ALE files written by OpenTimelineIO's ALE
//! adapter (`otio-ale-adapter` from PyPI, installed into the tests' tool folder as ascmhl is)
//! read back by `values::clip_log` give the same values per clip, in every column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use presetlint::values::clip_log::{Kind, read};

use crate::common::cannot_set_up;

const ADAPTER: &str = "otio-ale-adapter==1.1.0";

/// Python with the adapter, installed once.
fn python() -> Option<&'static Path> {
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
        cannot_set_up(&format!(
            "OpenTimelineIO's ALE adapter ({ADAPTER} from PyPI)"
        ));
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
