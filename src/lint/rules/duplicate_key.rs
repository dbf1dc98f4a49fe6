use std::collections::HashMap;

use jsonc_parser::ast::{ObjectPropName, Value as Node};
use jsonc_parser::common::Ranged;

use crate::base::diagnostic::{Finding, Span, Target};
use crate::base::document;
use crate::base::text::quoted;
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in one object. The later key is marked; the earlier
    /// one is shown beside it.
    ///
    /// ## Why is this bad?
    /// JSON parsers keep only one of the two values, usually the later one, and say nothing.
    /// Whoever edits the earlier one sees no effect. presetlint lints the later value, as
    /// OffShoot would use it.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "iconikSidecarElements": ["{Project}"],
    ///   "iconikSidecarElements": ["{Project}", "{Card}"]
    /// }
    /// ```
    /// Keep one of the two.
    pub static DUPLICATE_KEY = {
        code: "PL002",
        name: "duplicate-key",
        severity: Error,
        summary: "A key appears twice in one object",
        fix: None,
    }
}

/// PL002 for every key that repeats an earlier key of the same object, from the syntax tree
/// (only parsed when the fast parse saw a repeated key).
pub fn check(root: Option<&Node<'_>>) -> Vec<Finding> {
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
                let child = document::push_token(at, name);
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
                    collect_duplicates(item, &document::push_index(at, i), out);
                }
            }
        }
        _ => {}
    }
}

fn span_of(node: &impl Ranged) -> Span {
    let r = node.range();
    Span::new(r.start, r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::document::parse_tree;

    #[test]
    fn later_key_is_reported_as_the_repeat() {
        let tree = parse_tree(r#"{"a": 1, "a": 2}"#).unwrap();
        let dups = check(tree.as_ref());
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].target, Target::Span(Span::new(9, 12), "/a".into()));
    }
}
