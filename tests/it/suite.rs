//! The suite's own helpers: whatever the machine running the tests has set (GitHub's runner
//! sets GITHUB_ACTIONS=true; a user may have PRESETLINT_OUTPUT_FORMAT or ICONIK_* set), the
//! binary runs in the same clean environment. `.ci/run` also runs a part of the suite with
//! those variables set in the suite's own environment.

use std::fs;

use crate::common::{NOBODY_LISTENS, clean_env};

#[test]
fn the_binary_runs_in_a_clean_environment_whatever_was_set() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.json"),
        r#"{"iconikSidecarExtensions": [".R3D;.MOV"], "iconikSidecarElements": ["{Project}"]}"#,
    )
    .unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_presetlint"));
    command
        .args(["check", "a.json"])
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .env("TF_BUILD", "True")
        .env("PRESETLINT_OUTPUT_FORMAT", "json")
        .env("FORCE_COLOR", "1")
        .env("ICONIK_APP_ID", "someone-else")
        .env("ICONIK_URL", "https://app.iconik.io");
    let out = clean_env(&mut command).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.json:1:30: error[PL101 list-in-string] \".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string\n"
    );
    let envs: Vec<(String, Option<String>)> = command
        .get_envs()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.map(|v| v.to_string_lossy().into_owned()),
            )
        })
        .collect();
    assert!(envs.contains(&("ICONIK_URL".into(), Some(NOBODY_LISTENS.into()))));
    assert!(envs.contains(&("ICONIK_APP_ID".into(), None)));
    assert!(envs.contains(&("GITHUB_ACTIONS".into(), None)));
}
