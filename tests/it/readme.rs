//! The README's promises that a test can keep: its two set-up commands, and that CI runs the
//! README's test command.

use std::fs;
use std::path::Path;

fn read(relative: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

#[test]
fn the_set_up_commands_are_in_the_readme_and_ci_runs_the_test_command() {
    let readme = read("README.md");
    assert!(readme.contains("```sh\ncargo run -- check examples/\n```"));
    assert!(readme.contains("```sh\ncargo test\n```"));
    assert!(read(".ci/run").lines().any(|l| l.starts_with("cargo test")));
}

#[test]
fn the_examples_hold_good_and_bad_presets_as_the_readme_says() {
    let out = crate::common::presetlint()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "examples/"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some examples are wrong on purpose"
    );
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        !report.contains("examples/arri-main-unit.hedge"),
        "{report}"
    );
    assert!(!report.contains("examples/red-commercial.json"), "{report}");
    assert!(
        report.contains("examples/wrong-on-set.json:6:31: error[PL101 list-in-string]"),
        "{report}"
    );
}

#[test]
fn every_test_the_guarantees_name_exists() {
    let readme = read("README.md");
    let section = readme
        .split("## Guarantees\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Guarantees section");
    let mut named = 0;
    for quoted in section.split('`').skip(1).step_by(2) {
        let Some((file, test)) = quoted
            .split_once("::")
            .filter(|(file, _)| file.ends_with(".rs"))
        else {
            continue;
        };
        let path = if file.starts_with("src/") {
            file.to_owned()
        } else {
            format!("tests/it/{file}")
        };
        let source = read(&path);
        let Some(at) = source.find(&format!("fn {test}()")) else {
            panic!("README names {quoted}, which does not exist");
        };
        // A test the runner runs: `#[test]` among the attributes just above it, not ignored,
        // and compiled here (no cfg that leaves it out on Linux).
        let attributes: Vec<&str> = source[..at]
            .lines()
            .rev()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| {
                let l = l.trim();
                l.starts_with("#[") || l.starts_with("///")
            })
            .map(str::trim)
            .collect();
        assert!(
            attributes.contains(&"#[test]"),
            "README names {quoted}, which is not a #[test]: {attributes:?}"
        );
        assert!(
            !attributes.iter().any(|a| a.starts_with("#[ignore")
                || a.contains("cfg(windows)")
                || a.contains("cfg(not(unix))")),
            "README names {quoted}, which does not run here: {attributes:?}"
        );
        named += 1;
    }
    assert!(named >= 40, "only {named} tests named");
}
