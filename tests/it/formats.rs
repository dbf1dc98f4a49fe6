//! Every report format on the same two presets (tests/fixtures/formats: one with five findings of
//! all three severities and a label, one clean), run through the built binary. Each output is
//! compared whole with a snapshot in tests/snapshots/, and the machine-read formats are also
//! parsed back and checked field by field.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BAD: &str = "tests/fixtures/formats/bad preset.json";
const CLEAN: &str = "tests/fixtures/formats/clean.json";

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with none of the variables that steer `auto`.
fn presetlint() -> Command {
    let mut command = crate::common::presetlint();
    command
        .current_dir(crate_root())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("TF_BUILD")
        .env_remove("PRESETLINT_OUTPUT_FORMAT")
        .env_remove("NO_COLOR");
    command
}

fn check(format: &str) -> Output {
    presetlint()
        .args(["check", "--format", format, BAD, CLEAN])
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The package version is not part of what the snapshots pin.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

#[test]
fn github_workflow_commands() {
    let output = check("github");
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("github", stdout(&output));
}

#[test]
fn json_lines_has_one_json_diagnostic_per_line() {
    let output = check("json-lines");
    let text = stdout(&output);
    insta::assert_snapshot!("json_lines", text);
    // Each line is the very object the `json` report lists.
    let json: serde_json::Value = serde_json::from_slice(&check("json").stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, json["diagnostics"].as_array().unwrap());
}

#[test]
fn gitlab_code_quality() {
    let output = check("gitlab");
    let text = stdout(&output);
    insta::assert_snapshot!("gitlab", text);

    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), 5);
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["major", "minor", "major", "info", "info"]);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        assert!(issue["description"].as_str().unwrap().contains(": "));
        assert!(issue["check_name"].as_str().unwrap().starts_with("PL"));
        assert_eq!(issue["location"]["path"], BAD);
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 2);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
    }
}

#[test]
fn junit_xml() {
    let output = check("junit");
    let text = stdout(&output);
    insta::assert_snapshot!("junit", text);

    let suites = parse_junit(&text);
    assert_eq!(suites.len(), 2);
    let (bad, clean) = (&suites[0], &suites[1]);
    assert_eq!(bad.attrs["name"], BAD);
    assert_eq!(
        (bad.attrs["tests"].as_str(), bad.attrs["failures"].as_str()),
        ("5", "3"),
        "the two infos pass"
    );
    assert_eq!(bad.cases.iter().filter(|c| c.failure.is_none()).count(), 2);
    assert_eq!(bad.cases.len(), 5);
    let first = &bad.cases[0];
    assert_eq!(first.attrs["classname"], BAD);
    assert_eq!(first.attrs["name"], "PL201 element-has-space at 2:42");
    let failure = first.failure.as_ref().unwrap();
    assert_eq!(failure.0["type"], "PL201");
    assert_eq!(
        failure.0["message"],
        "element \"{Shoot Day}\" has whitespace in its name; iconik can't process it"
    );
    assert_eq!(
        failure.1,
        format!(
            "{BAD}:2:42: error[PL201 element-has-space] element \"{{Shoot Day}}\" has whitespace \
             in its name; iconik can't process it\nhelp: rename the element in OffShoot and \
             here, e.g. \"{{ShootDay}}\""
        )
    );
    assert_eq!(clean.attrs["name"], CLEAN);
    assert_eq!(
        (
            clean.attrs["tests"].as_str(),
            clean.attrs["failures"].as_str()
        ),
        ("1", "0")
    );
    assert_eq!(clean.cases.len(), 1);
    assert!(clean.cases[0].failure.is_none());
}

type Attrs = std::collections::HashMap<String, String>;

struct Suite {
    attrs: Attrs,
    cases: Vec<Case>,
}

struct Case {
    attrs: Attrs,
    /// The failure's attributes and text.
    failure: Option<(Attrs, String)>,
}

