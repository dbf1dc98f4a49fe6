//! The library's own enums as command-line values, so that the command line mirrors none of
//! them: `--fail-level` is a [`Severity`], `--sidecar-format` a [`SidecarFormat`], `--naming`
//! a [`Naming`]. The impls live here so that the model knows nothing of clap.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::base::diagnostic::Severity;
use crate::output::sidecar::{Naming, SidecarFormat};

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
pub(super) enum HumanOrJson {
    Human,
    Json,
}

/// A rule selector (`PL101`, `list-in-string`, a code prefix such as `PL95`): taken as typed
/// (the engine judges it, with its own message), and offered to the shells' completion as
/// every rule's code and name, so that `--select`, `--ignore` and `rule` complete rule
/// codes rather than file names.
#[derive(Debug, Clone, Copy)]
pub(super) struct RuleSelector;

impl clap::builder::TypedValueParser for RuleSelector {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(crate::lint::registry::ALL.iter().flat_map(
            |rule| {
                [
                    PossibleValue::new(rule.code).help(rule.summary),
                    PossibleValue::new(rule.name).help(rule.summary),
                ]
            },
        )))
    }
}
