//! iconik metadata views, as the API returns them (GET /API/metadata/v1/views/{id}/):
//! `view_fields[]` with `name`, `label`, `field_type`, `options`, `multi`, `min_value`,
//! `max_value`, `required`. Every other key of the export is ignored.
//!
//! A `field_type` presetlint does not know is kept, and its values are not checked: iconik
//! may add types, and an export from a newer iconik should still be usable.

mod fit;
mod gateway;
mod skeleton;

pub use fit::{Misfit, misfits};
pub use gateway::{Gateway, ScanPattern};
pub use skeleton::{Skeleton, skeleton};

use std::collections::HashMap;
use std::path::Path;

use miette::Report;
use serde::Deserialize;

use crate::base::document;
use crate::model::values::side_file_at;

/// The types of iconik metadata fields presetlint checks values for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    String,
    StringExact,
    Text,
    Integer,
    Float,
    Boolean,
    Date,
    Datetime,
    DropDown,
    TagCloud,
    Email,
    Url,
    Other(String),
}

impl FieldType {
    /// The type as iconik names it (`drop_down`).
    pub fn name(&self) -> &str {
        match self {
            FieldType::String => "string",
            FieldType::StringExact => "string_exact",
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::DropDown => "drop_down",
            FieldType::TagCloud => "tag_cloud",
            FieldType::Email => "email",
            FieldType::Url => "url",
            FieldType::Other(name) => name,
        }
    }

