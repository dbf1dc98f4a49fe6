//! Element values: where each comes from, and which source wins.
//!
//! Sources, strongest first: `--set NAME=VALUE`, then `--values FILE`, then `--transfer-log
//! FILE`, then the built-in date and time elements (from `--date`, or the local clock). A
//! stronger source replaces all the values a weaker one gives an element; it never merges.

use std::collections::HashMap;
use std::fmt;

use jsonc_parser::ast::Value as Node;
use jsonc_parser::common::Ranged;
use miette::{LabeledSpan, Report, miette};

use crate::base::diagnostic::Span;
use crate::base::document::{self, SourceText};
use crate::base::excerpt::Excerpt;
use crate::base::lines::LineIndex;

pub(in crate::model) mod clip_log;
mod clip_values;
pub(in crate::model) mod date;
mod transfer_log;

pub use clip_log::{Kind as ClipLogKind, Row, read as read_clip_log};
pub use clip_values::{ClipValues, Matching};
pub use date::{DateTime, now_local, parse_date_arg};
pub use transfer_log::{TransferLog, parse as parse_transfer_log};

/// Where one value came from, to point at it when it is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `--set NAME=VALUE`, as typed.
    Set(String),
    /// A position in a `--values` file, a transfer log or a clip log.
    File {
        /// Shared by every value of the file: a transfer log may have a million lines.
        path: std::sync::Arc<str>,
        line: usize,
        column: usize,
        /// The value's bytes in the file, where a finding about it is placed.
        span: std::ops::Range<usize>,
    },
    /// A built-in date or time element, from `--date` or the clock.
    BuiltIn { date: String, from_clock: bool },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Origin::Set(arg) => write!(f, "--set {arg}"),
            Origin::File {
                path, line, column, ..
            } => write!(f, "{path}:{line}:{column}"),
            Origin::BuiltIn {
                date,
                from_clock: false,
            } => write!(f, "--date {date}"),
            Origin::BuiltIn {
                from_clock: true, ..
            } => write!(f, "the local clock"),
        }
    }
}

/// One value of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementValue {
    pub text: String,
    pub origin: Origin,
}

/// Values by element name (without braces), with the text of each side file they came from
/// (a finding about a value is placed in its file).
#[derive(Debug, Clone, Default)]
pub struct Values {
    by_name: HashMap<String, Vec<ElementValue>>,
    files: Vec<SideText>,
}

/// A side file's text, kept with the values read from it.
#[derive(Debug, Clone)]
pub struct SideText {
    pub path: std::sync::Arc<str>,
    pub source: std::sync::Arc<SourceText>,
}

impl Values {
    /// The values of an element, in the order given.
    pub fn get(&self, name: &str) -> &[ElementValue] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Lays a stronger source over this one: each element it names takes its values only.
    pub fn overlay(&mut self, stronger: Values) {
        for (name, values) in stronger.by_name {
            self.by_name.insert(name, values);
        }
        for file in stronger.files {
            if !self.files.iter().any(|f| f.path == file.path) {
                self.files.push(file);
            }
        }
    }

    /// The text of the side file `path` that some value came from.
    pub fn file(&self, path: &str) -> Option<&SideText> {
        self.files.iter().find(|f| &*f.path == path)
    }

    /// Keeps a side file's text with its values.
    pub fn keep_file(&mut self, path: std::sync::Arc<str>, source: SourceText) {
        self.files.push(SideText {
            path,
            source: std::sync::Arc::new(source),
        });
    }

    fn push(&mut self, name: &str, value: ElementValue) {
        self.by_name.entry(name.to_owned()).or_default().push(value);
    }

    /// The built-in date and time elements for a date.
    pub fn builtins(date: &DateTime, given: Option<&str>) -> Values {
        let mut out = Values::default();
        for (name, text) in date::builtin_values(date) {
            let origin = Origin::BuiltIn {
                date: given.map_or_else(|| date.to_string(), str::to_owned),
                from_clock: given.is_none(),
            };
            out.push(name, ElementValue { text, origin });
        }
        out
    }

