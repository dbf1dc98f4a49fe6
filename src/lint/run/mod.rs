//! One run of `check`: what it decides before it checks anything ([`decide`]: the library its
//! presets are judged against, whether the rules across presets run), its inputs checked in
//! parallel and handed on in order, in two passes when those rules run ([`stream`]), and what
//! only the end of a run can tell (the views no preset feeds). The command line streams any
//! number of inputs through it; the playground checks its page's preset through
//! [`one_file`]; the language server, which keeps its library's index between edits, makes
//! the same decisions and judges each document against that index with the same engine.

mod decide;
mod kept;
mod marks;
mod one_file;
mod stream;

pub use stream::{Inputs, Receiver, Reported, Streamed, Unreadable, stream};
