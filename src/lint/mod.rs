//! Linting: settings, the rules (one file each) and their registry, placing findings in the
//! text ([`locate`]), one file checked ([`checked_file`]), presetlint.toml ([`config`]), fixes
//! ([`fix`]), [`engine`], the one way in for every command, the language server and the
//! playground, and [`run`], one run of `check` over any number of inputs. Imports [`crate::base`], [`crate::model`] and [`crate::iconik`].

pub mod checked_file;
pub mod config;
pub mod engine;
pub mod fix;
pub mod locate;
pub mod registry;
pub mod rules;
pub mod run;
pub mod settings;
