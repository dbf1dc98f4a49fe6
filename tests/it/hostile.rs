//! Hostile inputs: each gets findings or a clear error, never a panic or a hang. Speed on them
//! is measured in benches/check.rs, not here.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

fn check_file(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> Output {
    fs::write(dir.join(name), bytes).unwrap();
    crate::common::presetlint()
        .current_dir(dir)
        .arg("check")
        .args(extra)
        .arg(name)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn nesting_100_000_arrays_deep_is_pl001_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let out = check_file(dir.path(), "deep.json", deep.as_bytes(), &[]);
    assert_eq!(
        text(&out.stdout),
        "deep.json:1:513: error[PL001 invalid-json] maximum nesting depth exceeded\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn nesting_deeper_than_serde_json_allows_but_within_jsonc_parser_is_still_placed() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{{\"a\": {}{}}}", "[".repeat(200), "]".repeat(200));
    let out = check_file(dir.path(), "deep.json", deep.as_bytes(), &[]);
    assert_eq!(
        text(&out.stdout),
        "deep.json:1:133: error[PL001 invalid-json] recursion limit exceeded\n"
    );
}

#[test]
fn a_file_over_the_size_limit_is_a_clear_error_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // A sparse 1 GB file: the size alone must refuse it.
    fs::File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let out = crate::common::presetlint()
        .current_dir(dir.path())
        .args(["check", "huge.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "presetlint: error: cannot read huge.json: file too large: more than 64 MiB (raise --max-file-size if it is meant to be this large)\nFound 1 error.\n"
    );
    let small = check_file(
        dir.path(),
        "p.json",
        b"{\"iconikSidecarElements\": [\"{A}\"]}",
        &["--max-file-size", "10"],
    );
    assert_eq!(small.status.code(), Some(2));
    assert!(text(&small.stderr).contains("file too large: more than 10 bytes"));
}

#[test]
fn dev_zero_is_refused() {
    let out = crate::common::presetlint()
        .args(["check", "--max-file-size", "1048576", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "presetlint: error: cannot read /dev/zero: file too large: more than 1 MiB (raise --max-file-size if it is meant to be this large)\nFound 1 error.\n"
    );
}

#[test]
fn stdin_over_the_limit_is_refused() {
    let mut child = crate::common::presetlint()
        .args(["check", "--max-file-size", "4", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader stops at the limit; a closed pipe on our side is expected then.
    let _ = child.stdin.take().unwrap().write_all(b"{\"a\": [1, 2, 3]}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot read standard input: file too large: more than 4 bytes")
    );
}

#[test]
fn bytes_that_are_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[u8], &str)] = &[
        (
            b"{\"labelPattern\": \"a\xff\"}",
            "x.json:1:20: error[PL001 invalid-json] the file is not UTF-8: invalid byte 0xFF\n",
        ),
        (
            b"{\"labelPattern\": \"a\x00\"}",
            "x.json:1:20: error[PL001 invalid-json] control character (\\u0000-\\u001F) found while parsing a string\n",
        ),
        (
            b"{\"a\": 1}\x00",
            "x.json:1:9: error[PL001 invalid-json] unexpected token \"\\u0000\"\n",
        ),
        (
            b"{\"labelPattern\": \"\\ud800\"}",
            "x.json:1:19: error[PL001 invalid-json] invalid unicode escape sequence. 'd800 (unpaired high surrogate)' is not a valid UTF8 character\n",
        ),
        (
            b"{\"labelPattern\": \"\\udc00x\"}",
            "x.json:1:19: error[PL001 invalid-json] invalid unicode escape sequence. 'dc00 (unpaired low surrogate)' is not a valid UTF8 character\n",
        ),
    ];
    for (bytes, expected) in cases {
        let out = check_file(dir.path(), "x.json", bytes, &[]);
        assert_eq!(
            text(&out.stdout),
            *expected,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn bom_crlf_and_no_final_newline_keep_exact_positions() {
    let dir = tempfile::tempdir().unwrap();
    let out = check_file(
        dir.path(),
        "x.json",
        b"\xEF\xBB\xBF{\r\n  \"iconikSidecarExtensions\": [\"R3D\"],\r\n\"iconikSidecarElements\": [\"{A}\"]}",
        &[],
    );
    assert_eq!(
        text(&out.stdout),
        "x.json:2:31: error[PL301 extension-missing-dot] extension \"R3D\" has no leading dot\n"
    );
}

#[test]
fn a_10_mb_single_line_preset_places_a_late_finding_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let filler: Vec<String> = (0..800_000).map(|i| format!("\"{{E{i:07}}}\"")).collect();
    let line = format!(
        "{{\"notes\": [{}], \"iconikSidecarElements\": [\"{{A}}\"], \"iconikSidecarExtensions\": [\"R3D\"]}}",
        filler.join(",")
    );
    assert!(line.len() > 10_000_000);
    let out = check_file(dir.path(), "line.json", line.as_bytes(), &[]);
    let column = line.find("\"R3D\"").unwrap() + 1;
    assert_eq!(
        text(&out.stdout),
        format!(
            "line.json:1:{column}: error[PL301 extension-missing-dot] extension \"R3D\" has no leading dot\n"
        )
    );
}

#[test]
fn a_million_duplicate_keys_are_each_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from("{\"misc\": {");
    for i in 0..1_000_000 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str("\"k\":1");
    }
    doc.push_str("}}");
    let out = check_file(
        dir.path(),
        "dups.json",
        doc.as_bytes(),
        &["--format", "json-lines"],
    );
    let report = text(&out.stdout);
    assert_eq!(report.lines().count(), 999_999);
    let last: serde_json::Value = serde_json::from_str(report.lines().last().unwrap()).unwrap();
    assert_eq!(last["code"], "PL002");
    assert_eq!(last["pointer"], "/misc/k");
    assert_eq!(last["start"]["column"], 11 + 6 * 999_999);
}

#[test]
fn numbers_with_10_000_digits() {
    let dir = tempfile::tempdir().unwrap();
    let big = "9".repeat(10_000);
    let out = check_file(
        dir.path(),
        "n.json",
        format!("{{\"notes\": {big}, \"counter\": 5}}").as_bytes(),
        &[],
    );
    assert_eq!(
        text(&out.stdout),
        "n.json:1:10010: error[PL001 invalid-json] number out of range\n"
    );
    let within = "1".repeat(300);
    let ok = check_file(
        dir.path(),
        "m.json",
        format!("{{\"notes\": {within}.5, \"counter\": 5}}").as_bytes(),
        &[],
    );
    assert_eq!(
        text(&ok.stdout),
        "m.json:1:326: error[PL004 schema-violation] counter must be a string, not a number\n"
    );
}
