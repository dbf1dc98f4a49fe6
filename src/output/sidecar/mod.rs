//! The iconik sidecars a preset produces: shown for one clip (`preview`) or written for the
//! clips on a destination (`generate`).
//!
//! Element values and where each came from live below, in [`crate::model::values`]; here:
//! - [`plan`]: the fields and filters a preset asks for; [`build`]: the sidecar's content;
//! - [`matching`]: destinations and extensions; [`clip_name`]: what is a clip;
//!   [`clips`]: the walk; [`naming`]: file names;
//!   [`paper_trail`]: what copy tools leave on a destination (never a clip, never a sidecar);
//! - [`format`]: the JSON, XML and CSV writers; [`write`]: atomic, never-clobbering writes;
//!   [`durable`]: syncing them to the disk before the summary;
//! - [`per_clip`]: a DIT's clip log (`--clip-values`), each clip's sidecar with its row's values;
//! - [`preview`] and [`generate`]: the two jobs, for the command line to present;
//!   [`destinations`]: generate over every destination given, [`custody`]: what it wrote
//!   under ASC MHL histories, recorded or noted.

pub(in crate::output) mod build;
pub(in crate::output) mod clip_name;
#[cfg(feature = "native")]
pub(in crate::output) mod clips;
#[cfg(feature = "native")]
pub(in crate::output) mod custody;
#[cfg(feature = "native")]
pub(in crate::output) mod destinations;
#[cfg(feature = "native")]
pub(in crate::output) mod durable;
#[cfg(feature = "native")]
pub(in crate::output) mod folder;
pub(in crate::output) mod format;
#[cfg(feature = "native")]
pub(in crate::output) mod generate;
pub(in crate::output) mod matching;
pub(in crate::output) mod naming;
pub(in crate::output) mod paper_trail;
pub(in crate::output) mod per_clip;
pub(in crate::output) mod plan;
pub(in crate::output) mod prepare;
pub(in crate::output) mod preset_input;
pub(in crate::output) mod preview;
#[cfg(feature = "native")]
pub(in crate::output) mod write;

#[cfg(feature = "native")]
pub use custody::Said;
#[cfg(feature = "native")]
pub use destinations::{
    DestinationReport, Destinations, Generated, Met, Problem, Tally, generate_on,
};
pub use format::{Field, FieldProblem, SidecarFormat, render};
#[cfg(feature = "native")]
pub use generate::{ClipResult, Content, GenerateOptions, RowUsed};
pub use matching::{Filter, match_destination, match_extension};
pub use naming::Naming;
pub use prepare::{Prepared, Stop, ValueSources, clock_note, prepare, refusal};
pub use preview::preview;
#[cfg(feature = "native")]
pub use write::{Outcome, WriteOptions};
