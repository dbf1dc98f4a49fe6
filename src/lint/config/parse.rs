//! A config file's text to a [`Config`]: TOML with spans, so that every mistake is reported
//! at its place; what the file sets wins over what it extends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::globs::{self, PathGlobs};
use super::ignores::{self, IgnoreEntry, Ignores};
use super::raw::{FailLevel, RawConfig, RawIgnore, RuleLevel};
use super::{
    Config, ConfigError, ConfigFile, FileIgnores, MAX_EXTEND_DEPTH, ScopedGlobs, output_format,
    view_key,
};
use crate::base::diagnostic::{Severity, Span};
use crate::iconik::Remote;
use crate::lint::registry::{self, Rule};

/// Builds a config from a file's text (at `path`, absolute); every mistake is reported with
/// its place. What the file sets wins over what it extends.
pub(super) fn parse(
    file: &ConfigFile,
    path: &Path,
    cwd: &Path,
    max_file_size: u64,
    remote: Remote,
    chain: &mut Vec<PathBuf>,
) -> miette::Result<Config> {
    let name = file.display_path.as_str();
    let text = file.text.as_str();
    let error = |span: Span, message: String, help: Option<String>| {
        ConfigError::new(name, text, Some(span), message, help)
    };
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(name, text, &e))?;
    let dir = path
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);

    let mut config = match &raw.extend {
        None => Config::defaults(cwd),
        Some(extend) => {
            let target = globs::normalize(&dir.join(extend.get_ref()));
            let shown = globs::shown_from(cwd, &target);
            let key = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
            if chain.contains(&key) {
                return Err(error(
                    span_of(extend),
                    format!(
                        "extend leads back to {}: config files cannot extend each other in a circle",
                        crate::base::shown::escape_controls(&shown)
                    ),
                    None,
                )
                .into());
            }
            if chain.len() >= MAX_EXTEND_DEPTH {
                return Err(error(
                    span_of(extend),
                    format!("more than {MAX_EXTEND_DEPTH} config files extend one another"),
                    None,
                )
                .into());
            }
            if !target.is_file() {
                return Err(error(
                    span_of(extend),
                    format!(
                        "extend names {}, which is not a file",
                        crate::base::shown::escape_controls(&shown)
                    ),
                    Some("give the path of a presetlint.toml, relative to this file".to_owned()),
                )
                .into());
            }
            let mut base = Config::load_chain(&target, shown, cwd, max_file_size, remote, chain)?;
            base.file = None;
            base
        }
    };
    config.dir = dir.clone();
    if let Some(level) = &raw.fail_level {
        config.fail_level = Some(match level.get_ref() {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
        });
    }

    if let Some(baseline) = &raw.baseline {
        config.baseline = Some(dir.join(baseline.get_ref()));
    }
    if let Some(format) = &raw.output_format {
        let name = format.get_ref().as_str();
        if !output_format::names().contains(&name) {
            return Err(error(
                span_of(format),
                format!(
                    "output-format is {}; it takes {}",
                    crate::base::text::quoted(name),
                    output_format::names().join(", ")
                ),
                None,
            )
            .into());
        }
        config.output_format = Some(name.to_owned());
    }

    let mut given: HashMap<&'static str, &Spanned<String>> = HashMap::new();
    for (key, level) in &raw.rules {
        let rule = rule_named(key).map_err(|(span, message, help)| error(span, message, help))?;
        if let Some(earlier) = given.insert(rule.code, key) {
            return Err(error(
                span_of(key),
                format!(
                    "{} {} is given a severity twice, as {} and as {}",
                    rule.code,
                    rule.name,
                    earlier.get_ref(),
                    key.get_ref()
                ),
                None,
            )
            .into());
        }
        let severity = match level.get_ref() {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Off => None,
        };
        config.settings.levels.insert(rule.code, severity);
    }

    // `exclude` replaces the defaults (and what an extended file excludes); `extend-exclude`
    // adds to whichever is in force.
    if raw.exclude.is_some() {
        config.exclude.clear();
    }
    let exclude: Vec<Spanned<String>> = raw
        .exclude
        .into_iter()
        .flatten()
        .chain(raw.extend_exclude)
        .collect();
    if !exclude.is_empty() {
        let globs = PathGlobs::new(exclude.iter().map(|g| g.get_ref().as_str())).map_err(
            |(index, message)| {
                ConfigError::new(name, text, exclude.get(index).map(span_of), message, None)
            },
        )?;
        config.exclude.push(ScopedGlobs {
            dir: dir.clone(),
            globs,
        });
    }

    if let Some(elements) = &raw.builtin_elements {
        config.settings.builtin_elements.clear();
        for element in elements {
            config
                .settings
                .builtin_elements
                .push(builtin_element(element).map_err(|m| error(span_of(element), m, None))?);
        }
    }

    view_key::load(
        raw.view.as_ref(),
        raw.view_cache_ttl.as_ref(),
        remote,
        max_file_size,
        (name, text),
        &mut config,
    )?;

    let mut ignores = Ignores::default();
    for entry in &raw.ignore {
        ignores.entries.push(
            ignore_entry(entry.get_ref(), span_of(entry))
                .map_err(|(span, message, help)| error(span, message, help))?,
        );
    }
    if !ignores.entries.is_empty() {
        config.ignores.push(Arc::new(FileIgnores {
            path: path.to_path_buf(),
            file: file.clone(),
            dir,
            ignores,
        }));
    }
    Ok(config)
}