/// A small JUnit reader on quick-xml: suites, their cases, each case's failure.
fn parse_junit(xml: &str) -> Vec<Suite> {
    use quick_xml::events::{BytesStart, Event};

    fn attrs(e: &BytesStart) -> Attrs {
        e.attributes()
            .map(|a| {
                let a = a.unwrap();
                let key = a.key.into_inner().to_owned();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap();
                (key, value.into_owned())
            })
            .collect()
    }

    let mut reader = quick_xml::Reader::from_str(xml);
    let mut suites: Vec<Suite> = Vec::new();
    let mut in_failure = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "testsuite" => {
                suites.push(Suite {
                    attrs: attrs(&e),
                    cases: Vec::new(),
                });
            }
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "testcase" => {
                let suite = suites.last_mut().unwrap();
                suite.cases.push(Case {
                    attrs: attrs(&e),
                    failure: None,
                });
            }
            Event::Start(e) if e.name().into_inner() == "failure" => {
                let case = suites.last_mut().unwrap().cases.last_mut().unwrap();
                case.failure = Some((attrs(&e), String::new()));
                in_failure = true;
            }
            Event::End(e) if e.name().into_inner() == "failure" => in_failure = false,
            Event::Text(t) if in_failure => failure_text(&mut suites).push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_failure => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c,
                    None => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unexpected entity {other}"),
                    },
                };
                failure_text(&mut suites).push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    suites
}

fn failure_text(suites: &mut [Suite]) -> &mut String {
    let case = suites.last_mut().unwrap().cases.last_mut().unwrap();
    &mut case.failure.as_mut().unwrap().1
}

#[test]
fn sarif_log() {
    let output = check("sarif");
    let text = stdout(&output);
    insta::assert_snapshot!("sarif", without_version(&text));

    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_sarif_has_what_github_requires(&log);
    validate_against_the_official_schema(&log);
}

/// The fields GitHub code scanning reads (docs: "SARIF support for code scanning").
fn assert_sarif_has_what_github_requires(log: &serde_json::Value) {
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "presetlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/presetlint/presetlint"
    );
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), presetlint::lint::registry::ALL.len());
    for (rule, registered) in rules.iter().zip(presetlint::lint::registry::ALL) {
        assert_eq!(rule["id"], registered.code);
        assert_eq!(rule["name"], registered.name);
        assert_eq!(rule["shortDescription"]["text"], registered.summary);
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(rule["help"]["markdown"], registered.documentation());
        assert_eq!(rule["help"]["text"], registered.documentation());
        assert_eq!(rule["helpUri"], registered.url());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
        assert!(rule.get("properties").is_none(), "no security-severity");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], rules[index]["id"]);
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"]["uri"],
            "tests/fixtures/formats/bad%20preset.json"
        );
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(physical["region"][key].as_u64().unwrap() >= 1);
        }
        assert!(
            result["partialFingerprints"]["presetlint/v1"]
                .as_str()
                .is_some()
        );
    }
    // The duplicate points back at the first entry.
    let related = &results[1]["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "first given here");
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 29);
    assert!(!log.to_string().contains("security-severity"));
}

