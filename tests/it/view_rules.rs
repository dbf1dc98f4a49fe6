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
