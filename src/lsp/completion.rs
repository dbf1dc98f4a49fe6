//! Completion inside the iconik lists (element names: the patterns', a metadata view's fields,
//! the built-ins; extensions) and of a preset's keys.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, TextEdit,
};

use crate::base::diagnostic::Span;
use crate::base::text::quoted;
use crate::lint::rules::legacy_key;
use crate::lsp::OpenDocument;
use crate::lsp::outline::{self, Cursor, JsonString, Segment, Slot, split_preset};
use crate::model::elements::{self, BUILTIN, PATTERN_KEYS};
use crate::model::preset::{ELEMENTS_KEY, EXTENSIONS_KEY};
use crate::model::schema::{key_description, known_keys};

/// Extensions of camera, raw and audio files met on set, with what writes them. Offered in
/// `iconikSidecarExtensions`; the list only suggests, any extension may be typed.
pub const KNOWN_EXTENSIONS: &[(&str, &str)] = &[
    (".R3D", "RED raw"),
    (".MOV", "QuickTime (ProRes, H.264, H.265)"),
    (".MXF", "MXF (ARRI, Sony, Canon, Avid)"),
    (".ARI", "ARRIRAW"),
    (".ARX", "ARRIRAW HDE"),
    (".BRAW", "Blackmagic RAW"),
    (".CRM", "Canon Cinema RAW Light"),
    (".NEV", "Nikon N-RAW"),
    (".CINE", "Phantom high-speed raw"),
    (".DNG", "CinemaDNG frames"),
    (
        ".MP4",
        "MPEG-4 (Sony XAVC S, mirrorless and action cameras)",
    ),
    (".MTS", "AVCHD"),
    (".WAV", "Broadcast WAV sound"),
];

/// What a completion replaces, whether it must bring its own quotes, and whether it must
/// close the string it is in.
struct Target {
    span: Span,
    quoted: bool,
    close: bool,
}

pub fn completions(open: OpenDocument<'_>, position: Position) -> Vec<CompletionItem> {
    let text = &open.document.text;
    let offset = open.document.lines.offset(text, position, open.encoding);
    let strings = outline::strings(text);
    let (path, is_key, target, current) = match outline::cursor_at(text, offset) {
        Cursor::String(s) => {
            // An unterminated string runs to the end of its line, over the `]` or `}` that
            // follows: the edit stops at the cursor, and closes the string.
            let target = if s.terminated {
                Target {
                    span: s.inner(),
                    quoted: false,
                    close: false,
                }
            } else {
                Target {
                    span: Span::new(s.inner().start, offset.max(s.inner().start)),
                    quoted: false,
                    close: true,
                }
            };
            (s.path.clone(), s.is_key, target, Some(s))
        }
        Cursor::Between(slot) => {
            let target = Target {
                span: Span::new(offset, offset),
                quoted: true,
                close: false,
            };
            match slot {
                Slot::Key(object) => (object, true, target, None),
                Slot::Value(path) => (path, false, target, None),
            }
        }
    };
    let (preset, within) = split_preset(&path);
    let others = Others {
        strings: &strings,
        preset,
        current: current.as_ref(),
    };
    let items = if is_key {
        // A key string's path ends with the key itself; a key slot's path is its object's.
        let object_level = match current {
            Some(_) => matches!(within, [Segment::Key(_)]),
            None => within.is_empty(),
        };
        if object_level {
            key_items(&others)
        } else {
            Vec::new()
        }
    } else {
        match within {
            [Segment::Key(k), Segment::Index(_)] if k == ELEMENTS_KEY => {
                element_items(&open, &others)
            }
            [Segment::Key(k), Segment::Index(_)] if k == EXTENSIONS_KEY => extension_items(&others),
            _ => Vec::new(),
        }
    };
    // Items are made in the order they should be shown: the preset's own names first, then
    // OffShoot's (in the order its documentation lists them), then the rest.
    items
        .into_iter()
        .enumerate()
        .map(|(rank, item)| place(item, rank, &target, &open))
        .collect()
}

/// The other strings of the same preset: what is already there is not offered again.
struct Others<'a> {
    strings: &'a [JsonString],
    preset: &'a [Segment],
    /// The string being completed, which does not count.
    current: Option<&'a JsonString>,
}

impl Others<'_> {
    fn in_preset(&self) -> impl Iterator<Item = (&[Segment], &JsonString)> {
        self.strings
            .iter()
            .filter(|s| self.current.is_none_or(|c| c.span != s.span))
            .filter_map(|s| {
                let (preset, within) = split_preset(&s.path);
                (preset == self.preset).then_some((within, s))
            })
    }

    fn list_entries(&self, list: &str) -> Vec<&str> {
        self.in_preset()
            .filter(|(within, s)| {
                !s.is_key && matches!(within, [Segment::Key(k), Segment::Index(_)] if k == list)
            })
            .map(|(_, s)| s.value.trim())
            .collect()
    }
}