type Invalid = (Span, String, Option<String>);

pub(super) fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let r = spanned.span();
    Span::new(r.start, r.end)
}

fn rule_named(name: &Spanned<String>) -> Result<&'static Rule, Invalid> {
    registry::find(name.get_ref()).ok_or_else(|| {
        (
            span_of(name),
            format!(
                "no rule has the code or name {}",
                crate::base::text::quoted(name.get_ref())
            ),
            Some("`presetlint rule` lists every rule".to_owned()),
        )
    })
}

/// An element name for `builtin-elements`: `Camera` or `{Camera}`.
fn builtin_element(raw: &Spanned<String>) -> Result<String, String> {
    let value = raw.get_ref().trim();
    let name = value
        .strip_prefix('{')
        .and_then(|v| v.strip_suffix('}'))
        .unwrap_or(value);
    if name.is_empty() || name.contains(['{', '}']) {
        return Err(format!(
            "{} is not an element name: write it as Camera or {{Camera}}",
            crate::base::text::quoted(raw.get_ref())
        ));
    }
    Ok(name.to_owned())
}

fn ignore_entry(raw: &RawIgnore, span: Span) -> Result<IgnoreEntry, Invalid> {
    let path = PathGlobs::new([raw.path.get_ref().as_str()])
        .map_err(|(_, message)| (span_of(&raw.path), message, None))?;
    if let Some(pointer) = &raw.pointer
        && !ignores::is_json_pointer(pointer.get_ref())
    {
        return Err((
            span_of(pointer),
            format!(
                "{} is not a JSON Pointer",
                crate::base::text::quoted(pointer.get_ref())
            ),
            Some(
                "a pointer is empty or starts with /, as in \"/0/iconikSidecarElements\""
                    .to_owned(),
            ),
        ));
    }
    if raw.rules.get_ref().is_empty() {
        return Err((
            span_of(&raw.rules),
            "an ignore names at least one rule".to_owned(),
            Some("name rules by code or name: rules = [\"PL102\"]".to_owned()),
        ));
    }
    let rules = raw
        .rules
        .get_ref()
        .iter()
        .map(rule_named)
        .collect::<Result<Vec<_>, _>>()?;
    if raw.reason.get_ref().trim().is_empty() {
        return Err((
            span_of(&raw.reason),
            "the reason is empty".to_owned(),
            Some("say why the finding is accepted, for the next person who reads this".to_owned()),
        ));
    }
    let pointer = raw.pointer.as_ref().map(|p| p.get_ref().as_str());
    let described = ignores::describe(raw.path.get_ref(), pointer, &rules);
    Ok(IgnoreEntry::new(
        path,
        globs::single_file(raw.path.get_ref()),
        pointer.unwrap_or("").to_owned(),
        rules,
        span,
        described,
    ))
}
