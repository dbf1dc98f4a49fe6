//! `{"metadata_values": {NAME: {"field_values": [{"value": V}, ...]}}}`, indented by two
//! spaces: the shape of iconik's metadata API, which its sidecar reader shares.

use serde_json::{Map, Value, json};

use crate::output::sidecar::format::Field;

pub(crate) fn render(fields: &[Field]) -> String {
    let mut values = Map::new();
    for field in fields {
        let field_values: Vec<Value> = field.values.iter().map(|v| json!({ "value": v })).collect();
        values.insert(field.name.clone(), json!({ "field_values": field_values }));
    }
    let doc = json!({ "metadata_values": values });
    let mut text = serde_json::to_string_pretty(&doc).expect("strings and maps serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden() {
        let fields = [
            Field {
                name: "Project".into(),
                values: vec!["PRX".into()],
            },
            Field {
                name: "Keywords".into(),
                values: vec!["day".into(), "ext".into()],
            },
        ];
        assert_eq!(
            render(&fields),
            r#"{
  "metadata_values": {
    "Project": {
      "field_values": [
        {
          "value": "PRX"
        }
      ]
    },
    "Keywords": {
      "field_values": [
        {
          "value": "day"
        },
        {
          "value": "ext"
        }
      ]
    }
  }
}
"#
        );
        assert_eq!(render(&[]), "{\n  \"metadata_values\": {}\n}\n");
    }
}
