//! presetlint.toml, --config, --no-config, --select and --ignore, through the real binary.
//! Every test writes its own tree in a temporary folder and runs there.

use std::fs;
use std::path::Path;
use std::process::Output;

/// A preset with a PL101 (error), a PL102 (warning) in the destinations, a PL104 in the
/// elements, and a PL501 on a key that starts with the elements key.
pub const PRESET: &str = r#"{
  "iconikSidecarExtensions": [".R3D;.MOV"],
  "iconikSidecarDestinations": ["RAID", "raid"],
  "iconikSidecarElements": [" {Project}"],
  "iconikSidecarElementsX": [],
  "labelPattern": "{Project}"
}
"#;

pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    crate::common::presetlint()
        .current_dir(dir)
        .arg("check")
        .args(["--format", "concise"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const ALL_FINDINGS: &str = "\
presets/a.json:2:31: error[PL101 list-in-string] \".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string
presets/a.json:3:41: warning[PL102 duplicate-entry] \"raid\" repeats \"RAID\" (entries are compared ignoring case)
presets/a.json:4:29: warning[PL104 padded-entry] \" {Project}\" has leading whitespace
presets/a.json:5:3: warning[PL501 unknown-key] unknown key \"iconikSidecarElementsX\"; did you mean \"iconikSidecarElements\"?
";

/// The findings of [`PRESET`] with these codes, in order.
fn findings(codes: &[&str]) -> String {
    ALL_FINDINGS
        .lines()
        .filter(|l| codes.iter().any(|c| l.contains(&format!("[{c} "))))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn without_a_config_file_the_defaults_apply() {
    let dir = tree(&[("presets/a.json", PRESET)]);
    let output = run(dir.path(), &["--no-config"]);
    assert_eq!(stdout(&output), ALL_FINDINGS);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn rule_severities_by_code_or_name_and_fail_level() {
    let config =
        "fail-level = \"warning\"\n\n[rules]\nPL101 = \"info\"\nduplicate-entry = \"off\"\n";
    let dir = tree(&[("presetlint.toml", config), ("presets/a.json", PRESET)]);
    let expected = findings(&["PL101", "PL104", "PL501"]).replace("error[PL101", "info[PL101");
    let output = run(dir.path(), &[]);
    assert_eq!(stdout(&output), expected);
    assert_eq!(output.status.code(), Some(1), "fail-level warning");
    // The command line's --fail-level wins over the config's.
    let output = run(dir.path(), &["--fail-level", "error"]);
    assert_eq!(output.status.code(), Some(0));
    // Found from a subfolder too, with paths still relative to where presetlint runs.
    let output = run(&dir.path().join("presets"), &["a.json"]);
    assert_eq!(
        stdout(&output),
        expected.replace("presets/a.json", "a.json")
    );
}

#[test]
fn config_and_no_config_flags() {
    let dir = tree(&[
        ("presetlint.toml", "[rules]\nPL101 = \"off\"\n"),
        (
            "other.toml",
            "[rules]\nPL104 = \"off\"\nPL102 = \"off\"\nPL501 = \"off\"\n",
        ),
        ("presets/a.json", PRESET),
    ]);
    let output = run(dir.path(), &["--config", "other.toml"]);
    assert_eq!(stdout(&output), findings(&["PL101"]));
    let output = run(dir.path(), &["--no-config"]);
    assert_eq!(stdout(&output), ALL_FINDINGS);
    let output = run(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read the config file missing.toml"));
}

#[test]
fn select_and_ignore_override_the_config_for_one_run() {
    let dir = tree(&[
        (
            "presetlint.toml",
            "[rules]\nPL101 = \"warning\"\nPL104 = \"off\"\n",
        ),
        ("presets/a.json", PRESET),
    ]);
    // --select: only these rules, at the config's severity (or the default when it is off).
    let output = run(dir.path(), &["--select", "PL101,padded-entry"]);
    assert_eq!(
        stdout(&output),
        findings(&["PL101", "PL104"]).replace("error[PL101", "warning[PL101")
    );
    // --ignore wins over --select.
    let output = run(
        dir.path(),
        &["--select", "PL101,PL104", "--ignore", "list-in-string"],
    );
    assert_eq!(stdout(&output), findings(&["PL104"]));
    let output = run(dir.path(), &["--ignore", "PL999"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--ignore: no rule has the code or name \"PL999\""));
}

#[test]
fn builtin_elements_are_not_unknown() {
    let preset =
        r#"{"iconikSidecarElements": ["{Project}", "{Reel}"], "labelPattern": "{Project}"}"#;
    let dir = tree(&[("a.json", preset)]);
    let output = run(dir.path(), &["--no-config"]);
    assert_eq!(
        stdout(&output),
        "a.json:1:41: warning[PL204 unknown-element] \"{Reel}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements\n"
    );
    fs::write(
        dir.path().join("presetlint.toml"),
        "builtin-elements = [\"{Reel}\"]\n",
    )
    .unwrap();
    assert_eq!(stdout(&run(dir.path(), &[])), "");
    fs::write(
        dir.path().join("presetlint.toml"),
        "builtin-elements = [\"Reel\"]\n",
    )
    .unwrap();
    assert_eq!(stdout(&run(dir.path(), &[])), "");
}

#[test]
fn excludes_prune_walks_but_not_named_files() {
    let bad = r#"{"iconikSidecarExtensions": ["mxf"], "iconikSidecarElements": ["{A}"]}"#;
    let files = [
        ("a.json", bad),
        ("node_modules/pkg/b.json", bad),
        ("presets/vendor/c.json", bad),
        ("presets/d.bak.json", bad),
        ("deep/presets/vendor/e.json", bad),
    ];
    let line = |p: &str| {
        format!(
            "{p}:1:30: error[PL301 extension-missing-dot] extension \"mxf\" has no leading dot\n"
        )
    };
    let dir = tree(&files);
    // Default: node_modules is skipped.
    let output = run(dir.path(), &["--no-config"]);
    assert_eq!(
        stdout(&output),
        [
            line("a.json"),
            line("deep/presets/vendor/e.json"),
            line("presets/d.bak.json"),
            line("presets/vendor/c.json")
        ]
        .concat()
    );
    // extend-exclude keeps the default; a glob with a slash is anchored at the config's
    // folder, one without matches a name at any depth.
    fs::write(
        dir.path().join("presetlint.toml"),
        "extend-exclude = [\"presets/vendor\", \"*.bak.json\"]\n",
    )
    .unwrap();
    assert_eq!(
        stdout(&run(dir.path(), &[])),
        [line("a.json"), line("deep/presets/vendor/e.json")].concat()
    );
    // Run from a subfolder: globs stay relative to the config file.
    let output = run(&dir.path().join("presets"), &[]);
    assert_eq!(stdout(&output), "");
    // exclude replaces the defaults; a leading / anchors a name.
    fs::write(
        dir.path().join("presetlint.toml"),
        "exclude = [\"/presets\"]\n",
    )
    .unwrap();
    assert_eq!(
        stdout(&run(dir.path(), &[])),
        [
            line("a.json"),
            line("deep/presets/vendor/e.json"),
            line("node_modules/pkg/b.json")
        ]
        .concat()
    );
    // A file named on the command line is always checked.
    assert_eq!(
        stdout(&run(dir.path(), &["presets/d.bak.json"])),
        line("presets/d.bak.json")
    );
}

const IGNORES: &str = r#"# Accepted findings.
[[ignore]]
path = "presets/a.json"
pointer = "/iconikSidecarDestinations"
rules = ["duplicate-entry"]
reason = "the lab wants both spellings"

[[ignore]]
path = "presets/*.json"
pointer = "/iconikSidecarElements"
rules = ["PL104", "PL501"]
reason = "the pointer covers its items, but not the key iconikSidecarElementsX"

  [[ignore]]
  path = "presets/gone.json"
  rules = ["PL101"]
  reason = "the preset was deleted"
"#;

#[test]
fn ignores_suppress_findings_and_unused_ones_are_reported() {
    let dir = tree(&[("presetlint.toml", IGNORES), ("presets/a.json", PRESET)]);
    let output = run(dir.path(), &[]);
    assert_eq!(
        stdout(&output),
        findings(&["PL101", "PL501"])
            + "presetlint.toml:14:3: warning[PL901 unused-ignore] this ignore entry (path \"presets/gone.json\", rules PL101) suppressed no finding\n"
    );
    assert_eq!(output.status.code(), Some(1));

    // On a run over some files only, an entry whose path matched none is not judged.
    let output = run(dir.path(), &["presets/a.json"]);
    assert_eq!(stdout(&output), findings(&["PL101", "PL501"]));
    // Nor when its rules are off.
    let output = run(dir.path(), &["--ignore", "PL101"]);
    assert_eq!(stdout(&output), findings(&["PL501"]));
    // Found from a subfolder: the config's path is shown relative to where presetlint runs.
    let output = run(&dir.path().join("presets"), &[".."]);
    assert!(
        stdout(&output).contains("../presetlint.toml:14:3: warning[PL901 unused-ignore]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn unused_ignores_show_in_the_json_report_too() {
    let dir = tree(&[("presetlint.toml", IGNORES), ("presets/a.json", "{}\n")]);
    let output = crate::common::presetlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = |line, column| {
        (
            "presetlint.toml".to_owned(),
            "PL901".to_owned(),
            line,
            column,
        )
    };
    assert_eq!(found, vec![at(2, 1), at(8, 1), at(14, 3)]);
}

#[test]
fn ignored_findings_are_not_fixed() {
    let dir = tree(&[("presetlint.toml", IGNORES), ("presets/a.json", PRESET)]);
    let output = run(dir.path(), &["--fix"]);
    assert_eq!(stderr(&output), "Fixed 1 problem in 1 file\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("presets/a.json")).unwrap(),
        PRESET.replace(r#"[".R3D;.MOV"]"#, r#"[".R3D", ".MOV"]"#)
    );
}

/// Runs with a config file and returns stderr, which must be a miette report: exit 2.
fn bad_config(config: &str) -> String {
    let dir = tree(&[("presetlint.toml", config), ("a.json", "{}")]);
    let output = run(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{config}");
    assert_eq!(stdout(&output), "");
    stderr(&output)
}

#[test]
fn a_bad_config_is_shown_with_line_and_column() {
    assert_eq!(
        bad_config("fail-level = \"error\"\nfail_levle = 1\n"),
        "presetlint::lint::config

  x unknown field `fail_levle`, expected one of `extend`, `fail-level`, `output-format`, `rules`, `exclude`, `extend-exclude`, `builtin-elements`, `ignore`, `view`, `baseline`, `view-cache-ttl`
   ,-[presetlint.toml:2:1]
 1 | fail-level = \"error\"
 2 | fail_levle = 1
   : ^^^^^^^^^^
   `----
  help: the Configuration section of presetlint's README lists every key

"
    );
    assert_eq!(
        bad_config("exclude = \"presets\"\n"),
        "presetlint::lint::config

  x invalid type: string \"presets\", expected a sequence
   ,-[presetlint.toml:1:11]
 1 | exclude = \"presets\"
   :           ^^^^^^^^^
   `----
  help: the Configuration section of presetlint's README lists every key

"
    );
    assert_eq!(
        bad_config("extend-exclude = [\"ok\", \"presets/[a\"]\n"),
        "presetlint::lint::config

  x bad glob: unclosed character class; missing ']'
   ,-[presetlint.toml:1:25]
 1 | extend-exclude = [\"ok\", \"presets/[a\"]
   :                         ^^^^^^^^^^^^
   `----
  help: the Configuration section of presetlint's README lists every key

"
    );
    assert_eq!(
        bad_config("[rules]\nPL101 = \"loud\"\n"),
        "presetlint::lint::config

  x unknown variant `loud`, expected one of `error`, `warning`, `info`, `off`
   ,-[presetlint.toml:2:9]
 1 | [rules]
 2 | PL101 = \"loud\"
   :         ^^^^^^
   `----
  help: the Configuration section of presetlint's README lists every key

"
    );
}

#[test]
fn a_bad_ignore_is_shown_with_line_and_column() {
    assert_eq!(
        bad_config("\n[[ignore]]\npath = \"a.json\"\nrules = [\"PL101\"]\n"),
        "presetlint::lint::config

  x missing field `reason`
   ,-[presetlint.toml:2:1]
 1 | 
 2 | [[ignore]]
   : ^^^^^^^^^^
 3 | path = \"a.json\"
   `----
  help: every ignore says why it is there: add reason = \"...\"

"
    );
    let stderr = bad_config(
        "[[ignore]]\npath = \"a.json\"\nrules = [\"PL101\", \"no-such-rule\"]\nreason = \"x\"\n",
    );
    assert!(
        stderr.contains(
            "x no rule has the code or name \"no-such-rule\"\n   ,-[presetlint.toml:3:19]"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: `presetlint rule` lists every rule"),
        "{stderr}"
    );
    let stderr =
        bad_config("[[ignore]]\npath = \"a.json\"\nrules = [\"PL101\"]\nreason = \"  \"\n");
    assert!(
        stderr.contains("x the reason is empty\n   ,-[presetlint.toml:4:10]"),
        "{stderr}"
    );
    let stderr = bad_config(
        "[[ignore]]\npath = \"a.json\"\npointer = \"iconikSidecarElements\"\nrules = [\"PL101\"]\nreason = \"r\"\n",
    );
    assert!(
        stderr.contains(
            "x \"iconikSidecarElements\" is not a JSON Pointer\n   ,-[presetlint.toml:3:11]"
        ),
        "{stderr}"
    );
    let stderr = bad_config("[[ignore]]\npath = \"a.json\"\nrules = []\nreason = \"r\"\n");
    assert!(
        stderr.contains("x an ignore names at least one rule\n   ,-[presetlint.toml:3:9]"),
        "{stderr}"
    );
    let stderr = bad_config(
        "[[ignore]]\npath = \"a.json\"\nrules = [\"PL101\"]\nreason = \"r\"\nwhy = \"r\"\n",
    );
    assert!(stderr.contains("x unknown field `why`, expected one of `path`, `pointer`, `rules`, `reason`\n   ,-[presetlint.toml:5:1]"), "{stderr}");
    let stderr = bad_config("[rules]\nPL101 = \"off\"\nlist-in-string = \"info\"\n");
    assert!(
        stderr.contains("x PL101 list-in-string is given a severity twice, as PL101 and as"),
        "{stderr}"
    );
    assert!(stderr.contains("   ,-[presetlint.toml:3:1]"), "{stderr}");
    let stderr = bad_config("fail-level = \"error\"\nrules = [\n");
    assert!(stderr.contains("presetlint.toml:2:"), "{stderr}");
}

#[test]
fn the_readme_example_config_is_valid() {
    let readme = include_str!("../../README.md");
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tree(&[("presetlint.toml", example), ("presets/a.json", PRESET)]);
    let output = run(dir.path(), &[]);
    // The concise report ends with ruff's line on standard error.
    assert_eq!(
        stderr(&output),
        "Found 1 error, 4 warnings (3 fixable with --fix).\n"
    );
    assert_eq!(
        stdout(&output),
        findings(&["PL101", "PL102", "PL104", "PL501"])
            + "presetlint.toml:33:1: warning[PL901 unused-ignore] this ignore entry (path \"presets/lab-*.hedge\", pointer \"/0/iconikSidecarDestinations\", rules PL102) suppressed no finding\n"
    );
}

#[test]
fn a_view_named_in_the_config_checks_elements_against_its_fields() {
    let view = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/iconik-view.json"),
    )
    .unwrap();
    let dir = tree(&[
        ("presetlint.toml", "view = \"views/shoot.json\"\n"),
        ("views/shoot.json", &view),
        (
            "p.json",
            "{\"iconikSidecarElements\": [\"{NoSuchField}\"]}\n",
        ),
    ]);
    // PL953 (fields no preset feeds) has its own tests (tests/it/across.rs).
    let with_view = stdout(&run(dir.path(), &["--ignore", "PL953", "p.json"]));
    assert!(
        with_view.ends_with("p.json:1:28: error[PL601 field-not-in-view] \"{NoSuchField}\" is not a field of view \"Dailies ingest\"; iconik drops it\n"),
        "{with_view}"
    );
    assert_eq!(stdout(&run(dir.path(), &["--no-config", "p.json"])), "");

    let missing = tree(&[
        ("presetlint.toml", "view = \"nowhere.json\"\n"),
        ("p.json", "{}\n"),
    ]);
    let out = run(missing.path(), &["p.json"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("cannot read the view file"), "{message}");
    assert!(message.contains("presetlint.toml:1:8"), "{message}");
}
