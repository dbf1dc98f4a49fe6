//! `presetlint completions SHELL` and `presetlint man`, through the built binary.

fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = crate::common::presetlint().args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn completions_for_every_shell_know_the_subcommands_and_flags() {
    for (shell, marker) in [
        ("bash", "complete -F _presetlint"),
        ("zsh", "#compdef presetlint"),
        ("fish", "complete -c presetlint"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, script) = run(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        assert!(script.contains(marker), "{shell} script lacks {marker:?}");
        for word in [
            "check",
            "completions",
            "output-file",
            "fail-level",
            "clip-values",
            "match-column",
            "map",
        ] {
            assert!(script.contains(word), "{shell} script lacks {word:?}");
        }
        // clap_complete's PowerShell script completes flags but not their values.
        if shell != "powershell" {
            assert!(script.contains("json-lines"), "{shell} lacks the formats");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let (code, script) = run(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
    assert_eq!(script, "");
}

#[test]
fn man_prints_a_roff_page() {
    let (code, page) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(page.contains(".TH PRESETLINT 1"), "{page}");
    assert!(page.contains("Lints OffShoot Pro presets for their iconik sidecar settings"));
    for subcommand in ["check", "rule", "schema", "completions", "man"] {
        assert!(page.contains(subcommand), "the page lacks {subcommand}");
    }
}

/// Every page the main page refers to exists, with the command's options and exit codes.
#[test]
fn man_has_a_page_per_command_with_its_options_and_exit_codes() {
    let top = tempfile::tempdir().unwrap();
    // A folder that does not exist yet, as ~/.local/share/man/man1 on a fresh account.
    let dir = top.path().join("share/man/man1");
    let dir = &dir;
    let out = crate::common::presetlint()
        .args(["man", "--output-dir"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let main = std::fs::read_to_string(dir.join("presetlint.1")).unwrap();
    let mut referred = 0;
    for line in main.lines() {
        if let Some(name) = line.strip_suffix("(1)") {
            let file = name.replace("\\-", "-") + ".1";
            assert!(
                dir.join(&file).is_file(),
                "{file}, named by presetlint(1), is missing"
            );
            referred += 1;
        }
    }
    assert!(referred >= 10, "{main}");
    for (page, option, code) in [
        (
            "presetlint-check.1",
            "\\-\\-fail\\-level",
            "findings at or above the fail level",
        ),
        (
            "presetlint-audit.1",
            "\\-\\-preset",
            "a folder or sidecar that could not be read",
        ),
        (
            "presetlint-view-pull.1",
            "\\-\\-connect\\-timeout",
            "credentials, the instance, the network",
        ),
        (
            "presetlint-generate.1",
            "\\-\\-repair",
            "no destination matched the preset",
        ),
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(option), "{page} lacks {option}");
        assert!(
            text.contains(".SH \"EXIT STATUS\""),
            "{page} has no exit codes"
        );
        assert!(text.contains(code), "{page} lacks {code:?}");
    }
    // The clip log's options, on each page of a command that takes them.
    for page in [
        "presetlint-preview.1",
        "presetlint-generate.1",
        "presetlint-audit.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        for option in [
            "\\-\\-clip\\-values\\fR \\fI<FILE>",
            "\\-\\-match\\-column\\fR \\fI<COLUMN>",
            "\\-\\-map\\fR \\fI<COLUMN=ELEMENT>",
        ] {
            assert!(text.contains(option), "{page} lacks {option}");
        }
    }
    // One page on its own.
    let (code, page) = run(&["man", "view", "pull"]);
    assert_eq!(code, Some(0));
    assert!(page.contains(".TH PRESETLINT-VIEW-PULL 1"), "{page}");
}

/// Rule codes and names complete where a rule is named (`--select`, `--ignore`, `rule`), in
/// bash as a user's shell runs the script, and in zsh and fish scripts: no file names there.
#[test]
fn rules_complete_by_code_and_name() {
    let (_, script) = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("presetlint.bash");
    std::fs::write(&path, script).unwrap();
    let complete = |words: &[&str]| -> String {
        let line = words.join(" ");
        let program = format!(
            "source {}; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _presetlint presetlint {} {}; echo \"${{COMPREPLY[@]}}\"",
            path.display(),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
            .expect("bash runs");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    assert_eq!(
        complete(&["presetlint", "check", "--select", "PL95"]),
        "PL951 PL952 PL953"
    );
    assert_eq!(
        complete(&["presetlint", "audit", "--ignore", "stale"]),
        "stale-sidecar"
    );
    assert_eq!(
        complete(&["presetlint", "rule", "element-n"]),
        "element-not-in-sidecar element-name-variant"
    );
    for shell in ["zsh", "fish"] {
        let (_, script) = run(&["completions", shell]);
        assert!(
            script.contains("PL951") && script.contains("list-in-string"),
            "{shell}"
        );
    }
}
