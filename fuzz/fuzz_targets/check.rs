//! The whole check pipeline on arbitrary bytes: decode, parse, rules, placing, every report
//! format. The invariants are tests/it/invariants/mod.rs, shared with tests/it/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::check(bytes);
});
