//! The inputs the fuzzers found interesting (a minimized corpus subset, and every crash they
//! found), replayed through the same invariants the fuzz targets assert, so that `cargo test`
//! guards them without cargo-fuzz. tests/fuzz-regressions/TARGET/ holds the inputs of the
//! fuzz target TARGET (fuzz/fuzz_targets/TARGET.rs).

use std::fs;
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// Runs `invariant` on every input of `target`, naming the input that fails.
fn replay(target: &str, invariant: impl Fn(&[u8])) {
    for path in inputs(target) {
        let bytes = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| invariant(&bytes)));
        assert!(outcome.is_ok(), "{} fails its invariants", path.display());
    }
}

#[test]
fn check_inputs_keep_their_invariants() {
    replay("check", |bytes| {
        crate::invariants::check(bytes);
    });
}

#[test]
fn fix_inputs_keep_their_invariants() {
    replay("fix", crate::invariants::fix);
}

#[test]
fn sidecar_inputs_keep_their_invariants() {
    replay("sidecar", |bytes| {
        crate::invariants::sidecar(&crate::invariants::fields_from_bytes(bytes))
    });
}

#[test]
fn sidecar_read_inputs_keep_their_invariants() {
    replay("sidecar_read", crate::invariants::sidecar_read);
}

#[test]
fn values_file_inputs_keep_their_invariants() {
    replay("values_file", crate::invariants::values_file);
}

#[test]
fn view_inputs_keep_their_invariants() {
    replay("view", crate::invariants::view);
}

#[test]
fn transfer_log_inputs_keep_their_invariants() {
    replay("transfer_log", crate::invariants::transfer_log);
}

#[test]
fn config_inputs_keep_their_invariants() {
    replay("config", crate::invariants::config);
}

#[test]
fn lsp_stream_inputs_keep_their_invariants() {
    replay("lsp", crate::invariants::lsp_stream);
}

#[test]
fn iconik_answer_inputs_keep_their_invariants() {
    replay("iconik_answer", crate::invariants::iconik_answer);
}

#[test]
fn git_paths_inputs_keep_their_invariants() {
    replay("git_paths", crate::invariants::git_paths);
}

#[test]
fn clip_log_inputs_keep_their_invariants() {
    replay("clip_log", crate::invariants::clip_log);
}
