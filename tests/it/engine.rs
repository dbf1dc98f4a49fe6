//! One engine: `check`, the language server, `preview` and `generate` give the same answer
//! for the same preset and presetlint.toml. Each test goes in through the door a user takes.

use std::fs;
use std::path::Path;

use serde_json::json;

use crate::common::{fixture, run};
use crate::lsp_client::{Client, apply_edits};

/// A workspace whose presetlint.toml accepts the extension list's duplicate in day.json.
fn workspace_with_an_ignore() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("presetlint.toml"),
        "[[ignore]]\npath = \"day.json\"\npointer = \"/iconikSidecarExtensions\"\nrules = [\"PL102\"]\nreason = \"the old offload script lists both cases\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("day.json"), DAY).unwrap();
    dir
}

const DAY: &str = "{\n  \"iconikSidecarExtensions\": [\".R3D\", \".r3d\"],\n  \"iconikSidecarElements\": [\"{A}\", \"{A}\"]\n}\n";

#[test]
fn an_editor_honours_the_workspace_ignores_and_fix_all_leaves_the_ignored_finding() {
    let dir = workspace_with_an_ignore();
    let check = run(dir.path(), &["check", "--format", "concise", "day.json"]);
    assert_eq!(
        check.stdout,
        "day.json:3:36: warning[PL102 duplicate-entry] \"{A}\" repeats an earlier entry\n"
    );

    let uri = format!("file://{}/day.json", dir.path().display());
    let mut client = Client::in_workspace(dir.path());
    client.open(&uri, DAY);
    let published = client.diagnostics(&uri);
    let found = crate::lsp_client::findings(&published);
    // The same one finding as `check` (LSP lines and characters count from 0).
    assert_eq!(
        found,
        [(
            "PL102".to_owned(),
            2,
            35,
            "\"{A}\" repeats an earlier entry".to_owned()
        )]
    );

    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] }
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        apply_edits(DAY, edits, "utf-8"),
        "{\n  \"iconikSidecarExtensions\": [\".R3D\", \".r3d\"],\n  \"iconikSidecarElements\": [\"{A}\"]\n}\n",
        "the ignored duplicate stays, as `check --fix` leaves it"
    );
    assert!(client.shutdown_and_exit().success());

    let fix = run(
        dir.path(),
        &["check", "--fix", "--format", "concise", "day.json"],
    );
    assert_eq!(fix.code, 0, "{}", fix.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("day.json")).unwrap(),
        "{\n  \"iconikSidecarExtensions\": [\".R3D\", \".r3d\"],\n  \"iconikSidecarElements\": [\"{A}\"]\n}\n"
    );
}

/// A folder with a preset, a view and a presetlint.toml that sets `view`, `builtin-elements`
/// and `[rules]`, and a clip on a destination.
fn configured_sidecar_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("iconik-view.json"), dir.path().join("view.json")).unwrap();
    fs::write(
        dir.path().join("presetlint.toml"),
        "view = \"view.json\"\nbuiltin-elements = [\"Reel\"]\n\n[rules]\nfield-not-in-view = \"off\"\nunknown-element = \"error\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("p.json"),
        "{\n  \"renamePattern\": \"{project}_{shoot_day}\",\n  \"iconikSidecarElements\": [\"{project}\", \"{shoot_day}\", \"{Reel}\", \"{Nope}\"]\n}\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("dest")).unwrap();
    fs::write(dir.path().join("dest/A001.mov"), b"clip").unwrap();
    dir
}

/// The typed value that does not fit is reported at its element's entry, saying where it came
/// from; then the preset's own finding.
const VALUE_FINDING: &str = "p.json:3:42: error[PL702 invalid-value] \"three\" is not an integer (field \"shoot_day\") (from --set shoot_day=three)\n";
const CONFIGURED_FINDINGS: &str = "p.json:3:67: error[PL204 unknown-element] \"{Nope}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements\n  help: use it in labelPattern, folderPattern, renamePattern, or declare it in presetlint.toml's builtin-elements\n";

