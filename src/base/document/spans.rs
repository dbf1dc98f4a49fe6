//! Byte ranges for a few JSON Pointers, found by scanning a text that serde_json has already
//! accepted as strict JSON. The scan follows only the paths that lead to a wanted pointer
//! and skips every other value byte by byte without building anything, so placing the
//! findings of a preset costs a fraction of parsing it into a syntax tree.

use std::collections::{HashMap, HashSet};

use crate::base::diagnostic::Span;
use crate::base::document::pointer;

/// Where a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The member's key (quotes included), when the node is an object member.
    pub key: Option<Span>,
    pub value: Span,
    /// What to delete to remove the node from its array, separator included.
    pub removal: Option<Span>,
}

/// The places of the wanted pointers that exist in the document.
#[derive(Debug, Default)]
pub struct SpanIndex {
    places: HashMap<String, Place>,
}

impl SpanIndex {
    /// Scans `text`, which must be strict JSON (serde_json accepted it), for `wanted`.
    /// Where a key repeats, the later member is found, as the value that is linted.
    pub fn scan<'p>(text: &str, wanted: impl IntoIterator<Item = &'p str>) -> SpanIndex {
        let plan = Plan::new(wanted);
        let mut scan = Scan {
            bytes: text.as_bytes(),
            at: 0,
            plan: &plan,
            places: HashMap::new(),
        };
        scan.skip_ws();
        let start = scan.at;
        if start < scan.bytes.len() {
            scan.value("");
            let value = Span::new(start, scan.at);
            scan.places.insert(
                String::new(),
                Place {
                    key: None,
                    value,
                    removal: None,
                },
            );
        }
        SpanIndex {
            places: scan.places,
        }
    }

    pub fn get(&self, pointer: &str) -> Option<&Place> {
        self.places.get(pointer)
    }
}

/// Which members and items to descend into, by the pointer of their container.
struct Plan {
    wanted: HashSet<String>,
    /// Container pointer -> the keys (unescaped) under it that lead to a wanted pointer.
    keys: HashMap<String, HashSet<String>>,
    /// Container pointer -> the indexes under it that lead to a wanted pointer.
    indexes: HashMap<String, HashSet<usize>>,
}

impl Plan {
    fn new<'p>(wanted: impl IntoIterator<Item = &'p str>) -> Plan {
        let mut plan = Plan {
            wanted: HashSet::new(),
            keys: HashMap::new(),
            indexes: HashMap::new(),
        };
        for target in wanted {
            plan.wanted.insert(target.to_owned());
            let mut parent = String::new();
            for token in pointer::tokens(target) {
                if let Ok(index) = token.parse::<usize>() {
                    plan.indexes
                        .entry(parent.clone())
                        .or_default()
                        .insert(index);
                }
                plan.keys
                    .entry(parent.clone())
                    .or_default()
                    .insert(token.clone());
                parent = pointer::push(&parent, &token);
            }
        }
        plan
    }
}

struct Scan<'t, 'p> {
    bytes: &'t [u8],
    at: usize,
    plan: &'p Plan,
    places: HashMap<String, Place>,
}

impl Scan<'_, '_> {
    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Past a string starting at `self.at` (its opening quote).
    fn skip_string(&mut self) {
        self.at += 1;
        while let Some(i) = memchr::memchr2(b'"', b'\\', &self.bytes[self.at..]) {
            self.at += i;
            if self.bytes[self.at] == b'\\' {
                self.at += 2;
            } else {
                self.at += 1;
                return;
            }
        }
        self.at = self.bytes.len();
    }

