//! `presetlint init --view VIEW` end to end: the preset and presetlint.toml it writes, exactly;
//! `check` with that view is clean; `generate` writes sidecars whose fields are the view's;
//! nothing is ever replaced. And PL602's unsafe fix, which adds the elements a view requires.

use std::fs;

use crate::common::{run, run_with_env};
use crate::iconik_server::spec::fixture;
use crate::iconik_server::{Routes, Server};

const VIEW: &str = r#"{"id": "3c7f0a52-5d7e-11ef-8b1f-0242ac120002", "name": "Dailies", "view_fields": [
  {"name": "ProjectID", "label": "Project ID", "field_type": "string", "required": true},
  {"name": "Camera", "label": "Camera", "field_type": "drop_down",
   "options": [{"label": "A Camera", "value": "A"}, {"label": "B Camera", "value": "B"}]},
  {"name": "asset_status", "label": "Status", "field_type": "string", "read_only": true},
  {"name": "StorageTier", "label": "Storage tier", "field_type": "string"}
]}"#;

const PRESET: &str = "{\n  \"iconikSidecarElements\": [\n    \"{ProjectID}\",\n    \"{Camera}\",\n    \"{StorageTier}\"\n  ]\n}\n";

#[test]
fn init_mirrors_the_view_and_check_and_generate_agree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("views")).unwrap();
    fs::write(root.join("views/dailies.json"), VIEW).unwrap();
    let r = run(root, &["init", "--view", "views/dailies.json"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "presetlint: note: the field \"asset_status\": the view makes it read-only, so iconik takes no value for it from a sidecar is not in the preset\n\
         presetlint: wrote preset.json (3 elements, from the view \"Dailies\") and presetlint.toml (view = \"views/dailies.json\")\n\
         presetlint: next: create these elements in OffShoot (Settings, Elements), set the preset's destinations and extensions, then `presetlint check`\n"
    );
    assert_eq!(
        fs::read_to_string(root.join("preset.json")).unwrap(),
        PRESET
    );
    assert_eq!(
        fs::read_to_string(root.join("presetlint.toml")).unwrap(),
        "# presetlint's settings for the presets in this folder and below (made by `presetlint init`).\n\
         # The iconik metadata view the sidecars feed: element names and values are judged against it.\n\
         view = \"views/dailies.json\"\n"
    );
    // check, with the view the config names: clean.
    let r = run(root, &["check", "preset.json", "--format", "concise"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "", "All checks passed.\n")
    );
    // generate: a sidecar whose fields are the view's writable fields, by their names.
    fs::create_dir_all(root.join("RAID/A001")).unwrap();
    fs::write(root.join("RAID/A001/A001C001.R3D"), b"clip").unwrap();
    let r = run(
        root,
        &[
            "generate",
            "preset.json",
            "--destination",
            "RAID",
            "--set",
            "ProjectID=PRX-12",
            "--set",
            "Camera=A",
            "--set",
            "StorageTier=nearline",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let sidecar: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root.join("RAID/A001/A001C001.R3D.json")).unwrap(),
    )
    .unwrap();
    let fields: Vec<&String> = sidecar["metadata_values"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(fields, ["ProjectID", "Camera", "StorageTier"]);
    assert_eq!(
        sidecar["metadata_values"]["Camera"]["field_values"][0]["value"],
        "A"
    );
}

#[test]
fn init_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("view.json"), VIEW).unwrap();
    fs::write(root.join("mine.json"), "{}\n").unwrap();
    // The preset named exists: nothing written, not even the config.
    let r = run(
        root,
        &["init", "--view", "view.json", "--preset", "mine.json"],
    );
    assert_eq!(r.code, 2);
    assert!(
        crate::common::unwrapped(&r.stderr)
            .contains("mine.json exists already; nothing was written"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(root.join("mine.json")).unwrap(), "{}\n");
    assert!(!root.join("presetlint.toml").exists());
    // A config that exists, even as a symbolic link to nowhere, is not replaced either.
    std::os::unix::fs::symlink("elsewhere.toml", root.join("presetlint.toml")).unwrap();
    let r = run(root, &["init", "--view", "view.json"]);
    assert_eq!(r.code, 2);
    assert!(!root.join("preset.json").exists() && !root.join("elsewhere.toml").exists());
    fs::remove_file(root.join("presetlint.toml")).unwrap();
    // A view that is not one: exit 2, nothing written.
    fs::write(root.join("not-a-view.json"), "{\"fields\": []}").unwrap();
    let r = run(root, &["init", "--view", "not-a-view.json"]);
    assert_eq!(r.code, 2);
    assert!(!root.join("preset.json").exists() && !root.join("presetlint.toml").exists());
}

