//! Values for preview and generate that hold markup, quotes, separators, control characters,
//! characters XML cannot carry and path-like text, through the real binary: every sidecar
//! parses back to exactly the value in every format, or the value is refused with a clear
//! error (exit 2, nothing written); and no value changes where a sidecar is written.

use std::fs;
use std::path::Path;

use crate::common::{names, run, snapshot, unwrapped};
use quick_xml::events::Event;

const PRESET: &str =
    r#"{"iconikSidecarElements": ["{Note}"], "iconikSidecarExtensions": [".mov"]}"#;

/// Values that would break a careless writer, or a careless choice of where to write.
const HOSTILE: &[&str] = &[
    "<b>&amp;</b>",
    "x ]]> y",
    "say \"hi\", 'then' leave",
    "a,b;c|d\te",
    "line 1\nline 2\r\nline 3\r",
    "../../etc/x",
    "/abs/olute",
    "..",
    "x/y\\z",
    "🎬 \u{2028}\u{feff}",
];

/// Characters XML 1.0 cannot carry: fine in JSON and CSV, refused for XML.
const NOT_XML: &[&str] = &[
    "bell\u{7}",
    "esc \u{1b}[31m red",
    "nul \u{0} byte",
    "\u{fffe}",
];

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("preset.json"), PRESET).unwrap();
    crate::common::touch(dir.path(), &["RAID/day1/A001.mov"]);
    dir
}

/// The one value of Note in a sidecar, read back with an independent reader.
fn read_back(format: &str, text: &str) -> String {
    match format {
        "json" => {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            v["metadata_values"]["Note"]["field_values"][0]["value"]
                .as_str()
                .unwrap()
                .to_owned()
        }
        "csv" => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(text.as_bytes());
            assert_eq!(reader.headers().unwrap(), vec!["Note"]);
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), 1, "{text:?}");
            rows[0][0].to_owned()
        }
        _ => {
            let mut reader = quick_xml::Reader::from_str(text);
            let (mut depth, mut value) = (0, String::new());
            loop {
                match reader.read_event().expect("well-formed XML") {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    Event::Text(t) if depth == 5 => value.push_str(&t.xml10_content()),
                    Event::GeneralRef(r) if depth == 5 => match r.resolve_char_ref().unwrap() {
                        Some(c) => value.push(c),
                        None => value.push_str(quick_xml::escape::resolve_xml_entity(&r).unwrap()),
                    },
                    Event::Eof => break,
                    _ => {}
                }
            }
            value
        }
    }
}

fn generate(dir: &Path, format: &str, values: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "generate",
        "preset.json",
        "--destination",
        "RAID",
        "--overwrite",
    ];
    args.extend(["--sidecar-format", format]);
    args.extend_from_slice(values);
    run(dir, &args)
}

/// The tree's own files: the preset, the clip and its sidecars in every format.
const TREE: [&str; 7] = [
    "RAID/",
    "RAID/day1/",
    "RAID/day1/A001.mov",
    "RAID/day1/A001.mov.csv",
    "RAID/day1/A001.mov.json",
    "RAID/day1/A001.mov.xml",
    "preset.json",
];

/// After any run: nothing but the tree's own files (some sidecars may not be written yet).
fn assert_within_tree(dir: &Path, extra: &[&str]) {
    let mut allowed = TREE.to_vec();
    allowed.extend_from_slice(extra);
    for name in names(&snapshot(dir)) {
        assert!(allowed.contains(&name.as_str()), "{name} was written");
    }
    assert!(!Path::new("/abs/olute").exists());
}

/// The tree holds exactly the preset, the inputs, the clip and its sidecars: nothing a
/// value named (`../../etc/x`, `/abs/olute`) was created anywhere under it.
fn assert_tree(dir: &Path, extra: &[&str]) {
    let mut expected = TREE.to_vec();
    expected.extend_from_slice(extra);
    expected.sort();
    assert_eq!(names(&snapshot(dir)), expected);
    assert!(!Path::new("/abs/olute").exists());
}

#[test]
fn set_values_round_trip_in_every_format_and_never_move_a_sidecar() {
    let dir = tree();
    let sidecar = |f: &str| dir.path().join(format!("RAID/day1/A001.mov.{f}"));
    let values_file = dir.path().join("nul.json");
    for value in HOSTILE.iter().chain(NOT_XML) {
        let set = format!("Note={value}");
        // An argument cannot hold NUL: that value comes from a values file.
        let source = if value.contains('\0') {
            fs::write(
                &values_file,
                serde_json::json!({ "Note": value }).to_string(),
            )
            .unwrap();
            ["--values", "nul.json"]
        } else {
            ["--set", set.as_str()]
        };
        for format in ["json", "xml", "csv"] {
            let before = snapshot(dir.path());
            let r = generate(dir.path(), format, &source);
            assert_within_tree(dir.path(), &["nul.json"]);
            if format == "xml" && NOT_XML.contains(value) {
                // Refused: every file as it was, the XML sidecar of the value before included.
                assert_eq!(snapshot(dir.path()), before, "{value:?}");
                let c = value.chars().find(|c| !matches!(c, ' '..='~')).unwrap();
                assert_eq!(
                    r.stdout,
                    format!(
                        "left out: \"Note\": a value of \"Note\" holds the character U+{:04X}, which XML 1.0 cannot carry\n\
                         generate refuses: the sidecar format cannot carry some fields; nothing written (--force writes the valid fields)\n",
                        c as u32
                    ),
                    "{value:?}"
                );
                assert_eq!(r.code, 2);
                continue;
            }
            assert_eq!(
                (r.code, r.stderr.as_str()),
                (0, ""),
                "{value:?} {format}: {}",
                r.stdout
            );
            let text = fs::read_to_string(sidecar(format)).unwrap();
            assert_eq!(read_back(format, &text), *value, "{format}: {text:?}");
        }
    }
    assert_tree(dir.path(), &["nul.json"]);
}