/// Validates against the official schema, kept with the tests (tests/schemas/README.md).
fn validate_against_the_official_schema(log: &serde_json::Value) {
    let path = crate_root().join("tests/schemas/sarif-2.1.0.json");
    let text = std::fs::read_to_string(&path).expect("the SARIF schema is kept with the tests");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The official schema is draft-04; its `$ref`s are all internal, so nothing is fetched
    // (and jsonschema is built without its network features anyway).
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
    // And the validator is really looking: a level SARIF does not have is refused.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

/// Fingerprints follow the finding, not its line.
#[test]
fn sarif_fingerprints_survive_unrelated_lines_moving() {
    let dir = tempfile::tempdir().unwrap();
    let before = "{\n  \"iconikSidecarExtensions\": [\".R3D;.MOV\"]\n}\n";
    let after = "{\n\n\n  \"iconikSidecarExtensions\": [\".R3D;.MOV\"]\n}\n";
    let mut prints = Vec::new();
    for text in [before, after] {
        std::fs::write(dir.path().join("p.json"), text).unwrap();
        let output = presetlint()
            .current_dir(dir.path())
            .args(["check", "--format", "sarif", "p.json"])
            .output()
            .unwrap();
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let result = &log["runs"][0]["results"][0];
        prints.push((
            result["partialFingerprints"]["presetlint/v1"].clone(),
            result["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        ));
    }
    assert_eq!(prints[0].0, prints[1].0);
    assert_ne!(prints[0].1, prints[1].1);
}

#[test]
fn auto_is_github_in_github_actions_and_writes_the_job_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = presetlint()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", BAD, CLEAN])
        .output()
        .unwrap();
    assert_eq!(stdout(&output), stdout(&check("github")));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.starts_with("earlier step\n\n## presetlint\n"));
    insta::assert_snapshot!("github_step_summary", written);
}

#[test]
fn auto_outside_a_terminal_is_concise() {
    let output = presetlint().args(["check", BAD]).output().unwrap();
    assert_eq!(stdout(&output), stdout(&check("concise")));
}

#[test]
fn output_file_holds_the_report_and_stderr_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("presetlint.sarif");
    std::fs::write(&report, "an older report").unwrap();
    let output = presetlint()
        .args(["check", "--format", "sarif", "--output-file"])
        .arg(&report)
        .args([BAD, CLEAN])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "2 errors, 1 warning, 2 infos in 1 of 2 files\n"
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        stdout(&check("sarif"))
    );
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left, [report], "no temporary file is left behind");
}

#[test]
fn output_file_in_a_missing_directory_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = presetlint()
        .args(["check", "--output-file"])
        .arg(dir.path().join("missing/report.txt"))
        .arg(CLEAN)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("cannot write the report to")
    );
}

