//! `presetlint init --view VIEW`: a preset made from a view, as iconik's own workflow begins
//! ("look up your tags in iconik ... mirror them"): its `iconikSidecarElements` mirror the
//! view's writable fields, each element named exactly as its field, and a presetlint.toml
//! names the view, so that `check` judges the preset against it from then on.

use crate::model::elements::{TokenShape, is_file_element, shape};
use crate::model::preset::ELEMENTS_KEY;
use crate::model::view::View;

/// What init writes, and the fields it leaves out with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skeleton {
    /// The preset: a JSON object, as OffShoot Pro's presets are.
    pub preset: String,
    /// The presetlint.toml naming the view.
    pub config: String,
    pub left_out: Vec<String>,
}

/// The preset and config for `view`, named in the config as `view_spec` (a path from the
/// config's folder, or `iconik:ID`).
pub fn skeleton(view: &View, view_spec: &str) -> Skeleton {
    let mut elements = Vec::new();
    let mut left_out = Vec::new();
    for field in &view.fields {
        let name = field.name.as_str();
        let why = if field.read_only {
            Some("the view makes it read-only, so iconik takes no value for it from a sidecar")
        } else if name.contains(char::is_whitespace) {
            Some("its name has a space, and iconik cannot process such an element")
        } else if is_file_element(name) {
            Some("its name is an OffShoot file element, which sidecars do not carry")
        } else if !matches!(shape(&format!("{{{name}}}")), TokenShape::Element(n) if n == name) {
            Some("its name cannot be written as an element")
        } else {
            None
        };
        match why {
            Some(why) => left_out.push(format!("{}: {why}", crate::base::text::quoted(name))),
            None => elements.push(format!("{{{name}}}")),
        }
    }
    // Destinations and extensions are left to the user (OffShoot's default without them:
    // sidecars on every destination, for every file); empty lists would say the same, and
    // `check` asks about them (PL504).
    let mut preset = serde_json::Map::new();
    preset.insert(
        ELEMENTS_KEY.into(),
        elements
            .into_iter()
            .map(serde_json::Value::String)
            .collect(),
    );
    let mut preset = serde_json::to_string_pretty(&preset).expect("JSON values serialize");
    preset.push('\n');
    let config = format!(
        "# presetlint's settings for the presets in this folder and below (made by `presetlint init`).\n\
         # The iconik metadata view the sidecars feed: element names and values are judged against it.\n\
         view = {}\n",
        toml_string(view_spec)
    );
    Skeleton {
        preset,
        config,
        left_out,
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    // A JSON string is a TOML basic string, save for the escapes TOML lacks: JSON writes
    // control characters as \u00XX, which TOML reads too.
    serde_json::to_string(text).expect("strings serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writable_fields_become_elements() {
        let view = View::parse(
            "v.json",
            br#"{"name": "Dailies", "view_fields": [
              {"name": "Project", "field_type": "string", "required": true},
              {"name": "asset_id", "field_type": "string", "read_only": true},
              {"name": "Shoot Day", "field_type": "integer"},
              {"name": "Filename", "field_type": "string"},
              {"name": "StorageTier", "field_type": "drop_down"}
            ]}"#
            .to_vec(),
        )
        .unwrap();
        let made = skeleton(&view, "views/dailies.json");
        assert_eq!(
            made.preset,
            "{\n  \"iconikSidecarElements\": [\n    \"{Project}\",\n    \"{StorageTier}\"\n  ]\n}\n"
        );
        assert_eq!(
            made.left_out,
            [
                "\"asset_id\": the view makes it read-only, so iconik takes no value for it from a sidecar",
                "\"Shoot Day\": its name has a space, and iconik cannot process such an element",
                "\"Filename\": its name is an OffShoot file element, which sidecars do not carry",
            ]
        );
        assert!(made.config.ends_with("view = \"views/dailies.json\"\n"));
        let parsed: toml::Table = toml::from_str(&made.config).unwrap();
        assert_eq!(parsed["view"].as_str(), Some("views/dailies.json"));
    }
}