#[test]
fn preview_honours_the_config_view_builtin_elements_and_rules() {
    let dir = configured_sidecar_folder();
    let values = [
        "--set",
        "project=PRX",
        "--set",
        "shoot_day=three",
        "--set",
        "Reel=R1",
    ];
    let mut args = vec!["preview", "p.json", "--clip", "dest/A001.mov"];
    args.extend(values);
    let preview = run(dir.path(), &args);
    assert_eq!(preview.code, 1, "{}", preview.stderr);
    // The view judges the value (PL702); PL601 is off, so the unknown element is the next
    // enabled rule's (PL204, raised to error); {Reel} is built in by the config.
    assert!(
        preview.stdout.ends_with(&format!(
            "---\n{VALUE_FINDING}{CONFIGURED_FINDINGS}generate would refuse: the preset has errors; some values do not fit the view (--force writes the valid fields, as shown above)\n"
        )),
        "{}",
        preview.stdout
    );
    assert!(
        preview.stdout.contains(
            "    \"Reel\": {\n      \"field_values\": [\n        {\n          \"value\": \"R1\""
        ),
        "{}",
        preview.stdout
    );

    // `check` says the same of the preset.
    let check = run(
        dir.path(),
        &[
            "check", "--format", "concise", "--ignore", "PL953", "p.json",
        ],
    );
    assert_eq!(
        check.stdout,
        "p.json:3:67: error[PL204 unknown-element] \"{Nope}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements\n"
    );

    // --no-config: no view, default severities: nothing stops the sidecar.
    args.push("--no-config");
    let bare = run(dir.path(), &args);
    assert_eq!(bare.code, 0, "{}", bare.stdout);
    assert!(!bare.stdout.contains("PL702"), "{}", bare.stdout);
    assert!(!bare.stdout.contains("PL204"), "{}", bare.stdout);
}

#[test]
fn generate_honours_the_config_and_a_flag_wins_over_it() {
    let dir = configured_sidecar_folder();
    let generate = |extra: &[&str]| {
        let mut args = vec![
            "generate",
            "p.json",
            "--destination",
            "dest",
            "--set",
            "project=PRX",
            "--set",
            "shoot_day=three",
        ];
        args.extend_from_slice(extra);
        run(dir.path(), &args)
    };
    let refused = generate(&[]);
    assert_eq!(refused.code, 2, "{}\n{}", refused.stdout, refused.stderr);
    assert_eq!(
        refused.stdout,
        format!(
            "{VALUE_FINDING}p.json:3:57: warning[PL701 missing-value] \"{{Reel}}\" has no value; its field is left out of the sidecar\n  help: give it one with --set Reel=VALUE, --values FILE or --transfer-log FILE\n{CONFIGURED_FINDINGS}generate refuses: the preset has errors; some values do not fit the view; nothing written (--force writes the valid fields)\n"
        )
    );
    assert!(!dir.path().join("dest/A001.mov.json").exists());

    // --ignore on the command line wins over the config's [rules]; --config names another
    // file (here one without a view, so the value is not judged).
    fs::write(
        dir.path().join("other.toml"),
        "builtin-elements = [\"Reel\"]\n",
    )
    .unwrap();
    let written = generate(&["--config", "other.toml", "--ignore", "PL204"]);
    assert_eq!(written.code, 0, "{}\n{}", written.stdout, written.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("dest/A001.mov.json")).unwrap(),
        "{\n  \"metadata_values\": {\n    \"project\": {\n      \"field_values\": [\n        {\n          \"value\": \"PRX\"\n        }\n      ]\n    },\n    \"shoot_day\": {\n      \"field_values\": [\n        {\n          \"value\": \"three\"\n        }\n      ]\n    }\n  }\n}\n"
    );
}