/// reviewdog's rdjson: the structure its schema (proto/rdf/jsonschema) describes, columns in
/// UTF-8 bytes from 1, end exclusive, fixes as suggestions.
#[test]
fn rdjson_for_reviewdog() {
    let output = check("rdjson");
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    insta::assert_snapshot!("rdjson", text);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["source"]["name"], "presetlint");
    let diagnostics = v["diagnostics"].as_array().unwrap();
    let concise = stdout(&check("concise"));
    assert_eq!(diagnostics.len(), concise.lines().count());
    for d in diagnostics {
        assert!(
            d["message"].is_string() && d["location"]["path"].is_string(),
            "{d}"
        );
        for end in ["start", "end"] {
            assert!(d["location"]["range"][end]["line"].as_u64().unwrap() >= 1);
            assert!(d["location"]["range"][end]["column"].as_u64().unwrap() >= 1);
        }
        assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["code"]["value"].as_str().unwrap().starts_with("PL"));
        for s in d["suggestions"].as_array().into_iter().flatten() {
            assert!(
                s["text"].is_string() && s["range"]["start"]["line"].is_u64(),
                "{s}"
            );
        }
    }
    // A column after "é" (two bytes) counts bytes, as rdjson says.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.json"),
        "{\"labelPattern\": \"é\", \"iconikSidecarExtensions\": [\"R3D\"]}",
    )
    .unwrap();
    let out = presetlint()
        .current_dir(dir.path())
        .args(["check", "--format", "rdjson", "p.json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pl301 = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "PL301")
        .unwrap();
    // Character 51 (as concise says), byte 52.
    assert_eq!(pl301["location"]["range"]["start"]["column"], 52);
}

/// Checkstyle XML parses, lists every checked file (a clean one without errors) and every
/// finding with its line, column, severity and rule.
#[test]
fn checkstyle_xml() {
    use quick_xml::events::Event;
    let output = check("checkstyle");
    let text = stdout(&output);
    insta::assert_snapshot!("checkstyle", text);
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut files, mut errors) = (Vec::new(), 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "file" => {
                let name = e.try_get_attribute("name").unwrap().unwrap();
                files.push(name.value.into_owned());
            }
            Event::Empty(e) if e.name().into_inner() == "error" => {
                for key in ["line", "column", "severity", "message", "source"] {
                    assert!(e.try_get_attribute(key).unwrap().is_some(), "no {key}");
                }
                errors += 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(files, [BAD, CLEAN]);
    assert_eq!(errors, stdout(&check("concise")).lines().count());
}

#[test]
fn azure_logging_commands() {
    let output = check("azure");
    let text = stdout(&output);
    insta::assert_snapshot!("azure", text);
    assert!(
        text.lines()
            .all(|l| l.starts_with("##vso[task.logissue type=")),
        "{text}"
    );
}

/// `--format` wins over PRESETLINT_OUTPUT_FORMAT, which wins over the config's
/// `output-format`; a bad value of either is a clear error, exit 2.
#[test]
fn the_format_comes_from_the_flag_the_environment_or_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("p.json"), "{\"iconikSidecarExtensions\": [\"R3D\"]}").unwrap();
    std::fs::write(d.join("presetlint.toml"), "output-format = \"azure\"\n").unwrap();
    let run = |env: Option<&str>, flag: Option<&str>| {
        let mut command = presetlint();
        command.current_dir(d).args(["check", "p.json"]);
        if let Some(value) = env {
            command.env("PRESETLINT_OUTPUT_FORMAT", value);
        }
        if let Some(format) = flag {
            command.args(["--format", format]);
        }
        command.output().unwrap()
    };
    assert!(stdout(&run(None, None)).starts_with("##vso[task.logissue type="));
    assert!(stdout(&run(Some("json"), None)).starts_with("{"));
    assert!(stdout(&run(Some("json"), Some("concise"))).starts_with("p.json:1:"));
    let bad = run(Some("xml"), None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("PRESETLINT_OUTPUT_FORMAT is \"xml\"; it takes auto, human")
    );
    std::fs::write(d.join("presetlint.toml"), "output-format = \"xml\"\n").unwrap();
    let bad = run(None, None);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("output-format is \"xml\"; it takes auto, human")
            && stderr.contains("presetlint.toml:1:17"),
        "{stderr}"
    );
}

/// On a long line whose finding's secondary label lies far before it (a 32-entry one-line
/// list repeating `{Element3}` far after its first use), the human report's header and window
/// are the primary span's: the same line and column as concise and JSON give.
#[test]
fn the_human_header_is_the_primary_spans_place_on_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut items: Vec<String> = (0..32).map(|i| format!("{{Element{i}}}")).collect();
    items.push("{Element3}".to_owned());
    let text = format!(
        "{{\n  \"version\": \"1.0\",\n  \"iconikSidecarElements\": {}\n}}\n",
        serde_json::to_string(&items).unwrap()
    );
    std::fs::write(dir.path().join("long.json"), text).unwrap();
    let concise = crate::common::run(dir.path(), &["check", "long.json", "--format", "concise"]);
    assert_eq!(
        concise.stdout,
        "long.json:3:467: warning[PL102 duplicate-entry] \"{Element3}\" repeats an earlier entry\n"
    );
    let human = crate::common::run(
        dir.path(),
        &[
            "check",
            "long.json",
            "--format",
            "human",
            "--color",
            "never",
        ],
    );
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(lines[1], "  ┌─ long.json:3:467");
    assert!(
        lines[3].ends_with("\"{Element31}\",\"{Element3}\"]"),
        "{}",
        human.stdout
    );
    assert!(lines[4].ends_with("^^^^^^^^^^^^"), "{}", human.stdout);
}
