//! `presetlint completions SHELL` and `presetlint man`, through the built binary.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_presetlint"))
        .args(args)
        .output()
        .unwrap();
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
        for word in ["check", "completions", "output-file", "fail-level"] {
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
    assert!(page.contains(".TH presetlint 1"), "{page}");
    assert!(page.contains("Lints OffShoot Pro presets for their iconik sidecar settings"));
    for subcommand in ["check", "rule", "schema", "completions", "man"] {
        assert!(page.contains(subcommand), "the page lacks {subcommand}");
    }
}
