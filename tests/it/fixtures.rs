//! Fixtures in the manner of actionlint, run in process through the engine: every preset
//! under tests/fixtures/err/ has its exact expected concise output beside it (`NAME.out`) and
//! its full human report (`NAME.human`: snippet, labels, help, fix title), and every preset
//! under tests/fixtures/ok/ must stay clean.
//!
//! A fixture is a preset file, or a folder holding `preset.json` (or `preset.hedge`) with what
//! the rule needs beside it: a `presetlint.toml` (used as `--config` would use it: its view,
//! severities and ignores), a view, and for the value rules a `values.json` (the values of
//! `generate`, judged as `preview` judges them, on the date 2026-03-02). The folder's
//! expectations are `expected.out` and `expected.human`.
//!
//! `UPDATE_FIXTURES=1 cargo test --test it fixtures` rewrites the expectations; review the
//! diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use presetlint::lint::checked_file::CheckedFile;
use presetlint::lint::engine::{ConfigSource, Engine};
use presetlint::output::report::{self, Format};
use presetlint::output::sidecar::SidecarFormat;
use presetlint::output::sidecar::{Stop, ValueSources, prepare};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One fixture: where its preset is, and where its expectations are.
struct Fixture {
    /// Relative to the crate root, as reports show it.
    preset: PathBuf,
    /// The folder of a folder fixture.
    folder: Option<PathBuf>,
    expected_concise: PathBuf,
    expected_human: PathBuf,
}

fn fixtures_in(dir: &str) -> Vec<Fixture> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root().join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let relative = path.strip_prefix(root()).unwrap().to_path_buf();
        if path.is_dir() {
            let preset = ["preset.json", "preset.hedge"]
                .iter()
                .map(|name| relative.join(name))
                .find(|p| root().join(p).is_file())
                .unwrap_or_else(|| panic!("{} has no preset.json", relative.display()));
            out.push(Fixture {
                preset,
                expected_concise: path.join("expected.out"),
                expected_human: path.join("expected.human"),
                folder: Some(relative),
            });
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "hedge")
        {
            let extension = path.extension().unwrap().to_str().unwrap().to_owned();
            out.push(Fixture {
                expected_concise: path.with_extension(format!("{extension}.out")),
                expected_human: path.with_extension(format!("{extension}.human")),
                preset: relative,
                folder: None,
            });
        }
    }
    out.sort_by(|a, b| a.preset.cmp(&b.preset));
    assert!(!out.is_empty(), "no fixtures in {dir}");
    out
}

/// The value findings of a fixture with values, which live outside the preset: their concise
/// lines, and the lines `preview` prints for them (with their help).
#[derive(Default)]
struct ValueLines {
    concise: String,
    human: String,
}

/// What `check` (and, for a fixture with values, `preview`) reports: the files of the report,
/// and the lines of the value findings.
fn run(fixture: &Fixture) -> (Vec<CheckedFile>, ValueLines) {
    let folder = fixture.folder.as_deref();
    let config = folder
        .map(|f| f.join("presetlint.toml"))
        .filter(|c| root().join(c).is_file());
    let source = match &config {
        Some(path) => ConfigSource::File(path),
        None => ConfigSource::Defaults,
    };
    let engine = Engine::load(
        source,
        root(),
        presetlint::base::input::DEFAULT_MAX_FILE_SIZE,
    )
    .unwrap_or_else(|e| panic!("{}: {e:?}", fixture.preset.display()));
    let values = folder
        .map(|f| f.join("values.json"))
        .filter(|v| root().join(v).is_file());
    if let Some(values) = values {
        let sources = ValueSources {
            values: Some(&values),
            date: Some("2026-03-02"),
            ..ValueSources::default()
        };
        let prepared = match prepare(
            &engine,
            &fixture.preset,
            None,
            &sources,
            SidecarFormat::Json,
        ) {
            Ok(prepared) => prepared,
            Err(Stop::InvalidPreset(file)) => return (vec![file], ValueLines::default()),
            Err(Stop::Usage(report)) => panic!("{}: {report:?}", fixture.preset.display()),
        };
        let file = prepared
            .input
            .with_diagnostics(prepared.diagnostics.clone());
        // The values file is a file of the report, with its findings at each value.
        let mut files = vec![file];
        files.extend(prepared.side_files);
        return (files, ValueLines::default());
    }
    let bytes = engine.read(&root().join(&fixture.preset)).unwrap();
    let name = fixture.preset.display().to_string();
    let mut files = vec![engine.check_named(name, Some(&fixture.preset), bytes)];
    if let Some(folder) = folder {
        files.extend(engine.unused_ignores(&[root().join(folder)]));
    }
    (files, ValueLines::default())
}

