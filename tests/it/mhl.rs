//! ASC MHL, against the reference implementation (`ascmhl` from PyPI, installed into a scratch
//! virtual environment under target/ the first time a test needs it): a card sealed with
//! `ascmhl create`, then generate with and without `--mhl`, then `ascmhl diff` (nothing new)
//! and a full `ascmhl create` (which re-hashes and verifies every recorded file), in every
//! hash format; and the paper trail never taken for clips or sidecars.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::common::{run, snapshot};

/// The reference implementation's version the tests are pinned to.
const ASCMHL: &str = "ascmhl==1.2";

/// The `ascmhl` command, installed once per test run; `None` where it cannot be (no Python,
/// no package index), which fails under CI.
fn ascmhl() -> Option<&'static Path> {
    static INSTALLED: OnceLock<Option<PathBuf>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        // PRESETLINT_TEST_TOOLS names another folder for it: the unprivileged run's user
        // cannot write under target/, nor run a Python that lives in root's home.
        let tools = std::env::var_os("PRESETLINT_TEST_TOOLS").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tools"),
            PathBuf::from,
        );
        let venv = tools.join("ascmhl");
        let bin = venv.join("bin/ascmhl");
        if bin.exists() {
            return Some(bin);
        }
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success());
        let pip = venv.join("bin/pip");
        let installed = made
            && Command::new(&pip)
                .args(["install", "-q", ASCMHL])
                .status()
                .is_ok_and(|s| s.success());
        installed.then_some(bin)
    });
    if installed.is_none() {
        crate::common::cannot_set_up("the ASC MHL reference implementation (pip install ascmhl)");
    }
    installed.as_deref()
}

fn mhl(tool: &Path, args: &[&str], cwd: &Path) -> Output {
    Command::new(tool)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

const PRESET: &str = r#"{"iconikSidecarElements": ["{Project}"]}"#;

/// A card with two clips and the paper trail OffShoot and ascmhl leave, sealed in `format`.
fn sealed_card(tool: &Path, root: &Path, format: &str) -> PathBuf {
    let card = root.join("A001");
    crate::common::touch(
        root,
        &["A001/CLIPS/A001C001.R3D", "A001/CLIPS/A001C002.R3D"],
    );
    fs::write(card.join("Transfer Log.txt"), "Preset: cam A\n").unwrap();
    fs::write(card.join("A001.mhl"), "<hashlist/>\n").unwrap();
    fs::write(root.join("preset.json"), PRESET).unwrap();
    let sealed = mhl(tool, &["create", "A001", "-h", format], root);
    assert!(sealed.status.success(), "{sealed:?}");
    card
}

fn generate(root: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "generate",
        "preset.json",
        "--destination",
        "A001",
        "--set",
        "Project=Nightfall",
    ];
    args.extend_from_slice(extra);
    run(root, &args)
}

/// The history folder's files, with their content.
fn history(card: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    snapshot(&card.join("ascmhl"))
}

#[test]
fn generate_keeps_the_chain_of_custody_in_every_hash_format() {
    let Some(tool) = ascmhl() else { return };
    for format in ["xxh64", "xxh3", "xxh128", "md5", "sha1", "c4"] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let card = sealed_card(tool, root, format);
        let sealed = history(&card);

        // Without --mhl: sidecars for the two clips only, nothing in ascmhl/, and a note.
        let r = generate(root, &[]);
        assert_eq!(r.code, 0, "{format}: {}", r.stdout);
        assert_eq!(
            r.stdout,
            format!(
                "destination {0}: the preset lists no destinations: sidecars on every destination\nnote: 2 sidecars written under {0} are not in its ASC MHL history ({0}/ascmhl); `generate --mhl` records them in a new generation\nsummary: destinations matched 1, skipped 0; clips seen 2; sidecars written 2, overwritten 0, unchanged 0, conflicts 0, errors 0\n",
                card.strip_prefix(root).unwrap().display()
            )
        );
        assert_eq!(history(&card), sealed, "{format}: ascmhl/ was written in");
        let diff = mhl(tool, &["diff", "A001"], root);
        assert!(!diff.status.success(), "{format}: {diff:?}");
        assert!(
            String::from_utf8_lossy(&diff.stdout)
                .contains("found new file CLIPS/A001C001.R3D.json")
                || String::from_utf8_lossy(&diff.stderr)
                    .contains("found new file CLIPS/A001C001.R3D.json"),
            "{diff:?}"
        );

        // With --mhl: the same sidecars, recorded in generation 2 in the history's format.
        for sidecar in ["A001C001.R3D.json", "A001C002.R3D.json"] {
            fs::remove_file(card.join("CLIPS").join(sidecar)).unwrap();
        }
        let r = generate(root, &["--mhl"]);
        assert_eq!(r.code, 0, "{format}: {}", r.stdout);
        let note = r
            .stdout
            .lines()
            .find(|l| l.starts_with("note: "))
            .unwrap()
            .to_owned();
        let prefix = format!(
            "note: recorded 2 sidecars in the ASC MHL history of {0}: {0}/ascmhl/0002_A001_",
            card.strip_prefix(root).unwrap().display()
        );
        assert!(note.starts_with(&prefix), "{note}");
        assert!(note.ends_with(&format!("Z.mhl ({format})")), "{note}");
        let diff = mhl(tool, &["diff", "A001"], root);
        assert!(diff.status.success(), "{format}: {diff:?}");
        let verified = mhl(tool, &["create", "A001", "-h", format], root);
        assert!(verified.status.success(), "{format}: {verified:?}");
        let names: Vec<String> = crate::common::names(&history(&card));
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(names[0].starts_with("0001_A001_") && names[1].starts_with("0002_A001_"));
        assert!(names[2].starts_with("0003_A001_") && names[3] == "ascmhl_chain.xml");
    }
}