/// An item before it is placed: what it inserts (without quotes) and how it is shown.
struct Item {
    text: String,
    kind: CompletionItemKind,
    detail: String,
    documentation: Option<String>,
}

fn element_items(open: &OpenDocument<'_>, others: &Others<'_>) -> Vec<Item> {
    let listed: Vec<&str> = others.list_entries(ELEMENTS_KEY);
    let mut items: Vec<Item> = Vec::new();
    let mut offer = |name: &str, detail: String, documentation: Option<String>| {
        let token = format!("{{{name}}}");
        // Names iconik cannot take, and file elements, would only earn a finding.
        let unusable = name.contains(char::is_whitespace) || elements::is_file_element(name);
        if unusable || listed.contains(&token.as_str()) || items.iter().any(|i| i.text == token) {
            return;
        }
        items.push(Item {
            text: token,
            kind: CompletionItemKind::VARIABLE,
            detail,
            documentation,
        });
    };
    for (within, s) in others.in_preset() {
        if let [Segment::Key(key)] = within
            && !s.is_key
            && PATTERN_KEYS.contains(&key.as_str())
        {
            for (name, _) in elements::tokens_in_pattern(&s.value) {
                offer(name, format!("used in {key}"), None);
            }
        }
    }
    // With a metadata view, its fields: each is an element that feeds the field of its name.
    if let Some(view) = open.settings().view.as_deref() {
        for field in &view.fields {
            let detail = format!("field of view {}", view.name);
            offer(&field.name, detail, Some(field.summary()));
        }
    }
    for name in BUILTIN {
        offer(name, "built-in element".to_owned(), None);
    }
    for name in &open.settings().builtin_elements {
        offer(name, "built-in element (presetlint.toml)".to_owned(), None);
    }
    // With a view, what it accepts first; the rest after, each marked with what it would
    // earn (PL601).
    if let Some(view) = open.settings().view.as_deref() {
        let (mut fields, rest): (Vec<Item>, Vec<Item>) = items
            .into_iter()
            .partition(|i| view.field(i.text.trim_matches(['{', '}'])).is_some());
        fields.extend(rest.into_iter().map(|mut item| {
            item.detail = format!("{}; not a field of view {}: PL601", item.detail, view.name);
            item
        }));
        return fields;
    }
    items
}

fn extension_items(others: &Others<'_>) -> Vec<Item> {
    let listed = others.list_entries(EXTENSIONS_KEY);
    KNOWN_EXTENSIONS
        .iter()
        .filter(|(ext, _)| !listed.iter().any(|l| l.eq_ignore_ascii_case(ext)))
        .map(|(ext, what)| Item {
            text: (*ext).to_owned(),
            kind: CompletionItemKind::VALUE,
            detail: (*what).to_owned(),
            documentation: None,
        })
        .collect()
}

fn key_items(others: &Others<'_>) -> Vec<Item> {
    let present: Vec<&str> = others
        .in_preset()
        .filter(|(within, s)| s.is_key && within.len() == 1)
        .map(|(_, s)| s.value.as_str())
        .collect();
    // The legacy keys are PL502's: offering them would only earn a finding.
    let legacy = [legacy_key::CREATE_KEY, legacy_key::PARAMETER_NAMES_KEY];
    known_keys()
        .iter()
        .filter(|key| !present.contains(&key.as_str()) && !legacy.contains(&key.as_str()))
        .map(|key| Item {
            text: key.clone(),
            kind: CompletionItemKind::PROPERTY,
            detail: "preset key".to_owned(),
            documentation: key_description(key),
        })
        .collect()
}

/// The item as the client gets it: an edit of the string's content, or a quoted insertion
/// between tokens.
fn place(item: Item, rank: usize, target: &Target, open: &OpenDocument<'_>) -> CompletionItem {
    let is_key = item.kind == CompletionItemKind::PROPERTY;
    let new_text = match (target.quoted, is_key) {
        (true, true) => format!("{}: ", quoted(&item.text)),
        (true, false) => quoted(&item.text),
        (false, _) if target.close => format!("{}\"", item.text),
        (false, _) => item.text.clone(),
    };
    let range = open
        .document
        .lines
        .range(&open.document.text, target.span, open.encoding);
    CompletionItem {
        label: item.text.clone(),
        kind: Some(item.kind),
        detail: Some(item.detail),
        documentation: item.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        sort_text: Some(format!("{rank:04}")),
        filter_text: Some(new_text.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
        ..CompletionItem::default()
    }
}
