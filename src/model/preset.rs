//! The preset model: which top-level shapes hold presets, and the three iconik lists.

use std::path::Path;

use serde_json::{Map, Value};

use crate::base::document;

pub const DESTINATIONS_KEY: &str = "iconikSidecarDestinations";
pub const EXTENSIONS_KEY: &str = "iconikSidecarExtensions";
pub const ELEMENTS_KEY: &str = "iconikSidecarElements";

/// One of the three iconik lists of a preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Destinations,
    Extensions,
    Elements,
}

impl ListKind {
    pub const ALL: [ListKind; 3] = [
        ListKind::Destinations,
        ListKind::Extensions,
        ListKind::Elements,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ListKind::Destinations => DESTINATIONS_KEY,
            ListKind::Extensions => EXTENSIONS_KEY,
            ListKind::Elements => ELEMENTS_KEY,
        }
    }
}

/// One preset object of a document, with the pointer it lives at (`""` or `/N`).
#[derive(Debug, Clone, Copy)]
pub struct Preset<'a> {
    pub pointer: &'a str,
    /// The preset as a value (an object), for schema validation.
    pub value: &'a Value,
    pub map: &'a Map<String, Value>,
}

impl<'a> Preset<'a> {
    /// A preset view of an object value; `None` for anything else.
    pub fn new(pointer: &'a str, value: &'a Value) -> Option<Preset<'a>> {
        Some(Preset {
            pointer,
            value,
            map: value.as_object()?,
        })
    }

    /// The pointer of a member of this preset.
    pub fn key_pointer(&self, key: &str) -> String {
        document::push_token(self.pointer, key)
    }

    /// The pointer of an item of a list member of this preset.
    pub fn item_pointer(&self, key: &str, index: usize) -> String {
        document::push_index(&self.key_pointer(key), index)
    }

    /// A list's entries, when the key is present and holds an array of strings only.
    pub fn string_list(&self, key: &str) -> Option<Vec<&'a str>> {
        let items = self.map.get(key)?.as_array()?;
        // Sized once: a list may hold 100,000 entries, and collecting into an Option grows
        // the vector step by step.
        let mut entries = Vec::with_capacity(items.len());
        for item in items {
            entries.push(item.as_str()?);
        }
        Some(entries)
    }

    /// The string values of the pattern keys that are present, with their keys.
    pub fn patterns(&self) -> Vec<(&'static str, &'a str)> {
        crate::model::elements::PATTERN_KEYS
            .iter()
            .filter_map(|&key| Some((key, self.map.get(key)?.as_str()?)))
            .collect()
    }
}

/// Why a document's top level is not a preset, and the pointer of the offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPreset {
    pub pointer: String,
    pub message: String,
}

/// The presets of a document: an object is one preset; an array holds one per object item.
/// Returns the presets found and what is not a preset.
pub fn presets(root: &Value) -> (Vec<(String, &Value)>, Vec<NotAPreset>) {
    match root {
        Value::Object(_) => (vec![(String::new(), root)], Vec::new()),
        Value::Array(items) if items.is_empty() => (
            Vec::new(),
            vec![NotAPreset {
                pointer: String::new(),
                message:
                    "the top-level array is empty; a .hedge file holds an array of preset objects"
                        .into(),
            }],
        ),
        Value::Array(items) => {
            let mut found = Vec::new();
            let mut problems = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(_) => found.push((document::push_index("", i), item)),
                    other => problems.push(NotAPreset {
                        pointer: document::push_index("", i),
                        message: format!(
                            "item {i} of the top-level array is {}, not a preset object",
                            describe_type(other)
                        ),
                    }),
                }
            }
            (found, problems)
        }
        other => (
            Vec::new(),
            vec![NotAPreset {
                pointer: String::new(),
                message: format!(
                    "the top level is {}; a preset is an object, or an array of preset objects",
                    describe_type(other)
                ),
            }],
        ),
    }
}

