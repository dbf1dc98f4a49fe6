//! The command line as a user meets it: exit codes, stdin, directory walks, formats, `rule`.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn presetlint(dir: &Path, args: &[&str]) -> Output {
    crate::common::presetlint()
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn human_report_renders_snippets_labels_fixes_and_a_summary() {
    let out = presetlint(
        root(),
        &[
            "check",
            "--format",
            "human",
            "--color",
            "never",
            "tests/fixtures/err/pl102-duplicate-entry.json",
        ],
    );
    insta::assert_snapshot!(stdout(&out));
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: below the default fail level"
    );
}

#[test]
fn human_report_shows_help() {
    let out = presetlint(
        root(),
        &[
            "check",
            "--format",
            "human",
            "--color",
            "never",
            "tests/fixtures/err/pl201-element-has-space.json",
        ],
    );
    insta::assert_snapshot!(stdout(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn colour_is_only_used_when_asked_for() {
    let file = "tests/fixtures/err/pl301-extension-missing-dot.json";
    let plain = presetlint(
        root(),
        &["check", "--format", "human", "--color", "never", file],
    );
    assert!(!stdout(&plain).contains('\u{1b}'));
    let coloured = presetlint(
        root(),
        &["check", "--format", "human", "--color", "always", file],
    );
    assert!(stdout(&coloured).contains("\u{1b}["));
    // Not a terminal: auto means no colour (and the concise format).
    let auto = presetlint(root(), &["check", file]);
    assert_eq!(
        stdout(&auto),
        "tests/fixtures/err/pl301-extension-missing-dot.json:2:31: error[PL301 extension-missing-dot] extension \"R3D\" has no leading dot\n"
    );
}

#[test]
fn json_report() {
    let out = presetlint(
        root(),
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/err/pl101-list-in-string.json",
            "tests/fixtures/ok/minimal.json",
        ],
    );
    insta::assert_snapshot!(stdout(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 2, "errors": 2, "warnings": 0, "infos": 0})
    );
}

#[test]
fn summary_counts_presets_with_findings() {
    let out = presetlint(
        root(),
        &[
            "check",
            "--format",
            "human",
            "--color",
            "never",
            "tests/fixtures/ok/minimal.json",
            "tests/fixtures/err/pl504-match-all.json",
            "tests/fixtures/err/pl104-padded-entry.json",
        ],
    );
    assert!(
        stdout(&out).ends_with("\n2 warnings, 2 infos in 2 of 3 files\n"),
        "{}",
        stdout(&out)
    );
    let clean = presetlint(
        root(),
        &[
            "check",
            "--format",
            "human",
            "tests/fixtures/ok/minimal.json",
        ],
    );
    assert_eq!(stdout(&clean), "no problems in 1 file\n");
    // A file holding two presets is one file, and says so.
    let two = presetlint(
        root(),
        &[
            "check",
            "--format",
            "human",
            "tests/fixtures/two-presets.hedge",
        ],
    );
    assert_eq!(stdout(&two), "no problems in 1 file (2 presets)\n");
}

#[test]
fn fail_level_decides_the_exit_code() {
    let file = "tests/fixtures/err/pl504-match-all.json";
    assert_eq!(presetlint(root(), &["check", file]).status.code(), Some(0));
    assert_eq!(
        presetlint(root(), &["check", "--fail-level", "warning", file])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        presetlint(root(), &["check", "--fail-level", "info", file])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn stdin_is_read_and_named() {
    let mut child = crate::common::presetlint()
        .args(["check", "--stdin-filename", "presets/day1.hedge", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"[{\"iconikSidecarExtensions\": [\"MOV\"], \"iconikSidecarElements\": [\"{Card}\"]}]",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        stdout(&out),
        "presets/day1.hedge:1:31: error[PL301 extension-missing-dot] extension \"MOV\" has no leading dot\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn directory_walk_picks_presets_and_honours_ignore_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.hedge",
        "[{\"iconikSidecarExtensions\": [\"R3D\"], \"iconikSidecarElements\": [\"{A}\"]}]\n",
    );
    write(
        d,
        "sub/b.json",
        "{\"iconikSidecarElements\": [\"{Shoot Day}\"]}\n",
    );
    write(
        d,
        "sub/package.json",
        "{\"name\": \"not a preset\", \"version\": 1}\n",
    );
    write(d, "sub/list.json", "[1, 2]\n");
    write(d, "sub/broken.json", "{\"name\": \n");
    write(d, "notes.txt", "{\"iconikSidecarExtensions\": [\"R3D\"]}\n");
    write(
        d,
        ".hidden/c.json",
        "{\"iconikSidecarExtensions\": [\"R3D\"]}\n",
    );
    write(
        d,
        "ignored/d.json",
        "{\"iconikSidecarExtensions\": [\"R3D\"]}\n",
    );
    write(d, ".gitignore", "ignored/\n");
    write(
        d,
        "old/e.json",
        "{\"iconikSidecarExtensions\": [\"R3D\"]}\n",
    );
    write(d, ".ignore", "old/\n");
    let out = presetlint(d, &["check"]);
    assert_eq!(
        stdout(&out),
        "a.hedge:1:31: error[PL301 extension-missing-dot] extension \"R3D\" has no leading dot\n\
         sub/b.json:1:28: error[PL201 element-has-space] element \"{Shoot Day}\" has whitespace in its name; iconik can't process it\n\
         sub/broken.json:2:1: error[PL001 invalid-json] expected value after colon in object property\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // Named explicitly, a non-preset JSON file is checked all the same.
    let named = presetlint(d, &["check", "sub/list.json"]);
    assert_eq!(
        stdout(&named),
        "sub/list.json:1:2: error[PL003 not-a-preset] item 0 of the top-level array is a number, not a preset object\n\
         sub/list.json:1:5: error[PL003 not-a-preset] item 1 of the top-level array is a number, not a preset object\n"
    );
}

#[test]
fn a_missing_path_is_exit_2_and_the_rest_is_still_checked() {
    let out = presetlint(
        root(),
        &[
            "check",
            "no/such/preset.json",
            "tests/fixtures/err/pl301-extension-missing-dot.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "presetlint: error: cannot read no/such/preset.json: No such file or directory (os error 2)\n\
         Found 2 errors (1 fixable with --fix).\n"
    );
    assert!(stdout(&out).contains("PL301"));
}

#[test]
fn usage_errors_are_exit_2() {
    let out = presetlint(root(), &["check", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'yaml' for '--format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rule_explains_one_rule_or_lists_all() {
    let one = presetlint(root(), &["rule", "list-in-string"]);
    assert_eq!(one.status.code(), Some(0));
    let text = stdout(&one);
    assert!(text.starts_with("# PL101 list-in-string\n\nDefault severity: error. Fix: safe.\n\nAn entry holds a `;`-separated list.\n\n## What it does\n"), "{text}");
    assert_eq!(stdout(&presetlint(root(), &["rule", "pl101"])), text);

    let all = stdout(&presetlint(root(), &["rule"]));
    assert_eq!(all.lines().count(), presetlint::lint::registry::ALL.len());
    assert!(all.lines().any(|l| l == "PL203  malformed-element               error    An entry is not exactly one `{Name}` token"), "{all}");
    // Every row's columns line up, the longest name (PL809's) included.
    let severity_at: std::collections::BTreeSet<usize> = all
        .lines()
        .map(|l| {
            ["error ", "warning ", "info "]
                .iter()
                .filter_map(|w| l.find(&format!("  {w}")))
                .min()
                .unwrap()
        })
        .collect();
    assert_eq!(severity_at.len(), 1, "{all}");

    let unknown = presetlint(root(), &["rule", "PL999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no rule has the code or name \"PL999\""));
}

#[test]
fn schema_prints_the_bundled_schema() {
    let out = presetlint(root(), &["schema"]);
    assert_eq!(
        stdout(&out),
        fs::read_to_string(root().join("schema/offshoot-preset.schema.json")).unwrap()
    );
}

/// A list this long is judged in chunks on several threads: findings in every chunk, and a
/// duplicate whose first entry is in another chunk, come out exactly as from one thread.
#[test]
fn a_long_list_judged_in_chunks_gives_every_finding_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut entries: Vec<String> = (0..30_000).map(|i| format!("{{E{i:05}}}")).collect();
    entries[3] = " {E00003}".into();
    entries[8_191] = "{Shoot Day}".into();
    entries[8_192] = "{e00010}".into();
    entries[20_000] = "".into();
    entries[29_999] = "{E20001}".into();
    let list: Vec<String> = entries.iter().map(|e| format!("    \"{e}\"")).collect();
    let text = format!(
        "{{\n  \"iconikSidecarElements\": [\n{}\n  ]\n}}\n",
        list.join(",\n")
    );
    fs::write(dir.path().join("long.json"), &text).unwrap();
    let out = presetlint(dir.path(), &["check", "--format", "concise", "long.json"]);
    assert_eq!(
        stdout(&out),
        "long.json:6:5: warning[PL104 padded-entry] \" {E00003}\" has leading whitespace\n\
         long.json:8194:5: error[PL201 element-has-space] element \"{Shoot Day}\" has whitespace in its name; iconik can't process it\n\
         long.json:8195:5: warning[PL102 duplicate-entry] \"{e00010}\" repeats \"{E00010}\" (entries are compared ignoring case)\n\
         long.json:20003:5: error[PL103 blank-entry] empty entry in iconikSidecarElements\n\
         long.json:30002:5: warning[PL102 duplicate-entry] \"{E20001}\" repeats an earlier entry\n"
    );
}

#[test]
fn a_schema_error_deep_inside_a_5_mb_preset_is_placed_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("{\n  \"iconikSidecarElements\": [\n");
    let count = 200_000;
    for i in 0..count {
        text.push_str(&format!("    \"{{CustomField{i:07}}}\",\n"));
    }
    text.push_str("    42\n  ]\n}\n");
    assert!(text.len() > 5_000_000);
    fs::write(dir.path().join("large.json"), &text).unwrap();
    let out = presetlint(dir.path(), &["check", "large.json"]);
    assert_eq!(
        stdout(&out),
        format!(
            "large.json:{}:5: error[PL004 schema-violation] iconikSidecarElements[{count}] must be a string, not a number\n",
            count + 3
        )
    );
}

/// Small things a new user meets on the command line (issue 14).
#[test]
fn a_clean_diff_says_there_is_nothing_to_fix_and_stdin_filename_needs_stdin() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ok.json"),
        "{\"iconikSidecarElements\": [\"{Date}\"]}",
    )
    .unwrap();
    let out = crate::common::run(dir.path(), &["check", "--no-config", "--diff", "ok.json"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "Nothing to fix\n")
    );

    let out = crate::common::run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--stdin-filename",
            "x.json",
            "ok.json",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "--stdin-filename names a preset read from standard input, and no input is -"
        ),
        "{}",
        out.stderr
    );
}

/// presetlint's own one-line errors are not wrapped at 80 columns, and a report into a
/// missing folder names the path the user gave, not a temporary file.
#[test]
fn own_errors_stay_on_one_line_and_name_the_users_path() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ok.json"),
        "{\"iconikSidecarElements\": [\"{Date}\"]}",
    )
    .unwrap();
    let out = crate::common::run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--output-file",
            "missing/dir/report.json",
            "ok.json",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "cannot write the report to missing/dir/report.json: No such file or directory (os error 2)"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(".tmp"), "{}", out.stderr);
}

