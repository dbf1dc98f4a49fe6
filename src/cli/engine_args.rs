//! The options every command that checks a preset shares (`check`, `preview`, `generate`):
//! which config file, which rules, which view, how large an input may be. One struct, so
//! that each command honours presetlint.toml the same way and a flag wins over the file.

use std::path::{Path, PathBuf};

use crate::lint::engine::{ConfigSource, Engine};

#[derive(Debug, clap::Args)]
pub(super) struct EngineArgs {
    /// Refuse inputs larger than this many bytes (a clear error, exit 2), so that a huge file
    /// or a device cannot exhaust memory. Applies to every file presetlint reads: presets,
    /// the config file, views, values files and transfer logs.
    #[arg(long, value_name = "BYTES", default_value_t = crate::base::input::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// The config file to use, instead of the presetlint.toml found in the current directory
    /// or the nearest parent.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no config file: the defaults only.
    #[arg(long)]
    pub no_config: bool,

    /// Run only these rules (codes, names or code prefixes such as PL95, comma-separated),
    /// whatever the config says.
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        value_parser = crate::cli::value_enums::RuleSelector,
        hide_possible_values = true
    )]
    pub select: Vec<String>,

    /// Switch these rules off (codes, names or code prefixes, comma-separated); wins over
    /// --select.
    #[arg(
        long,
        value_name = "RULES",
        value_delimiter = ',',
        value_parser = crate::cli::value_enums::RuleSelector,
        hide_possible_values = true
    )]
    pub ignore: Vec<String>,

    /// An iconik metadata view (GET /API/metadata/v1/views/{id}/) to check element names
    /// (PL601, PL602) and values (PL702) against, or iconik:VIEW_ID to pull it from iconik
    /// (cached); wins over the config file's `view`.
    #[arg(long, value_name = "FILE")]
    pub view: Option<PathBuf>,

    /// Fetch nothing from iconik: a view `iconik:ID` is its cached copy, whatever its age
    /// (said when it is old), and an error when there is none. PRESETLINT_OFFLINE=1 too.
    #[arg(long)]
    pub offline: bool,

    /// Seconds to wait for the connection to iconik, when a view `iconik:ID` is pulled (at
    /// most 2 while a cached copy is at hand).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub connect_timeout: f64,

    /// Seconds to wait for each of iconik's answers, when a view `iconik:ID` is pulled (at
    /// most 2 while a cached copy is at hand).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
}

impl EngineArgs {
    /// The engine these options describe, with relative paths taken from `cwd`.
    pub(super) fn engine(&self, cwd: &Path) -> miette::Result<Engine> {
        let source = match &self.config {
            _ if self.no_config => ConfigSource::Defaults,
            Some(path) => ConfigSource::File(path),
            None => ConfigSource::Discover,
        };
        let remote = self.remote()?;
        let mut engine = Engine::load_with(source, cwd, self.max_file_size, remote)?;
        // The engine's warnings on standard error, as they happen.
        engine.warnings.send_to(|warning| {
            eprintln!(
                "presetlint: warning: {}",
                crate::base::shown::escape_controls(warning)
            );
        });
        engine.select(&self.select, &self.ignore)?;
        if let Some(spec) = &self.view {
            engine.use_view(spec, remote)?;
        }
        Ok(engine)
    }

    /// Whether and how a view `iconik:ID` may be fetched in this run.
    fn remote(&self) -> miette::Result<crate::iconik::Remote> {
        let offline_env = std::env::var("PRESETLINT_OFFLINE")
            .is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"));
        if self.offline || offline_env {
            return Ok(crate::iconik::Remote::Offline);
        }
        Ok(crate::iconik::Remote::Fetch(crate::iconik::FetchOptions {
            max_body: self.max_file_size,
            ..crate::iconik::FetchOptions::with_timeouts(
                seconds("--connect-timeout", self.connect_timeout)?,
                seconds("--timeout", self.timeout)?,
            )
        }))
    }
}

/// A number of seconds a flag gives, above 0.
pub(super) fn seconds(flag: &str, s: f64) -> miette::Result<std::time::Duration> {
    std::time::Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| miette::miette!("{flag} takes a number of seconds above 0, not {s}"))
}