/// The number `--preset N` takes for the preset at `pointer` (one of [`presets`]): 0 for a
/// document that is one object, the item's index in an array.
pub fn number(pointer: &str) -> usize {
    pointer
        .strip_prefix('/')
        .and_then(|i| i.parse().ok())
        .unwrap_or(0)
}

/// "a string", "an array", ... for messages.
pub fn describe_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_of_documents() {
        let obj = json!({"a": 1});
        assert_eq!(presets(&obj).0.len(), 1);
        let arr = json!([{"a": 1}, 5, {}]);
        let (found, problems) = presets(&arr);
        assert_eq!(
            found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["/0", "/2"]
        );
        assert_eq!(problems[0].pointer, "/1");
        assert_eq!(
            problems[0].message,
            "item 1 of the top-level array is a number, not a preset object"
        );
        assert_eq!(presets(&json!([])).1[0].pointer, "");
        assert_eq!(
            presets(&json!("x")).1[0].message,
            "the top level is a string; a preset is an object, or an array of preset objects"
        );
    }
}

/// An element listed in `iconikSidecarElements`, as the rules across a run's presets keep it
/// for every file until the run ends: hashes of its name and of the name folded, and where
/// the entry is. No text: 10,000 presets' worth of names would cost the run megabytes; the
/// few names a finding needs are read again from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElementUse {
    /// The name as spelt.
    pub spelling: u64,
    /// The name with case, `_` and `-` folded away.
    pub folded: u64,
    /// Which preset of a file that is an array of them; `u32::MAX` for a file of one.
    pub preset: u32,
    pub entry: u32,
}

impl ElementUse {
    pub fn new(name: &str, preset: Option<usize>, entry: usize) -> ElementUse {
        // Hashed a character at a time: no folded copy of every name is made.
        let mut folded = Fnv::new();
        let mut buf = [0u8; 4];
        for c in name.chars().filter(|c| !matches!(c, '_' | '-')) {
            folded.write(
                crate::base::text::fold_case(c)
                    .encode_utf8(&mut buf)
                    .as_bytes(),
            );
        }
        let mut spelling = Fnv::new();
        spelling.write(name.as_bytes());
        ElementUse {
            spelling: spelling.0,
            folded: folded.0,
            preset: preset
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(u32::MAX),
            entry: u32::try_from(entry).unwrap_or(u32::MAX),
        }
    }

    /// The entry's JSON Pointer.
    pub fn pointer(&self) -> String {
        match self.preset {
            u32::MAX => format!("/{ELEMENTS_KEY}/{}", self.entry),
            p => format!("/{p}/{ELEMENTS_KEY}/{}", self.entry),
        }
    }
}

/// A stable 64-bit hash (FNV-1a): names that hash alike are, for this purpose, the same.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// The stable hash of a name with its case folded (as [`ElementUse::folded`], but `_` and
/// `-` kept): the key two preset names are the same by, made without a folded copy.
pub fn case_folded_hash(name: &str) -> u64 {
    let mut hash = Fnv::new();
    let mut buf = [0u8; 4];
    for c in name.chars() {
        hash.write(
            crate::base::text::fold_case(c)
                .encode_utf8(&mut buf)
                .as_bytes(),
        );
    }
    hash.0
}

/// What the rules across presets know of one file: where it is, how many presets it holds
/// and its element entries. Held for one file at a time: what outlives the file is folded
/// into the rules' indexes, a few facts per distinct name.
#[derive(Debug, Clone, Copy)]
pub struct FileFacts<'a> {
    /// As the report shows it.
    pub shown: &'a str,
    /// Absolute and normalized: the order a tie is broken in and other files are listed in,
    /// the same whatever the run's folder and inputs, so that a partial run, the editor and
    /// a run over the whole tree say the same of a preset.
    pub place: &'a Path,
    pub presets: usize,
    pub elements: &'a [ElementUse],
}