#[test]
fn completions_help_names_every_shell_it_takes() {
    let out = crate::common::run(Path::new("."), &["completions", "--help"]);
    assert!(
        out.stdout.contains("(bash, zsh, fish, powershell, elvish)"),
        "{}",
        out.stdout
    );
}

/// A file that cannot be read is a PL005 finding in every format (and exit 2), so that a CI
/// dashboard shows it rather than a clean run over fewer files.
#[test]
fn a_file_that_cannot_be_read_is_a_finding_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.json"),
        r#"{"iconikSidecarElements": ["{Project}"]}"#,
    )
    .unwrap();
    let run = |format: &str| {
        crate::common::run(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--max-file-size",
                "10",
                "--format",
                format,
                "big.json",
                "gone.json",
            ],
        )
    };
    let concise = run("concise");
    assert_eq!(concise.code, 2);
    assert_eq!(
        concise.stdout,
        "big.json:1:1: error[PL005 io-error] the file could not be read: file too large: more than 10 bytes (raise --max-file-size if it is meant to be this large)\n\
         gone.json:1:1: error[PL005 io-error] the file could not be read: No such file or directory (os error 2)\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json").stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["diagnostics"][0]["code"], "PL005");
    assert_eq!(json["diagnostics"][1]["path"], "gone.json");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif").stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 2);
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "PL005");
    let junit = run("junit").stdout;
    assert!(
        junit.contains(r#"<testsuite name="gone.json" tests="1" failures="1">"#),
        "{junit}"
    );
    assert!(run("human").stdout.ends_with("2 errors in 2 of 2 files\n"));
}