#[test]
fn audit_passes_the_paper_trail_by() {
    let Some(tool) = ascmhl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let card = sealed_card(tool, root, "xxh64");
    assert_eq!(generate(root, &["--mhl"]).code, 0);
    let r = run(
        root,
        &[
            "audit",
            "A001",
            "--preset",
            "preset.json",
            "--set",
            "Project=Nightfall",
            "--format",
            "concise",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    // preview says why the paper trail gets no sidecar.
    for (clip, why) in [
        (
            "A001/Transfer Log.txt",
            "  file: it is an OffShoot Transfer Log, part of the paper trail: never a clip\n",
        ),
        (
            "A001/A001.mhl",
            "  file: it is an MHL file (a copy's checksums), part of the paper trail: never a clip\n",
        ),
        (
            "A001/ascmhl/ascmhl_chain.xml",
            "  file: it is inside an ASC MHL history (ascmhl/), where nothing is ever written\n",
        ),
    ] {
        let r = run(
            root,
            &[
                "preview",
                "preset.json",
                "--clip",
                clip,
                "--set",
                "Project=Nightfall",
            ],
        );
        assert!(
            r.stdout.contains("gets a sidecar: no\n"),
            "{clip}: {}",
            r.stdout
        );
        assert!(r.stdout.contains(why), "{clip}: {}", r.stdout);
    }
    let _ = card;
}

#[test]
fn a_chain_that_changed_meanwhile_leaves_the_history_as_it_was() {
    let Some(tool) = ascmhl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let card = sealed_card(tool, root, "xxh64");
    // A chain presetlint cannot replace (a hard link it would cut): no generation is left
    // without its chain entry.
    let chain = card.join("ascmhl/ascmhl_chain.xml");
    fs::hard_link(&chain, root.join("chain-copy.xml")).unwrap();
    let before = history(&card);
    let r = generate(root, &["--mhl"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "error: the sidecars under {} are not recorded in its ASC MHL history: cannot add the generation to {}: it has 2 hard links",
            card.strip_prefix(root).unwrap().display(),
            chain.strip_prefix(root).unwrap().display()
        )),
        "{}",
        r.stdout
    );
    assert_eq!(history(&card), before);
    let _ = tool;
}

#[test]
fn a_file_the_history_does_not_record_gets_no_sidecar_and_is_reported() {
    let Some(tool) = ascmhl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let card = sealed_card(tool, root, "xxh64");
    // Copied onto the card after it was sealed: not a file of the transfer.
    fs::write(card.join("CLIPS/A001C003.R3D"), b"later").unwrap();
    let r = generate(root, &["--mhl"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [format!(
            "error: {0}/CLIPS/A001C003.R3D is not recorded in the ASC MHL history of {0}: not a file of the transfer, so no sidecar written",
            card.strip_prefix(root).unwrap().display()
        )]
    );
    assert!(!card.join("CLIPS/A001C003.R3D.json").exists());
    assert!(card.join("CLIPS/A001C001.R3D.json").exists());
    // The two it wrote are recorded: ascmhl finds nothing new but the late clip itself.
    let diff = mhl(tool, &["diff", "A001"], root);
    let said =
        String::from_utf8_lossy(&diff.stdout).into_owned() + &String::from_utf8_lossy(&diff.stderr);
    assert!(said.contains("found new file CLIPS/A001C003.R3D"), "{said}");
    assert!(!said.contains(".json"), "{said}");
}

/// A chain that is a symbolic link (to a file outside the card) is neither followed nor
/// written through: the history is said to be unreadable, the outside file stays as it was.
#[test]
fn a_chain_that_is_a_link_is_never_written_through() {
    let Some(tool) = ascmhl() else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let card = sealed_card(tool, root, "xxh64");
    let chain = card.join("ascmhl/ascmhl_chain.xml");
    let outside = root.join("outside-chain.xml");
    fs::rename(&chain, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &chain).unwrap();
    let before = fs::read(&outside).unwrap();
    let r = generate(root, &["--mhl"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let reason = format!(
        "{} is not a regular file (a symbolic link or another file), which presetlint does not follow",
        chain.strip_prefix(root).unwrap().display()
    );
    assert!(
        r.stdout.contains(&format!(
            "error: cannot read the ASC MHL history of {}: {reason}; its clips are taken as they are",
            card.strip_prefix(root).unwrap().display()
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "error: the sidecars under {} are not recorded in its ASC MHL history: {reason}",
            card.strip_prefix(root).unwrap().display()
        )),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read(&outside).unwrap(), before);
    assert_eq!(crate::common::names(&history(&card)).len(), 2);
}
