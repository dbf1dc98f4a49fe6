//! Fixtures of the rules across presets, in the manner of the preset fixtures: each folder
//! under tests/fixtures/across/err/ holds a library (`tree/`, with its presetlint.toml), and
//! beside it `expected.out`, the exact concise report of `presetlint check` run in the tree,
//! and `expected.human`, the full human one. Libraries under tests/fixtures/across/ok/ must
//! check clean.
//!
//! `UPDATE_FIXTURES=1 cargo test --test it across_fixtures` rewrites the expectations.

use std::fs;
use std::path::Path;

use crate::audit_fixtures::fixtures_in;
use crate::common::run;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn err_libraries_give_exactly_their_expected_output() {
    let update = crate::common::updating_fixtures();
    let mut failures = Vec::new();
    for fixture in fixtures_in("tests/fixtures/across/err") {
        let tree = root().join(&fixture).join("tree");
        for (name, format) in [("expected.out", "concise"), ("expected.human", "human")] {
            let r = run(&tree, &["check", "--format", format]);
            assert!(
                r.code == 0 || r.code == 1,
                "{}: exit {}: {}",
                fixture.display(),
                r.code,
                r.stderr
            );
            let path = root().join(&fixture).join(name);
            if update {
                fs::write(&path, &r.stdout).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{} has no {name}", fixture.display()));
            if r.stdout != expected {
                failures.push(format!(
                    "{}\n--- expected\n{expected}--- got\n{}",
                    path.display(),
                    r.stdout
                ));
            }
        }
        let code = fixture
            .file_name()
            .unwrap()
            .to_string_lossy()
            .split('-')
            .next()
            .unwrap()
            .to_uppercase();
        let out = fs::read_to_string(root().join(&fixture).join("expected.out")).unwrap();
        assert!(
            !out.is_empty() && out.lines().all(|l| l.contains(&format!("[{code} "))),
            "{}: only {code} fires in it:\n{out}",
            fixture.display()
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ok_libraries_check_clean() {
    for fixture in fixtures_in("tests/fixtures/across/ok") {
        let r = run(
            &root().join(&fixture).join("tree"),
            &["check", "--format", "concise"],
        );
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, "", "All checks passed.\n"),
            "{}",
            fixture.display()
        );
    }
}