    /// Past any value, without looking inside it.
    fn skip_value(&mut self) {
        match self.bytes.get(self.at) {
            Some(b'"') => self.skip_string(),
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(&b) = self.bytes.get(self.at) {
                    match b {
                        b'"' => {
                            self.skip_string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while let Some(&b) = self.bytes.get(self.at) {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                        return;
                    }
                    self.at += 1;
                }
            }
        }
    }

    /// Past the value at `self.at`, whose pointer is `at`, recording wanted places inside.
    fn value(&mut self, at: &str) {
        match self.bytes.get(self.at) {
            Some(b'{') if self.plan.keys.contains_key(at) => self.object(at),
            Some(b'[') if self.plan.indexes.contains_key(at) => self.array(at),
            _ => self.skip_value(),
        }
    }

    fn object(&mut self, at: &str) {
        let keys = &self.plan.keys[at];
        self.at += 1;
        loop {
            self.skip_ws();
            match self.bytes.get(self.at) {
                Some(b'"') => {}
                Some(b'}') | None => {
                    self.at += 1;
                    return;
                }
                Some(_) => {
                    // A comma between members.
                    self.at += 1;
                    continue;
                }
            }
            let key_start = self.at;
            self.skip_string();
            let key = Span::new(key_start, self.at);
            self.skip_ws();
            self.at += 1; // the colon
            self.skip_ws();
            let value_start = self.at;
            let raw = &self.bytes[key_start + 1..key.end - 1];
            let name = decode_key(raw);
            match name.filter(|n| keys.contains(n.as_str())) {
                Some(name) => {
                    let child = pointer::push(at, &name);
                    self.value(&child);
                    if self.plan.wanted.contains(&child) {
                        let place = Place {
                            key: Some(key),
                            value: Span::new(value_start, self.at),
                            removal: None,
                        };
                        self.places.insert(child, place);
                    }
                }
                None => self.skip_value(),
            }
        }
    }

    fn array(&mut self, at: &str) {
        let indexes = &self.plan.indexes[at];
        let open = self.at;
        self.at += 1;
        let mut items: Vec<Span> = Vec::new();
        let mut found: Vec<(usize, String)> = Vec::new();
        loop {
            self.skip_ws();
            match self.bytes.get(self.at) {
                Some(b']') | None => {
                    self.at += 1;
                    break;
                }
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                Some(_) => {}
            }
            let index = items.len();
            let start = self.at;
            if indexes.contains(&index) {
                let child = pointer::push_index(at, index);
                self.value(&child);
                if self.plan.wanted.contains(&child) {
                    found.push((index, child));
                }
            } else {
                self.skip_value();
            }
            items.push(Span::new(start, self.at));
        }
        let close = self.at - 1;
        for (index, child) in found {
            let value = items[index];
            let removal = if items.len() == 1 {
                Span::new(open + 1, close)
            } else if index > 0 {
                Span::new(items[index - 1].end, value.end)
            } else {
                Span::new(value.start, items[1].start)
            };
            let place = Place {
                key: None,
                value,
                removal: Some(removal),
            };
            self.places.insert(child, place);
        }
    }
}

/// A key's text between its quotes, unescaped; `None` if it is not valid (it always is in
/// text serde_json accepted).
fn decode_key(raw: &[u8]) -> Option<String> {
    if !raw.contains(&b'\\') {
        return std::str::from_utf8(raw).ok().map(str::to_owned);
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice(&quoted).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn places_values_keys_and_removals() {
        let text = r#" {"a": [1, {"x": "y"}, 3], "b\/c": [4], "a": [5, "six", 7]} "#;
        let index = SpanIndex::scan(
            text,
            ["/a/1", "/a/0", "/b~1c/0", "/b~1c", "/missing", "/a/9"],
        );
        assert_eq!(text_of(text, index.get("").unwrap().value), text.trim());
        let later = index.get("/a/1").unwrap();
        assert_eq!(text_of(text, later.value), "\"six\"");
        assert_eq!(text_of(text, later.removal.unwrap()), ", \"six\"");
        assert_eq!(
            text_of(text, index.get("/a/0").unwrap().removal.unwrap()),
            "5, "
        );
        let bc = index.get("/b~1c").unwrap();
        assert_eq!(text_of(text, bc.key.unwrap()), "\"b\\/c\"");
        assert_eq!(
            text_of(text, index.get("/b~1c/0").unwrap().removal.unwrap()),
            "4"
        );
        assert!(index.get("/missing").is_none());
        assert!(index.get("/a/9").is_none());
    }

    #[test]
    fn strings_with_escaped_quotes_and_brackets_are_skipped_whole() {
        let text = r#"{"skip": ["]\"}", {"k": "\\"}], "want": "v"}"#;
        let index = SpanIndex::scan(text, ["/want"]);
        assert_eq!(text_of(text, index.get("/want").unwrap().value), "\"v\"");
    }

    #[test]
    fn agrees_with_the_syntax_tree() {
        use crate::base::document::syntax::parse_tree;
        use jsonc_parser::ast::Value as Node;
        use jsonc_parser::common::Ranged;
        let text = "[\n  {\"iconikSidecarElements\": [\"{A}\", \"{B}\" , \"{C}\"], \"n\": -1.5e3, \"t\": true}\n]";
        let tree = parse_tree(text).unwrap().unwrap();
        let Node::Array(root) = &tree else { panic!() };
        let Node::Object(preset) = &root.elements[0] else {
            panic!()
        };
        let Node::Array(list) = &preset.properties[0].value else {
            panic!()
        };
        let index = SpanIndex::scan(text, ["/0/iconikSidecarElements/2", "/0/n", "/0/t"]);
        let r = list.elements[2].range();
        assert_eq!(
            index.get("/0/iconikSidecarElements/2").unwrap().value,
            Span::new(r.start, r.end)
        );
        let r = preset.properties[1].value.range();
        assert_eq!(index.get("/0/n").unwrap().value, Span::new(r.start, r.end));
        let r = preset.properties[2].value.range();
        assert_eq!(index.get("/0/t").unwrap().value, Span::new(r.start, r.end));
    }
}
