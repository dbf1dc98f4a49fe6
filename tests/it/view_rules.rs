//! PL601 and PL602 through `check --view`, with exact positions and messages.

use crate::common::{fixture, run};

#[test]
fn check_with_a_view() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("dailies.json"), dir.path().join("dailies.json")).unwrap();
    std::fs::copy(fixture("iconik-view.json"), dir.path().join("view.json")).unwrap();
    let r = run(
        dir.path(),
        &[
            "check",
            "--view",
            "view.json",
            "--format",
            "concise",
            "dailies.json",
        ],
    );
    assert_eq!(
        r.stdout,
        "dailies.json:2:85: error[PL601 field-not-in-view] \"{Camera}\" is not a field of view \"Dailies ingest\"; iconik drops it\n"
    );
    assert_eq!(r.code, 1);

    std::fs::write(
        dir.path().join("short.json"),
        "{\n  \"iconikSidecarElements\": [\"{project}\"]\n}\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &[
            "check",
            "--view",
            "view.json",
            "--format",
            "concise",
            "short.json",
        ],
    );
    assert_eq!(
        r.stdout,
        "short.json:2:28: warning[PL602 required-field-missing] view \"Dailies ingest\" requires field \"shoot_day\" (\"Shoot Day\"), and no element of iconikSidecarElements feeds it\n"
    );
    assert_eq!(r.code, 0, "a warning is below the default fail level");
}

#[test]
fn without_a_view_neither_rule_runs() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            fixture("dailies.json").to_str().unwrap(),
        ],
    );
    assert!(!r.stdout.contains("PL60"), "{}", r.stdout);
}

#[test]
fn the_new_rules_are_documented() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["PL601", "PL602", "PL701", "PL702"] {
        let r = run(dir.path(), &["rule", code]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.starts_with(&format!("# {code} ")), "{}", r.stdout);
        assert!(r.stdout.contains("## Why is this bad?"));
    }
}

/// `{Project}` where the view's required field is `project`: one problem, one finding (PL601
/// with the rename), not PL601 and PL602; with PL601 off, PL602 reports it.
#[test]
fn a_misspelt_required_field_is_one_finding_with_its_rename() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("iconik-view.json"), dir.path().join("view.json")).unwrap();
    std::fs::write(
        dir.path().join("p.json"),
        "{\n  \"iconikSidecarElements\": [\"{Project}\", \"{shoot_day}\"]\n}\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--no-config",
            "--view",
            "view.json",
            "--format",
            "concise",
        ];
        args.extend_from_slice(extra);
        args.push("p.json");
        run(dir.path(), &args).stdout
    };
    assert_eq!(
        check(&[]),
        "p.json:2:29: error[PL601 field-not-in-view] \"{Project}\" is not a field of view \"Dailies ingest\"; iconik drops it\n"
    );
    assert_eq!(
        check(&["--ignore", "PL601"]),
        "p.json:2:28: warning[PL602 required-field-missing] view \"Dailies ingest\" requires field \"project\" (\"Project\"), and no element of iconikSidecarElements feeds it\n"
    );
    let fixed = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--view",
            "view.json",
            "--fix",
            "--unsafe-fixes",
            "p.json",
        ],
    );
    assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.json")).unwrap(),
        "{\n  \"iconikSidecarElements\": [\"{project}\", \"{shoot_day}\"]\n}\n"
    );
}

/// A view of 2,000 fields and 2,000 unknown elements: each help names a dozen fields, not
/// all of them (the help once listed every field for every finding: 3.5 GB at 20,000).
#[test]
fn an_unknown_element_names_a_dozen_of_a_large_views_fields() {
    let dir = tempfile::tempdir().unwrap();
    let fields: Vec<String> = (0..2000)
        .map(|i| format!("{{\"name\": \"f{i}\", \"field_type\": \"string\"}}"))
        .collect();
    std::fs::write(
        dir.path().join("view.json"),
        format!(
            "{{\"name\": \"Big\", \"view_fields\": [{}]}}",
            fields.join(", ")
        ),
    )
    .unwrap();
    let elements: Vec<String> = (0..2000).map(|i| format!("\"{{x{i}}}\"")).collect();
    std::fs::write(
        dir.path().join("p.json"),
        format!("{{\"iconikSidecarElements\": [{}]}}", elements.join(", ")),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--view",
            "view.json",
            "--format",
            "json",
            "p.json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let diagnostics: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "PL601")
        .collect();
    assert_eq!(diagnostics.len(), 2000);
    assert_eq!(
        diagnostics[0]["help"],
        "field names are compared exactly; the view's fields are f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, and 1988 more"
    );
}

/// OffShoot writes `{Date}` as YYYYMMDD; a view's `date` field is judged by presetlint's
/// choice (YYYY-MM-DD, since no iconik source says which forms it takes), and the finding says
/// the date it stands for without claiming iconik refuses it. A `datetime` takes RFC 3339.
#[test]
fn offshoots_date_against_a_date_field() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("view.json"),
        r#"{"name": "Dailies", "view_fields": [
          {"name": "Date", "field_type": "date"},
          {"name": "logged", "field_type": "datetime"}
        ]}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("p.json"),
        r#"{"iconikSidecarElements": ["{Date}", "{logged}"]}"#,
    )
    .unwrap();
    let preview = |logged: &str| {
        run(
            root,
            &[
                "preview",
                "p.json",
                "--clip",
                "RAID/A001.R3D",
                "--view",
                "view.json",
                "--date",
                "2021-12-24T09:14:07+01:00",
                "--set",
                &format!("logged={logged}"),
                "--format",
                "json",
            ],
        )
    };
    let r = preview("2021-12-24T09:14:07+01:00");
    let out: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    // The clock's or --date's value is judged at its element's entry in the preset.
    let findings: Vec<(String, String)> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "PL702")
        .map(|f| {
            (
                f["message"].as_str().unwrap().to_owned(),
                f["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [(
            "\"20211224\" is not a date in the form YYYY-MM-DD (field \"Date\") (from --date 2021-12-24T09:14:07+01:00)".to_owned(),
            "OffShoot writes {Date} as YYYYMMDD; as a date this is 2021-12-24 (iconik's documentation does not say which date forms its gateway takes; presetlint asks for ISO 8601's YYYY-MM-DD)".to_owned()
        )],
        "{}",
        r.stdout
    );
    let r = preview("24/12/2021 09:14");
    assert!(
        r.stdout
            .contains("\"24/12/2021 09:14\\\" is not an RFC 3339 date-time (field \\\"logged\\\")"),
        "{}",
        r.stdout
    );
}
