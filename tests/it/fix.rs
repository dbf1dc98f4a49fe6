//! `check --fix`, `--unsafe-fixes` and `--diff`, run through the real binary on copies of
//! the fixtures.
//!
//! tests/fixtures/fix/ holds a preset per fixable rule (and one that needs several rounds,
//! with a byte order mark, CRLF, tabs and non-ASCII text). Beside each, `NAME.fixed` is the
//! exact text `--fix` must write (absent: the file must not change) and `NAME.unsafe-fixed`
//! what `--fix --unsafe-fixes` must write (absent: the same as `--fix`). The properties
//! test also runs over tests/fixtures/err/ when that folder exists.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "hedge"))
        .collect();
    out.sort();
    out
}

/// Runs presetlint in `dir` without any config file.
fn run(dir: &Path, args: &[&str]) -> Output {
    crate::common::presetlint()
        .current_dir(dir)
        .arg("check")
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A temporary folder holding a copy of `fixture`; the copy's name.
fn copy(fixture: &Path) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let name = fixture.file_name().unwrap().to_str().unwrap().to_owned();
    fs::copy(fixture, dir.path().join(&name)).unwrap();
    (dir, name)
}

fn expected(fixture: &Path, unsafe_fixes: bool) -> Vec<u8> {
    let beside = |suffix: &str| {
        let mut name = fixture.as_os_str().to_owned();
        name.push(suffix);
        fs::read(PathBuf::from(name)).ok()
    };
    let safe = beside(".fixed");
    let chosen = if unsafe_fixes {
        beside(".unsafe-fixed").or(safe)
    } else {
        safe
    };
    chosen.unwrap_or_else(|| fs::read(fixture).unwrap())
}

#[test]
fn every_fixable_rule_has_a_fixture() {
    let names: Vec<String> = fixtures("fix")
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    for code in [
        "pl101", "pl102", "pl103", "pl104", "pl203", "pl301", "pl401", "pl501", "pl502",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(code)),
            "no fixture for {code}"
        );
    }
}

#[test]
fn fix_writes_exactly_the_expected_text() {
    for unsafe_fixes in [false, true] {
        for fixture in fixtures("fix") {
            let (dir, name) = copy(&fixture);
            let mut args = vec!["--fix", "--format", "concise", name.as_str()];
            if unsafe_fixes {
                args.push("--unsafe-fixes");
            }
            let output = run(dir.path(), &args);
            assert_ne!(output.status.code(), Some(2), "{name}: {output:?}");
            assert_eq!(
                text(&fs::read(dir.path().join(&name)).unwrap()),
                text(&expected(&fixture, unsafe_fixes)),
                "{name}, unsafe fixes: {unsafe_fixes}"
            );
        }
    }
}

/// The checks of the issue: the result parses, re-lints without any fixable finding, and a
/// second `--fix` changes nothing.
fn assert_fix_properties(fixture: &Path, unsafe_fixes: bool) {
    let (dir, name) = copy(fixture);
    let path = dir.path().join(&name);
    let original = fs::read(&path).unwrap();
    let fix_args: Vec<&str> = if unsafe_fixes {
        vec!["--fix", "--unsafe-fixes", "--format", "concise", &name]
    } else {
        vec!["--fix", "--format", "concise", &name]
    };
    run(dir.path(), &fix_args);
    let fixed = fs::read(&path).unwrap();

    let parses = |bytes: &[u8]| {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        serde_json::from_slice::<serde_json::Value>(body).is_ok()
    };
    if parses(&original) {
        assert!(parses(&fixed), "{name}: the fixed file does not parse");
    } else {
        assert_eq!(
            fixed, original,
            "{name}: a file that does not parse was changed"
        );
    }

    let report = run(dir.path(), &["--format", "json", &name]);
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    for d in report["diagnostics"].as_array().unwrap() {
        let fix = &d["fix"];
        let left = !fix.is_null() && (unsafe_fixes || fix["safe"] == true);
        assert!(!left, "{name}: a fixable finding remains: {d}");
    }

    let again = run(dir.path(), &fix_args);
    assert_eq!(
        fs::read(&path).unwrap(),
        fixed,
        "{name}: a second --fix changed it"
    );
    // What is left for --unsafe-fixes is said with its count.
    let unsafe_left = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fix"]["safe"] == false)
        .count();
    let hint = match (unsafe_fixes, unsafe_left) {
        (true, _) | (false, 0) => String::new(),
        (false, 1) => " (1 fix with --unsafe-fixes)".to_owned(),
        (false, n) => format!(" ({n} fixes with --unsafe-fixes)"),
    };
    assert_eq!(
        text(&again.stderr),
        format!("Fixed 0 problems in 0 files{hint}\n"),
        "{name}"
    );
}

