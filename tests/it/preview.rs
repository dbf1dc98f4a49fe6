//! `presetlint preview`, through the real binary, with exact outputs.

use crate::common::{fixture, run, touch, unwrapped};

const DATE: &str = "2026-03-02T09:14:07+01:00";

fn cam_a() -> String {
    fixture("cam-a.json").display().to_string()
}

#[test]
fn a_clip_on_the_raid_gets_a_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("cam-a.json"), dir.path().join("cam-a.json")).unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            "cam-a.json",
            "--clip",
            "/Volumes/RAID/PRX/A001C003.R3D",
            "--set",
            "Project=PRX",
            "--set",
            "{Camera}=A",
            "--date",
            DATE,
        ],
    );
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        r#"clip: /Volumes/RAID/PRX/A001C003.R3D
gets a sidecar: yes
  destination: /Volumes/RAID: destination entry "RAID" is the volume name "RAID" of the destination
  file: extension entry ".R3D" matches (ignoring case)
sidecar: /Volumes/RAID/PRX/A001C003.R3D.json (json, append naming; existing: none)
---
{
  "metadata_values": {
    "Project": {
      "field_values": [
        {
          "value": "PRX"
        }
      ]
    },
    "Camera": {
      "field_values": [
        {
          "value": "A"
        }
      ]
    },
    "Date": {
      "field_values": [
        {
          "value": "20260302"
        }
      ]
    }
  }
}
---
cam-a.json:4:54: warning[PL701 missing-value] "{Card}" has no value; its field is left out of the sidecar
  help: give it one with --set Card=VALUE, --values FILE or --transfer-log FILE
cam-a.json:4:74: warning[PL701 missing-value] "{Season}" has no value; its field is left out of the sidecar
  help: give it one with --set Season=VALUE, --values FILE or --transfer-log FILE
"#
    );
    assert_eq!(r.code, 0);
}

#[test]
fn why_a_clip_gets_no_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/Volumes/Backup 1/PRX/A001C003.wav",
            "--date",
            DATE,
        ],
    );
    let head: Vec<&str> = r.stdout.lines().take(4).collect();
    assert_eq!(
        head,
        [
            "clip: /Volumes/Backup 1/PRX/A001C003.wav",
            "gets a sidecar: no",
            "  destination: no destination entry matches \"/Volumes/Backup 1/PRX\" (\"RAID\", \"*/proxies\"); its volume name is \"Backup 1\" of the destination (every folder above the clip was tried as the destination; --destination pins one)",
            "  file: no entry of iconikSidecarExtensions matches its name",
        ]
    );
    assert_eq!(r.code, 0);

    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/mnt/x/day1/proxies/A001/._A001.mov",
            "--date",
            DATE,
        ],
    );
    let head: Vec<&str> = r.stdout.lines().take(4).collect();
    assert_eq!(
        head[1..],
        [
            "gets a sidecar: no",
            "  destination: /mnt/x/day1/proxies: destination entry \"*/proxies\" matches the path \"/mnt/x/day1/proxies\"",
            "  file: AppleDouble files (._*) are never clips",
        ]
    );
}

#[test]
fn volume_override_and_pinned_destination() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/srv/media/A001.MOV",
            "--volume",
            "raid",
            "--destination",
            "/srv/media",
            "--date",
            DATE,
        ],
    );
    assert_eq!(
        r.stdout.lines().nth(2).unwrap(),
        "  destination: /srv/media: destination entry \"RAID\" is the volume name \"raid\" given by --volume"
    );
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/srv/media/A001.MOV",
            "--destination",
            "/other",
            "--date",
            DATE,
        ],
    );
    assert_eq!(
        r.stdout.lines().nth(2).unwrap(),
        "  destination: /other: the clip is not under the destination \"/other\""
    );
}

