//! What presetlint gives back: every report format ([`report`]), the sidecars a preset
//! produces ([`sidecar`]), the sidecars on a destination judged ([`audit`]), and baselines of
//! known findings ([`baseline`]). Imports the layers below, never a front end.

#[cfg(feature = "native")]
pub mod audit;
pub mod baseline;
pub mod report;
pub mod sidecar;