#[test]
fn values_file_and_transfer_log_values_round_trip() {
    let dir = tree();
    let values = serde_json::json!({ "Note": HOSTILE.join("|") }).to_string();
    fs::write(dir.path().join("values.json"), values).unwrap();
    for format in ["json", "xml", "csv"] {
        let r = generate(dir.path(), format, &["--values", "values.json"]);
        assert_eq!(r.code, 0, "{}", r.stdout);
        let text = fs::read_to_string(dir.path().join(format!("RAID/day1/A001.mov.{format}")));
        assert_eq!(read_back(format, &text.unwrap()), HOSTILE.join("|"));
    }
    // A log line ends at the newline: every other hostile character comes through.
    let note = "<x a=\"1\">&amp; ]]> 'q', ../../etc/x; /abs/olute \t|";
    fs::write(
        dir.path().join("log.txt"),
        format!("Preset: cam A\nNote: {note}\n\nDestination: RAID\n"),
    )
    .unwrap();
    for format in ["json", "xml", "csv"] {
        let r = run(
            dir.path(),
            &[
                "generate",
                "preset.json",
                "--transfer-log",
                "log.txt",
                "--overwrite",
                "--sidecar-format",
                format,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stdout);
        let text = fs::read_to_string(dir.path().join(format!("RAID/day1/A001.mov.{format}")));
        assert_eq!(read_back(format, &text.unwrap()), note.trim_end());
    }
    assert_tree(dir.path(), &["log.txt", "values.json"]);
}

#[test]
fn values_that_are_not_text_are_refused_with_a_clear_error() {
    let dir = tree();
    let before = snapshot(dir.path());
    // Each refused at the place of the offending character or value.
    let cases: &[(&[u8], &str, &str)] = &[
        (
            br#"{"Note": "\ud800"}"#,
            "v.json: invalid unicode escape sequence. 'd800 (unpaired high surrogate)' is not a valid UTF8 character",
            "[v.json:1:11]",
        ),
        (
            b"{\"Note\": \"a\xffb\"}",
            "v.json: the values file is not UTF-8",
            "[v.json:1:12]",
        ),
        (
            b"{\"Note\": \"a\x01b\"}",
            "v.json: control character (\\u0000-\\u001F) found while parsing a string",
            "[v.json:1:12]",
        ),
        (
            br#"{"Note": 5}"#,
            "v.json: the value of \"Note\" must be a string or an array of strings",
            "[v.json:1:10]",
        ),
    ];
    for (bytes, message, place) in cases {
        fs::write(dir.path().join("v.json"), bytes).unwrap();
        let r = generate(dir.path(), "json", &["--values", "v.json"]);
        assert_eq!(r.code, 2, "{message}");
        let stderr = unwrapped(&r.stderr);
        assert!(stderr.starts_with(&format!("  x {message}\n")), "{stderr}");
        assert!(
            stderr.contains(&format!("   ,-{place}\n")),
            "{place}: {stderr}"
        );
        fs::remove_file(dir.path().join("v.json")).unwrap();
        assert_eq!(snapshot(dir.path()), before, "nothing written");
    }
    fs::write(dir.path().join("log.txt"), b"Preset: a\nNote: \xff\n").unwrap();
    let r = generate(dir.path(), "json", &["--transfer-log", "log.txt"]);
    assert_eq!(r.code, 2);
    let stderr = unwrapped(&r.stderr);
    assert!(
        stderr.starts_with("  x log.txt: the transfer log is not UTF-8\n   ,-[log.txt:2:7]\n"),
        "{stderr}"
    );
    fs::remove_file(dir.path().join("log.txt")).unwrap();
    assert_eq!(snapshot(dir.path()), before, "nothing written");
}

#[test]
fn preview_shows_hostile_values_exactly() {
    let dir = tree();
    for format in ["json", "xml", "csv"] {
        for value in HOSTILE {
            let r = run(
                dir.path(),
                &[
                    "preview",
                    "preset.json",
                    "--clip",
                    "/Volumes/RAID/A001.mov",
                    "--format",
                    "json",
                    "--sidecar-format",
                    format,
                    "--set",
                    &format!("Note={value}"),
                ],
            );
            assert_eq!(r.code, 0, "{}", r.stderr);
            let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(
                report["sidecar"]["path"],
                "/Volumes/RAID/A001.mov.".to_owned() + format
            );
            let content = report["sidecar"]["content"].as_str().unwrap();
            assert_eq!(read_back(format, content), *value);
        }
    }
}
