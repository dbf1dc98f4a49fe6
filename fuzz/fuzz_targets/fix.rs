//! The fixer, safe and unsafe, on arbitrary bytes: a text that parses must come out parsing
//! and re-lint without a fixable finding (tests/it/invariants/mod.rs, `fix`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::fix(bytes);
});