    fn parse(s: &str) -> FieldType {
        match s {
            "string" => FieldType::String,
            "string_exact" => FieldType::StringExact,
            "text" => FieldType::Text,
            "integer" => FieldType::Integer,
            "float" => FieldType::Float,
            "boolean" => FieldType::Boolean,
            "date" => FieldType::Date,
            "datetime" => FieldType::Datetime,
            "drop_down" => FieldType::DropDown,
            "tag_cloud" => FieldType::TagCloud,
            "email" => FieldType::Email,
            "url" => FieldType::Url,
            other => FieldType::Other(other.to_owned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FieldOption {
    pub label: String,
    pub value: String,
}

/// A place in a file of the run where a view's findings are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedAt {
    pub path: String,
    pub text: String,
    pub span: crate::base::diagnostic::Span,
}

/// One field of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewField {
    pub name: String,
    pub label: Option<String>,
    pub field_type: FieldType,
    pub options: Vec<FieldOption>,
    pub multi: bool,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub required: bool,
    /// Set by the view: iconik does not take a value for it from a sidecar.
    pub read_only: bool,
    /// A drop-down whose options iconik fetches from this URL: the view holds none, so its
    /// values cannot be judged.
    pub options_url: Option<String>,
}

impl ViewField {
    /// What the field takes, in a line: label, type, the values of a drop-down, and whether
    /// it takes several values or must be filled. For hover texts and completions.
    pub fn summary(&self) -> String {
        const SHOWN_OPTIONS: usize = 8;
        let mut parts = Vec::new();
        if let Some(label) = &self.label {
            parts.push(format!("label \"{label}\""));
        }
        parts.push(format!("type {}", self.field_type.name()));
        if self.options_url.is_some() {
            parts.push("options from a URL (not checked)".to_owned());
        } else if !self.options.is_empty() {
            let mut values: Vec<String> = self
                .options
                .iter()
                .take(SHOWN_OPTIONS)
                .map(|o| format!("`{}`", o.value))
                .collect();
            if self.options.len() > SHOWN_OPTIONS {
                values.push(format!("and {} more", self.options.len() - SHOWN_OPTIONS));
            }
            parts.push(format!("values {}", values.join(", ")));
        }
        match (self.min_value, self.max_value) {
            (Some(min), Some(max)) => parts.push(format!("from {min} to {max}")),
            (Some(min), None) => parts.push(format!("at least {min}")),
            (None, Some(max)) => parts.push(format!("at most {max}")),
            (None, None) => {}
        }
        if self.multi {
            parts.push("several values".to_owned());
        }
        if self.required {
            parts.push("required".to_owned());
        }
        if self.read_only {
            parts.push("read-only".to_owned());
        }
        parts.join(", ")
    }
}

/// A metadata view.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The view's name, or the file's when the export has none.
    pub name: String,
    pub fields: Vec<ViewField>,
    /// The file read (as named, or the cached copy of a pulled view), where PL953 points;
    /// empty for a view built in memory.
    pub path: String,
    /// Where a view pulled for a config's `view = "iconik:ID"` is reported instead of its
    /// cached copy, which lies outside the repository: that line of the config file.
    pub reported_at: Option<ReportedAt>,
    /// The gateway settings of the storage this view was pulled for (`view pull --storage`).
    pub gateway: Option<gateway::Gateway>,
    /// The entries of `view_fields` that are not fields (no `field_type`: a divider), by
    /// label or name, for a warning.
    pub not_fields: Vec<String>,
    /// Each field's index by exact name (the first of a repeated name).
    by_name: HashMap<String, usize>,
    /// Each field's index by folded name and by folded label ([`fold_name`]), for the field
    /// a misspelt element meant: one lookup per element, whatever the view's size.
    by_folded: HashMap<String, usize>,
}

/// The export's shape: what presetlint reads of it.
#[derive(Deserialize)]
struct RawView {
    name: Option<String>,
    view_fields: Vec<RawField>,
    /// The storage whose gateway reads sidecars into this view (`view pull --storage`).
    #[serde(default)]
    storage: Option<RawStorage>,
}

/// A storage's gateway settings as `view pull --storage` keeps them.
#[derive(Deserialize)]
struct RawStorage {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    scan_ignore: Vec<String>,
    #[serde(default)]
    scan_include: Vec<String>,
    #[serde(default)]
    sidecar_metadata_required: bool,
}

/// An option as iconik's spec gives it (FieldOptionsSchema): neither key is required.
#[derive(Deserialize)]
struct RawOption {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

impl RawOption {
    /// The option, each key standing in for the other when missing; none without either.
    fn into_option(self) -> Option<FieldOption> {
        match (self.label, self.value) {
            (Some(label), Some(value)) => Some(FieldOption { label, value }),
            (Some(only), None) | (None, Some(only)) => Some(FieldOption {
                label: only.clone(),
                value: only,
            }),
            (None, None) => None,
        }
    }
}

/// An entry of `view_fields`: a field, or, without a `field_type`, what iconik puts between
/// fields (a divider), which is skipped.
#[derive(Deserialize)]
struct RawField {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    field_type: Option<String>,
    #[serde(default)]
    options: Option<Vec<RawOption>>,
    #[serde(default)]
    multi: Option<bool>,
    #[serde(default)]
    min_value: Option<f64>,
    #[serde(default)]
    max_value: Option<f64>,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    read_only: Option<bool>,
    #[serde(default)]
    source_url: Option<String>,
}

impl View {
    pub fn new(name: String, fields: Vec<ViewField>) -> View {
        let mut by_name = HashMap::with_capacity(fields.len());
        let mut by_folded = HashMap::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            by_name.entry(field.name.clone()).or_insert(i);
        }
        // Names first, then labels: a field's own name wins over another field's label.
        for (i, field) in fields.iter().enumerate() {
            by_folded.entry(fold_name(&field.name)).or_insert(i);
        }
        for (i, field) in fields.iter().enumerate() {
            if let Some(label) = &field.label {
                by_folded.entry(fold_name(label)).or_insert(i);
            }
        }
        View {
            name,
            fields,
            path: String::new(),
            reported_at: None,
            gateway: None,
            not_fields: Vec::new(),
            by_name,
            by_folded,
        }
    }

    /// The field with this exact name.
    pub fn field(&self, name: &str) -> Option<&ViewField> {
        self.by_name.get(name).map(|&i| &self.fields[i])
    }

    /// The field whose name or label equals `name` ignoring case, spaces and underscores:
    /// the one an element of that name was meant for.
    pub fn near(&self, name: &str) -> Option<&ViewField> {
        self.by_folded
            .get(&fold_name(name))
            .map(|&i| &self.fields[i])
    }

    /// Reads a view file; errors point into it.
    /// Reads a view file through the one reader, at most `limit` bytes.
    pub fn load(path: &Path, limit: u64) -> Result<View, Report> {
        let shown = path.display().to_string();
        let bytes = crate::base::input::read_side_file(path, limit).map_err(|e| {
            miette::miette!(
                "cannot read the view file {}: {e}",
                crate::base::shown::escape_controls(&shown)
            )
        })?;
        View::parse(&shown, bytes)
    }

