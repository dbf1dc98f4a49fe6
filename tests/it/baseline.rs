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

/// Findings across presets are keyed by the names involved, never by how many other files
/// there are nor which: adding, removing and renaming other presets keeps a baselined PL951
/// and PL952 baselined, and keeps their SARIF fingerprints.
#[test]
fn other_presets_coming_and_going_keep_the_baseline_and_the_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, element: &str| {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            path,
            format!("{{\"iconikSidecarElements\": [\"{{{element}}}\"]}}\n"),
        )
        .unwrap();
    };
    write("lib/a.json", "ShootDay");
    write("lib/b.json", "shoot_day");
    write("lib/c.json", "shoot_day");
    write("lib/x/cam.json", "Project");
    write("lib/y/cam.json", "Project");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "lib", "--format", "concise"];
        args.extend_from_slice(extra);
        run(root, &args)
    };
    let before = check(&[]);
    assert_eq!(
        before.stdout,
        "lib/a.json:1:28: warning[PL951 element-name-variant] \"{ShootDay}\" is spelt \"{shoot_day}\" in 2 preset files (e.g. lib/b.json); iconik sees two fields\n\
         lib/x/cam.json:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"lib/y/cam.json\"; OffShoot lists presets by name\n\
         lib/y/cam.json:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"lib/x/cam.json\"; OffShoot lists presets by name\n"
    );
    assert_eq!(check(&["--write-baseline", "b.json"]).code, 0);
    let fingerprints = || -> Vec<(String, String)> {
        let r = run(root, &["check", "lib", "--format", "sarif"]);
        let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let mut out: Vec<(String, String)> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["partialFingerprints"].to_string(),
                )
            })
            .filter(|(uri, _)| uri.ends_with("a.json") || uri.contains("/x/"))
            .collect();
        out.sort();
        out
    };
    let first = fingerprints();
    assert_eq!(first.len(), 2);
    // Another preset with the common spelling, another with the same name, one removed, one
    // renamed: a.json's and x/cam.json's findings stay baselined, fingerprints unchanged.
    for change in 0..4 {
        match change {
            0 => write("lib/d.json", "shoot_day"),
            1 => write("lib/z/cam.json", "Project"),
            2 => fs::remove_file(root.join("lib/c.json")).unwrap(),
            _ => fs::rename(root.join("lib/b.json"), root.join("lib/b2.json")).unwrap(),
        }
        let r = check(&["--baseline", "b.json"]);
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert!(
            lines.iter().all(|l| !l.starts_with("lib/a.json")
                && !l.starts_with("lib/x/cam.json")
                && !l.contains("PL902")),
            "after change {change}: {}",
            r.stdout
        );
        assert_eq!(fingerprints(), first, "after change {change}");
    }
    // The new file with the name, and y/cam.json unchanged: only z/cam.json's is new.
    let r = check(&["--baseline", "b.json"]);
    assert_eq!(
        r.stdout,
        "lib/z/cam.json:1:1: warning[PL952 duplicate-preset-name] 2 other preset files have this name: \"lib/x/cam.json\", \"lib/y/cam.json\"; OffShoot lists presets by name\n"
    );
}
