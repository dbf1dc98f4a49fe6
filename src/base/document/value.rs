//! The fast path: strict JSON into a `serde_json::Value`, noting repeated keys on the way.
//!
//! serde_json is strict RFC 8259 (no comments, trailing commas, NaN, control characters in
//! strings) and guards its recursion depth, so hostile nesting is an error, not a crash.
//! Its `Value` keeps the later of two equal keys, which is the value presetlint lints.
//!
//! [`parse_for_lint`] builds only what the rules and the schema look at: the top level and,
//! in each preset, the values of the keys presetlint knows. Everything else (a preset's
//! transfer history, UI state, ...) is still parsed strictly and checked for repeated keys, but
//! never allocated. Most of a real preset is such data, so this is most of the speed of `check`.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A parsed document.
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    /// Some object repeats a key. The syntax tree says which, and where.
    pub has_duplicate_keys: bool,
}

/// Parses strict JSON into a whole value. The error is serde_json's, with its line and column.
pub fn parse(text: &str) -> Result<Parsed, serde_json::Error> {
    parse_with(text, Depth::Full, &|_| true)
}

/// Parses strict JSON for linting: a top-level object, or each object of a top-level array, is
/// a preset, and of a preset's members only those whose key `keep` accepts get their value; the
/// others are present with `null`. Syntax errors and repeated keys are found everywhere.
pub fn parse_for_lint(
    text: &str,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Parsed, serde_json::Error> {
    parse_with(text, Depth::Root, keep)
}

fn parse_with(
    text: &str,
    depth: Depth,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Parsed, serde_json::Error> {
    let duplicate = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed {
        duplicate: &duplicate,
        depth,
        keep,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(Parsed {
        value,
        has_duplicate_keys: duplicate.get(),
    })
}

/// Where in the document a value is, for [`parse_for_lint`]'s choice of what to build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// The top level: an object is a preset; an array's items may be presets.
    Root,
    /// A preset: members are kept or skipped by key.
    Preset,
    /// Inside a kept value: everything is built.
    Full,
}

#[derive(Clone, Copy)]
struct ValueSeed<'d> {
    duplicate: &'d Cell<bool>,
    depth: Depth,
    keep: &'d dyn Fn(&str) -> bool,
}

impl<'d> ValueSeed<'d> {
    fn at(self, depth: Depth) -> ValueSeed<'d> {
        ValueSeed { depth, ..self }
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let item_depth = if self.depth == Depth::Root {
            Depth::Preset
        } else {
            Depth::Full
        };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self.at(item_depth))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = if self.depth == Depth::Full || (self.keep)(&key) {
                access.next_value_seed(self.at(Depth::Full))?
            } else {
                access.next_value_seed(Skip {
                    duplicate: self.duplicate,
                })?;
                Value::Null
            };
            if map.insert(key, value).is_some() {
                self.duplicate.set(true);
            }
        }
        Ok(Value::Object(map))
    }
}

/// Parses a value without building it, noting repeated keys.
#[derive(Clone, Copy)]
struct Skip<'d> {
    duplicate: &'d Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for Skip<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        // Objects are small: a linear scan over borrowed keys beats hashing.
        let mut keys: Vec<Cow<'de, str>> = Vec::new();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            if keys.contains(&key) {
                self.duplicate.set(true);
            } else {
                if keys.len() >= 64 {
                    return self.visit_large_map(keys, key, access);
                }
                keys.push(key);
            }
            access.next_value_seed(self)?;
        }
        Ok(())
    }
}

impl<'d> Skip<'d> {
    /// The rest of an object with many keys, with a hash set.
    fn visit_large_map<'de, A: MapAccess<'de>>(
        self,
        keys: Vec<Cow<'de, str>>,
        current: Cow<'de, str>,
        mut access: A,
    ) -> Result<(), A::Error> {
        let mut seen: std::collections::HashSet<Cow<'de, str>> = keys.into_iter().collect();
        seen.insert(current);
        access.next_value_seed(self)?;
        while let Some(key) = access.next_key_seed(KeySeed)? {
            if !seen.insert(key) {
                self.duplicate.set(true);
            }
            access.next_value_seed(self)?;
        }
        Ok(())
    }
}

/// A key, borrowed from the text when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_duplicate_wins_and_is_noted() {
        let parsed = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert!(parsed.has_duplicate_keys);
        assert_eq!(parsed.value, serde_json::json!({"a": 3, "b": 2}));
        let keys: Vec<_> = parsed.value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b"]);
    }

    #[test]
    fn strict() {
        for bad in ["[1,]", "{} {}", "", "[NaN]", "// c\n{}", "\"a\nb\"", "[01]"] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(!parse("[[1], {\"a\": null}]").unwrap().has_duplicate_keys);
    }

    #[test]
    fn lint_parse_builds_only_kept_members_but_sees_every_duplicate() {
        let text = r#"[{"keep": [1, {"a": 1}], "skip": [{"x": 1, "x": 2}], "k2": 3}, 7]"#;
        let parsed = parse_for_lint(text, &|k| k.starts_with('k')).unwrap();
        assert_eq!(
            parsed.value,
            serde_json::json!([{"keep": [1, {"a": 1}], "skip": null, "k2": 3}, 7])
        );
        assert!(parsed.has_duplicate_keys);
        let clean = parse_for_lint(r#"{"skip": {"a": {"b": 1}, "b": 2}}"#, &|_| false).unwrap();
        assert!(!clean.has_duplicate_keys);
    }

    #[test]
    fn skipped_objects_with_many_keys_still_find_duplicates() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let unique = format!("{{\"skip\": {{{}}}}}", members.join(", "));
        assert!(
            !parse_for_lint(&unique, &|_| false)
                .unwrap()
                .has_duplicate_keys
        );
        for again in ["k3", "k64", "k99"] {
            let mut with_repeat = members.clone();
            with_repeat.push(format!("\"{again}\": 0"));
            let repeated = format!("{{\"skip\": {{{}}}}}", with_repeat.join(", "));
            assert!(
                parse_for_lint(&repeated, &|_| false)
                    .unwrap()
                    .has_duplicate_keys,
                "{again}"
            );
        }
        let escaped = r#"{"skip": {"a\u0062": 1, "ab": 2}}"#;
        assert!(
            parse_for_lint(escaped, &|_| false)
                .unwrap()
                .has_duplicate_keys
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
    }
}
