//! The language server on an arbitrary byte stream: it reads to the end and stops, never panicking outside a handler, never hanging.
//! The invariants are tests/it/invariants/mod.rs, shared with tests/it/fuzz_regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/invariants/mod.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::lsp_stream(bytes);
});
