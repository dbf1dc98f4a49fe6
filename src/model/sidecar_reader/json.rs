//! `{"metadata_values": {NAME: {"field_values": [{"value": V}, ...]}}}`, the shape of iconik's
//! metadata API. serde_json reads it (fast: a destination holds 100,000 of them); places are
//! pointers, turned into spans only for a finding.

use serde_json::Value;

use crate::base::diagnostic::Target;
use crate::base::document;
use crate::base::document::explain_error;
use crate::model::sidecar_reader::{
    ProblemKind, ReadField, ReadSidecar, ReadValue, field_pointer, value_pointer,
};

const SHAPE: &str = "{\"metadata_values\": {\"NAME\": {\"field_values\": [{\"value\": \"...\"}]}}}";

pub(super) fn read(text: &str, read: &mut ReadSidecar) {
    if let Ok(fast) = serde_json::from_str::<fast::Sidecar>(text) {
        read.fields = fast.fields();
        return;
    }
    read_slowly(text, read);
}

/// Every sidecar that is iconik's parses straight into its fields; only one that is not (or
/// is not JSON) is read again as a `Value`, to say where and why.
mod fast {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::Deserialize;
    use serde::de::{self, IgnoredAny, MapAccess, Visitor};

    use crate::model::sidecar_reader::{ReadField, ReadValue};

    /// Past this many fields, duplicate names are left to the slow path to find.
    const FEW: usize = 32;

    /// An object read for one key, every other key skipped; a missing key, or anything but
    /// an object (serde's derive would take an array too), fails and sends the sidecar to
    /// the slow path.
    struct OneKey<T> {
        key: &'static str,
        found: PhantomData<T>,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OneKey<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an object with {:?}", self.key)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.key {
                    if found.is_some() {
                        return Err(de::Error::custom("a repeated key"));
                    }
                    found = Some(map.next_value()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            found.ok_or_else(|| de::Error::missing_field(self.key))
        }
    }

    fn one_key<'de, D: de::Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
        key: &'static str,
    ) -> Result<T, D::Error> {
        d.deserialize_map(OneKey {
            key,
            found: PhantomData,
        })
    }

    pub(super) struct Sidecar(Fields);

    impl Sidecar {
        pub(super) fn fields(self) -> Vec<ReadField> {
            (self.0).0
        }
    }

    impl<'de> Deserialize<'de> for Sidecar {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            one_key(d, "metadata_values").map(Sidecar)
        }
    }

    /// The fields in the file's order.
    struct Fields(Vec<ReadField>);

    struct FieldValues(Vec<Item>);

    impl<'de> Deserialize<'de> for FieldValues {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            one_key(d, "field_values").map(FieldValues)
        }
    }

    struct Item(Scalar);

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            one_key(d, "value").map(Item)
        }
    }

    impl<'de> Deserialize<'de> for Fields {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Fields;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an object of fields")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                    let mut fields: Vec<ReadField> = Vec::new();
                    while let Some((name, values)) = map.next_entry::<String, FieldValues>()? {
                        if name.is_empty()
                            || fields.len() >= FEW
                            || fields.iter().any(|f| f.name == name)
                        {
                            return Err(de::Error::custom("many fields, or a repeated one"));
                        }
                        fields.push(ReadField {
                            name,
                            span: None,
                            values: values
                                .0
                                .into_iter()
                                .map(|item| ReadValue {
                                    text: (item.0).0,
                                    span: None,
                                })
                                .collect(),
                        });
                    }
                    Ok(Fields(fields))
                }
            }
            d.deserialize_map(V)
        }
    }

    /// A string, number or boolean, as text.
    struct Scalar(String);

    impl<'de> Deserialize<'de> for Scalar {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Scalar;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a string, number or boolean")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                    Ok(Scalar(v.to_owned()))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                    Ok(Scalar(v))
                }
                fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                    Ok(Scalar(v.to_string()))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                    Ok(Scalar(v.to_string()))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                    Ok(Scalar(v.to_string()))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                    // As the slow path writes it: serde_json's Number::to_string.
                    Ok(Scalar(
                        serde_json::Number::from_f64(v)
                            .map_or_else(|| v.to_string(), |n| n.to_string()),
                    ))
                }
            }
            d.deserialize_any(V)
        }
    }
}

