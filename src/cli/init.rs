//! `presetlint init --view VIEW`: a preset made from a metadata view, and the presetlint.toml
//! that names the view, so that the first `check` already judges against it. Never replaces
//! a file: when either exists, nothing is written (exit 2).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use miette::miette;

use crate::base::atomic::{self, Guard};
use crate::base::shown;
use crate::iconik::{DEFAULT_TTL, Remote, remote_id, view_text};
use crate::model::view::View;
use crate::model::view::skeleton;

#[derive(Debug, clap::Args)]
pub(super) struct InitArgs {
    /// The metadata view to mirror: a file (an export of GET /API/metadata/v1/views/{id}/, or
    /// what `view pull` writes), iconik:VIEW_ID, or iconik:storage:STORAGE_ID.
    #[arg(long, value_name = "VIEW")]
    view: String,

    /// The preset to write.
    #[arg(long, value_name = "FILE", default_value = "preset.json")]
    preset: PathBuf,

    /// Refuse a view file larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::base::input::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
}

pub(super) fn run(args: InitArgs) -> miette::Result<ExitCode> {
    let config = PathBuf::from(crate::lint::config::FILE_NAME);
    for path in [&config, &args.preset] {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(miette!(
                help = "init writes only new files: move it aside, or name another preset with --preset FILE",
                "{} exists already; nothing was written",
                shown::path(path)
            ));
        }
    }
    let view = match remote_id(&args.view) {
        Some(id) => {
            let found = view_text(id, &Remote::fetch_at_most(args.max_file_size), DEFAULT_TTL)?;
            for warning in &found.warnings {
                eprintln!("presetlint: warning: {}", shown::escape_controls(warning));
            }
            View::parse(&found.path.display().to_string(), found.text.into_bytes())?
        }
        None => View::load(Path::new(&args.view), args.max_file_size)?,
    };
    if let Some(warning) = view.not_fields_warning() {
        eprintln!("presetlint: warning: {}", shown::escape_controls(&warning));
    }
    let made = skeleton(&view, &args.view);
    for (path, text) in [(&args.preset, &made.preset), (&config, &made.config)] {
        atomic::write(path, text.as_bytes(), Guard::New)
            .map_err(|e| miette!("cannot write {}: {e}", shown::path(path)))?;
    }
    for left in &made.left_out {
        eprintln!(
            "presetlint: note: the field {} is not in the preset",
            shown::escape_controls(left)
        );
    }
    eprintln!(
        "presetlint: wrote {} ({} elements, from the view {}) and {} (view = {})",
        shown::path(&args.preset),
        view.fields.len() - made.left_out.len(),
        crate::base::text::quoted(&view.name),
        shown::path(&config),
        crate::base::text::quoted(&args.view)
    );
    eprintln!(
        "presetlint: next: create these elements in OffShoot (Settings, Elements), set the preset's destinations and extensions, then `presetlint check`"
    );
    Ok(ExitCode::SUCCESS)
}
