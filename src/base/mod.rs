//! The bottom layer: what knows no rule, no preset and no file format of OffShoot's. Spans,
//! severities and the rule declaration ([`diagnostic`]), text helpers, the one reader
//! ([`input`]), the one writer and its temporary names ([`atomic`]), line indexes, excerpts,
//! XML escaping, bytes kept for later ([`spool`]), what differs between operating systems ([`platform`]), and the JSON document
//! with its spans and pointers ([`document`]).

pub mod atomic;
pub mod diagnostic;
pub mod document;
pub mod excerpt;
pub mod input;
pub mod lines;
pub mod platform;
pub mod shown;
pub mod similarity;
pub mod spool;
pub mod text;
pub mod xml;