    /// `--set` arguments, in order; the same name twice gives two values.
    pub fn from_set_args(args: &[String]) -> Result<Values, Report> {
        let mut out = Values::default();
        for arg in args {
            let Some((name, text)) = arg.split_once('=') else {
                return Err(miette!(
                    help = "write --set NAME=VALUE, e.g. --set Project=PRX",
                    "--set {arg:?} has no `=`"
                ));
            };
            let name = element_name(name).ok_or_else(|| {
                miette!(
                    help = "write --set NAME=VALUE, e.g. --set Project=PRX",
                    "--set {arg:?} has no element name before the `=`"
                )
            })?;
            out.push(
                name,
                ElementValue {
                    text: text.to_owned(),
                    origin: Origin::Set(arg.clone()),
                },
            );
        }
        Ok(out)
    }

    /// A `--values` file: a JSON object, element name -> string or array of strings.
    pub fn from_values_file(path: &str, bytes: Vec<u8>) -> Result<Values, Report> {
        let source = decoded(path, bytes, "the values file is not UTF-8")?;
        let text = source.text.as_str();
        if let Err(err) = document::parse_value(text) {
            let e = document::explain_error(text, &err);
            return Err(at(path, text, e.span.start..e.span.end, &e.message));
        }
        let tree = document::parse_tree(text)
            .map_err(|e| at(path, text, e.span.start..e.span.end, &e.message))?;
        let Some(Node::Object(object)) = tree else {
            return Err(at(
                path,
                text,
                0..text.len(),
                "a values file is a JSON object: element name -> string or array of strings",
            ));
        };
        let index = LineIndex::new(text);
        let shared: std::sync::Arc<str> = path.into();
        let origin = |span: std::ops::Range<usize>| {
            let p = index.position(text, span.start);
            Origin::File {
                path: shared.clone(),
                line: p.line,
                column: p.column,
                span,
            }
        };
        let mut out = Values::default();
        for prop in &object.properties {
            let key = prop.name.as_str();
            let key_range = prop.name.range();
            let name = element_name(key).ok_or_else(|| {
                at(
                    path,
                    text,
                    key_range.start..key_range.end,
                    "empty element name",
                )
            })?;
            let mut values = Vec::new();
            let mut take = |node: &Node<'_>| match node {
                Node::StringLit(s) => {
                    values.push(ElementValue {
                        text: s.value.to_string(),
                        origin: origin(s.range().start..s.range().end),
                    });
                    Ok(())
                }
                other => {
                    let r = other.range();
                    Err(at(
                        path,
                        text,
                        r.start..r.end,
                        &format!("the value of {key:?} must be a string or an array of strings"),
                    ))
                }
            };
            match &prop.value {
                Node::Array(array) => array.elements.iter().try_for_each(&mut take)?,
                single => take(single)?,
            }
            // A later repetition of a key replaces the earlier one, as in every JSON reader.
            out.by_name.insert(name.to_owned(), values);
        }
        out.keep_file(shared, source);
        Ok(out)
    }

    /// Values read from a transfer log (see [`crate::model::values::transfer_log`]).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, ElementValue)>) -> Values {
        let mut out = Values::default();
        for (name, value) in pairs {
            out.by_name.insert(name, vec![value]);
        }
        out
    }
}

/// An element name as the user may write it: `Project` or `{Project}`; `None` when empty.
pub fn element_name(raw: &str) -> Option<&str> {
    let name = raw
        .strip_prefix('{')
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(raw);
    (!name.is_empty()).then_some(name)
}

/// A side input's bytes as text (a UTF-8 byte order mark dropped), or `message` at its first
/// byte that is not UTF-8: the one way every side file and answer is decoded.
pub fn decoded(path: &str, bytes: Vec<u8>, message: &str) -> Result<SourceText, Report> {
    SourceText::decode(bytes)
        .map_err(|bad| at(path, &bad.lossy.text, bad.span.start..bad.span.end, message))
}

/// The longest message of an error in a side input, in characters.
const MESSAGE_CHARS: usize = 300;

