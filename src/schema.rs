//! The bundled JSON Schema (schema/offshoot-preset.schema.json), compiled once per process.
//!
//! The schema describes a whole file (a preset, or an array of presets) so that editors can
//! use it as it is; presetlint validates each preset against `$defs/preset`, having judged the
//! top level itself (PL003). It answers with one (pointer, message) per problem, which PL004
//! (src/rules/schema_violation.rs) turns into findings.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::document::pointer;
use crate::preset::{Preset, describe_type};
use crate::similarity::Folded;

/// The schema as shipped, byte for byte (`presetlint schema` prints it).
pub const SCHEMA_TEXT: &str = include_str!("../schema/offshoot-preset.schema.json");

/// What presetlint knows of the keys, read from the schema once per process. Cheap: parsing
/// needs it at once.
struct Keys {
    known: Vec<String>,
    /// Each known key's description, for hover texts and completions.
    descriptions: Vec<Option<String>>,
    /// The known keys folded for "did you mean", once per process.
    folded: Vec<Folded>,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is valid JSON");
        let properties = schema["$defs"]["preset"]["properties"]
            .as_object()
            .expect("the bundled schema describes a preset's properties");
        let known: Vec<String> = properties.keys().cloned().collect();
        let descriptions = properties
            .values()
            .map(|p| p["description"].as_str().map(str::to_owned))
            .collect();
        let folded = known.iter().map(|k| Folded::new(k)).collect();
        Keys {
            known,
            descriptions,
            folded,
        }
    })
}

/// The compiled validator, once per process. Compiling takes about a millisecond (the
/// crate checks the schema against the draft 2020-12 meta-schema first), so the command
/// line starts it on another thread ([`warm_up`]) while the first files are read and parsed.
fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let mut schema: Value =
            serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is valid JSON");
        // Validate one preset: point the root at the preset definition.
        let root = schema.as_object_mut().expect("the schema is an object");
        root.remove("anyOf");
        root.insert("$ref".into(), Value::String("#/$defs/preset".into()));
        jsonschema::draft202012::new(&schema).expect("the bundled schema compiles")
    })
}

/// Starts compiling the validator on a worker of rayon's pool, so that the first schema check
/// finds it ready (or nearly so) instead of compiling it while every other thread waits. A
/// pool worker rather than a thread of its own: a thread's allocations stay with it, and one
/// more thread cost the 10,000-file check up to 8 MiB of peak memory.
pub fn warm_up() {
    rayon::spawn(|| {
        validator();
    });
}

/// The keys the bundled schema describes: the keys presetlint knows.
pub fn known_keys() -> &'static [String] {
    &keys().known
}

/// Whether the bundled schema describes this key.
pub fn is_known_key(key: &str) -> bool {
    known_keys().iter().any(|k| k == key)
}

/// The known key an unknown key is close to (PL501), if any; `None` for a known key.
///
/// Presets in one repository share their keys, so answers are remembered per thread (up to
/// a bound, so that a file of random keys cannot grow the memory).
pub fn near_known_key(key: &str) -> Option<&'static str> {
    const REMEMBERED: usize = 4096;
    thread_local! {
        static ANSWERS: RefCell<HashMap<String, Option<&'static str>>> = RefCell::new(HashMap::new());
    }
    if let Some(answer) = ANSWERS.with(|a| a.borrow().get(key).copied()) {
        return answer;
    }
    let keys = keys();
    let answer = if is_known_key(key) {
        None
    } else {
        let folded = Folded::new(key);
        keys.folded
            .iter()
            .position(|k| k.is_close_to(&folded))
            .map(|i| keys.known[i].as_str())
    };
    ANSWERS.with(|a| {
        let mut answers = a.borrow_mut();
        if answers.len() < REMEMBERED {
            answers.insert(key.to_owned(), answer);
        }
    });
    answer
}

/// The schema's description of a known key, for hover texts and completions.
pub fn key_description(key: &str) -> Option<String> {
    let keys = keys();
    let index = keys.known.iter().position(|k| k == key)?;
    keys.descriptions[index].clone()
}