#[test]
fn a_rule_switched_off_hands_the_problem_to_the_next_enabled_rule() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("p.json"),
        "{\"renamePattern\": \"{Project}_{Filename}\", \"iconikSidecarElements\": [\"{Project}\", \"{File extension}\"]}\n",
    )
    .unwrap();
    let concise = |extra: &[&str]| {
        let mut args = vec!["check", "--no-config", "--format", "concise"];
        args.extend_from_slice(extra);
        args.push("p.json");
        run(dir.path(), &args).stdout
    };
    assert_eq!(
        concise(&[]),
        "p.json:1:82: error[PL202 file-element] \"{File extension}\" is a file element; OffShoot leaves file elements out of sidecars\n"
    );
    assert_eq!(
        concise(&["--ignore", "PL202"]),
        "p.json:1:82: error[PL201 element-has-space] element \"{File extension}\" has whitespace in its name; iconik can't process it\n"
    );
    assert_eq!(
        concise(&["--ignore", "PL202,PL201"]),
        "p.json:1:82: warning[PL204 unknown-element] \"{File extension}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements\n"
    );
}

#[test]
fn an_entry_is_called_unused_only_when_the_run_checked_every_file_it_can_match() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("presets")).unwrap();
    fs::write(
        root.join("presetlint.toml"),
        "fail-level = \"warning\"\n\n[[ignore]]\npath = \"presets/*.json\"\nrules = [\"PL102\"]\nreason = \"b.json keeps both spellings for the old script\"\n\n[[ignore]]\npath = \"presets/a.json\"\nrules = [\"PL101\"]\nreason = \"no longer needed\"\n",
    )
    .unwrap();
    fs::write(
        root.join("presets/a.json"),
        "{\"iconikSidecarExtensions\": [\".R3D\"], \"iconikSidecarElements\": [\"{Camera}\"]}\n",
    )
    .unwrap();
    fs::write(
        root.join("presets/b.json"),
        "{\"iconikSidecarExtensions\": [\".R3D\", \".r3d\"], \"iconikSidecarElements\": [\"{Camera}\"]}\n",
    )
    .unwrap();
    let pl901_literal = "presetlint.toml:8:1: warning[PL901 unused-ignore] this ignore entry (path \"presets/a.json\", rules PL101) suppressed no finding\n";

    // pre-commit passes only the staged file: the glob's finding is in b.json, which this run
    // did not check, so only the entry naming a.json exactly can be judged.
    let staged = run(root, &["check", "--format", "concise", "presets/a.json"]);
    assert_eq!(staged.stdout, pl901_literal);
    assert_eq!(staged.code, 1);

    fs::write(
        root.join("presetlint.toml"),
        "fail-level = \"warning\"\n\n[[ignore]]\npath = \"presets/*.json\"\nrules = [\"PL102\"]\nreason = \"b.json keeps both spellings for the old script\"\n",
    )
    .unwrap();
    let staged = run(root, &["check", "--format", "concise", "presets/a.json"]);
    assert_eq!((staged.code, staged.stdout.as_str()), (0, ""));

    // The whole tree: the glob suppressed b.json's duplicate, so it is used.
    let whole = run(root, &["check", "--format", "concise"]);
    assert_eq!((whole.code, whole.stdout.as_str()), (0, ""));

    // Once b.json is fixed, the whole-tree run says the entry is stale.
    fs::write(
        root.join("presets/b.json"),
        "{\"iconikSidecarExtensions\": [\".R3D\"], \"iconikSidecarElements\": [\"{Camera}\"]}\n",
    )
    .unwrap();
    let whole = run(root, &["check", "--format", "concise"]);
    assert_eq!(
        whole.stdout,
        "presetlint.toml:3:1: warning[PL901 unused-ignore] this ignore entry (path \"presets/*.json\", rules PL102) suppressed no finding\n"
    );
    assert!(Path::new(&root.join("presets/b.json")).exists());
}