#[test]
fn fixed_files_parse_relint_without_fixable_findings_and_stay_fixed() {
    let all: Vec<PathBuf> = fixtures("fix").into_iter().chain(fixtures("err")).collect();
    for fixture in &all {
        assert_fix_properties(fixture, false);
        assert_fix_properties(fixture, true);
    }
}

#[test]
fn fix_reports_what_remains_and_says_how_many_were_fixed() {
    let dir = tempfile::tempdir().unwrap();
    for fixture in fixtures("fix") {
        fs::copy(&fixture, dir.path().join(fixture.file_name().unwrap())).unwrap();
    }
    let output = run(dir.path(), &["--fix", "--format", "concise"]);
    assert_eq!(
        text(&output.stdout),
        "pl103-blank-entry.hedge:12:35: error[PL103 blank-entry] empty entry in iconikSidecarDestinations\n\
         pl501-unknown-key.json:3:3: warning[PL501 unknown-key] unknown key \"iconikSidecarElement\"; did you mean \"iconikSidecarElements\"?\n\
         pl502-legacy-key.hedge:4:5: warning[PL502 legacy-key] \"createIconikSidecars\" is a key of older Hedge presets\n\
         pl502-legacy-key.hedge:5:5: warning[PL502 legacy-key] \"iconikSidecarParameterNames\" is a key of older Hedge presets\n"
    );
    assert_eq!(
        text(&output.stderr),
        "Fixed 24 problems in 8 files (2 more fixes with --unsafe-fixes)\n"
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "the blank only entry is an error left to a person"
    );

    let output = run(
        dir.path(),
        &["--fix", "--unsafe-fixes", "--format", "concise"],
    );
    assert_eq!(text(&output.stderr), "Fixed 2 problems in 2 files\n");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let fixture = &fixtures("fix")[0];
    let (dir, name) = copy(fixture);
    assert_eq!(name, "pl101-list-in-string.json");
    let output = run(dir.path(), &["--diff", &name]);
    assert_eq!(
        text(&output.stdout),
        r#"--- pl101-list-in-string.json
+++ pl101-list-in-string.json
@@ -1,9 +1,9 @@
 {
   "version": "1.0",
   "iconikSidecarElements": ["{Project}"],
-  "iconikSidecarExtensions": [".R3D;.MOV", ".MXF"],
+  "iconikSidecarExtensions": [".R3D", ".MOV", ".MXF"],
   "iconikSidecarDestinations": [
-    "Backup 1; Backup 2;",
+    "Backup 1", "Backup 2",
     "RAID"
   ]
 }
"#
    );
    assert_eq!(text(&output.stderr), "Would fix 2 problems in 1 file\n");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        fs::read(dir.path().join(&name)).unwrap(),
        fs::read(fixture).unwrap()
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn diff_of_unsafe_fixes_and_of_a_file_without_fixes() {
    let fixture = fixtures("fix")
        .into_iter()
        .find(|p| p.ends_with("pl501-unknown-key.json"))
        .unwrap();
    let (dir, name) = copy(&fixture);
    let output = run(dir.path(), &["--diff", &name]);
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "Nothing to fix (1 fix with --unsafe-fixes)\n"
    );
    assert_eq!(output.status.code(), Some(0));

    let output = run(dir.path(), &["--diff", "--unsafe-fixes", &name]);
    assert_eq!(
        text(&output.stdout),
        "--- pl501-unknown-key.json\n+++ pl501-unknown-key.json\n@@ -1,5 +1,5 @@\n {\n   \"version\": \"1.0\",\n-  \"iconikSidecarElement\": [\"{Project}\"],\n+  \"iconikSidecarElements\": [\"{Project}\"],\n   \"labelPattern\": \"{Project}\"\n }\n"
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        fs::read(dir.path().join(&name)).unwrap(),
        fs::read(&fixture).unwrap()
    );
}

