//! A mistake in `presetlint.toml`, shown by miette with the file's line and column.

use std::fmt;

use miette::{Diagnostic, SourceSpan};

use crate::base::diagnostic::Span;
use crate::base::excerpt::Excerpt;
use crate::base::lines::LineIndex;

/// Where to read about the config file, for every error's help.
const SEE_README: &str = "the Configuration section of presetlint's README lists every key";

#[derive(Debug, Diagnostic)]
#[diagnostic(code(presetlint::lint::config))]
pub struct ConfigError {
    message: String,
    /// The lines around the mistake, long ones cut (miette panics past column 65,535).
    #[source_code]
    source: Excerpt,
    #[label]
    span: Option<SourceSpan>,
    #[help]
    help: String,
    /// The file as named, and the byte offset of the mistake in it: for an editor, which
    /// shows it on the file's line.
    at: (String, usize),
}

impl ConfigError {
    pub fn new(
        name: &str,
        text: &str,
        span: Option<Span>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        let index = LineIndex::new(text);
        let spans: Vec<Span> = span.into_iter().collect();
        let (source, shown) = Excerpt::new(name, text, &index, &spans, 1);
        ConfigError {
            message: crate::base::shown::message(&message.into(), 300),
            source,
            span: shown.into_iter().next().map(SourceSpan::from),
            help: help.unwrap_or_else(|| SEE_README.to_owned()),
            at: (name.to_owned(), span.map_or(0, |s| s.start)),
        }
    }

    /// The file as named, and the byte offset of the mistake in its text.
    pub fn at(&self) -> (&str, usize) {
        (&self.at.0, self.at.1)
    }

    /// What is wrong, without the file's name and place.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A parse or type error reported by toml. Quoted only when the lines before the mistake
    /// are TOML with at least one key: `extend =` may name any file (`/proc/self/environ`, a
    /// key file), and a file that is not a config from its first line is named, not shown.
    pub fn from_toml(name: &str, text: &str, err: &toml::de::Error) -> ConfigError {
        let help = err
            .message()
            .contains("missing field `reason`")
            .then(|| "every ignore says why it is there: add reason = \"...\"".to_owned());
        let offset = err.span().map_or(0, |r| r.start.min(text.len()));
        let index = LineIndex::new(text);
        let config_before = first_statement_is_a_config_key(text);
        if !config_before {
            let position = index.position(text, offset);
            return ConfigError {
                message: crate::base::shown::message(
                    &format!(
                        "{}:{}:{}: not a presetlint config file: its first statement sets none of presetlint.toml's keys (a file that is not one is not shown)",
                        name, position.line, position.column,
                    ),
                    300,
                ),
                source: Excerpt::new(name, "", &LineIndex::new(""), &[], 0).0,
                span: None,
                help: help.unwrap_or_else(|| SEE_README.to_owned()),
                at: (name.to_owned(), offset),
            };
        }
        ConfigError::new(
            name,
            text,
            err.span().map(|r| Span::new(r.start, r.end)),
            err.message().trim_end(),
            help,
        )
    }
}

/// Whether the file's first statement (past blank lines and comments) sets one of
/// presetlint.toml's keys: `key = ...`, `[key]` or `[[key]]`.
fn first_statement_is_a_config_key(text: &str) -> bool {
    let Some(first) = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
    else {
        return false;
    };
    let key = if let Some(table) = first.strip_prefix('[') {
        table
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap_or("")
    } else {
        first.split('=').next().unwrap_or("")
    };
    let key = key.trim().trim_matches('"');
    crate::lint::config::raw::KEYS.contains(&key)
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}
