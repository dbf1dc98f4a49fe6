//! `presetlint.toml` exactly as written: every value keeps its span in the file, so that a
//! mistake found after parsing (a bad glob, an unknown rule) is still shown where it is.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole file. Unknown keys are errors: a misspelt key would otherwise do nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Another config file this one inherits from, relative to this one; what this file
    /// sets wins.
    pub extend: Option<Spanned<String>>,
    pub fail_level: Option<Spanned<FailLevel>>,
    /// The report format when the command line names none (`--format` and
    /// PRESETLINT_OUTPUT_FORMAT win).
    pub output_format: Option<Spanned<String>>,
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<RuleLevel>>,
    /// Replaces the default excludes.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Adds to the excludes (the defaults, or `exclude`).
    #[serde(default)]
    pub extend_exclude: Vec<Spanned<String>>,
    /// Replaces an extended config's list.
    pub builtin_elements: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<RawIgnore>>,
    /// An iconik metadata view export, relative to the config file (as `--view`), or
    /// `iconik:VIEW_ID`: the view pulled from iconik into the cache.
    pub view: Option<Spanned<String>>,
    /// A baseline file (`check --write-baseline` writes one), relative to the config file.
    pub baseline: Option<Spanned<String>>,
    /// How long a view pulled for `iconik:VIEW_ID` is used before it is pulled again, in
    /// seconds.
    pub view_cache_ttl: Option<Spanned<u64>>,
}

/// One `[[ignore]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIgnore {
    pub path: Spanned<String>,
    pub pointer: Option<Spanned<String>>,
    pub rules: Spanned<Vec<Spanned<String>>>,
    pub reason: Spanned<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailLevel {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

/// The top-level keys of presetlint.toml, as [`RawConfig`] spells them (a test holds the two
/// equal): a file whose first statement sets none of them is not a presetlint config.
pub const KEYS: [&str; 11] = [
    "extend",
    "fail-level",
    "output-format",
    "rules",
    "exclude",
    "extend-exclude",
    "builtin-elements",
    "ignore",
    "view",
    "baseline",
    "view-cache-ttl",
];

#[cfg(test)]
mod tests {
    /// serde's "expected one of" for an unknown key lists RawConfig's keys: KEYS is that list.
    #[test]
    fn keys_are_the_config_s_keys() {
        let err = toml::from_str::<super::RawConfig>("not-a-key = 1").unwrap_err();
        let listed: Vec<String> = err
            .message()
            .split("expected one of ")
            .nth(1)
            .unwrap()
            .split(", ")
            .map(|k| k.trim().trim_matches('`').to_owned())
            .collect();
        assert_eq!(listed, super::KEYS);
    }
}
