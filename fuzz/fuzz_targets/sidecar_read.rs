//! audit's sidecar reader on arbitrary bytes, as JSON, XML and CSV: no panic, every place
//! inside the text (tests/it/invariants/mod.rs, `sidecar_read`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::sidecar_read(bytes);
});
