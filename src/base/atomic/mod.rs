//! The one writer of files a person already has or names: a preset fixed in place (`--fix`)
//! and a report (`--output-file`). What it promises:
//! - a regular file is replaced whole or not at all: the new bytes go to a temporary file in
//!   the same folder, synced, given the old file's permissions (and, on Unix, its owner), and
//!   renamed over it, all through a handle on that folder, so a folder swapped for a symbolic
//!   link meanwhile redirects nothing;
//! - a symbolic link is followed on purpose: the file it names is the one replaced;
//! - a special file (a terminal, `/dev/null`, `/dev/stdout`, a FIFO) is written in place,
//!   never replaced by a regular file; a FIFO nobody reads is an error, not a hang;
//! - a preset is replaced only while it still holds the bytes that were read (an edit made
//!   meanwhile is kept, and reported), never when it is read-only or has other hard links
//!   (replacing it would cut them);
//! - a report never replaces one of the run's inputs, nor a side file it read (a config, a
//!   view, a baseline);
//! - a file of presetlint's own (a cached view) is written only as a regular file: a symbolic
//!   link or a special file in its place is refused, never followed or written through.

//!
//! The names of its temporary files ([`temp_name`]) are known without the writer, which needs
//! an operating system (the `native` feature).

mod temp_name;
#[cfg(feature = "native")]
mod writer;

pub use temp_name::{TEMP_PREFIX, TEMP_SUFFIX, is_temp_name, temp_name, temp_pid};
#[cfg(feature = "native")]
pub use writer::*;
