//! A DIT's clip log (--clip-values): an ALE or a CSV, read and indexed, each row read again
//! from its start, or refused with an error that renders whole. The invariants are
//! tests/it/invariants/mod.rs, shared with tests/it/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::clip_log(bytes);
});
