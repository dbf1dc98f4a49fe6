//! The boundary with the page, by hand rather than with wasm-bindgen: the interface is one
//! string in and one string out, which takes three exports and one import, and leaves no
//! generated glue whose version must match a tool's.
//!
//! - `alloc(len)`: room for a request of `len` bytes, which the page fills with UTF-8 JSON;
//! - `request(ptr, len)`: answers it (taking the room back), and returns where the answer is;
//!   `answer_len()` says how long it is. The answer stays until the next request.
//! - import `presetlint.random_fill(ptr, len)`: `crypto.getRandomValues` over those bytes,
//!   for getrandom's `custom` backend (hash seeds of the JSON Schema validator).

use std::cell::RefCell;

thread_local! {
    static ANSWER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

#[link(wasm_import_module = "presetlint")]
unsafe extern "C" {
    fn random_fill(ptr: *mut u8, len: usize);
}

/// getrandom 0.3's `custom` backend (chosen in .cargo/config.toml for wasm32).
///
/// # Safety
/// getrandom calls it with a buffer of `len` writable bytes.
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: `dest` holds `len` writable bytes; the page writes only those.
    unsafe { random_fill(dest, len) };
    Ok(())
}

/// Room for a request of `len` bytes.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut room = Vec::<u8>::with_capacity(len);
    let ptr = room.as_mut_ptr();
    std::mem::forget(room);
    ptr
}

/// Answers the request of `len` bytes at `ptr` (given by [`alloc`], filled by the page).
///
/// # Safety
/// `ptr` is what `alloc(len)` returned, with `len` bytes written, and is not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn request(ptr: *mut u8, len: usize) -> *const u8 {
    // SAFETY: the page passes back `alloc(len)`'s room, filled.
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len) };
    let answer = match String::from_utf8(bytes) {
        Ok(text) => crate::answer(&text),
        Err(_) => r#"{"error":"the page sent a request that is not UTF-8"}"#.to_owned(),
    };
    ANSWER.with(|kept| {
        let mut kept = kept.borrow_mut();
        *kept = answer.into_bytes();
        kept.as_ptr()
    })
}

/// The length of the last answer.
#[unsafe(no_mangle)]
pub extern "C" fn answer_len() -> usize {
    ANSWER.with(|kept| kept.borrow().len())
}
