//! Golden sidecars in the three formats, parsed back with independent readers (serde_json,
//! quick-xml and csv, through the readers the fuzzers share in tests/invariants) and compared
//! with iconik's documented structure, hostile values included.

use crate::invariants::{parse_json, parse_xml};
use presetlint::output::sidecar::{Field, SidecarFormat, render};

const HOSTILE: &[&str] = &[
    "</value>",
    "say \"hi\"",
    "a, b",
    "line 1\nline 2\r\nline 3",
    "🎬 take 3",
    "שלום עולם",
    "x & y < z > w ]]>",
    "  padded  ",
    "",
    "'single'",
];

fn fields(values_per_field: usize) -> Vec<Field> {
    HOSTILE
        .iter()
        .enumerate()
        .map(|(i, v)| Field {
            name: format!("field_{i}"),
            values: (0..values_per_field)
                .map(|n| format!("{v}{}", if n == 0 { String::new() } else { n.to_string() }))
                .collect(),
        })
        .collect()
}

fn expected(fields: &[Field]) -> Vec<(String, Vec<String>)> {
    fields
        .iter()
        .map(|f| (f.name.clone(), f.values.clone()))
        .collect()
}

#[test]
fn json_round_trips() {
    let fields = fields(2);
    let text = render(SidecarFormat::Json, &fields).unwrap();
    assert_eq!(parse_json(&text), expected(&fields));
    assert!(text.ends_with("}\n") && !text.starts_with('\u{feff}'));
    assert!(
        text.contains("\"value\": \"</value>\""),
        "no needless escaping"
    );
    assert!(
        text.contains("\"value\": \"שלום עולם\""),
        "Unicode written as is"
    );
}

#[test]
fn xml_round_trips() {
    let fields = fields(2);
    let text = render(SidecarFormat::Xml, &fields).unwrap();
    assert_eq!(parse_xml(&text), expected(&fields));
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata_view>\n"));
    assert!(text.ends_with("</metadata_view>\n"));
}

#[test]
fn csv_round_trips() {
    let fields = fields(1);
    let text = render(SidecarFormat::Csv, &fields).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        rows[1],
        fields
            .iter()
            .map(|f| f.values[0].clone())
            .collect::<Vec<_>>()
    );
    assert!(text.ends_with("\r\n"));
}

#[test]
fn each_format_refuses_what_it_cannot_carry() {
    let several = [Field {
        name: "tags".into(),
        values: vec!["a".into(), "b".into()],
    }];
    assert!(render(SidecarFormat::Csv, &several).is_err());
    assert!(render(SidecarFormat::Json, &several).is_ok());
    let spaced = [Field {
        name: "Shoot Day".into(),
        values: vec!["1".into()],
    }];
    assert_eq!(
        render(SidecarFormat::Xml, &spaced).unwrap_err()[0].message,
        "\"Shoot Day\" cannot be an XML element name, so the XML sidecar cannot carry it"
    );
    assert!(render(SidecarFormat::Json, &spaced).is_ok());
}
