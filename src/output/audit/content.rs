//! One sidecar, read through its folder's handle and judged: how it reads (PL801, PL802),
//! against the view (PL807 to PL810), and against what generate would write (PL811).

use std::ffi::OsStr;

use crate::base::diagnostic::Finding;
use crate::base::input;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::rules::{
    sidecar_field_not_in_view, sidecar_invalid_value, sidecar_not_iconik, sidecar_read_only_field,
    sidecar_required_field_missing, sidecar_unreadable, stale_sidecar,
};
use crate::model::sidecar_reader::{self, ReadSidecar, SidecarFormat};
use crate::output::audit::Expected;
use crate::output::sidecar::folder::OpenFolder;

/// A judgement of a sidecar's bytes as read.
pub(crate) type BytesJudge = dyn Fn(&[u8]) -> Option<Finding>;

/// The sidecar `name` of `folder`, read whole and judged. `found`: findings its folder gave it
/// (pairing); `on_bytes`: a judgement of its bytes as read (PL812's hash), so that nothing
/// reads it twice. `Ok(None)`: nothing to report; `Err`: it could not be read at all.
pub(crate) fn audit_sidecar(
    engine: &Engine,
    folder: &OpenFolder,
    name: &OsStr,
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
    judge(engine, &read, expected, &mut found);
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

/// Every rule that judges a sidecar's content, each only when enabled.
fn judge(engine: &Engine, read: &ReadSidecar, expected: Option<&Expected>, out: &mut Vec<Finding>) {
    let settings = engine.settings();
    let enabled = |rule| settings.severity(rule).is_some();
    if enabled(&sidecar_unreadable::SIDECAR_UNREADABLE) {
        out.extend(sidecar_unreadable::findings(&read.problems));
    }
    if enabled(&sidecar_not_iconik::SIDECAR_NOT_ICONIK) {
        out.extend(sidecar_not_iconik::findings(&read.problems));
    }
    if let Some(view) = settings.view.as_deref() {
        sidecar_field_not_in_view::check(read, view, settings, out);
        sidecar_invalid_value::check(read, view, settings, out);
        sidecar_required_field_missing::check(read, view, settings, out);
        sidecar_read_only_field::check(read, view, settings, out);
    }
    if let Some(expected) = expected {
        stale_sidecar::check(
            read,
            expected.fields(read.format),
            &expected.unjudged,
            settings,
            out,
        );
    }
}
