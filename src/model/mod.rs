//! The domain: OffShoot's element tokens ([`elements`]), presets ([`preset`]) and their
//! schema ([`schema`]); element values from every source ([`values`]); iconik's metadata views
//! ([`view`]); ASC MHL histories ([`mhl`]); a sidecar read back from a destination
//! ([`sidecar_reader`]). Imports only [`crate::base`].

pub mod elements;
pub mod mhl;
pub mod preset;
pub mod schema;
pub mod sidecar_reader;
pub mod values;
pub mod view;
