//! Clip-log fixtures, in the manner of the audit fixtures: each folder under
//! tests/fixtures/clip-log/err/ holds a card (`tree/`), a preset (`preset.json`), a clip log
//! (`clips.ale` or `clips.csv`), maybe a view (`view.json`), and `args`: more of generate's
//! arguments, one per line. `expected.out` is the exact standard output of
//! `presetlint generate preset.json --destination tree --clip-values LOG --date 2026-03-02
//! --dry-run --no-config [--view view.json] ARGS...` run in the folder, and its exit code.
//! Folders under tests/fixtures/clip-log/ok/ have their expected output too, with no finding.
//!
//! `UPDATE_FIXTURES=1 cargo test --test it clip_log_fixtures` rewrites the expectations.

use std::fs;
use std::path::Path;

use crate::audit_fixtures::fixtures_in;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// generate's dry run on a fixture: its standard output, then `exit: N`.
pub fn generate_fixture(fixture: &Path) -> String {
    let folder = root().join(fixture);
    let log = ["clips.ale", "clips.csv"]
        .into_iter()
        .find(|name| folder.join(name).is_file())
        .unwrap_or_else(|| panic!("{} has no clips.ale or clips.csv", fixture.display()));
    let mut args: Vec<String> = [
        "generate",
        "preset.json",
        "--destination",
        "tree",
        "--clip-values",
        log,
        "--date",
        "2026-03-02",
        "--dry-run",
        "--no-config",
    ]
    .map(str::to_owned)
    .to_vec();
    if folder.join("view.json").is_file() {
        args.extend(["--view".to_owned(), "view.json".to_owned()]);
    }
    if let Ok(more) = fs::read_to_string(folder.join("args")) {
        args.extend(more.lines().map(str::to_owned));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = crate::common::run(&folder, &args);
    assert_eq!(run.stderr, "", "{}", fixture.display());
    format!("{}exit: {}\n", run.stdout, run.code)
}

fn compare(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let update = crate::common::updating_fixtures();
    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for fixture in fixtures_in(dir) {
        let got = generate_fixture(&fixture);
        let expected_path = root().join(&fixture).join("expected.out");
        if update {
            fs::write(&expected_path, &got).unwrap();
        } else {
            let expected = fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no expected.out", fixture.display()));
            if got != expected {
                failures.push(format!(
                    "{}\n--- expected\n{expected}--- got\n{got}",
                    expected_path.display()
                ));
            }
        }
        outputs.push((fixture, got));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    outputs
}

#[test]
fn err_fixtures_give_exactly_their_expected_output() {
    for (fixture, got) in compare("tests/fixtures/clip-log/err") {
        assert!(
            got.contains("[PL70"),
            "{} expects no clip-log finding: move it to ok/",
            fixture.display()
        );
    }
}

#[test]
fn ok_fixtures_give_their_output_without_a_finding() {
    for (fixture, got) in compare("tests/fixtures/clip-log/ok") {
        assert!(!got.contains("[PL"), "{}: {got}", fixture.display());
        assert!(got.ends_with("exit: 0\n"), "{}: {got}", fixture.display());
    }
}
