//! Every input presetlint reads besides the presets `check` walks (values files, views,
//! transfer logs, presetlint.toml, the preset of preview and generate) and what it prints of
//! them: a clear message with a position and a non-zero exit, never a panic, a hang, unbounded
//! memory, or a raw control character on the terminal.

use std::fs;
use std::path::Path;

use crate::common::run;
use crate::lsp_client::Client;

const PRESET: &str =
    "{\"renamePattern\": \"{A}\", \"iconikSidecarElements\": [\"{A}\", \"{B}\"]}\n";

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.json"), PRESET).unwrap();
    fs::create_dir(dir.path().join("d")).unwrap();
    dir
}

/// An error 70,000 characters along one line: miette's renderer panicked past column 65,535.
fn far_along(dir: &Path, name: &str, before: &str, after: &str) -> usize {
    let text = format!("{before}{}{after}", "x".repeat(70_000));
    fs::write(dir.join(name), &text).unwrap();
    text.len()
}

fn assert_clear_error(out: &crate::common::Run, header: &str) {
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(out.stderr.contains(header), "no {header} in {}", out.stderr);
    // The line is shown cut around the error, not 70,000 characters of it.
    assert!(
        out.stderr.len() < 2_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

#[test]
fn an_error_far_along_a_line_of_a_values_file_is_shown_at_its_true_column() {
    let dir = folder();
    far_along(dir.path(), "v.json", "{\"A\": \"", "\", \"B\": 5}");
    let out = run(
        dir.path(),
        &[
            "preview", "p.json", "--clip", "d/A.mov", "--values", "v.json",
        ],
    );
    assert_clear_error(&out, "[v.json:1:70016]");
    assert!(
        out.stderr
            .contains("v.json: the value of \"B\" must be a string or an array of strings"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("…xxxx"), "{}", out.stderr);
}

#[test]
fn an_error_far_along_a_line_of_a_view_or_a_transfer_log_is_shown_at_its_true_column() {
    let dir = folder();
    far_along(
        dir.path(),
        "view.json",
        "{\"name\": \"",
        "\", \"view_fields\": 5}",
    );
    let out = run(dir.path(), &["check", "--view", "view.json", "p.json"]);
    // `5` stands at column 70,029: the shape error is shown there.
    assert_clear_error(&out, "[view.json:1:70029]");
    let log = far_along(dir.path(), "log.txt", "Preset: ", "\nDestination\n");
    assert!(log > 70_000);
    let out = run(
        dir.path(),
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--transfer-log",
            "log.txt",
        ],
    );
    // No line of a transfer log is that long: refused at the column past the limit.
    assert_clear_error(&out, "[log.txt:1:32769]");
    assert!(
        crate::common::unwrapped(&out.stderr).contains(
            "x log.txt: line 1 is longer than 32768 characters, which no line of an OffShoot Transfer Log is"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_config_file_with_an_error_far_along_a_line_stops_check_clearly_and_the_server_starts() {
    let dir = folder();
    far_along(dir.path(), "presetlint.toml", "view = \"", "\" x = 1\n");
    let out = run(dir.path(), &["check", "p.json"]);
    assert_clear_error(&out, "[presetlint.toml:1:70011]");

    // The language server reports the broken config and lints with the defaults: {B} is
    // PL204, as `check --no-config` says.
    let mut client = Client::in_workspace(dir.path());
    let uri = format!("file://{}/p.json", dir.path().display());
    client.open(&uri, PRESET);
    let published = client.diagnostics(&uri);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PL204"]);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn source_lines_in_snippets_never_reach_the_terminal_raw() {
    let dir = folder();
    fs::write(
        dir.path().join("e.json"),
        "{\"iconikSidecarElements\": [\"{A}\"], \u{1b}]0;PWNED\u{7}\u{1b}[2J \"x\": 1}\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "--format", "human", "e.json"]);
    assert_eq!(
        out.stdout,
        "error[PL001 invalid-json]: unexpected token \"\\u001b\"\n  ┌─ e.json:1:36\n  │\n1 │ {\"iconikSidecarElements\": [\"{A}\"], \\u{1b}]0;PWNED\\u{7}\\u{1b}[2J \"x\": 1}\n  │                                    ^^^^^^\n\n1 error in 1 of 1 file\n"
    );

    // A value with C1 controls, a line separator and a bidi override, in a values file's
    // snippet and in the finding's message.
    fs::write(
        dir.path().join("v.json"),
        "{\"A\": \"a\u{9b}31m\u{85}\u{2028}\u{202e}b\", \"B\": [1]}",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "preview", "p.json", "--clip", "d/A.mov", "--values", "v.json",
        ],
    );
    assert_eq!(out.code, 2);
    for raw in ['\u{1b}', '\u{9b}', '\u{85}', '\u{2028}', '\u{202e}'] {
        assert!(!out.stderr.contains(raw), "raw {raw:?} in {}", out.stderr);
        assert!(!out.stdout.contains(raw), "raw {raw:?} in {}", out.stdout);
    }
    assert!(
        out.stderr.contains("\\u{9b}31m\\u{85}\\u{2028}\\u{202e}"),
        "{}",
        out.stderr
    );
}

#[test]
fn paths_in_error_messages_are_escaped() {
    let dir = folder();
    let out = run(
        dir.path(),
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--values",
            "/nonexistent/\u{1b}[31mRED",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
    assert!(
        crate::common::unwrapped(&out.stderr)
            .contains("cannot read the values file /nonexistent/\\u{1b}[31mRED: No such file"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_github_format_escapes_control_characters_in_file_names() {
    let dir = folder();
    let name = "a\u{1b}[31m\u{1}.json";
    fs::write(
        dir.path().join(name),
        "{\"iconikSidecarExtensions\": [\"R3D\"]}",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "--format", "github", name]);
    assert_eq!(
        out.stdout,
        "::warning file=a\\u{1b}[31m\\u{1}.json,line=1,endLine=1,col=2,endColumn=27,title=PL503 elements-missing::iconikSidecarExtensions is set but iconikSidecarElements is absent: sidecars would carry no metadata\n::error file=a\\u{1b}[31m\\u{1}.json,line=1,endLine=1,col=30,endColumn=35,title=PL301 extension-missing-dot::extension \"R3D\" has no leading dot\n"
    );
}

/// Runs presetlint, killing it after 20 s: a hang fails the test instead of the whole run.
fn run_or_hang(cwd: &Path, args: &[&str]) -> crate::common::Run {
    use std::io::Read;
    let mut child = crate::common::presetlint()
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("presetlint {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child.stdout.unwrap().read_to_string(&mut stdout).unwrap();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    crate::common::Run {
        code: status.code().unwrap(),
        stdout,
        stderr,
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_nobody_writes_to_is_read_as_empty_by_every_input() {
    let dir = folder();
    mkfifo(&dir.path().join("f.fifo"));
    // Each is answered at once, exit 2, with the place: (arguments, stderr, stdout).
    let empty_json = "  x f.fifo: the file holds no JSON value\n   ,-[f.fifo:1:1]\n   `----\n\n";
    let not_a_view =
        "  x f.fifo:1:1: not an iconik metadata view (a file that is not one is not shown)\n\n";
    let no_preset = "f.fifo:1:1: error[PL001 invalid-json] the file holds no JSON value\n";
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[
                "preview", "p.json", "--clip", "d/A.mov", "--values", "f.fifo",
            ],
            empty_json,
            "",
        ),
        (
            &[
                "preview",
                "p.json",
                "--clip",
                "d/A.mov",
                "--transfer-log",
                "f.fifo",
            ],
            "  x f.fifo: no header block starting with `Preset:`; is this an OffShoot Transfer Log?\n   ,-[f.fifo:1:1]\n   `----\n\n",
            "",
        ),
        (
            &["preview", "p.json", "--clip", "d/A.mov", "--view", "f.fifo"],
            not_a_view,
            "",
        ),
        (&["preview", "f.fifo", "--clip", "d/A.mov"], "", no_preset),
        (&["generate", "f.fifo", "--destination", "d"], "", no_preset),
        (&["check", "--view", "f.fifo", "p.json"], not_a_view, ""),
        // A config nobody wrote is refused, not taken for an empty one (the defaults).
        (
            &["check", "--config", "f.fifo", "p.json"],
            "  x cannot read the config file f.fifo: it is not a regular file, and nothing was written to it\n\n",
            "",
        ),
    ];
    for (args, stderr, stdout) in cases {
        let out = run_or_hang(dir.path(), args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert_eq!(crate::common::unwrapped(&out.stderr), *stderr, "{args:?}");
        assert_eq!(out.stdout, *stdout, "{args:?}");
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
    }

    // A discovered presetlint.toml whose view is a FIFO: check answers, and so does the
    // language server's initialize.
    fs::write(dir.path().join("presetlint.toml"), "view = \"f.fifo\"\n").unwrap();
    let out = run_or_hang(dir.path(), &["check", "p.json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let client = Client::in_workspace(dir.path());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn dev_zero_as_any_side_input_stops_at_the_size_limit() {
    let dir = folder();
    let limit = ["--max-file-size", "65536"];
    let cases: &[&[&str]] = &[
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--values",
            "/dev/zero",
        ],
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--transfer-log",
            "/dev/zero",
        ],
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--view",
            "/dev/zero",
        ],
        &["preview", "/dev/zero", "--clip", "d/A.mov"],
        &["check", "--view", "/dev/zero", "p.json"],
        &["check", "--config", "/dev/zero", "p.json"],
    ];
    for args in cases {
        let mut args = args.to_vec();
        args.extend(limit);
        let out = run_or_hang(dir.path(), &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            crate::common::unwrapped(&out.stderr)
                .contains("/dev/zero: file too large: more than 65536 bytes"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

/// A transfer log whose header runs on for a million lines: refused at the line past the
/// bound, in bounded memory (it took 492 MB, one value kept per line).
#[test]
fn a_transfer_log_with_a_header_of_a_million_lines_is_refused_at_its_bound() {
    let dir = folder();
    let header: String = (0..1_000_000).map(|i| format!("N{i:07}: v\n")).collect();
    fs::write(dir.path().join("log.txt"), format!("Preset: A\n{header}")).unwrap();
    let out = run(
        dir.path(),
        &[
            "preview",
            "p.json",
            "--clip",
            "d/A.mov",
            "--transfer-log",
            "log.txt",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        crate::common::unwrapped(&out.stderr).contains(
            "log.txt: the header has more than 10000 lines; is this an OffShoot Transfer Log?"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("[log.txt:10001:1]"), "{}", out.stderr);
}
