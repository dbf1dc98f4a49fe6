//! `check --write-baseline` and `--baseline`: a library's old findings accepted, new ones
//! reported; the baseline survives every preset being reformatted; an entry that matches
//! nothing any more is PL902 on a run over the whole tree only.

use std::fs;
use std::path::Path;

use crate::common::run;

/// A preset with `n`'s findings: a list in a string, and every third one an extension
/// without its dot.
fn preset(n: usize) -> String {
    let extension = if n.is_multiple_of(3) { "R3D" } else { ".R3D" };
    format!(
        "{{\"iconikSidecarElements\": [\"{{Project}}\", \"{{Card}}\"], \"iconikSidecarExtensions\": [\"{extension}\", \".MOV;.MXF\"]}}\n"
    )
}

fn library(root: &Path) {
    for n in 0..30 {
        let dir = root.join(format!("productions/p{:02}", n % 10));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("cam-{n:02}.json")), preset(n)).unwrap();
    }
}

/// Every preset rewritten with other indentation and its keys in another order: every line
/// and column moves, no pointer does.
fn reformat(root: &Path) {
    for entry in walk(root) {
        let value: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&entry).unwrap()).unwrap();
        let object = value.as_object().unwrap();
        let mut keys: Vec<&String> = object.keys().collect();
        keys.reverse();
        let mut text = String::from("{\n");
        for (i, key) in keys.iter().enumerate() {
            let comma = if i + 1 < keys.len() { "," } else { "" };
            text += &format!(
                "        {}: {}{comma}\n",
                serde_json::to_string(key).unwrap(),
                serde_json::to_string_pretty(&object[*key]).unwrap()
            );
        }
        fs::write(&entry, text + "}\n").unwrap();
    }
}

fn walk(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for dir in fs::read_dir(root.join("productions")).unwrap() {
        for file in fs::read_dir(dir.unwrap().path()).unwrap() {
            out.push(file.unwrap().path());
        }
    }
    out.sort();
    out
}

#[test]
fn a_baseline_holds_old_findings_through_reformatting_and_reports_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library(d);
    let before = run(d, &["check", "--format", "concise", "."]);
    assert_eq!(before.code, 1);
    assert_eq!(
        before.stdout.lines().count(),
        40,
        "30 lists in strings, 10 dots missing"
    );

    let wrote = run(d, &["check", "--write-baseline", "baseline.json", "."]);
    assert_eq!(
        (wrote.code, wrote.stderr.as_str()),
        (
            0,
            "presetlint: wrote 40 findings to the baseline baseline.json\n"
        )
    );
    let text = fs::read_to_string(d.join("baseline.json")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 42, "a header, one entry a line, a footer");
    assert_eq!(lines[0], "{\"version\": 1, \"findings\": [");
    assert_eq!(
        lines[1],
        r#"{"path":"productions/p00/cam-00.json","code":"PL101","pointer":"/iconikSidecarExtensions/1","message":"\".MOV;.MXF\" holds 2 entries in one string; in a preset each entry is its own string"},"#
    );
    let mut sorted = lines[1..41].to_vec();
    sorted.sort();
    assert_eq!(sorted, lines[1..41], "sorted, so that it diffs well");

    reformat(d);
    let after = run(
        d,
        &[
            "check",
            "--format",
            "concise",
            "--baseline",
            "baseline.json",
            ".",
        ],
    );
    assert_eq!(
        (after.code, after.stdout.as_str()),
        (0, ""),
        "{}",
        after.stderr
    );
    // From the config too, and from another folder: paths are the baseline's folder's.
    fs::write(d.join("presetlint.toml"), "baseline = \"baseline.json\"\n").unwrap();
    let inside = run(
        &d.join("productions"),
        &["check", "--format", "concise", "."],
    );
    assert_eq!((inside.code, inside.stdout.as_str()), (0, ""));

    // A new mistake is reported; a fixed one leaves its entry unused (PL902), on a run over
    // the whole tree only.
    let new = d.join("productions/p01/cam-01.json");
    fs::write(
        &new,
        fs::read_to_string(&new)
            .unwrap()
            .replace("{Card}", "{Shoot Day}"),
    )
    .unwrap();
    let fixed = d.join("productions/p00/cam-00.json");
    fs::write(
        &fixed,
        fs::read_to_string(&fixed)
            .unwrap()
            .replace("\"R3D\"", "\".R3D\""),
    )
    .unwrap();
    let r = run(d, &["check", "--format", "concise", "."]);
    assert_eq!(r.code, 1);
    let found: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(found.len(), 2, "{}", r.stdout);
    assert!(
        found[0].starts_with("productions/p01/cam-01.json:")
            && found[0].contains("PL201 element-has-space"),
        "{}",
        found[0]
    );
    assert!(found[1].contains("baseline.json:3:1: warning[PL902 unused-baseline-entry] this baseline entry (PL301 in productions/p00/cam-00.json) matches no finding"), "{}", found[1]);
    let one = run(
        d,
        &[
            "check",
            "--format",
            "concise",
            "productions/p01/cam-01.json",
        ],
    );
    assert_eq!(
        one.stdout.lines().count(),
        1,
        "no PL902 on a partial run: {}",
        one.stdout
    );
}

#[test]
fn a_file_that_is_no_baseline_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.json"), preset(1)).unwrap();
    fs::write(
        dir.path().join("b.json"),
        "{\"version\": 1, \"findings\": [{\"path\": 3}]}",
    )
    .unwrap();
    let r = run(dir.path(), &["check", "--baseline", "b.json", "p.json"]);
    assert_eq!(r.code, 2);
    let e = crate::common::unwrapped(&r.stderr);
    assert!(
        e.contains("not a presetlint baseline") && e.contains("b.json:1:"),
        "{e}"
    );
}
