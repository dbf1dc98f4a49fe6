//! Places findings in the text: a JSON Pointer becomes the byte range of a key or a value
//! in the syntax tree, and a planned fix becomes text edits. Also finds repeated keys (PL002),
//! which only the syntax tree can see.

use std::collections::HashMap;

use jsonc_parser::ast::{ObjectPropName, Value as Node};
use jsonc_parser::common::Ranged;

use crate::diagnostic::{Diagnostic, Edit, Finding, Fix, FixAction, FixPlan, Label, Span, Target};
use crate::document::pointer;
use crate::document::spans::{Place, SpanIndex};
use crate::rules::duplicate_key::DUPLICATE_KEY;
use crate::rules::quoted;
use crate::settings::Settings;

/// Resolves pointers against one document's text.
pub struct Locator {
    index: SpanIndex,
}

fn span_of(node: &impl Ranged) -> Span {
    let r = node.range();
    Span::new(r.start, r.end)
}

impl Locator {
    /// A locator for these findings: their targets, related places and fixes are found by
    /// one scan of `text`, which must be strict JSON.
    pub fn for_findings(text: &str, findings: &[Finding]) -> Locator {
        let mut wanted: Vec<&str> = Vec::new();
        for finding in findings {
            wanted.push(finding.target.pointer());
            wanted.extend(finding.related.iter().map(|(t, _)| t.pointer()));
            for action in finding.fix.iter().flat_map(|f| &f.actions) {
                wanted.push(match action {
                    FixAction::ReplaceValue { pointer, .. }
                    | FixAction::RemoveItem { pointer }
                    | FixAction::RenameKey { pointer, .. } => pointer,
                });
            }
        }
        Locator {
            index: SpanIndex::scan(text, wanted),
        }
    }

    /// A locator that knows no place: for findings whose targets are spans already.
    pub fn empty() -> Locator {
        Locator {
            index: SpanIndex::default(),
        }
    }

    fn find(&self, pointer: &str) -> Option<Place> {
        self.index.get(pointer).copied()
    }

    fn root(&self) -> Span {
        self.index.get("").map_or(Span::default(), |p| p.value)
    }

    /// The span a target names; the whole document when the pointer does not resolve.
    fn span(&self, target: &Target) -> Span {
        let found = match target {
            Target::Span(span, _) => return *span,
            Target::Key(p) => self.find(p).map(|place| place.key.unwrap_or(place.value)),
            Target::Value(p) => self.find(p).map(|place| place.value),
        };
        found.unwrap_or_else(|| self.root())
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
}

/// PL002 for every key that repeats an earlier key of the same object, from the syntax tree
/// (only parsed when the fast parse saw a repeated key).
pub fn duplicate_keys(root: Option<&Node<'_>>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(root) = root {
        collect_duplicates(root, "", &mut out);
    }
    out
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
    fn later_key_is_reported_as_the_repeat() {
        let text = r#"{"a": 1, "a": 2}"#;
        let tree = parse_tree(text).unwrap();
        let dups = duplicate_keys(tree.as_ref());
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].target, Target::Span(Span::new(9, 12), "/a".into()));
        let finding = Finding::new(&DUPLICATE_KEY, Target::Value("/a".into()), "x");
        let locator = Locator::for_findings(text, std::slice::from_ref(&finding));
        assert_eq!(locator.find("/a").unwrap().value, Span::new(14, 15));
    }
}
