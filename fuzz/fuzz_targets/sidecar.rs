//! The sidecar writers on arbitrary field names and values: each format writes what its
//! reader parses back to the same fields, or refuses for a reason that holds
//! (tests/it/invariants/mod.rs, `sidecar`; the bytes are split into fields by `fields_from_bytes`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::sidecar(&invariants::fields_from_bytes(bytes));
});
