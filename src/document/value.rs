//! The fast path: strict JSON into a `serde_json::Value`, noting repeated keys on the way.
//!
//! serde_json is strict RFC 8259 (no comments, trailing commas, NaN, control characters in
//! strings) and guards its recursion depth, so hostile nesting is an error, not a crash.
//! Its `Value` keeps the later of two equal keys, which is the value presetlint lints.

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

/// Parses strict JSON. The error is serde_json's, with its line and column.
pub fn parse(text: &str) -> Result<Parsed, serde_json::Error> {
    let duplicate = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed {
        duplicate: &duplicate,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(Parsed {
        value,
        has_duplicate_keys: duplicate.get(),
    })
}

#[derive(Clone, Copy)]
struct ValueSeed<'d> {
    duplicate: &'d Cell<bool>,
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
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(self)?;
            if map.insert(key, value).is_some() {
                self.duplicate.set(true);
            }
        }
        Ok(Value::Object(map))
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
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
    }
}
