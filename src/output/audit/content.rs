//! One sidecar, read through its folder's handle and judged by the sidecar rules: how it
//! reads (PL801, PL802), against the view (PL807 to PL810), and against what generate would
//! write (PL811).

use std::ffi::OsStr;

use crate::base::diagnostic::Finding;
use crate::base::input;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::Governing;
use crate::lint::rules::{self, ExpectedContent, SidecarContext};
use crate::model::sidecar_reader::{self, SidecarFormat};
use crate::output::audit::Expected;
use crate::output::sidecar::folder::OpenFolder;

/// A judgement of a sidecar's bytes as read.
pub(crate) type BytesJudge = dyn Fn(&[u8]) -> Option<Finding>;

/// The sidecar `name` of `folder`, read whole and judged by the rules its folder's `config`
/// switches on. `found`: findings the folder rules gave it; `on_bytes`: a judgement of its
/// bytes as read (PL812's hash), so that nothing reads it twice. `Ok(None)`: nothing to report; `Err`: it could not be read at all.
pub(crate) fn audit_sidecar(
    engine: &Engine,
    config: &Governing<'_>,
    (folder, name): (&OpenFolder, &OsStr),
    format: SidecarFormat,
    mut found: Vec<Finding>,
    expected: Option<&Expected>,
    on_bytes: Option<&BytesJudge>,
) -> Result<Option<CheckedFile>, String> {
    // The path is made only for a message or a finding: a clean sidecar needs none.
    let cannot =
        |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", folder.join(name).display());
    let file = folder.open_for_reading(name).map_err(|e| cannot(&e))?;
    let meta = file.metadata().map_err(|e| cannot(&e))?;
    if !meta.is_file() {
        return Err(format!(
            "{} is no longer a regular file since the walk listed it; not read",
            folder.join(name).display()
        ));
    }
    let bytes =
        input::read_sized(file, meta.len(), engine.max_file_size).map_err(|e| cannot(&e))?;
    found.extend(on_bytes.and_then(|judge| judge(&bytes)));
    let (source, read) = sidecar_reader::read(format, bytes);
    let ctx = SidecarContext {
        read: &read,
        view: config.settings.view.as_deref(),
        expected: expected.map(|e| ExpectedContent {
            fields: e.fields(format),
            unjudged: &e.unjudged,
        }),
    };
    rules::judge_sidecar(&ctx, &config.settings, &mut found);
    if found.is_empty() {
        return Ok(None);
    }
    let path = folder.join(name);
    let diagnostics = engine.place_in(
        &source.text,
        format == SidecarFormat::Json,
        Some(&path),
        found,
    );
    Ok((!diagnostics.is_empty()).then(|| CheckedFile {
        path: path.display().to_string(),
        source,
        diagnostics,
        presets: 0,
        elements: Box::default(),
    }))
}
