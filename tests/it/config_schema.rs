//! presetlint.toml's JSON Schema: generated from the config types (`presetlint schema
//! --config`), kept equal to the committed copy, entered in SchemaStore's catalog format, and
//! read by a real TOML tool: taplo (`@taplo/cli` from npm) accepts the README's and every
//! fixture's config against it and rejects one with an unknown key or a wrong value.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::{cannot_set_up, presetlint, updating_fixtures};

const TAPLO: &str = "@taplo/cli@0.7.0";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const KEPT: &str = "schema/presetlint.toml.schema.json";

#[test]
fn the_config_schema_is_made_from_the_config_types_and_kept() {
    let out = presetlint().args(["schema", "--config"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let made = String::from_utf8(out.stdout).unwrap();
    if updating_fixtures() {
        std::fs::write(root().join(KEPT), &made).unwrap();
    }
    assert!(
        made == std::fs::read_to_string(root().join(KEPT)).unwrap(),
        "{KEPT} differs from `presetlint schema --config`: rerun with UPDATE_FIXTURES=1"
    );
    let schema: serde_json::Value = serde_json::from_str(&made).unwrap();
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys are refused"
    );
    let mut keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut known = presetlint::lint::config::KEYS.to_vec();
    known.sort_unstable();
    assert_eq!(keys, known);
    // SchemaStore's catalog entry names this file for presetlint.toml.
    let catalog: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/schemastore-catalog.json")).unwrap(),
    )
    .unwrap();
    let entry = &catalog["schemas"][0];
    assert_eq!(entry["fileMatch"], serde_json::json!(["presetlint.toml"]));
    assert!(entry["url"].as_str().unwrap().ends_with(KEPT));
}

/// taplo, installed once into the tests' tool folder.
fn taplo() -> Option<&'static Path> {
    static INSTALLED: OnceLock<Option<PathBuf>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| crate::common::npm_tool("taplo", TAPLO, "taplo"))
        .as_deref()
}

fn every_config() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = section[start..start + section[start..].find("```").unwrap()].to_owned();
    let mut configs = vec![("README".to_owned(), example)];
    let mut stack = vec![root().join("tests/fixtures"), root().join("examples")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "presetlint.toml") {
                configs.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    configs.sort();
    configs
}

#[test]
fn taplo_takes_every_example_config_and_refuses_a_wrong_one() {
    let Some(taplo) = taplo() else {
        cannot_set_up(&format!("taplo ({TAPLO} from npm)"));
        return;
    };
    let schema = format!("file://{}", root().join(KEPT).display());
    let dir = tempfile::tempdir().unwrap();
    let lint = |text: &str| -> (bool, String) {
        let path = dir.path().join("presetlint.toml");
        std::fs::write(&path, text).unwrap();
        let out = Command::new(taplo)
            .args(["lint", "--no-auto-config", "--schema", &schema])
            .arg(&path)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let configs = every_config();
    assert!(configs.len() >= 9, "{configs:?}");
    for (name, text) in &configs {
        let (ok, said) = lint(text);
        assert!(ok, "taplo refuses {name}: {said}");
    }
    for (wrong, what) in [
        ("fail-levl = \"warning\"\n", "'fail-levl' was unexpected"),
        ("fail-level = \"warn\"\n", "\"warn\""),
        ("[rules]\nPL101 = \"loud\"\n", "\"loud\""),
        (
            "[[ignore]]\npath = \"a.json\"\nrules = [\"PL101\"]\n",
            "reason",
        ),
    ] {
        let (ok, said) = lint(wrong);
        assert!(!ok && said.contains(what), "{wrong}: {said}");
    }
}
