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
//! - [`preview`] and [`generate`]: the two jobs, for the command line to present.

pub mod build;
pub mod clip_name;
#[cfg(feature = "native")]
pub mod clips;
#[cfg(feature = "native")]
pub mod durable;
#[cfg(feature = "native")]
pub mod folder;
pub mod format;
#[cfg(feature = "native")]
pub mod generate;
pub mod matching;
pub mod naming;
pub mod paper_trail;
pub mod per_clip;
pub mod plan;
pub mod prepare;
pub mod preset_input;
pub mod preview;
#[cfg(feature = "native")]
pub mod write;
