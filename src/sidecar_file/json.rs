//! `{"metadata_values": {NAME: {"field_values": [{"value": V}, ...]}}}`, the shape of iconik's
//! metadata API. serde_json reads it (fast: a destination holds 100,000 of them); places are
//! pointers, turned into spans only for a finding.

use serde_json::Value;

use crate::diagnostic::Target;
use crate::document::pointer;
use crate::document::syntax::explain_error;
use crate::sidecar_file::{
    ProblemKind, ReadField, ReadSidecar, ReadValue, field_pointer, value_pointer,
};

const SHAPE: &str = "{\"metadata_values\": {\"NAME\": {\"field_values\": [{\"value\": \"...\"}]}}}";

pub(super) fn read(text: &str, read: &mut ReadSidecar) {
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
    read.fields_target = Target::Key("/metadata_values".into());
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
    for (name, field) in values {
        let at = field_pointer(name);
        let Some(field_values) = field.as_object().and_then(|f| f.get("field_values")) else {
            let message = if field.is_object() {
                format!("field {name:?} has no \"field_values\"")
            } else {
                format!(
                    "field {name:?} is {}, not an object with \"field_values\"",
                    kind(field)
                )
            };
            read.problem(not_iconik, Target::Value(at), message);
            continue;
        };
        let list_at = pointer::push(&at, "field_values");
        let Some(items) = field_values.as_array() else {
            read.problem(
                not_iconik,
                Target::Value(list_at),
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
            let item_at = pointer::push_index(&list_at, i);
            let Some(value) = item.as_object().and_then(|o| o.get("value")) else {
                read.problem(
                    not_iconik,
                    Target::Value(item_at),
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
            values.push(ReadValue {
                text,
                target: Target::Value(value_pointer(name, i)),
            });
        }
        if whole {
            read.fields.push(ReadField {
                name: name.clone(),
                target: Target::Key(at),
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
    use crate::diagnostic::Target;
    use crate::sidecar_file::{ProblemKind, SidecarFormat, read};

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
            read.fields[0].target,
            Target::Key("/metadata_values/a~1b".into())
        );
        let values: Vec<_> = read.fields[0]
            .values
            .iter()
            .map(|v| v.text.as_str())
            .collect();
        assert_eq!(values, ["x", "2"]);
        assert_eq!(
            read.fields[0].values[1].target,
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
