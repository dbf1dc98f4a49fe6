//! The README's DIT workflow with a clip log (tests/fixtures/clip-log/readme/) is the binary's
//! real output: each command of the section runs in a copy of the sample, where
//! `/Volumes/RAID` is the copy, and prints exactly what the README shows. Between generate and
//! the audit, the log is corrected as the README says (A001C003 was take 2).

use std::path::Path;

fn section(readme: &str) -> &str {
    let start = readme
        .find("### Values per clip: the DIT's clip log")
        .expect("the section is in the README");
    let rest = &readme[start..];
    &rest[..rest[4..].find("\n### ").map_or(rest.len(), |n| n + 4)]
}

/// Each `$ command` of the section's console blocks, with the output below it.
fn commands(section: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for block in section.split("```console\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let (command, output) = block.split_once('\n').unwrap();
        let command = command
            .strip_prefix("$ ")
            .expect("a block starts with a command");
        out.push((command.to_owned(), output.to_owned()));
    }
    out
}

#[test]
fn the_dit_workflow_in_the_readme_is_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let sample = root.join("tests/fixtures/clip-log/readme");
    let dir = tempfile::tempdir().unwrap();
    let raid = dir.path();
    std::fs::create_dir(raid.join("A001")).unwrap();
    for name in ["A001.ale", "camera-a.json"] {
        std::fs::copy(sample.join(name), raid.join(name)).unwrap();
    }
    for clip in std::fs::read_dir(sample.join("A001")).unwrap() {
        let clip = clip.unwrap();
        std::fs::copy(clip.path(), raid.join("A001").join(clip.file_name())).unwrap();
    }
    let shown = raid.display().to_string();
    let steps = commands(section(&readme));
    let names: Vec<&str> = steps
        .iter()
        .map(|(c, _)| c.split(' ').take(2).last().unwrap())
        .collect();
    assert_eq!(names, ["-12", "preview", "generate", "audit"]);
    let ale = std::fs::read_to_string(raid.join("A001.ale")).unwrap();
    let head: String = ale.lines().take(12).map(|l| format!("{l}\n")).collect();
    assert_eq!(steps[0].1, head);
    for (command, expected) in &steps[1..] {
        if command.starts_with("presetlint audit") {
            std::fs::write(
                raid.join("A001.ale"),
                ale.replace("\t14A\t1\t", "\t14A\t2\t"),
            )
            .unwrap();
        }
        let command = command.replace("/Volumes/RAID", &shown);
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let run = crate::common::run(raid, &args);
        assert_eq!(run.stderr, "", "{command}");
        assert_eq!(
            run.stdout.replace(&shown, "/Volumes/RAID"),
            *expected,
            "{command}"
        );
    }
}