    pub fn parse(path: &str, bytes: Vec<u8>) -> Result<View, Report> {
        // A file that is not a view is named, not quoted: `view =` may name any file.
        let at = |path: &str, text: &str, range: std::ops::Range<usize>, message: &str| {
            side_file_at(
                path,
                text,
                range,
                message,
                ("\"view_fields\"", "an iconik metadata view"),
            )
        };
        let source = crate::model::values::decoded(path, bytes, "the view file is not UTF-8")?;
        let text = source.text.as_str();
        if let Err(err) = document::parse_value(text) {
            let e = document::explain_error(text, &err);
            return Err(at(path, text, e.span.start..e.span.end, &e.message));
        }
        let raw: RawView = serde_json::from_str(text).map_err(|err| {
            // serde_json places shape errors at the end of the offending value.
            let e = document::explain_error(text, &err);
            at(
                path,
                text,
                e.span.start..e.span.end,
                &format!(
                    "not an iconik metadata view ({}); expected the API's shape: {{\"view_fields\": [{{\"name\", \"field_type\", ...}}]}}",
                    e.message
                ),
            )
        })?;
        let gateway = match raw.storage {
            Some(storage) => Some(gateway_of(storage).map_err(|message| {
                let place = text.find("\"storage\"").unwrap_or(0);
                at(path, text, place..place + 1, &message)
            })?),
            None => None,
        };
        let mut not_fields = Vec::new();
        let fields = raw
            .view_fields
            .into_iter()
            .enumerate()
            .filter_map(
                |(index, mut f)| match (f.name.take(), f.field_type.take()) {
                    (Some(name), Some(field_type)) => Some((name, field_type, f)),
                    (name, _) => {
                        not_fields.push(named(f.label.as_deref(), name.as_deref(), index));
                        None
                    }
                },
            )
            .map(|(name, field_type, f)| ViewField {
                field_type: FieldType::parse(&field_type),
                // iconik describes a Tag Cloud as "multiple choices", and its own sidecar
                // example gives one three values: several, whatever `multi` says.
                multi: f.multi.unwrap_or(false)
                    || FieldType::parse(&field_type) == FieldType::TagCloud,
                name,
                label: f.label,
                options: f
                    .options
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(RawOption::into_option)
                    .collect(),
                min_value: f.min_value,
                max_value: f.max_value,
                required: f.required.unwrap_or(false),
                read_only: f.read_only.unwrap_or(false),
                options_url: f.source_url.filter(|u| !u.is_empty()),
            })
            .collect();
        let mut view = View::new(raw.name.unwrap_or_else(|| path.to_owned()), fields);
        view.path = path.to_owned();
        view.not_fields = not_fields;
        view.gateway = gateway;
        Ok(view)
    }

