//! The library's own enums as command-line values, so that the command line mirrors none of
//! them: `--fail-level` is a [`Severity`], `--sidecar-format` a [`SidecarFormat`], `--naming`
//! a [`Naming`]. The impls live here so that the model knows nothing of clap.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::diagnostic::Severity;
use crate::sidecar::format::SidecarFormat;
use crate::sidecar::naming::Naming;

impl ValueEnum for Severity {
    fn value_variants<'a>() -> &'a [Self] {
        &Severity::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

impl ValueEnum for SidecarFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[SidecarFormat::Json, SidecarFormat::Xml, SidecarFormat::Csv]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

impl ValueEnum for Naming {
    fn value_variants<'a>() -> &'a [Self] {
        &[Naming::Append, Naming::Replace]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

/// `preview --format` and `generate --report`: what a person reads, or one JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HumanOrJson {
    Human,
    Json,
}
