//! Hover: what an element token is, where the preset uses it and (with a metadata view) the
//! iconik field it feeds, what a known key means, and the rule behind a finding.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::base::diagnostic::{Diagnostic, Span};
use crate::lsp::OpenDocument;
use crate::lsp::outline::{self, JsonString, Segment, split_preset};
use crate::model::elements::{self, PATTERN_KEYS, TokenShape};
use crate::model::preset::ELEMENTS_KEY;
use crate::model::schema::{key_description, known_keys};

pub fn hover(open: OpenDocument<'_>, position: Position) -> Option<Hover> {
    let text = &open.document.text;
    let offset = open.document.lines.offset(text, position, open.encoding);
    let strings = outline::strings(text);
    let mut sections = Vec::new();
    let mut range_span: Option<Span> = None;

    if let Some(string) = strings
        .iter()
        .find(|s| s.span.start <= offset && offset < s.span.end)
    {
        let (preset, within) = split_preset(&string.path);
        if string.is_key {
            if let [Segment::Key(key)] = within {
                sections.extend(key_hover(key));
                range_span = Some(string.span);
            }
        } else if let Some((name, span)) = element_at(text, string, within, offset) {
            sections.push(element_hover(&open, &strings, preset, name));
            range_span = Some(span);
        }
    }

    // The findings at the hovered entry, a line each: on a string, those inside it (not the
    // whole list's, which every entry of the list is inside of); elsewhere those at the cursor.
    let hovered = strings
        .iter()
        .find(|s| s.span.start <= offset && offset < s.span.end)
        .map(|s| s.span);
    let shift = open.document.span_shift();
    let mut lines = Vec::new();
    for diagnostic in &open.checked.diagnostics {
        let span = Span::new(diagnostic.span.start + shift, diagnostic.span.end + shift);
        let on_it = match hovered {
            Some(string) => string.start <= span.start && span.end <= string.end,
            None => (span.start <= offset && offset < span.end) || span.start == offset,
        };
        if on_it {
            lines.push(finding_line(diagnostic));
            range_span.get_or_insert(span);
        }
    }
    if !lines.is_empty() {
        sections.push(lines.join("\n"));
    }

    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: range_span.map(|span| open.document.lines.range(text, span, open.encoding)),
    })
}

fn key_hover(key: &str) -> Option<String> {
    if !known_keys().iter().any(|k| k == key) {
        return None;
    }
    let description = key_description(key).unwrap_or_default();
    Some(
        format!("**`{key}`**\n\n{description}")
            .trim_end()
            .to_owned(),
    )
}

/// The element token under the cursor, in an entry of `iconikSidecarElements` or in a
/// pattern, with its span in the text (the whole string when escapes make offsets differ).
fn element_at<'s>(
    text: &str,
    string: &'s JsonString,
    within: &[Segment],
    offset: usize,
) -> Option<(&'s str, Span)> {
    let in_list = matches!(within, [Segment::Key(k), Segment::Index(_)] if k == ELEMENTS_KEY);
    let in_pattern = matches!(within, [Segment::Key(k)] if PATTERN_KEYS.contains(&k.as_str()));
    if !in_list && !in_pattern {
        return None;
    }
    let verbatim = string.is_verbatim(text);
    let inner = string.inner().start;
    let tokens = elements::tokens_in_pattern(&string.value);
    let token = if verbatim {
        tokens
            .into_iter()
            .find(|(_, r)| inner + r.start <= offset && offset < inner + r.end)
    } else {
        tokens.into_iter().next()
    };
    match token {
        Some((name, r)) if verbatim => Some((name, Span::new(inner + r.start, inner + r.end))),
        Some((name, _)) => Some((name, string.span)),
        // `{ Project }` and other malformed entries are still about an element.
        None if in_list => match elements::shape(string.value.trim()) {
            TokenShape::Padded(name) => Some((name, string.span)),
            _ => None,
        },
        None => None,
    }
}

/// What an element is, where this preset uses it, and what the sidecar makes of it.
fn element_hover(
    open: &OpenDocument<'_>,
    strings: &[JsonString],
    preset: &[Segment],
    name: &str,
) -> String {
    let kind = if let Some(what) = builtin_meaning(name) {
        format!("built-in element: OffShoot fills in {what}")
    } else if elements::is_builtin(name, &open.settings().builtin_elements) {
        "built-in element (declared in presetlint.toml's `builtin-elements`)".to_owned()
    } else if elements::is_file_element(name) {
        "file element: OffShoot leaves file elements out of sidecars".to_owned()
    } else {
        "custom element, made in OffShoot".to_owned()
    };

    let in_preset = |s: &&JsonString| !s.is_key && split_preset(&s.path).0 == preset;
    let patterns: Vec<String> = strings
        .iter()
        .filter(in_preset)
        .filter_map(|s| match split_preset(&s.path).1 {
            [Segment::Key(key)] if PATTERN_KEYS.contains(&key.as_str()) => {
                let uses = elements::tokens_in_pattern(&s.value)
                    .iter()
                    .any(|(n, _)| *n == name);
                uses.then(|| format!("`{key}`"))
            }
            _ => None,
        })
        .collect();
    let listed = strings.iter().filter(in_preset).any(|s| {
        matches!(split_preset(&s.path).1, [Segment::Key(k), Segment::Index(_)] if k == ELEMENTS_KEY)
            && elements::tokens_in_pattern(&s.value)
                .iter()
                .any(|(n, _)| n.trim() == name)
    });

    let used = if patterns.is_empty() {
        "no pattern of this preset uses it".to_owned()
    } else {
        format!("used in {}", patterns.join(", "))
    };
    let sidecar = if listed {
        format!("listed in `{ELEMENTS_KEY}`: the sidecar has the iconik field `{name}`")
    } else {
        format!("not listed in `{ELEMENTS_KEY}`: left out of the sidecar")
    };
    let mut text = format!("**`{{{name}}}`**: {kind}\n\n- {used}\n- {sidecar}");
    if let Some(view) = open.settings().view.as_deref()
        && !elements::is_file_element(name)
    {
        match view.field(name) {
            Some(field) => text.push_str(&format!(
                "\n- view `{}`: field `{name}`, {}",
                view.name,
                field.summary()
            )),
            None => text.push_str(&format!("\n- view `{}` has no field `{name}`", view.name)),
        }
    }
    text
}

/// What OffShoot puts in place of each of its built-in elements.
fn builtin_meaning(name: &str) -> Option<&'static str> {
    Some(match name {
        "Source Name" => "the source's volume name",
        "Counter" => "the source counter, zero-padded (e.g. `001`)",
        "Date" => "the date (`20211224` in event data)",
        "YYYY" => "the year, four digits",
        "YY" => "the year, two digits",
        "MM" => "the month, two digits",
        "DD" => "the day of the month, two digits",
        "hh" => "the hour, two digits",
        "mm" => "the minute, two digits",
        "ss" => "the second, two digits",
        _ => return None,
    })
}

/// The finding's message and help, then its rule's summary and documentation.
/// One finding as one line: its severity, its rule with a link to the rule's page, its
/// message and help.
fn finding_line(diagnostic: &Diagnostic) -> String {
    let rule = diagnostic.rule;
    let mut line = format!(
        "- {} [{} {}]({}): {}",
        diagnostic.severity,
        rule.code,
        rule.name,
        rule.url(),
        diagnostic.message
    );
    if let Some(help) = &diagnostic.help {
        line.push_str(&format!(" (help: {help})"));
    }
    line.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_element_is_explained() {
        for name in elements::BUILTIN {
            assert!(builtin_meaning(name).is_some(), "{name}");
        }
    }
}
