//! The local iconik server answers as iconik's published OpenAPI specs say: the schemas kept
//! in tests/fixtures/iconik/spec are the specs', and every answer kept in
//! tests/fixtures/iconik/answers follows them (the server checks each answer it is given too:
//! `iconik_server::spec::answer`).

use std::path::Path;

use crate::common::{cannot_set_up, updating_fixtures};
use crate::iconik_server::spec::{KEPT, errors, fixture_text, schema_of, schemas_from_specs};

#[test]
fn the_kept_schemas_are_iconiks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/iconik");
    let read = |name: &str| -> Option<serde_json::Value> {
        let text = std::fs::read_to_string(shared.join(name)).ok()?;
        serde_json::from_str(&text).ok()
    };
    let (Some(metadata), Some(files)) = (read("metadata.json"), read("files.json")) else {
        cannot_set_up("iconik's published specs (../shared/iconik)");
        return;
    };
    let mut expected = serde_json::to_string_pretty(&schemas_from_specs(&metadata, &files))
        .expect("JSON values serialize");
    expected.push('\n');
    if updating_fixtures() {
        std::fs::write(root.join(KEPT), &expected).unwrap();
    }
    let kept = std::fs::read_to_string(root.join(KEPT)).unwrap();
    assert!(
        kept == expected,
        "{KEPT} is not what iconik's specs say: rerun with UPDATE_FIXTURES=1 and review"
    );
}

#[test]
fn every_kept_answer_follows_the_spec() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iconik/answers");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for name in &names {
        let found = errors(schema_of(name), &fixture_text(name));
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

/// The check is really looking: what the spec does not allow is refused, and what it leaves
/// open (an option without a label, a null where the spec allows one, a view's field without
/// its definition where the fields are not merged) is not.
#[test]
fn the_spec_check_refuses_what_iconik_would_not_send() {
    let refused = [
        (
            "MetadataViewSchema",
            r#"{"name": "v", "view_fields": {"name": "a"}}"#,
        ),
        ("MetadataViewSchema", r#"{"view_fields": []}"#),
        ("MetadataFieldSchema", r#"{"name": "a", "multi": "yes"}"#),
        ("MetadataViewsSchema", r#"{"objects": [{"id": 3}]}"#),
        (
            "StorageSchema",
            r#"{"method": "FILE", "name": "RAID", "purpose": "FILES", "settings": {"mount_point": "/r", "scan_ignore": "*.tmp"}}"#,
        ),
    ];
    for (schema, body) in refused {
        assert!(!errors(schema, body).is_empty(), "{schema} took {body}");
    }
    let allowed = [
        (
            "MetadataViewSchema",
            r#"{"name": "v", "description": null, "view_fields": [{"name": "b", "label": "B", "field_type": "drop_down", "options": [{"value": "x"}], "read_only": null}]}"#,
        ),
        (
            "MetadataViewForListSchema",
            r#"{"name": "v", "view_fields": [{"name": "a"}, {"name": "b", "label": null}]}"#,
        ),
        ("MetadataViewsSchema", r#"{"objects": []}"#),
    ];
    for (schema, body) in allowed {
        assert_eq!(
            errors(schema, body),
            Vec::<String>::new(),
            "{schema} {body}"
        );
    }
}
