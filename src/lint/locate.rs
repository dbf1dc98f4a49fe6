//! Places findings in the text: a JSON Pointer becomes the byte range of a key or a value,
//! and a planned fix becomes text edits. It knows no rule: it places whatever it is given.

use crate::base::diagnostic::{
    Diagnostic, Edit, Finding, Fix, FixAction, FixPlan, Label, Span, Target,
};
use crate::base::document::{Place, SpanIndex};
use crate::base::text::quoted;
use crate::lint::settings::Settings;

/// Resolves pointers against one document's text.
pub struct Locator {
    index: SpanIndex,
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
            identity: finding.identity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::duplicate_key::DUPLICATE_KEY;

    #[test]
    fn a_pointer_resolves_to_its_value() {
        let text = r#"{"a": 1, "a": 2}"#;
        let finding = Finding::new(&DUPLICATE_KEY, Target::Value("/a".into()), "x");
        let locator = Locator::for_findings(text, std::slice::from_ref(&finding));
        assert_eq!(locator.find("/a").unwrap().value, Span::new(14, 15));
    }
}
