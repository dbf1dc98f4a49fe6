//! Places findings in the text: a JSON Pointer becomes the byte range of a key or a value
//! in the syntax tree, and a planned fix becomes text edits. Also finds repeated keys (PL002),
//! which only the syntax tree can see.

use std::collections::HashMap;

use jsonc_parser::ast::{ObjectPropName, Value as Node};
use jsonc_parser::common::Ranged;

use crate::diagnostic::{Diagnostic, Edit, Finding, Fix, FixAction, FixPlan, Label, Span, Target};
use crate::document::pointer;
use crate::rules::duplicate_key::DUPLICATE_KEY;
use crate::rules::quoted;
use crate::settings::Settings;

/// Where a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// The member's key, when the node is an object member.
    key: Option<Span>,
    value: Span,
    /// What to delete to remove the node from its array, separator included.
    removal: Option<Span>,
}

/// Resolves pointers against one document's syntax tree.
pub struct Locator<'t> {
    root: Option<&'t Node<'t>>,
}

fn span_of(node: &impl Ranged) -> Span {
    let r = node.range();
    Span::new(r.start, r.end)
}

impl<'t> Locator<'t> {
    pub fn new(root: Option<&'t Node<'t>>) -> Locator<'t> {
        Locator { root }
    }

    fn find(&self, pointer: &str) -> Option<Place> {
        let mut node = self.root?;
        let mut place = Place {
            key: None,
            value: span_of(node),
            removal: None,
        };
        for token in pointer::tokens(pointer) {
            match node {
                Node::Object(object) => {
                    let prop = object
                        .properties
                        .iter()
                        .rev()
                        .find(|p| p.name.as_str() == token)?;
                    let key = match &prop.name {
                        ObjectPropName::String(lit) => span_of(lit),
                        ObjectPropName::Word(lit) => span_of(lit),
                    };
                    node = &prop.value;
                    place = Place {
                        key: Some(key),
                        value: span_of(node),
                        removal: None,
                    };
                }
                Node::Array(array) => {
                    let index: usize = token.parse().ok()?;
                    let items = &array.elements;
                    node = items.get(index)?;
                    let value = span_of(node);
                    let removal = if items.len() == 1 {
                        let whole = span_of(array);
                        Span::new(whole.start + 1, whole.end - 1)
                    } else if index > 0 {
                        Span::new(span_of(&items[index - 1]).end, value.end)
                    } else {
                        Span::new(value.start, span_of(&items[1]).start)
                    };
                    place = Place {
                        key: None,
                        value,
                        removal: Some(removal),
                    };
                }
                _ => return None,
            }
        }
        Some(place)
    }

    /// The span a target names; the whole document when the pointer does not resolve.
    fn span(&self, target: &Target) -> Span {
        let found = match target {
            Target::Span(span, _) => return *span,
            Target::Key(p) => self.find(p).map(|place| place.key.unwrap_or(place.value)),
            Target::Value(p) => self.find(p).map(|place| place.value),
        };
        found.unwrap_or_else(|| self.root.map_or(Span::default(), span_of))
    }

    fn edits(&self, plan: &FixPlan) -> Option<Fix> {
        let mut edits = Vec::with_capacity(plan.actions.len());
        for action in &plan.actions {
            edits.push(match action {
                FixAction::ReplaceValue { pointer, json } => Edit {
                    span: self.find(pointer)?.value,
                    content: json.clone(),
                },
                FixAction::RemoveItem { pointer } => Edit {
                    span: self.find(pointer)?.removal?,
                    content: String::new(),
                },
                FixAction::RenameKey { pointer, name } => Edit {
                    span: self.find(pointer)?.key?,
                    content: quoted(name),
                },
            });
        }
        edits.sort();
        if edits.windows(2).any(|w| w[0].span.end > w[1].span.start) {
            return None;
        }
        Some(Fix {
            safety: plan.safety,
            title: plan.title.clone(),
            edits,
        })
    }

    /// Places a finding; `None` when its rule is switched off.
    pub fn resolve(&self, finding: Finding, settings: &Settings) -> Option<Diagnostic> {
        let severity = settings.severity(finding.rule)?;
        Some(Diagnostic {
            rule: finding.rule,
            severity,
            span: self.span(&finding.target),
            pointer: finding.target.pointer().to_owned(),
            labels: finding
                .related
                .iter()
                .map(|(target, message)| Label {
                    span: self.span(target),
                    message: message.clone(),
                })
                .collect(),
            help: finding.help,
            fix: finding.fix.as_ref().and_then(|plan| self.edits(plan)),
            message: finding.message,
        })
    }

    /// PL002 for every key that repeats an earlier key of the same object.
    pub fn duplicate_keys(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(root) = self.root {
            collect_duplicates(root, "", &mut out);
        }
        out
    }
}

fn collect_duplicates(node: &Node<'_>, at: &str, out: &mut Vec<Finding>) {
    match node {
        Node::Object(object) => {
            let mut first: HashMap<&str, Span> = HashMap::new();
            for prop in &object.properties {
                let name = prop.name.as_str();
                let key_span = match &prop.name {
                    ObjectPropName::String(lit) => span_of(lit),
                    ObjectPropName::Word(lit) => span_of(lit),
                };
                let child = pointer::push(at, name);
                match first.get(name) {
                    Some(&earlier) => out.push(
                        Finding::new(
                            &DUPLICATE_KEY,
                            Target::Span(key_span, child.clone()),
                            format!("key {} appears twice in this object; the later value is the one used", quoted(name)),
                        )
                        .with_related(Target::Span(earlier, child.clone()), "first given here"),
                    ),
                    None => {
                        first.insert(name, key_span);
                    }
                }
                collect_duplicates(&prop.value, &child, out);
            }
        }
        Node::Array(array) => {
            for (i, item) in array.elements.iter().enumerate() {
                if matches!(item, Node::Object(_) | Node::Array(_)) {
                    collect_duplicates(item, &pointer::push_index(at, i), out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::syntax::parse_tree;

    #[test]
    fn removal_spans_take_the_separator() {
        let text = r#"{"a": [1, 2, 3], "b": [4]}"#;
        let tree = parse_tree(text).unwrap();
        let loc = Locator::new(tree.as_ref());
        let removal = |p: &str| {
            let s = loc.find(p).unwrap().removal.unwrap();
            &text[s.start..s.end]
        };
        assert_eq!(removal("/a/0"), "1, ");
        assert_eq!(removal("/a/2"), ", 3");
        assert_eq!(removal("/b/0"), "4");
        let key = loc.find("/b").unwrap().key.unwrap();
        assert_eq!(&text[key.start..key.end], "\"b\"");
    }

    #[test]
    fn later_key_is_the_one_found() {
        let text = r#"{"a": 1, "a": 2}"#;
        let tree = parse_tree(text).unwrap();
        let loc = Locator::new(tree.as_ref());
        assert_eq!(loc.find("/a").unwrap().value, Span::new(14, 15));
        let dups = loc.duplicate_keys();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].target, Target::Span(Span::new(9, 12), "/a".into()));
    }
}