fn read_slowly(text: &str, read: &mut ReadSidecar) {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            let error = explain_error(text, &err);
            read.problem(
                ProblemKind::Unreadable,
                Target::Span(error.span, String::new()),
                format!("the sidecar is not JSON: {}", error.message),
            );
            return;
        }
    };
    let not_iconik = ProblemKind::NotIconik;
    let Some(root) = value.as_object() else {
        read.problem(
            not_iconik,
            Target::Value(String::new()),
            format!("a JSON sidecar is an object: {SHAPE}"),
        );
        return;
    };
    let Some(values) = root.get("metadata_values") else {
        read.problem(
            not_iconik,
            Target::Value(String::new()),
            format!("the sidecar has no \"metadata_values\": {SHAPE}"),
        );
        return;
    };
    let Some(values) = values.as_object() else {
        read.problem(
            not_iconik,
            Target::Value("/metadata_values".into()),
            format!(
                "\"metadata_values\" is {}, not an object of fields",
                kind(values)
            ),
        );
        return;
    };
    // Pointers are made only for a problem: a clean sidecar costs no more than its parse.
    let list_at = |name: &str| document::push_token(&field_pointer(name), "field_values");
    for (name, field) in values {
        if name.is_empty() {
            read.problem(
                not_iconik,
                Target::Key(field_pointer(name)),
                "a field's name is empty",
            );
            continue;
        }
        let Some(field_values) = field.as_object().and_then(|f| f.get("field_values")) else {
            let message = if field.is_object() {
                format!("field {name:?} has no \"field_values\"")
            } else {
                format!(
                    "field {name:?} is {}, not an object with \"field_values\"",
                    kind(field)
                )
            };
            read.problem(not_iconik, Target::Value(field_pointer(name)), message);
            continue;
        };
        let Some(items) = field_values.as_array() else {
            read.problem(
                not_iconik,
                Target::Value(list_at(name)),
                format!(
                    "\"field_values\" of {name:?} is {}, not an array of {{\"value\": ...}}",
                    kind(field_values)
                ),
            );
            continue;
        };
        let mut values = Vec::with_capacity(items.len());
        let mut whole = true;
        for (i, item) in items.iter().enumerate() {
            let Some(value) = item.as_object().and_then(|o| o.get("value")) else {
                read.problem(
                    not_iconik,
                    Target::Value(document::push_index(&list_at(name), i)),
                    format!(
                        "a value of {name:?} is {}, not an object {{\"value\": ...}}",
                        if item.is_object() {
                            "an object without \"value\"".into()
                        } else {
                            kind(item)
                        }
                    ),
                );
                whole = false;
                continue;
            };
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    read.problem(
                        not_iconik,
                        Target::Value(value_pointer(name, i)),
                        format!(
                            "a value of {name:?} is {}; iconik takes a string (or a number or boolean)",
                            kind(other)
                        ),
                    );
                    whole = false;
                    continue;
                }
            };
            values.push(ReadValue { text, span: None });
        }
        if whole {
            read.fields.push(ReadField {
                name: name.clone(),
                span: None,
                values,
            });
        }
    }
}

