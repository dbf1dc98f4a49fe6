//! The options every command that checks a preset shares (`check`, `preview`, `generate`):
//! which config file, which rules, which view, how large an input may be. One struct, so
//! that each command honours presetlint.toml the same way and a flag wins over the file.

use std::path::{Path, PathBuf};

use crate::engine::{ConfigSource, Engine};

#[derive(Debug, clap::Args)]
pub struct EngineArgs {
    /// Refuse inputs larger than this many bytes (a clear error, exit 2), so that a huge file
    /// or a device cannot exhaust memory. Applies to every file presetlint reads: presets,
    /// the config file, views, values files and transfer logs.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_FILE_SIZE)]
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
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Switch these rules off (codes, names or code prefixes, comma-separated); wins over
    /// --select.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// An iconik metadata view (GET /API/metadata/v1/views/{id}/) to check element names
    /// (PL601, PL602) and values (PL702) against, or iconik:VIEW_ID to pull it from iconik
    /// (cached); wins over the config file's `view`.
    #[arg(long, value_name = "FILE")]
    pub view: Option<PathBuf>,
}

impl EngineArgs {
    /// The engine these options describe, with relative paths taken from `cwd`.
    pub fn engine(&self, cwd: &Path) -> miette::Result<Engine> {
        let source = match &self.config {
            _ if self.no_config => ConfigSource::Defaults,
            Some(path) => ConfigSource::File(path),
            None => ConfigSource::Discover,
        };
        let mut engine = Engine::load(source, cwd, self.max_file_size)?;
        engine.select(&self.select, &self.ignore)?;
        if let Some(spec) = &self.view {
            engine.use_view(
                spec,
                crate::iconik::Remote::fetch_at_most(self.max_file_size),
            )?;
        }
        Ok(engine)
    }
}