/// `--version` names the version and, in a checkout, the commit it was built from.
#[test]
fn version_names_the_commit() {
    let out = presetlint(root(), &["--version"]);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("presetlint {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if let Some(head) = head {
        assert!(
            text.contains(&format!("(commit {head})")),
            "{text} lacks {head}"
        );
    }
}

/// `--statistics`: findings per rule, most frequent first, with what --fix can fix; as JSON
/// with --format json; the exit code as without it.
#[test]
fn statistics_count_findings_per_rule() {
    let out = presetlint(
        root(),
        &["check", "--no-config", "--statistics", "examples/"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(
        text.lines().next().unwrap(),
        "2  PL101  list-in-string              [*] 2 fixable"
    );
    assert!(text.contains("\n2  PL502  legacy-key\n"), "{text}");
    assert!(
        text.ends_with("11 findings in all; 5 fixable with --fix\n"),
        "{text}"
    );
    let json = presetlint(
        root(),
        &[
            "check",
            "--no-config",
            "--statistics",
            "--format",
            "json",
            "examples/",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v[0],
        serde_json::json!({"code": "PL101", "name": "list-in-string", "count": 2, "fixable": 2})
    );
    assert_eq!(
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["count"].as_u64().unwrap())
            .sum::<u64>(),
        11
    );
}

/// `--staged` checks exactly the staged presets; `--changed-since REF` those changed since
/// REF (committed or not) and the untracked ones; outside a repository, a clear error.
#[test]
fn staged_and_changed_since_check_what_git_says_changed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let bad =
        "{\"iconikSidecarExtensions\": [\"R3D\"], \"iconikSidecarElements\": [\"{Project}\"]}\n";
    std::fs::create_dir(d.join("presets")).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(d.join(format!("presets/{name}.json")), bad).unwrap();
    }
    std::fs::write(d.join("package.json"), "{\"name\": \"x\"}\n").unwrap();
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "presets"]);
    let changed = bad.replace("R3D", "MOV");
    std::fs::write(d.join("presets/a.json"), &changed).unwrap();
    std::fs::write(d.join("presets/b.json"), &changed).unwrap();
    std::fs::write(d.join("presets/new.hedge"), bad).unwrap();
    std::fs::write(d.join("package.json"), "{\"name\": \"y\"}\n").unwrap();
    git(&["add", "presets/a.json", "package.json"]);
    let files = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "concise"];
        all.extend(args);
        let r = crate::common::run(d, &all);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let mut paths: Vec<String> = r
            .stdout
            .lines()
            .map(|l| l.split(':').next().unwrap().to_owned())
            .collect();
        paths.dedup();
        paths
    };
    assert_eq!(files(&["--staged"]), ["presets/a.json"]);
    assert_eq!(
        files(&["--changed-since", "HEAD"]),
        ["presets/a.json", "presets/b.json", "presets/new.hedge"]
    );
    assert_eq!(
        files(&["--changed-since", "HEAD", "presets/b.json"]),
        ["presets/b.json"]
    );
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("p.json"), bad).unwrap();
    let r = crate::common::run(outside.path(), &["check", "--staged"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("--staged: git rev-parse --show-toplevel failed")
            && r.stderr.contains("not a git repository"),
        "{}",
        r.stderr
    );
    // From outside the repository, naming a path inside it (a hook run from elsewhere): that
    // repository's staged presets.
    let inside = d.join("presets").display().to_string();
    let r = crate::common::run(
        outside.path(),
        &["check", "--format", "concise", "--staged", &inside],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !r.stdout.is_empty()
            && r.stdout
                .lines()
                .all(|l| l.starts_with(&format!("{inside}/a.json:"))),
        "{}",
        r.stdout
    );
}

