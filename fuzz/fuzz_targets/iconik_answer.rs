//! An answer of iconik's (a view, a field, a page of views): read, or refused with an error that renders.
//! The invariants are tests/it/invariants/mod.rs, shared with tests/it/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::iconik_answer(bytes);
});
