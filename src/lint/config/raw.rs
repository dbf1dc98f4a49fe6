//! `presetlint.toml` exactly as written: every value keeps its span in the file, so that a
//! mistake found after parsing (a bad glob, an unknown rule) is still shown where it is.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// presetlint's settings for the presets in this folder and below (presetlint.toml). Unknown
/// keys are errors: a misspelt key would otherwise do nothing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "presetlint.toml")]
pub(super) struct RawConfig {
    /// Another config file this one inherits from, relative to this one; what this file
    /// sets wins.
    #[schemars(with = "Option<String>")]
    pub extend: Option<Spanned<String>>,
    /// Findings at or above this severity make the exit code 1; the command line's
    /// --fail-level wins.
    #[schemars(with = "Option<FailLevel>")]
    pub fail_level: Option<Spanned<FailLevel>>,
    /// The report format when the command line names none (`--format` and
    /// PRESETLINT_OUTPUT_FORMAT win).
    #[schemars(with = "Option<String>", extend("enum" = crate::lint::config::output_format::names()))]
    pub output_format: Option<Spanned<String>>,
    /// A severity per rule, by code, name or code prefix (PL101, list-in-string, PL95).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RuleLevel>")]
    pub rules: BTreeMap<Spanned<String>, Spanned<RuleLevel>>,
    /// Globs of paths that directory walks skip; replaces the default ["node_modules"].
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Adds to the excludes (the defaults, or `exclude`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub extend_exclude: Vec<Spanned<String>>,
    /// Element names (with or without braces) to treat as built in, beside OffShoot's own;
    /// replaces an extended config's list.
    #[schemars(with = "Option<Vec<String>>")]
    pub builtin_elements: Option<Vec<Spanned<String>>>,
    /// Findings the team accepts, each with the reason why.
    #[serde(default)]
    #[schemars(with = "Vec<RawIgnore>")]
    pub ignore: Vec<Spanned<RawIgnore>>,
    /// An iconik metadata view export, relative to the config file (as `--view`), or
    /// `iconik:VIEW_ID` (`iconik:storage:STORAGE_ID`): the view pulled from iconik into the
    /// cache.
    #[schemars(with = "Option<String>")]
    pub view: Option<Spanned<String>>,
    /// A baseline file (`check --write-baseline` writes one), relative to the config file.
    #[schemars(with = "Option<String>")]
    pub baseline: Option<Spanned<String>>,
    /// How long a view pulled for `iconik:VIEW_ID` is used before it is pulled again, in
    /// seconds.
    #[schemars(with = "Option<u64>")]
    pub view_cache_ttl: Option<Spanned<u64>>,
}

/// One `[[ignore]]` entry: the findings of these rules at this path (and pointer) accepted.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIgnore {
    /// A glob of preset paths, relative to the config file.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// A JSON Pointer within the preset (its findings there and below).
    #[schemars(with = "Option<String>")]
    pub pointer: Option<Spanned<String>>,
    /// Rule codes, names or code prefixes.
    #[schemars(with = "Vec<String>")]
    pub rules: Spanned<Vec<Spanned<String>>>,
    /// Why the team accepts these findings.
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
}

/// A severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum FailLevel {
    Error,
    Warning,
    Info,
}

/// A rule's severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum RuleLevel {
    Error,
    Warning,
    Info,
    Off,
}

/// The JSON Schema of presetlint.toml (`presetlint schema --config`), from [`RawConfig`]:
/// draft 7, which taplo, Even Better TOML and SchemaStore all read.
pub fn schema_text() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawConfig>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
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
