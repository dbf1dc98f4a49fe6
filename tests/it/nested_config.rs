//! Nested configs: a folder's own presetlint.toml governs the presets under it (the nearest
//! wins), `extend` inherits another's settings with its paths relative to that file, and
//! `check`, the language server and `preview` resolve the same config for the same file.

use std::fs;
use std::path::Path;

use crate::common::{run, unwrapped};
// PRESET has PL101 (error) at 2:31, PL102 at 3:41, PL104 at 4:29, PL501 at 5:3.
use crate::config::{PRESET, tree};
use crate::lsp_client::Client;

/// The run's config switches PL104 off, excludes prodB/archive and accepts PL501 in
/// prodB/b.json; prodA has its own config (PL101 off, `old` excluded) and inherits nothing;
/// prodB extends the run's (and switches PL102 off).
fn library() -> tempfile::TempDir {
    tree(&[
        (
            "presetlint.toml",
            "extend-exclude = [\"prodB/archive\"]\n\n[rules]\nPL104 = \"off\"\n\n[[ignore]]\npath = \"prodB/b.json\"\nrules = [\"PL501\"]\nreason = \"the old offload app writes it\"\n",
        ),
        ("root.json", PRESET),
        (
            "prodA/presetlint.toml",
            "exclude = [\"old\"]\n\n[rules]\nPL101 = \"off\"\n",
        ),
        ("prodA/a.json", PRESET),
        ("prodA/old/z.json", PRESET),
        (
            "prodB/presetlint.toml",
            "extend = \"../presetlint.toml\"\n\n[rules]\nPL102 = \"off\"\n",
        ),
        ("prodB/b.json", PRESET),
        ("prodB/archive/c.json", PRESET),
    ])
}

const PL101: &str = "error[PL101 list-in-string] \".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string";
const PL102: &str =
    "warning[PL102 duplicate-entry] \"raid\" repeats \"RAID\" (entries are compared ignoring case)";
const PL104: &str = "warning[PL104 padded-entry] \" {Project}\" has leading whitespace";
const PL501: &str = "warning[PL501 unknown-key] unknown key \"iconikSidecarElementsX\"; did you mean \"iconikSidecarElements\"?";

#[test]
fn the_nearest_config_governs_and_extend_inherits() {
    let dir = library();
    let r = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "prodA/a.json:3:41: {PL102}\nprodA/a.json:4:29: {PL104}\nprodA/a.json:5:3: {PL501}\n\
             prodB/b.json:2:31: {PL101}\n\
             root.json:2:31: {PL101}\nroot.json:3:41: {PL102}\nroot.json:5:3: {PL501}\n"
        )
    );

    // From inside prodA its config is the run's; prodB's file keeps its own, with the
    // inherited ignore matched against the path from the file that wrote it.
    let r = run(
        &dir.path().join("prodA"),
        &["check", "--format", "concise", ".", "../prodB/b.json"],
    );
    assert_eq!(
        r.stdout,
        format!(
            "a.json:3:41: {PL102}\na.json:4:29: {PL104}\na.json:5:3: {PL501}\n../prodB/b.json:2:31: {PL101}\n"
        )
    );

    // --config names one config for every preset.
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--config",
            "presetlint.toml",
            "prodA/a.json",
        ],
    );
    assert_eq!(
        r.stdout,
        format!(
            "prodA/a.json:2:31: {PL101}\nprodA/a.json:3:41: {PL102}\nprodA/a.json:5:3: {PL501}\n"
        )
    );
}

#[test]
fn the_editor_and_preview_take_the_config_check_takes() {
    let dir = library();
    fs::create_dir(dir.path().join("prodC")).unwrap();
    fs::write(
        dir.path().join("prodC/presetlint.toml"),
        "builtin-elements = [\"Reel\"]\n\n[rules]\nunknown-element = \"error\"\n",
    )
    .unwrap();
    let preset = "{\n  \"renamePattern\": \"{Date}\",\n  \"iconikSidecarElements\": [\"{Reel}\", \"{Nope}\"]\n}\n";
    fs::write(dir.path().join("prodC/p.json"), preset).unwrap();
    let pl204 = "prodC/p.json:3:39: error[PL204 unknown-element] \"{Nope}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements";

    let check = run(
        dir.path(),
        &["check", "--format", "concise", "prodC/p.json"],
    );
    assert_eq!(check.stdout, format!("{pl204}\n"));
    fs::create_dir(dir.path().join("dest")).unwrap();
    fs::write(dir.path().join("dest/A001.mov"), b"clip").unwrap();
    let preview = run(
        dir.path(),
        &[
            "preview",
            "prodC/p.json",
            "--clip",
            "dest/A001.mov",
            "--set",
            "Reel=R1",
        ],
    );
    assert_eq!(preview.code, 1, "{}", preview.stderr);
    assert!(
        preview.stdout.contains(&format!("---\n{pl204}\n")),
        "{}",
        preview.stdout
    );

    // The language server, started on the library's root, judges each file by its own.
    let mut client = Client::in_workspace(dir.path());
    let codes = |client: &mut Client, path: &str, text: &str| -> Vec<String> {
        let uri = format!("file://{}/{path}", dir.path().display());
        client.open(&uri, text);
        client.diagnostics(&uri)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        codes(&mut client, "prodA/a.json", PRESET),
        ["PL102", "PL104", "PL501"]
    );
    assert_eq!(codes(&mut client, "prodB/b.json", PRESET), ["PL101"]);
    assert_eq!(codes(&mut client, "prodC/p.json", preset), ["PL204"]);
    assert_eq!(
        codes(&mut client, "root.json", PRESET),
        ["PL101", "PL102", "PL501"]
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_unused_inherited_ignore_is_judged_by_every_config_that_holds_it() {
    let dir = library();
    // prodB's copy of the run config's ignore suppressed PL501 in b.json: not stale.
    let r = run(dir.path(), &["check", "--format", "concise"]);
    assert!(!r.stdout.contains("PL901"), "{}", r.stdout);
    // Without b.json's PL501, no copy suppresses anything.
    fs::write(
        dir.path().join("prodB/b.json"),
        PRESET.replace("  \"iconikSidecarElementsX\": [],\n", ""),
    )
    .unwrap();
    let r = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains("PL901"))
            .collect::<Vec<_>>()
            .join("\n"),
        "presetlint.toml:6:1: warning[PL901 unused-ignore] this ignore entry (path \"prodB/b.json\", rules PL501) suppressed no finding"
    );
}

