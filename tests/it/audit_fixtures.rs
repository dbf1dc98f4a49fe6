//! `audit` fixtures, in the manner of the preset fixtures: each folder under
//! tests/fixtures/audit/err/ holds a destination (`tree/`) and what the audit is given beside
//! it: a `preset.json` (`--preset`), a `values.json` (`--values`, on the date 2026-03-02), a
//! `view.json` (`--view`), a `presetlint.toml` (`--config`). `expected.out` is the exact concise
//! report, `expected.human` the full human one with its summary. Folders under
//! tests/fixtures/audit/ok/ must audit clean.
//!
//! `UPDATE_FIXTURES=1 cargo test --test it audit_fixtures` rewrites the expectations.

use std::fs;
use std::path::{Path, PathBuf};

use presetlint::lint::engine::{ConfigSource, Engine};
use presetlint::model::sidecar_reader::SidecarFormat;
use presetlint::output::audit::{self, Audited, Request};
use presetlint::output::report::{self, Format};
use presetlint::output::sidecar::Naming;
use presetlint::output::sidecar::ValueSources;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture folders under `dir`, relative to the crate root (as reports show them).
pub fn fixtures_in(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(root())
                .unwrap()
                .to_path_buf()
        })
        .filter(|p| root().join(p).is_dir())
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {dir}");
    out
}

/// Audits a fixture as `presetlint audit` would with the files beside its tree.
pub fn audit_fixture(fixture: &Path) -> Audited {
    let beside = |name: &str| Some(fixture.join(name)).filter(|p| root().join(p).is_file());
    let config = beside("presetlint.toml");
    let source = config
        .as_deref()
        .map_or(ConfigSource::Defaults, ConfigSource::File);
    let mut engine = Engine::load(
        source,
        root(),
        presetlint::base::input::DEFAULT_MAX_FILE_SIZE,
    )
    .unwrap_or_else(|e| panic!("{}: {e:?}", fixture.display()));
    if let Some(view) = beside("view.json") {
        engine.use_view_file(&view).unwrap();
    }
    let preset = beside("preset.json");
    let values = beside("values.json");
    let destinations = [fixture.join("tree")];
    let request = Request {
        destinations: &destinations,
        preset: preset.as_deref(),
        preset_index: None,
        volume: None,
        naming: Naming::Append,
        format: SidecarFormat::Json,
        values: ValueSources {
            values: values.as_deref(),
            date: values.as_ref().map(|_| "2026-03-02"),
            ..ValueSources::default()
        },
        // A `verify-mhl` file beside the tree: `--verify-mhl`.
        verify_mhl: root().join(fixture).join("verify-mhl").is_file(),
    };
    let audited = audit::run(&engine, &request, &mut |_| {})
        .unwrap_or_else(|_| panic!("{}: the audit stopped", fixture.display()));
    assert_eq!(
        audited.problems,
        Vec::<String>::new(),
        "{}",
        fixture.display()
    );
    audited
}

pub fn render(format: Format, audited: &Audited) -> String {
    let mut out = Vec::new();
    report::write_summarized(format, &audited.files, &audited.summary, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn err_fixtures_give_exactly_their_expected_output() {
    let update = crate::common::updating_fixtures();
    let mut failures = Vec::new();
    for fixture in fixtures_in("tests/fixtures/audit/err") {
        let audited = audit_fixture(&fixture);
        for (name, format) in [
            ("expected.out", Format::Concise),
            ("expected.human", Format::Human),
        ] {
            let got = render(format, &audited);
            let path = root().join(&fixture).join(name);
            if update {
                fs::write(&path, &got).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{} has no {name}", fixture.display()));
            if got != expected {
                failures.push(format!(
                    "{}\n--- expected\n{expected}--- got\n{got}",
                    path.display()
                ));
            }
        }
        assert!(
            !audited.files.is_empty(),
            "{} expects no finding: move it to ok/",
            fixture.display()
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ok_fixtures_are_clean() {
    for fixture in fixtures_in("tests/fixtures/audit/ok") {
        let audited = audit_fixture(&fixture);
        assert_eq!(
            render(Format::Concise, &audited),
            "",
            "{}",
            fixture.display()
        );
        assert!(
            audited.summary.files > 0,
            "{} has no sidecar",
            fixture.display()
        );
    }
}
