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

use crate::base::document;
use crate::base::similarity::Folded;
use crate::model::preset::{Preset, describe_type};

/// The schema as shipped, byte for byte (`presetlint schema` prints it).
pub const SCHEMA_TEXT: &str = include_str!("../../schema/offshoot-preset.schema.json");

/// What presetlint knows of the keys, read from the schema once per process. Cheap: parsing
/// needs it at once.
struct Keys {
    known: Vec<String>,
    /// Each known key's description, for hover texts and completions.
    descriptions: Vec<Option<String>>,
    /// The known keys folded for "did you mean", once per process.
    folded: Vec<Folded>,
    /// Each known key's constraints, when they are of the few kinds that can be judged
    /// without the validator ([`Plain`]); `None` for a key that needs the validator.
    plain: Vec<Option<Plain>>,
}

/// A property's constraints made only of `type`, `items` with a `type`, and `pattern` (with
/// the annotations `description` and `deprecated`), read from the bundled schema. A preset
/// whose known keys all meet such constraints is valid, and is judged so without compiling
/// the validator: that compile is most of the time `check` takes on one small preset (the
/// crate validates the schema against the draft 2020-12 meta-schema first), and a
/// pre-commit hook or an editor's save pays it every time. A preset that misses one is
/// judged by the validator, for its exact messages.
#[derive(Debug)]
struct Plain {
    kind: Option<String>,
    items: Option<String>,
    pattern: Option<regex::Regex>,
}

impl Plain {
    fn from_schema(property: &Value) -> Option<Plain> {
        let object = property.as_object()?;
        let known = ["type", "items", "pattern", "description", "deprecated"];
        if object.keys().any(|k| !known.contains(&k.as_str())) {
            return None;
        }
        let items = match object.get("items") {
            None => None,
            Some(items) => {
                let items = items.as_object()?;
                if items.keys().any(|k| k != "type") {
                    return None;
                }
                Some(items.get("type")?.as_str()?.to_owned())
            }
        };
        let pattern = match object.get("pattern") {
            None => None,
            Some(p) => Some(regex::Regex::new(p.as_str()?).ok()?),
        };
        Some(Plain {
            kind: object
                .get("type")
                .map(|t| t.as_str().map(str::to_owned))
                .unwrap_or(None),
            items,
            pattern,
        })
    }

    fn holds(&self, value: &Value) -> bool {
        self.kind
            .as_deref()
            .is_none_or(|kind| has_type(value, kind))
            && self.items.as_deref().is_none_or(|kind| {
                value
                    .as_array()
                    .is_none_or(|items| items.iter().all(|item| has_type(item, kind)))
            })
            && self
                .pattern
                .as_ref()
                .is_none_or(|pattern| value.as_str().is_none_or(|text| pattern.is_match(text)))
    }
}

/// JSON Schema's `type`, for the simple types a property can name.
fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
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
        let plain = properties.values().map(Plain::from_schema).collect();
        Keys {
            known,
            descriptions,
            folded,
            plain,
        }
    })
}

/// The compiled validator, once per process, compiled when a preset first needs it (one that
/// is not [`plainly_valid`]). Compiling takes about a millisecond (the crate checks the schema
/// against the draft 2020-12 meta-schema first): a run whose presets are all plainly valid
/// never pays it.
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
    if plainly_valid(preset) {
        return Vec::new();
    }
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

/// Whether every known key of the preset meets its property's plain constraints (and no
/// property the preset has needs the validator): then the validator would find nothing.
fn plainly_valid(preset: &Preset) -> bool {
    let keys = keys();
    preset.map.iter().all(
        |(key, value)| match keys.known.iter().position(|k| k == key) {
            None => true,
            Some(i) => keys.plain[i]
                .as_ref()
                .is_some_and(|plain| plain.holds(value)),
        },
    )
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
    for token in document::pointer_tokens(relative) {
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
    fn every_property_of_the_bundled_schema_is_plain() {
        // Else a clean preset would pay for compiling the validator: see Plain.
        let keys = keys();
        for (key, plain) in keys.known.iter().zip(&keys.plain) {
            assert!(plain.is_some(), "{key} needs the validator");
        }
    }

    proptest::proptest! {
        /// The plain judgement never calls a preset valid that the validator does not.
        #[test]
        fn plainly_valid_presets_are_valid(
            counter in proptest::option::of("[0-9a]{0,3}"),
            flatten in proptest::option::of(proptest::prop_oneof![
                proptest::strategy::Just(serde_json::json!(true)),
                proptest::strategy::Just(serde_json::json!("yes")),
            ]),
            elements in proptest::option::of(proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(serde_json::json!("{A}")),
                    proptest::strategy::Just(serde_json::json!(42)),
                ],
                0..3,
            )),
            elements_kind in 0..2u8,
        ) {
            let mut map = serde_json::Map::new();
            if let Some(c) = counter { map.insert("counter".into(), c.into()); }
            if let Some(f) = flatten { map.insert("flattenFolders".into(), f); }
            if let Some(e) = elements {
                let value = if elements_kind == 0 { serde_json::Value::Array(e) } else { serde_json::json!("{A}") };
                map.insert("iconikSidecarElements".into(), value);
            }
            let value = Value::Object(map);
            let preset = Preset::new("", &value).unwrap();
            if plainly_valid(&preset) {
                proptest::prop_assert!(validator().is_valid(&value), "{value}");
            } else {
                proptest::prop_assert!(!validator().is_valid(&value), "{value}");
            }
        }
    }

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