#[test]
fn broken_nested_configs_and_extends_stop_the_run_with_their_place() {
    let case = |files: &[(&str, &str)]| -> String {
        let dir = tree(files);
        let r = run(dir.path(), &["check", "--format", "concise"]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        unwrapped(&r.stderr)
    };
    let message = case(&[
        ("p.json", "{}\n"),
        ("prod/presetlint.toml", "[rules]\nPL999 = \"off\"\n"),
        ("prod/q.json", "{}\n"),
    ]);
    assert!(
        message.contains("no rule has the code or name \"PL999\""),
        "{message}"
    );
    assert!(message.contains("[prod/presetlint.toml:2:1]"), "{message}");

    let message = case(&[
        ("presetlint.toml", "extend = \"prod/presetlint.toml\"\n"),
        ("prod/presetlint.toml", "extend = \"../presetlint.toml\"\n"),
        ("p.json", "{}\n"),
    ]);
    assert!(
        message.contains("extend leads back to presetlint.toml: config files cannot extend each other in a circle"),
        "{message}"
    );
    assert!(message.contains("[prod/presetlint.toml:1:10]"), "{message}");

    let message = case(&[
        (
            "presetlint.toml",
            "extend = \"../nowhere/presetlint.toml\"\n",
        ),
        ("p.json", "{}\n"),
    ]);
    assert!(message.contains("which is not a file"), "{message}");
    assert!(message.contains("[presetlint.toml:1:10]"), "{message}");
}

#[test]
fn an_extending_config_overrides_what_it_sets_and_keeps_the_rest() {
    let dir = tree(&[
        (
            "presetlint.toml",
            "fail-level = \"warning\"\nbuiltin-elements = [\"Reel\"]\n\n[rules]\nPL102 = \"error\"\nPL104 = \"off\"\n",
        ),
        (
            "prod/presetlint.toml",
            "extend = \"../presetlint.toml\"\nbuiltin-elements = [\"Take\"]\n\n[rules]\nPL104 = \"warning\"\n",
        ),
        (
            "prod/p.json",
            "{\n  \"iconikSidecarDestinations\": [\"RAID\", \"raid\"],\n  \"iconikSidecarElements\": [\" {Take}\", \"{Reel}\"],\n  \"labelPattern\": \"{Date}\"\n}\n",
        ),
    ]);
    let r = run(&dir.path().join("prod"), &["check", "--format", "concise"]);
    // PL102 raised by the extended file, PL104 back on by this one, its builtin-elements
    // replacing the extended list (so {Reel} is unknown again), fail-level inherited.
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "p.json:2:41: error[PL102 duplicate-entry] \"raid\" repeats \"RAID\" (entries are compared ignoring case)\n\
         p.json:3:29: warning[PL104 padded-entry] \" {Take}\" has leading whitespace\n\
         p.json:3:40: warning[PL204 unknown-element] \"{Reel}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements\n"
    );
}

#[test]
fn a_nested_config_is_read_from_its_folder_not_its_parents() {
    // A preset outside the current folder takes the config of its own folder.
    let dir = library();
    let outside = Path::new("..").join("prodA").join("a.json");
    let r = run(
        &dir.path().join("prodB"),
        &["check", "--format", "concise", outside.to_str().unwrap()],
    );
    assert_eq!(
        r.stdout,
        format!(
            "../prodA/a.json:3:41: {PL102}\n../prodA/a.json:4:29: {PL104}\n../prodA/a.json:5:3: {PL501}\n"
        )
    );
}