#[test]
fn json_output_holds_the_whole_answer() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/Volumes/RAID/PRX/A001C003.R3D",
            "--set",
            "Project=PRX",
            "--date",
            DATE,
            "--format",
            "json",
            "--sidecar-format",
            "csv",
            "--naming",
            "replace",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["gets_sidecar"], true);
    assert_eq!(v["destination"]["entry"], "RAID");
    assert_eq!(v["destination"]["path"], "/Volumes/RAID");
    assert_eq!(v["extension"]["entry"], ".R3D");
    assert_eq!(v["sidecar"]["path"], "/Volumes/RAID/PRX/A001C003.csv");
    assert_eq!(v["sidecar"]["format"], "csv");
    assert_eq!(v["sidecar"]["naming"], "replace");
    assert_eq!(v["sidecar"]["content"], "Project,Date\r\nPRX,20260302\r\n");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PL701", "PL701", "PL701"]);
    assert_eq!(
        v["diagnostics"][0]["start"],
        serde_json::json!({"line": 4, "column": 42})
    );
    assert_eq!(v["generate_would_refuse"], serde_json::Value::Null);
}

#[test]
fn several_presets_need_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    let hedge = fixture("two-presets.hedge").display().to_string();
    let r = run(
        dir.path(),
        &["preview", &hedge, "--clip", "/mnt/r/a.wav", "--date", DATE],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(&format!("{hedge} holds 2 presets")),
        "{}",
        r.stderr
    );
    assert!(
        unwrapped(&r.stderr).contains("choose one with --preset N (0-based)"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &[
            "preview",
            &hedge,
            "--clip",
            "/mnt/r/a.wav",
            "--preset",
            "1",
            "--set",
            "Project=P",
            "--set",
            "Card=C",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().nth(1).unwrap(), "gets a sidecar: yes");
    let r = run(
        dir.path(),
        &["preview", &hedge, "--clip", "/mnt/r/a.wav", "--preset", "2"],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(&format!(
            "{hedge} has no preset 2; it holds 2 (counted from 0)"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn replace_naming_collision_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    touch(dir.path(), &["RAID/A001.wav"]);
    let clip = dir.path().join("RAID/A001.mov");
    let preset = dir.path().join("p.json");
    std::fs::write(
        &preset,
        r#"{"iconikSidecarElements": ["{Project}"], "iconikSidecarExtensions": [".mov", ".wav"]}"#,
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            "p.json",
            "--clip",
            clip.to_str().unwrap(),
            "--naming",
            "replace",
            "--set",
            "Project=P",
        ],
    );
    assert_eq!(r.stdout.lines().nth(1).unwrap(), "gets a sidecar: no");
    assert_eq!(
        r.stdout.lines().nth(3).unwrap(),
        "  file: extension entry \".mov\" matches (ignoring case); but with replace naming it would share its sidecar with \"A001.wav\" in its folder, and neither is written"
    );
}

#[test]
fn invalid_values_point_at_their_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("dailies.json"), dir.path().join("dailies.json")).unwrap();
    std::fs::copy(fixture("iconik-view.json"), dir.path().join("view.json")).unwrap();
    std::fs::write(
        dir.path().join("values.json"),
        "{\n  \"project\": \"PRX\",\n  \"shoot_day\": \"400\",\n  \"shoot_date\": [\"24/12/2021\"]\n}\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            "dailies.json",
            "--clip",
            "/mnt/RAID/A001.mov",
            "--view",
            "view.json",
            "--values",
            "values.json",
            "--set",
            "camera=A Camera",
            "--date",
            DATE,
        ],
    );
    let tail: Vec<&str> = r
        .stdout
        .lines()
        .skip_while(|l| *l != "---")
        .skip(1)
        .skip_while(|l| *l != "---")
        .skip(1)
        .collect();
    assert_eq!(
        tail,
        [
            // A typed value at its element's entry, saying where it is from; a value from the
            // values file in that file, at the value.
            "dailies.json:2:57: error[PL702 invalid-value] \"A Camera\" is not one of the values of drop-down field \"camera\" (from --set camera=A Camera)",
            "  help: that is a label; the value is \"A\"",
            "dailies.json:2:85: error[PL601 field-not-in-view] \"{Camera}\" is not a field of view \"Dailies ingest\"; iconik drops it",
            "  help: the view's field \"camera\" (label \"Camera\") matches; name the element \"{camera}\"",
            "values.json:3:16: error[PL702 invalid-value] 400 is above the maximum 365 of field \"shoot_day\"",
            "values.json:4:18: error[PL702 invalid-value] \"24/12/2021\" is not a date in the form YYYY-MM-DD (field \"shoot_date\")",
            "  help: iconik's documentation does not say which date forms its gateway takes; presetlint asks for ISO 8601's YYYY-MM-DD",
            "generate would refuse: the preset has errors; some values do not fit the view (--force writes the valid fields, as shown above)",
        ]
    );
    assert_eq!(r.code, 1);
}

