//! `check --show-files` and `check --show-settings`, as ruff has them: which presets a run
//! would check and under which presetlint.toml, and what the config that governs a path sets.

use std::path::Path;
use std::process::ExitCode;

use crate::base::shown;
use crate::cli::walk::Input;
use crate::lint::engine::Engine;

/// The config a path is governed by, as a report names it.
fn config_name(engine: &Engine, path: Option<&Path>) -> miette::Result<String> {
    let config = engine.config_of(path)?;
    Ok(config.file.as_ref().map_or_else(
        || "(no presetlint.toml: the defaults)".to_owned(),
        |file| shown::escape_controls(&file.display_path).into_owned(),
    ))
}

/// Each file the walk gives, with its config; a walked `*.json` that is no preset is skipped
/// by a check, which reads it: listed here as found.
pub(super) fn files(
    engine: &Engine,
    inputs: impl Iterator<Item = Result<Input, String>>,
) -> miette::Result<ExitCode> {
    let mut text = String::new();
    let mut trouble = false;
    for input in inputs {
        match input {
            Ok(Input::File { path, .. }) => text.push_str(&format!(
                "{}\t{}\n",
                shown::path(&path),
                config_name(engine, Some(&path))?
            )),
            Ok(Input::Stdin) => text.push_str(&format!("-\t{}\n", config_name(engine, None)?)),
            Err(problem) => {
                trouble = true;
                eprintln!("presetlint: error: {}", shown::escape_controls(&problem));
            }
        }
    }
    crate::cli::output::print_stdout(&text)?;
    Ok(ExitCode::from(if trouble {
        super::EXIT_TROUBLE
    } else {
        0
    }))
}

/// What governs `path` (the current folder without one).
pub(super) fn settings(engine: &Engine, path: Option<&Path>) -> miette::Result<ExitCode> {
    let at = path.unwrap_or(Path::new("."));
    let config = engine.config_of(Some(at))?;
    let mut text = format!(
        "path: {}\nconfig: {}\n",
        shown::path(at),
        config_name(engine, Some(at))?
    );
    let fail_level = config
        .fail_level
        .map_or("error (the default)".to_owned(), |s| s.to_string());
    text.push_str(&format!("fail-level: {fail_level}\n"));
    text.push_str(&format!(
        "output-format: {}\n",
        config
            .output_format
            .as_deref()
            .unwrap_or("auto (the default)")
    ));
    let view = config.settings.view.as_deref().map_or_else(
        || "none".to_owned(),
        |v| {
            format!(
                "{} ({}, {} fields)",
                crate::base::text::quoted(&v.name),
                shown::escape_controls(&v.path),
                v.fields.len()
            )
        },
    );
    text.push_str(&format!("view: {view}\n"));
    if let Some(baseline) = &config.baseline {
        text.push_str(&format!("baseline: {}\n", shown::path(baseline)));
    }
    text.push_str(&format!(
        "ignore entries: {}\n",
        config
            .ignores
            .iter()
            .map(|i| i.ignores.entries.len())
            .sum::<usize>()
    ));
    text.push_str("rules:\n");
    let width = crate::lint::registry::ALL
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(0);
    for rule in crate::lint::registry::ALL {
        let severity = config
            .settings
            .severity(rule)
            .map_or("off".to_owned(), |s| s.to_string());
        text.push_str(&format!(
            "  {}  {:<width$}  {severity}\n",
            rule.code, rule.name
        ));
    }
    crate::cli::output::print_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