/// What a JSON value is, for messages.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::base::diagnostic::Target;
    use crate::model::sidecar_reader::{ProblemKind, SidecarFormat, read};

    fn problems(text: &str) -> Vec<(ProblemKind, Target, String)> {
        read(SidecarFormat::Json, text.as_bytes().to_vec())
            .1
            .problems
            .into_iter()
            .map(|p| (p.kind, p.target, p.message))
            .collect()
    }

    #[test]
    fn fields_and_values() {
        let (_, read) = read(
            SidecarFormat::Json,
            br#"{"metadata_values": {"a/b": {"field_values": [{"value": "x"}, {"value": 2}]}}}"#
                .to_vec(),
        );
        assert!(read.problems.is_empty());
        assert_eq!(read.fields.len(), 1);
        assert_eq!(read.fields[0].name, "a/b");
        assert_eq!(
            read.fields[0].target(),
            Target::Key("/metadata_values/a~1b".into())
        );
        let values: Vec<_> = read.fields[0]
            .values
            .iter()
            .map(|v| v.text.as_str())
            .collect();
        assert_eq!(values, ["x", "2"]);
        assert_eq!(
            read.fields[0].value_target(1),
            Target::Value("/metadata_values/a~1b/field_values/1/value".into())
        );
    }

    #[test]
    fn what_is_not_iconiks_structure() {
        assert_eq!(
            problems("[]"),
            [(
                ProblemKind::NotIconik,
                Target::Value(String::new()),
                "a JSON sidecar is an object: {\"metadata_values\": {\"NAME\": {\"field_values\": [{\"value\": \"...\"}]}}}".into()
            )]
        );
        assert_eq!(
            problems(
                r#"{"metadata_values": {"a": {"field_values": {"value": "x"}}, "b": {"field_values": ["x", {"value": null}]}, "c": 1}}"#
            ),
            [
                (
                    ProblemKind::NotIconik,
                    Target::Value("/metadata_values/a/field_values".into()),
                    "\"field_values\" of \"a\" is an object, not an array of {\"value\": ...}"
                        .into()
                ),
                (
                    ProblemKind::NotIconik,
                    Target::Value("/metadata_values/b/field_values/0".into()),
                    "a value of \"b\" is a string, not an object {\"value\": ...}".into()
                ),
                (
                    ProblemKind::NotIconik,
                    Target::Value("/metadata_values/b/field_values/1/value".into()),
                    "a value of \"b\" is null; iconik takes a string (or a number or boolean)"
                        .into()
                ),
                (
                    ProblemKind::NotIconik,
                    Target::Value("/metadata_values/c".into()),
                    "field \"c\" is a number, not an object with \"field_values\"".into()
                ),
            ]
        );
    }

    /// What the fast path must not take for a sidecar: arrays where objects belong (serde's
    /// derive would), repeated keys, wrong values. The slow path says what is wrong.
    #[test]
    fn the_fast_path_takes_only_iconiks_structure() {
        for text in [
            r#"[{"a": {"field_values": []}}]"#,
            r#"{"metadata_values": {"a": [[{"value": "x"}]]}}"#,
            r#"{"metadata_values": {"a": {"field_values": [["x"]]}}}"#,
            r#"{"metadata_values": {"a": {"field_values": [{"value": null}]}}}"#,
            r#"{"metadata_values": {"a": {"field_values": [{"value": "x"}]}, "a": {"field_values": []}}}"#,
            r#"{"metadata_values": {}, "metadata_values": {}}"#,
        ] {
            assert!(
                serde_json::from_str::<super::fast::Sidecar>(text).is_err(),
                "{text}"
            );
        }
    }

    /// The fast path and the slow one read the same fields from a sidecar that is iconik's.
    #[test]
    fn both_paths_read_the_same() {
        let text = r#"{"metadata_values": {"b": {"field_values": [{"value": "x"}, {"value": 2.5}, {"value": -3}, {"value": true}]}, "a": {"field_values": []}}, "other": 1}"#;
        let (_, fast) = read(SidecarFormat::Json, text.as_bytes().to_vec());
        let mut slow = crate::model::sidecar_reader::ReadSidecar::new(SidecarFormat::Json);
        super::read_slowly(text, &mut slow);
        assert_eq!(fast, slow);
        let names: Vec<_> = fast.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        let values: Vec<_> = fast.fields[0]
            .values
            .iter()
            .map(|v| v.text.as_str())
            .collect();
        assert_eq!(values, ["x", "2.5", "-3", "true"]);
    }

    #[test]
    fn torn_json_is_unreadable_where_it_stops() {
        let found = problems("{\"metadata_values\": {\"a\": {\"field_v");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, ProblemKind::Unreadable);
        assert!(
            found[0].2.starts_with("the sidecar is not JSON: "),
            "{}",
            found[0].2
        );
    }
}