#[test]
fn a_bad_view_file_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("view.json"),
        "{\n  \"view_fields\": [\n    {\"name\": \"a\", \"field_type\": 3}\n  ]\n}\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/mnt/a.mov",
            "--view",
            "view.json",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        unwrapped(&r.stderr)
            .contains("view.json: not an iconik metadata view (invalid type: integer `3`,"),
        "{}",
        r.stderr
    );
    assert!(
        unwrapped(&r.stderr).contains("[view.json:3:33]"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_values_and_dates_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("values.json"), "{\"Project\": 5}").unwrap();
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/mnt/a.mov",
            "--values",
            "values.json",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains(
            "values.json: the value of \"Project\" must be a string or an array of strings"
        ),
        "{}",
        r.stderr
    );
    assert!(
        unwrapped(&r.stderr).contains("[values.json:1:13]"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/mnt/a.mov",
            "--date",
            "2026-02-30",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains("--date: \"2026-02-30\": 2026-02 has no day 30"),
        "{}",
        r.stderr
    );
    let r = run(
        dir.path(),
        &[
            "preview",
            &cam_a(),
            "--clip",
            "/mnt/a.mov",
            "--set",
            "Project",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        unwrapped(&r.stderr).contains("--set \"Project\" has no `=`"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_preset_that_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.json"),
        "{\"iconikSidecarElements\": [,]}",
    )
    .unwrap();
    let r = run(dir.path(), &["preview", "p.json", "--clip", "/mnt/a.mov"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stdout,
        "p.json:1:28: error[PL001 invalid-json] unexpected comma \",\"\n"
    );
}

#[test]
fn the_command_line_is_well_formed() {
    use clap::CommandFactory;
    presetlint::cli::Cli::command().debug_assert();
}

#[test]
fn a_folder_is_not_a_clip() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("cam-a.json"), dir.path().join("p.json")).unwrap();
    std::fs::create_dir(dir.path().join("RAID")).unwrap();
    for clip in ["/", "RAID", "RAID/.."] {
        let out = run(dir.path(), &["preview", "p.json", "--clip", clip]);
        assert_eq!(out.code, 2, "{clip}: {}", out.stdout);
        assert!(
            unwrapped(&out.stderr).contains(&format!("--clip {clip} is a folder, not a clip")),
            "{}",
            out.stderr
        );
        assert!(
            !out.stdout.contains("gets a sidecar: yes"),
            "{}",
            out.stdout
        );
    }
}

/// "as shown above" only when the sidecar is shown above (issue 14).
#[test]
fn a_refusal_says_as_shown_above_only_when_something_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{A}", "{File Name}"]}"#,
    )
    .unwrap();
    let refusal = |clip: &str| {
        let out = run(
            dir.path(),
            &["preview", "p.json", "--clip", clip, "--set", "A=1"],
        );
        assert_eq!(out.code, 1, "{}", out.stderr);
        out.stdout.lines().last().unwrap().to_owned()
    };
    assert_eq!(
        refusal("RAID/A001.MOV"),
        "generate would refuse: the preset has errors (--force writes the valid fields)"
    );
    assert_eq!(
        refusal("RAID/A001.R3D"),
        "generate would refuse: the preset has errors (--force writes the valid fields, as shown above)"
    );
}