#[test]
fn fixing_stdin_prints_the_fixed_text_and_reports_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = crate::common::presetlint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--fix", "--format", "concise"])
        .args(["--stdin-filename", "cam.json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"iconikSidecarExtensions\": [\"mxf\"], \"iconikSidecarElemnts\": []}\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        text(&output.stdout),
        "{\"iconikSidecarExtensions\": [\".mxf\"], \"iconikSidecarElemnts\": []}\n"
    );
    assert_eq!(
        text(&output.stderr),
        "cam.json:1:2: warning[PL503 elements-missing] iconikSidecarExtensions is set but iconikSidecarElements is absent: sidecars would carry no metadata\n\
         cam.json:1:39: warning[PL501 unknown-key] unknown key \"iconikSidecarElemnts\"; did you mean \"iconikSidecarElements\"?\n\
         Fixed 1 problem in 1 file (1 more fix with --unsafe-fixes)\n"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn unsafe_fixes_needs_fix_or_diff() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("<--fix|--diff>"));
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_is_left_whole_and_reported() {
    use std::os::unix::fs::PermissionsExt;
    let fixture = &fixtures("fix")[0];
    let (dir, name) = copy(fixture);
    let sub = dir.path().join("ro");
    fs::create_dir(&sub).unwrap();
    fs::rename(dir.path().join(&name), sub.join(&name)).unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anywhere: as root, presetlint runs as nobody, whom the mode stops.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = crate::common::presetlint();
    command.current_dir(dir.path()).args([
        "check",
        "--no-config",
        "--fix",
        "--format",
        "concise",
        "ro",
    ]);
    crate::common::unprivileged(&mut command);
    let output = command.output().unwrap();
    fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        fs::read(sub.join(&name)).unwrap(),
        fs::read(fixture).unwrap()
    );
    let stdout = text(&output.stdout);
    assert!(stdout.contains("error[PL101 list-in-string]"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with("Fixed 0 problems in 0 files\npresetlint: error: cannot write the fixes to ro/pl101-list-in-string.json: "), "{stderr}");
    assert!(stderr.ends_with("; the file is unchanged\n"), "{stderr}");
}

/// A fix only `--unsafe-fixes` applies is hinted at with its count, as ruff does: in
/// `--diff`, `--fix` and the check's closing line, never a bare "Nothing to fix".
#[test]
fn unsafe_fixes_left_are_hinted_at_with_their_count() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("view.json"),
        r#"{"name": "Dailies", "view_fields": [{"name": "Project", "field_type": "string", "required": true}, {"name": "Camera", "field_type": "string"}]}"#,
    )
    .unwrap();
    // One unsafe fix (PL602), and one safe one (PL104) in the second file.
    std::fs::write(
        root.join("a.json"),
        "{\"iconikSidecarElements\": [\"{Camera}\"]}\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "a.json",
            "--view",
            "view.json",
            "--format",
            "concise",
        ];
        args.extend_from_slice(extra);
        crate::common::run(root, &args)
    };
    assert_eq!(
        check(&[]).stderr,
        "Found 1 warning (1 fixable with --fix --unsafe-fixes).\n"
    );
    let r = check(&["--diff"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(r.stderr, "Nothing to fix (1 fix with --unsafe-fixes)\n");
    std::fs::write(
        root.join("a.json"),
        "{\"iconikSidecarElements\": [\" {Camera}\"]}\n",
    )
    .unwrap();
    assert_eq!(
        check(&[]).stderr,
        "Found 2 warnings (1 fixable with --fix, 1 more with --unsafe-fixes).\n"
    );
    let r = check(&["--diff"]);
    assert_eq!(
        r.stderr,
        "Would fix 1 problem in 1 file (1 more fix with --unsafe-fixes)\n"
    );
    let r = check(&["--fix"]);
    assert!(
        r.stderr
            .ends_with("Fixed 1 problem in 1 file (1 more fix with --unsafe-fixes)\n"),
        "{}",
        r.stderr
    );
    let r = check(&["--fix", "--unsafe-fixes"]);
    assert!(
        r.stderr.ends_with("Fixed 1 problem in 1 file\n"),
        "{}",
        r.stderr
    );
}