/// init from a view in iconik: the config names `iconik:ID`, and check pulls (or reuses) it.
#[test]
fn init_from_iconik_names_the_remote_view() {
    let id = "3c7f0a52-5d7e-11ef-8b1f-0242ac120002";
    let server = Server::start(Routes::from([(
        format!("/API/metadata/v1/views/{id}/"),
        vec![fixture("view-dailies.json")],
    )]));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let cache = root.join("cache").display().to_string();
    let env = [
        ("ICONIK_URL", server.url.as_str()),
        ("ICONIK_APP_ID", "app-1"),
        ("ICONIK_AUTH_TOKEN", "tok-SECRET-1"),
        ("PRESETLINT_CACHE_DIR", cache.as_str()),
    ];
    let remote = format!("iconik:{id}");
    let r = run_with_env(root, &["init", "--view", &remote], &env);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(root.join("preset.json")).unwrap(),
        "{\n  \"iconikSidecarElements\": [\n    \"{project}\",\n    \"{shoot_day}\",\n    \"{camera}\",\n    \"{crew}\"\n  ]\n}\n"
    );
    assert!(
        fs::read_to_string(root.join("presetlint.toml"))
            .unwrap()
            .ends_with(&format!("view = \"{remote}\"\n"))
    );
    let r = run_with_env(root, &["check", "preset.json", "--format", "concise"], &env);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    // Pulled once: check used the copy init cached.
    assert_eq!(server.paths().len(), 1);
}

/// PL602's unsafe fix adds each element the view requires after the list's last entry, in the
/// view's order; the entries already there keep their text.
#[test]
fn required_fields_are_added_by_the_unsafe_fix() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("view.json"),
        r#"{"name": "Dailies", "view_fields": [
          {"name": "ProjectID", "field_type": "string", "required": true},
          {"name": "Card", "field_type": "string", "required": true},
          {"name": "Camera", "field_type": "string"}
        ]}"#,
    )
    .unwrap();
    let preset = "{\n  \"iconikSidecarElements\": [\"{Camera}\"]\n}\n";
    fs::write(root.join("p.json"), preset).unwrap();
    let check = [
        "check",
        "p.json",
        "--view",
        "view.json",
        "--format",
        "concise",
    ];
    let r = run(root, &check);
    assert_eq!(
        r.stdout,
        "p.json:2:28: warning[PL602 required-field-missing] view \"Dailies\" requires field \"ProjectID\", and no element of iconikSidecarElements feeds it\n\
         p.json:2:28: warning[PL602 required-field-missing] view \"Dailies\" requires field \"Card\", and no element of iconikSidecarElements feeds it\n"
    );
    // Safe fixes leave it: the elements must be made in OffShoot too.
    let mut fix = check.to_vec();
    fix.push("--fix");
    assert_eq!(run(root, &fix).code, 0);
    assert_eq!(fs::read_to_string(root.join("p.json")).unwrap(), preset);
    fix.push("--unsafe-fixes");
    let r = run(root, &fix);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(root.join("p.json")).unwrap(),
        "{\n  \"iconikSidecarElements\": [\"{Camera}\", \"{ProjectID}\", \"{Card}\"]\n}\n"
    );
    // An empty list gets the element as its only entry.
    fs::write(root.join("p.json"), "{\"iconikSidecarElements\": []}").unwrap();
    run(root, &fix);
    assert_eq!(
        fs::read_to_string(root.join("p.json")).unwrap(),
        "{\"iconikSidecarElements\": [\"{ProjectID}\", \"{Card}\"]}"
    );
}