/// A concise or machine report ends with one line on standard error, as ruff's does; the
/// human report and standard output keep their own.
#[test]
fn a_concise_run_ends_with_a_line_on_standard_error() {
    let run = |args: &[&str]| crate::common::run(root(), args);
    let bad = run(&[
        "check",
        "--no-config",
        "--format",
        "concise",
        "tests/fixtures/err/pl301-extension-missing-dot.json",
    ]);
    assert_eq!(bad.stderr, "Found 1 error (1 fixable with --fix).\n");
    let clean = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "tests/fixtures/ok/minimal.json",
    ]);
    assert_eq!(clean.stderr, "All checks passed.\n");
    assert!(
        serde_json::from_str::<serde_json::Value>(&clean.stdout).is_ok(),
        "stdout stays pure JSON"
    );
    let human = run(&[
        "check",
        "--no-config",
        "--format",
        "human",
        "tests/fixtures/ok/minimal.json",
    ]);
    assert_eq!(human.stderr, "");
}

/// A run that finds no preset says so, as ruff and biome do, rather than "All checks passed."
#[test]
fn a_run_without_a_preset_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        "{\"name\": \"x\", \"version\": \"1.0.0\"}",
    )
    .unwrap();
    let r = crate::common::run(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (
            0,
            "",
            "presetlint: warning: no preset found under the given paths (*.hedge, and *.json files that are presets): nothing was checked\n"
        )
    );
}

