//! Fixtures in the manner of actionlint: every preset under tests/fixtures/err/ has its exact
//! expected `check --format concise` output beside it (`NAME.out`), and every preset under
//! tests/fixtures/ok/ must stay clean. `UPDATE_FIXTURES=1 cargo test --test fixtures` rewrites
//! the `.out` files; review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn presets_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "hedge"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

/// Runs `presetlint check --format concise` on one fixture, from the crate root, so that the
/// paths in the output are the relative ones the `.out` files hold.
fn check(relative: &Path) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_presetlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "concise"])
        .arg(relative)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .to_path_buf()
}

#[test]
fn err_fixtures_give_exactly_their_expected_output() {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for path in presets_in("tests/fixtures/err") {
        let (stdout, code) = check(&relative(&path));
        let expected_path = path.with_extension(format!(
            "{}.out",
            path.extension().unwrap().to_str().unwrap()
        ));
        if update {
            fs::write(&expected_path, &stdout).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no expected output", path.display()));
        assert!(
            !expected.is_empty(),
            "{} expects no finding: move it to ok/",
            path.display()
        );
        let expected_code = if expected.contains(": error[") { 1 } else { 0 };
        if stdout != expected || code != expected_code {
            failures.push(format!(
                "{}\n--- expected (exit {expected_code})\n{expected}--- got (exit {code})\n{stdout}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ok_fixtures_are_clean() {
    for path in presets_in("tests/fixtures/ok") {
        let (stdout, code) = check(&relative(&path));
        assert_eq!((stdout.as_str(), code), ("", 0), "{}", path.display());
    }
}

#[test]
fn every_rule_has_an_err_fixture() {
    let fixtures: Vec<String> = presets_in("tests/fixtures/err")
        .iter()
        .map(|p| {
            fs::read_to_string(
                p.with_extension(format!("{}.out", p.extension().unwrap().to_str().unwrap())),
            )
            .unwrap_or_default()
        })
        .collect();
    let all = fixtures.concat();
    for rule in presetlint::registry::ALL {
        let fired = all.contains(&format!("[{} {}]", rule.code, rule.name));
        // Rules about values or config files are tested where those inputs are.
        let preset_rule = rule.code < "PL600";
        assert!(
            fired || !preset_rule,
            "{} fires in no err fixture",
            rule.code
        );
    }
}
