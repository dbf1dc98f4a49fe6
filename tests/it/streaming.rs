//! A run reports each file as it is done, in the walk's order, and says of each file what it
//! would say holding them all: 700 presets in 7 folders (more than the window the workers
//! may run ahead by), each folder with the same file names, one spelling variant per folder.

use std::fs;

use crate::common::presetlint;

/// Seven folders of 100 presets, `cam-NNN.json` in each; folder `p3` spells `{shootday}`.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for p in 0..7 {
        let folder = dir.path().join(format!("p{p}"));
        fs::create_dir(&folder).unwrap();
        for i in 0..100 {
            let day = if p == 3 { "shootday" } else { "ShootDay" };
            fs::write(
                folder.join(format!("cam-{i:03}.json")),
                format!("{{\"iconikSidecarElements\": [\"{{Project}}\", \"{{{day}}}\"]}}\n"),
            )
            .unwrap();
        }
    }
    dir
}

fn check(dir: &std::path::Path, format: &str) -> String {
    let out = presetlint()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", format, "."])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn findings_across_presets_come_in_walk_order_with_their_files() {
    let dir = corpus();
    let concise = check(dir.path(), "concise");
    let lines: Vec<&str> = concise.lines().collect();
    // Every file shares its name with six others (PL952, at 1:1), and p3's 100 spell the
    // element otherwise than the 600 others do (PL951, at the entry).
    assert_eq!(lines.len(), 800);
    assert_eq!(
        lines[0],
        "p0/cam-000.json:1:1: warning[PL952 duplicate-preset-name] 6 other preset files have this name: \"p1/cam-000.json\", \"p2/cam-000.json\", \"p3/cam-000.json\" and 3 more; OffShoot lists presets by name"
    );
    assert_eq!(
        lines[301],
        "p3/cam-000.json:1:41: warning[PL951 element-name-variant] \"{shootday}\" is spelt \"{ShootDay}\" in 600 preset files (e.g. p0/cam-000.json); iconik sees two fields"
    );
    let paths: Vec<&str> = lines.iter().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files are reported in the walk's order");
    // The JSON report, written a file at a time, is one document with every finding in order.
    let json: serde_json::Value = serde_json::from_str(&check(dir.path(), "json")).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 800);
    assert_eq!(diagnostics[301]["code"], "PL951");
    assert_eq!(diagnostics[301]["path"], "p3/cam-000.json");
    assert_eq!(json["summary"]["files"], 700);
    assert_eq!(json["summary"]["warnings"], 800);
    // JUnit's head counts the run, though its suites were written before the count was known.
    let junit = check(dir.path(), "junit");
    assert!(junit.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"presetlint\" tests=\"800\" failures=\"800\">\n  <testsuite name=\"p0/cam-000.json\" tests=\"1\" failures=\"1\">\n"
    ), "{}", &junit[..300]);
    assert_eq!(junit.matches("<testsuite ").count(), 700);
}

/// Standard input is read once, when it is checked: the files on disk are judged with it
/// and it with them, each counted once.
#[test]
fn standard_input_is_judged_with_the_files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    for (name, spelt) in [("a.json", "ShootDay"), ("b.json", "shoot_day")] {
        fs::write(
            dir.path().join(name),
            format!("{{\"iconikSidecarElements\": [\"{{{spelt}}}\"]}}\n"),
        )
        .unwrap();
    }
    let mut child = presetlint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "concise"])
        .args(["--stdin-filename", "c.json", "-", "a.json", "b.json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"iconikSidecarElements\": [\"{ShootDay}\"]}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "b.json:1:28: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 2 preset files (e.g. a.json); iconik sees two fields\n"
    );
}

/// Three productions of 100 presets: `cam-000` to `cam-009` in each (PL952), the first five
/// of p2 spelling `{shootday}` (PL951), one preset in p1 with two extensions in a string
/// (PL101). More files than the workers may run ahead by.
fn productions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for p in 0..3 {
        let folder = dir.path().join(format!("p{p}"));
        fs::create_dir(&folder).unwrap();
        for i in 0..100 {
            let name = if i < 10 {
                format!("cam-{i:03}.json")
            } else {
                format!("p{p}-cam-{i:03}.json")
            };
            let day = if p == 2 && i < 5 {
                "shootday"
            } else {
                "ShootDay"
            };
            let ext = if p == 1 && i == 50 {
                "\".R3D;.MOV\""
            } else {
                "\".R3D\""
            };
            fs::write(
                folder.join(name),
                format!(
                    "{{\n  \"iconikSidecarExtensions\": [{ext}],\n  \"iconikSidecarElements\": [\"{{Project}}\", \"{{{day}}}\"]\n}}\n"
                ),
            )
            .unwrap();
        }
    }
    dir
}

/// Every format, written a file at a time as the run goes, is byte for byte the report the
/// run wrote holding every file (tests/fixtures/streaming: written by presetlint before
/// it streamed, at ba4f4ec).
#[test]
fn every_format_streamed_is_the_report_written_whole() {
    let dir = productions();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/streaming");
    for (format, ext) in [
        ("human", "txt"),
        ("concise", "txt"),
        ("json", "json"),
        ("json-lines", "jsonl"),
        ("sarif", "sarif"),
        ("github", "txt"),
        ("gitlab", "json"),
        ("junit", "xml"),
        ("rdjson", "json"),
        ("checkstyle", "xml"),
        ("azure", "txt"),
    ] {
        let out = presetlint()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", format, "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let expected = fixtures.join(format!("{format}.{ext}"));
        if crate::common::updating_fixtures() {
            fs::write(&expected, &out.stdout).unwrap();
            continue;
        }
        let expected = fs::read(&expected).unwrap();
        assert!(
            out.stdout == expected,
            "{format} differs:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// `--fix` in a run judged across presets: the first pass fixes, the report's pass reports
/// the files as fixed, with the findings across presets at their places in the fixed text.
#[test]
fn fixes_are_judged_across_presets_as_written() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [
        (
            "a",
            "{\"iconikSidecarExtensions\": [\".R3D;.MOV\"], \"iconikSidecarElements\": [\"{ShootDay}\"]}\n",
        ),
        (
            "b",
            "{\"iconikSidecarExtensions\": [\".R3D;.MOV\"],\"iconikSidecarElements\": [\"{shoot_day}\"]}\n",
        ),
    ] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("cam.json"), text).unwrap();
    }
    let out = presetlint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "concise", "--fix", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a/cam.json:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"b/cam.json\"; OffShoot lists presets by name\n\
         b/cam.json:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"a/cam.json\"; OffShoot lists presets by name\n\
         b/cam.json:1:72: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 1 preset file (e.g. a/cam.json); iconik sees two fields\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Fixed 2 problems in 2 files\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("b/cam.json")).unwrap(),
        "{\"iconikSidecarExtensions\": [\".R3D\", \".MOV\"],\"iconikSidecarElements\": [\"{shoot_day}\"]}\n"
    );
}