    /// A warning for the entries of the view that are not fields, if it has any.
    pub fn not_fields_warning(&self) -> Option<String> {
        (!self.not_fields.is_empty()).then(|| {
            format!(
                "the view {} skips {} (no \"field_type\": not a field, a divider say)",
                crate::base::text::quoted(&self.name),
                self.not_fields.join(", ")
            )
        })
    }
}

/// The gateway of a storage as kept with a view; its patterns parsed, or what is wrong with one.
fn gateway_of(raw: RawStorage) -> Result<gateway::Gateway, String> {
    let patterns = |list: Vec<String>, key: &str| -> Result<Vec<gateway::ScanPattern>, String> {
        list.iter()
            .map(|p| {
                gateway::ScanPattern::parse(p).map_err(|e| {
                    format!(
                        "the storage's {key} pattern {}: {e}",
                        crate::base::text::quoted(p)
                    )
                })
            })
            .collect()
    };
    Ok(gateway::Gateway {
        storage: raw.name.or(raw.id).unwrap_or_default(),
        ignore: patterns(raw.scan_ignore, "scan_ignore")?,
        include: patterns(raw.scan_include, "scan_include")?,
        sidecar_required: raw.sidecar_metadata_required,
    })
}

/// A view entry in a message: its label (a divider's title) or name, and its place.
pub fn entry_named(entry: &serde_json::Map<String, serde_json::Value>, index: usize) -> String {
    let said = |key: &str| entry.get(key).and_then(serde_json::Value::as_str);
    named(said("label"), said("name"), index)
}

/// An entry by its label or name (the first not blank), and its place.
fn named(label: Option<&str>, name: Option<&str>, index: usize) -> String {
    let said = |s: &&str| !s.trim().is_empty();
    match label.filter(said).or(name.filter(said)) {
        Some(named) => format!(
            "the entry {} (number {})",
            crate::base::text::quoted(named),
            index + 1
        ),
        None => format!("entry number {}", index + 1),
    }
}

/// Case folded, without spaces and underscores: how PL601 finds the field an element meant.
pub fn fold_name(s: &str) -> String {
    crate::base::text::fold_name(s, true).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const EXAMPLE: &str = include_str!("../../../tests/fixtures/iconik-view.json");

    #[test]
    fn field_summaries() {
        let view = View::parse("view.json", EXAMPLE.as_bytes().to_vec()).unwrap();
        let summary = |name: &str| view.field(name).unwrap().summary();
        assert_eq!(
            summary("camera"),
            "label \"Camera\", type drop_down, values `A`, `B`, `DRN`"
        );
        assert_eq!(
            summary("project"),
            "label \"Project\", type string, required"
        );
        assert_eq!(
            summary("keywords"),
            "label \"Keywords\", type tag_cloud, several values"
        );
    }

    #[test]
    fn reads_the_example_export() {
        let view = View::parse("view.json", EXAMPLE.as_bytes().to_vec()).unwrap();
        assert_eq!(view.name, "Dailies ingest");
        assert_eq!(view.fields.len(), 10);
        let camera = view.field("camera").unwrap();
        assert_eq!(camera.field_type, FieldType::DropDown);
        assert_eq!(
            camera.options[2],
            FieldOption {
                label: "Drone".into(),
                value: "DRN".into()
            }
        );
        let day = view.field("shoot_day").unwrap();
        assert_eq!(
            (day.min_value, day.max_value, day.required),
            (Some(1.0), Some(365.0), true)
        );
        assert!(view.field("Project").is_none(), "names are exact");
    }

    #[test]
    fn not_a_view_says_where() {
        let cases = [
            (
                "{\"fields\": []}",
                "view.json: not an iconik metadata view (missing field `view_fields`); expected the API's shape: {\"view_fields\": [{\"name\", \"field_type\", ...}]}",
                13,
            ),
            (
                "{\"view_fields\": [{\"name\": \"a\", \"field_type\": 3}]}",
                "view.json: not an iconik metadata view (invalid type: integer `3`, expected a string); expected the API's shape: {\"view_fields\": [{\"name\", \"field_type\", ...}]}",
                45,
            ),
            (
                "{\"view_fields\": [}",
                "view.json: unexpected close brace \"}\"",
                17,
            ),
        ];
        for (text, message, offset) in &cases[1..] {
            let err = View::parse("view.json", text.as_bytes().to_vec()).unwrap_err();
            assert_eq!(err.to_string(), *message);
            assert_eq!(
                err.labels().unwrap().next().unwrap().offset(),
                *offset,
                "{text}"
            );
        }
        // A file without "view_fields" before the mistake may be any file (`view =` can
        // name /proc/self/environ): named with its place, never quoted.
        let (text, _, _) = cases[0];
        let err = View::parse("view.json", text.as_bytes().to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "view.json:1:14: not an iconik metadata view (a file that is not one is not shown)"
        );
        assert!(err.labels().is_none() && err.source_code().is_none());
        let environ = "PATH=/usr/bin\0ICONIK_AUTH_TOKEN=tok-9f8e\0";
        let err = View::parse("view.json", environ.as_bytes().to_vec()).unwrap_err();
        let shown = format!("{err:?}");
        assert!(!shown.contains("tok-9f8e"), "{shown}");
        assert!(err.to_string().starts_with("view.json:1:1: "), "{err}");
    }

    #[test]
    fn folding() {
        assert_eq!(fold_name("Shoot Day"), fold_name("shoot_day"));
    }
}