/// What a ruff user reaches for: `--output-format` (the same flag as `--format`),
/// `--exit-zero`, `--show-files` (which config governs which preset) and `--show-settings`.
#[test]
fn ruffs_flags_output_format_exit_zero_show_files_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad =
        "{\"iconikSidecarExtensions\": [\"R3D\"], \"iconikSidecarElements\": [\"{Project}\"]}\n";
    std::fs::create_dir_all(d.join("productions/night")).unwrap();
    std::fs::write(d.join("presetlint.toml"), "fail-level = \"warning\"\n").unwrap();
    std::fs::write(
        d.join("productions/night/presetlint.toml"),
        "[rules]\nPL301 = \"off\"\n",
    )
    .unwrap();
    std::fs::write(d.join("a.json"), bad).unwrap();
    std::fs::write(d.join("productions/night/b.json"), bad).unwrap();
    let run = |args: &[&str]| crate::common::run(d, args);
    let r = run(&["check", "a.json", "--output-format", "concise"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        run(&["check", "a.json", "--format", "concise"]).stdout
    );
    let r = run(&["check", "a.json", "--exit-zero", "--format", "concise"]);
    assert_eq!((r.code, r.stdout.is_empty()), (0, false));
    // Trouble is still trouble.
    assert_eq!(run(&["check", "missing.json", "--exit-zero"]).code, 2);
    let r = run(&["check", "--show-files"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "a.json\tpresetlint.toml\nproductions/night/b.json\tproductions/night/presetlint.toml\n"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["check", "--show-settings", "productions/night/b.json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "path: productions/night/b.json\nconfig: productions/night/presetlint.toml\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\n  PL301  extension-missing-dot           off\n"),
        "{}",
        r.stdout
    );
    let r = run(&["check", "--show-settings"]);
    assert!(
        r.stdout
            .contains("config: presetlint.toml\nfail-level: warning\n")
            && r.stdout
                .contains("\n  PL301  extension-missing-dot           error\n"),
        "{}",
        r.stdout
    );
}
