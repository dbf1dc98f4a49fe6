//! The config's `view` key: a view export beside the config, or `iconik:ID`, a view that lives
//! in iconik, which iconik/ finds (pulled, cached, or, without the `native` feature, refused
//! with what to do instead). A missing file or a view iconik cannot give points at the key.

use toml::Spanned;

use super::parse::span_of;
use super::{Config, ConfigError};
use crate::base::diagnostic::Span;
use crate::iconik::Remote;

/// Reads the view the key names into `config` (`ttl`: `view-cache-ttl`, in seconds); `file`
/// is the config file's name and text.
pub(super) fn load(
    view: Option<&Spanned<String>>,
    ttl: Option<&Spanned<u64>>,
    remote: Remote,
    max_file_size: u64,
    file: (&str, &str),
    config: &mut Config,
) -> miette::Result<()> {
    let (name, text) = file;
    let error = |span: Span, message: String, help: Option<String>| {
        ConfigError::new(name, text, Some(span), message, help)
    };
    let ttl = ttl.map_or(crate::iconik::DEFAULT_TTL, |t| {
        std::time::Duration::from_secs(*t.get_ref())
    });
    if let Some(view) = view {
        let remote_view = crate::iconik::remote_id(view.get_ref()).is_some();
        let (shown, bytes) = match crate::iconik::remote_id(view.get_ref()) {
            Some(id) => match crate::iconik::view_text(id, &remote, ttl) {
                Ok(found) => {
                    config.warnings.extend(found.warnings.iter().cloned());
                    (
                        found.path.display().to_string(),
                        Some(found.text.into_bytes()),
                    )
                }
                // The language server keeps the rest of the config: it lints without the view,
                // and tells the user where the view is named.
                Err(report) if remote == Remote::CachedOnly => {
                    let mut note = report.to_string();
                    if let Some(help) = report.help() {
                        note.push_str(&format!(" ({help})"));
                    }
                    config.notes.push((span_of(view).start, note));
                    (String::new(), None)
                }
                Err(report) => {
                    return Err(error(
                        span_of(view),
                        report.to_string(),
                        report.help().map(|h| h.to_string()),
                    )
                    .into());
                }
            },
            None => {
                // Read here, not by View::load, so that a missing file points at this line.
                let path = config.dir.join(view.get_ref());
                let bytes =
                    crate::base::input::read_side_file(&path, max_file_size).map_err(|e| {
                        error(
                            span_of(view),
                            format!(
                                "cannot read the view file {}: {e}",
                                crate::base::shown::escape_controls(&path.display().to_string())
                            ),
                            None,
                        )
                    })?;
                (path.display().to_string(), Some(bytes))
            }
        };
        if let Some(bytes) = bytes {
            let mut parsed = crate::model::view::View::parse(&shown, bytes)?;
            config.warnings.extend(parsed.not_fields_warning());
            if remote_view {
                parsed.reported_at = Some(crate::model::view::ReportedAt {
                    path: name.to_owned(),
                    text: text.to_owned(),
                    span: span_of(view),
                });
            }
            config.settings.view = Some(std::sync::Arc::new(parsed));
        }
    }

    Ok(())
}