fn render(format: Format, files: &[CheckedFile]) -> String {
    let mut out = Vec::new();
    report::write(format, files, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn err_fixtures_give_exactly_their_expected_output() {
    let update = crate::common::updating_fixtures();
    let mut failures = Vec::new();
    for fixture in fixtures_in("tests/fixtures/err") {
        let (files, values) = run(&fixture);
        let concise = render(Format::Concise, &files) + &values.concise;
        let human = render(Format::Human, &files) + &values.human;
        if update {
            fs::write(&fixture.expected_concise, &concise).unwrap();
            fs::write(&fixture.expected_human, &human).unwrap();
            continue;
        }
        for (expected_path, got) in [
            (&fixture.expected_concise, &concise),
            (&fixture.expected_human, &human),
        ] {
            let expected = fs::read_to_string(expected_path).unwrap_or_else(|_| {
                panic!(
                    "{} has no {}",
                    fixture.preset.display(),
                    expected_path.display()
                )
            });
            if *got != expected {
                failures.push(format!(
                    "{}\n--- expected\n{expected}--- got\n{got}",
                    expected_path.display()
                ));
            }
        }
        assert!(
            !concise.is_empty(),
            "{} expects no finding: move it to ok/",
            fixture.preset.display()
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ok_fixtures_are_clean() {
    for fixture in fixtures_in("tests/fixtures/ok") {
        let (files, values) = run(&fixture);
        let concise = render(Format::Concise, &files) + &values.concise;
        assert_eq!(concise, "", "{}", fixture.preset.display());
    }
}

/// The binary gives what the engine gives: one fixture through `presetlint check`, exit code
/// included.
#[test]
fn the_binary_reports_a_fixture_as_the_engine_does() {
    let fixture = "tests/fixtures/err/one-finding-per-problem.json";
    let out = crate::common::presetlint()
        .current_dir(root())
        .args(["check", "--no-config", "--format", "concise", fixture])
        .output()
        .unwrap();
    let expected = fs::read_to_string(root().join(format!("{fixture}.out"))).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_rule_has_an_err_fixture() {
    let mut all: String = fixtures_in("tests/fixtures/err")
        .iter()
        .map(|f| fs::read_to_string(&f.expected_concise).unwrap_or_default())
        .collect();
    // The sidecar rules fire in audit's fixtures.
    for fixture in crate::audit_fixtures::fixtures_in("tests/fixtures/audit/err") {
        all += &fs::read_to_string(root().join(fixture).join("expected.out")).unwrap_or_default();
    }
    // The rules across presets fire in the fixtures of whole libraries.
    for fixture in crate::audit_fixtures::fixtures_in("tests/fixtures/across/err") {
        all += &fs::read_to_string(root().join(fixture).join("expected.out")).unwrap_or_default();
    }
    // The clip-log rules fire in the dry runs of generate on a card with its clip log.
    for fixture in crate::audit_fixtures::fixtures_in("tests/fixtures/clip-log/err") {
        all += &fs::read_to_string(root().join(fixture).join("expected.out")).unwrap_or_default();
    }
    // PL005 is about a file that cannot be read, which a fixture in the repository can
    // always be: cli.rs::a_file_that_cannot_be_read_is_a_finding_in_every_format has it.
    // PL902 needs a baseline beside a tree: baseline.rs has it at its exact line.
    for rule in presetlint::lint::registry::ALL
        .iter()
        .filter(|r| !["PL005", "PL902"].contains(&r.code))
    {
        assert!(
            all.contains(&format!("[{} {}]", rule.code, rule.name)),
            "{} fires in no err fixture",
            rule.code
        );
    }
}