/// One (pointer, message) per problem of a preset against the bundled schema, pointers
/// relative to the document (under `preset.pointer`). Empty for a valid preset.
pub fn violations(preset: &Preset) -> Vec<(String, String)> {
    let validator = validator();
    if validator.is_valid(preset.value) {
        return Vec::new();
    }
    let errors: Vec<ValidationError> = validator.iter_errors(preset.value).collect();
    let mut problems = Vec::new();
    reduce(&errors, &mut problems);
    for (relative, _) in &mut problems {
        relative.insert_str(0, preset.pointer);
    }
    problems
}

/// One (instance path, message) per problem. anyOf / oneOf failures are replaced by the errors
/// of their best-matching branch (the one with the fewest errors), so that one problem gives
/// one finding, never a flood.
fn reduce(errors: &[ValidationError<'_>], out: &mut Vec<(String, String)>) {
    for error in errors {
        match error.kind() {
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                match context
                    .iter()
                    .filter(|b| !b.is_empty())
                    .min_by_key(|b| b.len())
                {
                    Some(best) => reduce(best, out),
                    None => out.push(problem(error)),
                }
            }
            _ => out.push(problem(error)),
        }
    }
}

fn problem(error: &ValidationError<'_>) -> (String, String) {
    let relative = error.instance_path().as_str().to_owned();
    let message = describe(error, &relative);
    (relative, message)
}

/// A message that names the place and says what is wrong, in words rather than in schema terms.
fn describe(error: &ValidationError<'_>, relative: &str) -> String {
    let place = display_path(relative);
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => with_article(t.as_str()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| with_article(t.as_str()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!(
                "{place} must be {expected}, not {}",
                describe_type(instance)
            )
        }
        ValidationErrorKind::Pattern { pattern } => {
            format!(
                "{place} {} does not match the pattern {pattern}",
                short_json(instance)
            )
        }
        _ => {
            let text = error.to_string();
            let text = if text.chars().count() > 200 {
                text.chars().take(200).collect::<String>() + "…"
            } else {
                text
            };
            format!("{place}: {text}")
        }
    }
}

fn with_article(type_name: &str) -> String {
    match type_name {
        "array" | "object" | "integer" => format!("an {type_name}"),
        "null" => "null".to_owned(),
        other => format!("a {other}"),
    }
}

/// `iconikSidecarElements[2]` for `/iconikSidecarElements/2`; `the preset` for `""`.
pub fn display_path(relative: &str) -> String {
    let mut out = String::new();
    for token in pointer::tokens(relative) {
        if !out.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{token}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    if out.is_empty() {
        "the preset".to_owned()
    } else {
        out
    }
}

/// A value as JSON, cut short when long, for messages.
pub fn short_json(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        text.chars().take(57).collect::<String>() + "…"
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_come_from_the_schema() {
        let keys = known_keys();
        assert!(keys.iter().any(|k| k == "iconikSidecarElements"));
        assert!(keys.iter().any(|k| k == "flattenFolders"));
        assert_eq!(keys.len(), 14);
    }

    #[test]
    fn paths_read_like_code() {
        assert_eq!(
            display_path("/iconikSidecarElements/2"),
            "iconikSidecarElements[2]"
        );
        assert_eq!(display_path("/counter"), "counter");
        assert_eq!(display_path(""), "the preset");
    }

    #[test]
    fn one_violation_per_error_on_the_value() {
        let value = serde_json::json!({"iconikSidecarElements": ["{A}", 42], "counter": "1a", "flattenFolders": "yes"});
        let preset = Preset::new("/0", &value).unwrap();
        let got = violations(&preset);
        assert_eq!(
            got,
            vec![
                (
                    "/0/iconikSidecarElements/1".to_owned(),
                    "iconikSidecarElements[1] must be a string, not a number".to_owned()
                ),
                (
                    "/0/counter".to_owned(),
                    "counter \"1a\" does not match the pattern ^[0-9]+$".to_owned()
                ),
                (
                    "/0/flattenFolders".to_owned(),
                    "flattenFolders must be a boolean, not a string".to_owned()
                ),
            ]
        );
    }
}
