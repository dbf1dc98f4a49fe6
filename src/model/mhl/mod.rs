//! ASC MHL, the chain of custody on a sealed card (ASC MITC's specification, v2.0): the
//! history a destination holds ([`history`]), the hash formats it may use ([`hash`]), and a
//! new generation that records the sidecars presetlint wrote ([`record`], `generate --mhl`).
//! Tested against the reference implementation, `ascmhl` (tests/it/mhl.rs).

mod hash;
mod history;
#[cfg(feature = "native")]
mod record;

pub use hash::HashFormat;
pub use history::{CHAIN_FILE, Governed, HISTORY_FOLDER, Histories, History, governing_root};
#[cfg(feature = "native")]
pub use record::{Recorded, record};