/// A miette error pointing into a file: its snippet is an [`Excerpt`] (long lines cut around
/// the error, control characters escaped), so that miette shows the true line and column of
/// an error anywhere on a line of any length.
/// An error in a side file (a view, a baseline) at its place, quoted only when the text before
/// the place holds `marker` (a key only that kind of file has): a path that names some other
/// file (`/proc/self/environ`, a key file) is named with the line and column and said to be
/// no `what`, and nothing of its content (not even the parser's words, which quote it) shown.
pub fn side_file_at(
    path: &str,
    text: &str,
    range: std::ops::Range<usize>,
    message: &str,
    (marker, what): (&str, &str),
) -> Report {
    let before = &text.as_bytes()[..range.start.min(text.len())];
    if memchr::memmem::find(before, marker.as_bytes()).is_some() {
        return at(path, text, range, message);
    }
    let position = LineIndex::new(text).position(text, range.start);
    miette!(
        "{}:{}:{}: not {what} (a file that is not one is not shown)",
        crate::base::shown::escape_controls(path),
        position.line,
        position.column,
    )
}

pub fn at(path: &str, text: &str, range: std::ops::Range<usize>, message: &str) -> Report {
    let index = LineIndex::new(text);
    let (excerpt, shown) =
        Excerpt::new(path, text, &index, &[Span::new(range.start, range.end)], 1);
    miette!(
        labels = vec![LabeledSpan::at(shown[0].clone(), "here")],
        "{}: {}",
        crate::base::shown::escape_controls(path),
        crate::base::shown::message(message, MESSAGE_CHARS)
    )
    .with_source_code(excerpt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: &Values, name: &str) -> Vec<String> {
        values.get(name).iter().map(|v| v.text.clone()).collect()
    }

    #[test]
    fn set_args_repeat_and_take_braces() {
        let v = Values::from_set_args(&[
            "{Keywords}=day".into(),
            "Keywords=night".into(),
            "Note=a=b".into(),
        ])
        .unwrap();
        assert_eq!(texts(&v, "Keywords"), ["day", "night"]);
        assert_eq!(texts(&v, "Note"), ["a=b"]);
        assert_eq!(
            v.get("Keywords")[1].origin.to_string(),
            "--set Keywords=night"
        );
        let err = Values::from_set_args(&["Project".into()]).unwrap_err();
        assert_eq!(err.to_string(), "--set \"Project\" has no `=`");
        let err = Values::from_set_args(&["{}=x".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--set \"{}=x\" has no element name before the `=`"
        );
    }

    #[test]
    fn values_file_with_positions() {
        let text = "{\n  \"Project\": \"PRX\",\n  \"{Keywords}\": [\"day\", \"ext\"]\n}\n";
        let v = Values::from_values_file("v.json", text.as_bytes().to_vec()).unwrap();
        assert_eq!(texts(&v, "Project"), ["PRX"]);
        assert_eq!(texts(&v, "Keywords"), ["day", "ext"]);
        assert_eq!(v.get("Keywords")[1].origin.to_string(), "v.json:3:25");
    }

    #[test]
    fn bad_values_files_say_where() {
        let cases = [
            (
                "{\"A\": 1}",
                "v.json: the value of \"A\" must be a string or an array of strings",
                6,
            ),
            (
                "{\"A\": [\"x\", null]}",
                "v.json: the value of \"A\" must be a string or an array of strings",
                12,
            ),
            (
                "[\"x\"]",
                "v.json: a values file is a JSON object: element name -> string or array of strings",
                0,
            ),
            (
                "{\"A\": \"x\",}",
                "v.json: trailing commas are not allowed",
                9,
            ),
            ("{\"\": \"x\"}", "v.json: empty element name", 1),
        ];
        for (text, message, offset) in cases {
            let err = Values::from_values_file("v.json", text.as_bytes().to_vec()).unwrap_err();
            assert_eq!(err.to_string(), message, "{text}");
            let label = err.labels().unwrap().next().unwrap();
            assert_eq!(label.offset(), offset, "{text}");
        }
    }

    #[test]
    fn stronger_sources_replace() {
        let mut base = Values::from_set_args(&["A=1".into(), "A=2".into(), "B=3".into()]).unwrap();
        base.overlay(Values::from_set_args(&["A=9".into()]).unwrap());
        assert_eq!(texts(&base, "A"), ["9"]);
        assert_eq!(texts(&base, "B"), ["3"]);
    }
}
