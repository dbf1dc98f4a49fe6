//! A mistake in `presetlint.toml`, shown by miette with the file's line and column.

use std::fmt;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::diagnostic::Span;

/// Where to read about the config file, for every error's help.
const SEE_README: &str = "the Configuration section of presetlint's README lists every key";

#[derive(Debug, Diagnostic)]
#[diagnostic(code(presetlint::config))]
pub struct ConfigError {
    message: String,
    #[source_code]
    source: NamedSource<String>,
    #[label]
    span: Option<SourceSpan>,
    #[help]
    help: String,
}

impl ConfigError {
    pub fn new(
        name: &str,
        text: &str,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            message: message.into(),
            source: NamedSource::new(name, text.to_owned()),
            span: span.map(|s| SourceSpan::from(s.start..s.end.max(s.start))),
            help: help.unwrap_or_else(|| SEE_README.to_owned()),
        }
    }

    /// A parse or type error reported by toml.
    pub fn from_toml(name: &str, text: &str, err: &toml::de::Error) -> ConfigError {
        let help = err
            .message()
            .contains("missing field `reason`")
            .then(|| "every ignore says why it is there: add reason = \"...\"".to_owned());
        ConfigError::new(
            name,
            text,
            err.span().map(|r| Span::new(r.start, r.end)),
            err.message().trim_end(),
            help,
        )
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}
