//! Applying fixes to a preset's text.

pub mod rounds;
