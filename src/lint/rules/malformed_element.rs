use crate::base::diagnostic::{Finding, FixAction, Safety};
use crate::declare_rule;
use crate::lint::rules::{Entry, PresetContext, quoted};
use crate::model::elements::TokenShape;

declare_rule! {
    /// ## What it does
    /// Reports an entry of `iconikSidecarElements` that is not exactly one `{Name}` token:
    /// a name without braces, two tokens in one entry (`{A}{B}`), `{}`, braces that do not
    /// pair up or are nested, or whitespace just inside the braces (`{ Project }`).
    ///
    /// ## Why is this bad?
    /// OffShoot ignores entries it does not recognise as an element, so the field is never
    /// written to the sidecar.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElements": ["Project", "{Camera}{Card}", "{ Date }"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{Project}", "{Camera}", "{Card}", "{Date}"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: wraps a bare name in braces, completes or un-nests braces around a single name,
    /// splits several tokens into entries, and trims whitespace inside the braces. `{}` has no
    /// fix.
    pub static MALFORMED_ELEMENT = {
        code: "PL203",
        name: "malformed-element",
        severity: Error,
        summary: "An entry is not exactly one `{Name}` token",
        fix: Safe,
    }
}

#[inline(always)]
pub fn check(
    _ctx: &PresetContext<'_>,
    entry: &Entry<'_>,
    shape: &TokenShape<'_>,
) -> Option<Finding> {
    // Most entries are well formed: they cost no quoting.
    if let TokenShape::Element(_) = shape {
        return None;
    }
    let value = quoted(entry.value);
    let (message, fixed): (String, Option<Vec<String>>) = match shape {
        TokenShape::Element(_) => return None,
        TokenShape::Bare => (
            format!("{value} is not an element: elements are written in braces"),
            single(entry.value),
        ),
        TokenShape::Several(names) => (
            format!("{value} holds {} elements in one entry", names.len()),
            names
                .iter()
                .all(|n| well_formed(n))
                .then(|| names.iter().map(|n| format!("{{{n}}}")).collect()),
        ),
        TokenShape::Empty => (format!("{value} is an element without a name"), None),
        TokenShape::Padded(name) => (
            format!("{value} has whitespace inside its braces"),
            well_formed(name).then(|| vec![format!("{{{name}}}")]),
        ),
        TokenShape::Nested => (
            format!("{value} has nested braces"),
            single(entry.value.trim_start_matches('{').trim_end_matches('}')),
        ),
        TokenShape::Unbalanced => (
            format!("{value} has braces that do not pair up"),
            single(entry.value.trim_start_matches('{').trim_end_matches('}')),
        ),
    };
    let finding = Finding::new(&MALFORMED_ELEMENT, entry.target(), message);
    Some(match fixed {
        Some(tokens) => {
            let json = tokens
                .iter()
                .map(|t| quoted(t))
                .collect::<Vec<_>>()
                .join(", ");
            finding.with_fix(
                Safety::Safe,
                format!("Replace with {json}"),
                vec![FixAction::ReplaceValue {
                    pointer: entry.pointer(),
                    json,
                }],
            )
        }
        None => finding,
    })
}

/// A name the fix may wrap: something to wrap, no braces left, not padded.
fn well_formed(name: &str) -> bool {
    !name.is_empty() && !name.contains(['{', '}']) && name.trim() == name
}

fn single(name: &str) -> Option<Vec<String>> {
    well_formed(name).then(|| vec![format!("{{{name}}}")])
}
