//! The parse-only floor of the speed benchmark: read every `*.json` / `*.hedge` file of a
//! folder and parse it into a `serde_json::Value` on all cores, doing nothing else.
//! presetlint is measured against it (scripts/bench.sh). Built as an example:
//! `cargo build --release --example parse-floor`, run as `parse-floor DIR`.

use std::path::PathBuf;

use rayon::prelude::*;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "hedge"))
        .collect();
    let parsed = files
        .par_iter()
        .filter(|path| {
            std::fs::read(path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .is_some()
        })
        .count();
    println!("{parsed} of {} files parsed", files.len());
}
