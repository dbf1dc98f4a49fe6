//! Properties over generated inputs (issue 6): spans, positions, pointers, the fixer, sidecar
//! round trips and matching. The invariants themselves are in tests/invariants/mod.rs, shared
//! with the fuzz targets.

use std::path::Path;

use presetlint::base::lines::{LineIndex, Position};
use presetlint::output::sidecar::Field;
use presetlint::output::sidecar::{Filter, match_destination, match_extension};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Generated presets: the iconik keys holding entries that exercise every rule and fix.

/// Entries that trip the rules: lists in a string, padding, missing braces or dots, spaces,
/// file elements, case variants (duplicates once folded), blanks, non-ASCII.
const TRICKY: &[&str] = &[
    "{Project}",
    "{project}",
    "{Source Name}",
    "{File Name}",
    "{Date}",
    "Project",
    "{Project",
    "Project}",
    "{}",
    "{{Project}}",
    " {Project} ",
    "{Project};{Date}",
    "{Project}, {Date}",
    ".MOV",
    ".mov",
    "mov",
    "MXF",
    ".R3D;.MOV",
    ".r3d, .mov",
    " .wav",
    ".",
    "..MOV",
    ".m o v",
    "RAID",
    "raid",
    "Backup 1; Backup 2;",
    "/Volumes/RAID/",
    "/Volumes/RAID",
    "*/proxies",
    "*",
    "",
    "  ",
    "\t",
    ";",
    ",",
    "é",
    "{Été}",
    "🎬",
    ".🎬",
    "a/b~c",
    "\u{0}",
    "\"",
    "\\",
];

/// The lists the rules are about, with misspelt and legacy forms.
const LIST_KEYS: &[&str] = &[
    "iconikSidecarElements",
    "iconikSidecarExtensions",
    "iconikSidecarDestinations",
    "iconikSidecarParameterNames",
    "iconikSidecarElement",
    "IconikSidecarExtensions",
];

/// Other keys of a preset, whose values are patterns of elements, a version, a flag.
const OTHER_KEYS: &[&str] = &[
    "version",
    "labelPattern",
    "renamePattern",
    "folderPattern",
    "createIconikSidecars",
    "counter",
];

fn entry() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TRICKY).prop_map(str::to_owned),
        1 => "[ {};,./*~a-zA-Z0-9é🎬]{0,8}",
        1 => proptest::sample::select(TRICKY).prop_flat_map(|a| {
            proptest::sample::select(TRICKY).prop_map(move |b| format!("{a}{b}"))
        }),
    ]
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A list's value as JSON text: mostly a list of entries (drawn from a small pool, so they
/// repeat), sometimes a string, a number, a boolean, null or an object (PL004).
fn list_value() -> impl Strategy<Value = String> {
    let list = |items: Vec<String>| {
        format!(
            "[{}]",
            items.iter().map(|s| json(s)).collect::<Vec<_>>().join(", ")
        )
    };
    prop_oneof![
        5 => prop::collection::vec(entry(), 0..5).prop_map(list),
        // An entry again, as is or in another case (PL102).
        3 => (prop::collection::vec(entry(), 1..4), any::<bool>()).prop_map(move |(mut items, upper)| {
            let again = if upper { items[0].to_uppercase() } else { items[0].clone() };
            items.push(again);
            list(items)
        }),
        1 => entry().prop_map(|s| json(&s)),
        1 => proptest::sample::select(&["1", "true", "null", "{}", "[[\"{Project}\"]]", "-0.5e3"][..])
            .prop_map(str::to_owned),
    ]
}

/// A member: an iconik list, another known key with a string (or a wrong type now and then),
/// or a random extra key.
fn member() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        4 => (proptest::sample::select(LIST_KEYS).prop_map(str::to_owned), list_value()),
        1 => (
            proptest::sample::select(OTHER_KEYS).prop_map(str::to_owned),
            prop_oneof![4 => entry().prop_map(|s| json(&s)), 1 => Just("true".to_owned())],
        ),
        1 => ("[a-zA-Z~/é]{0,10}", list_value()),
    ]
}

/// One preset as JSON text; keys may repeat (PL002).
fn preset_object(pretty: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(member(), 0..6).prop_map(move |members| {
        let members: Vec<String> = members
            .iter()
            .map(|(k, v)| format!("{}: {v}", json(k)))
            .collect();
        if pretty {
            format!("{{\n  {}\n}}", members.join(",\n  "))
        } else {
            format!("{{{}}}", members.join(","))
        }
    })
}

/// A preset file: one object or an array of them, compact or indented, with LF or CRLF, with
/// or without a byte order mark and a final newline.
fn preset_file() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop::collection::vec(preset_object(true), 1..3),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(pretty, _, array, crlf, bom)| {
            (
                prop::collection::vec(preset_object(pretty), 1..3),
                Just((array, crlf, bom)),
            )
        })
        .prop_map(|(objects, (array, crlf, bom))| {
            let mut text = if array {
                format!("[{}]\n", objects.join(", "))
            } else {
                format!("{}\n", objects[0])
            };
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(text.into_bytes());
            bytes
        })
}

proptest! {
    #[test]
    fn spans_lie_inside_arbitrary_text_on_character_boundaries(text in any::<String>()) {
        crate::invariants::assert_spans(&crate::invariants::check(text.as_bytes()));
    }

    #[test]
    fn spans_lie_inside_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        crate::invariants::assert_spans(&crate::invariants::check(&bytes));
    }

    #[test]
    fn spans_lie_inside_generated_presets(bytes in preset_file()) {
        crate::invariants::assert_spans(&crate::invariants::check(&bytes));
    }

    #[test]
    fn every_pointer_resolves_in_generated_presets(bytes in preset_file()) {
        crate::invariants::assert_pointers(&crate::invariants::check(&bytes));
    }
}

proptest! {
    // Each case re-checks the file once per round of fixes, twice over.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn fixes_of_generated_presets_parse_and_leave_nothing_fixable(bytes in preset_file()) {
        crate::invariants::fix(&bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// Positions.

/// Text made of lines with LF, CRLF, a lone CR, ASCII, two-byte, three-byte and non-BMP
/// characters.
fn lines_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        proptest::sample::select(&["\n", "\r\n", "\r", "a", " ", "é", "€", "🎬", "\u{10FFFF}"][..]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Line and column of a character boundary, counted the obvious way.
fn naive_position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: text[line_start..offset].chars().count() + 1,
    }
}

proptest! {
    #[test]
    fn offsets_and_positions_convert_both_ways(text in lines_text()) {
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() {
            let position = index.position(&text, offset);
            if text.is_char_boundary(offset) {
                prop_assert_eq!(position, naive_position(&text, offset));
                prop_assert_eq!(index.offset(&text, position), Some(offset));
            } else {
                // Inside a character: the character's own position.
                let floor = (0..offset).rev().find(|&i| text.is_char_boundary(i)).unwrap();
                prop_assert_eq!(position, naive_position(&text, floor));
            }
        }
        prop_assert_eq!(index.position(&text, text.len() + 5), naive_position(&text, text.len()));
    }

    #[test]
    fn every_position_in_range_has_an_offset_and_no_other_does(
        text in lines_text(),
        line in 1usize..8,
        column in 1usize..12,
    ) {
        let index = LineIndex::new(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        let position = Position { line, column };
        let inside = lines
            .get(line - 1)
            .is_some_and(|l| column <= l.chars().count() + 1);
        match index.offset(&text, position) {
            Some(offset) => {
                prop_assert!(inside);
                prop_assert_eq!(index.position(&text, offset), position);
            }
            None => prop_assert!(!inside),
        }
        prop_assert_eq!(index.offset(&text, Position { line: 0, column: 1 }), None);
        prop_assert_eq!(index.offset(&text, Position { line: 1, column: 0 }), None);
    }
}

proptest! {
    // Long texts, sampled: each case is a few thousand naive counts.
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Past 4096 bytes, columns come from character-count checkpoints rather than counting:
    /// offsets on either side of each checkpoint, and a sample of the rest, still agree.
    #[test]
    fn positions_on_long_lines_agree_across_checkpoints(
        parts in prop::collection::vec(
            proptest::sample::select(&["a", "é", "€", "🎬", "\n", "\r\n"][..]),
            1000..4000,
        ),
    ) {
        let text = parts.concat();
        let index = LineIndex::new(&text);
        let near_checkpoints = (1..=text.len() / 4096)
            .flat_map(|k| k * 4096 - 4..k * 4096 + 4);
        for offset in (0..=text.len()).step_by(61).chain(near_checkpoints) {
            if offset <= text.len() && text.is_char_boundary(offset) {
                let position = index.position(&text, offset);
                prop_assert_eq!(position, naive_position(&text, offset));
                prop_assert_eq!(index.offset(&text, position), Some(offset));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sidecars.

/// Field names: valid XML names, names with spaces or leading digits, anything at all.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z_][A-Za-z0-9_.-]{0,10}",
        1 => "[A-Za-zé 0-9:-]{1,8}",
        1 => any::<String>(),
    ]
}

fn fields() -> impl Strategy<Value = Vec<Field>> {
    prop::collection::vec(
        (
            field_name(),
            prop::collection::vec(
                prop_oneof![3 => any::<String>(), 1 => "[\"\r\n,<>&; \t]{0,6}"],
                1..3,
            ),
        ),
        0..5,
    )
    .prop_map(|raw| {
        let mut fields: Vec<Field> = Vec::new();
        for (name, values) in raw {
            // Distinct names, as `sidecar::build` gives the writers.
            if !fields.iter().any(|f| f.name == name) {
                fields.push(Field { name, values });
            }
        }
        fields
    })
}

proptest! {
    #[test]
    fn sidecars_round_trip_or_are_refused_for_a_true_reason(fields in fields()) {
        crate::invariants::sidecar(&fields);
    }

    #[test]
    fn sidecars_of_plain_names_round_trip_any_printable_value(
        values in prop::collection::vec("\\PC*", 1..4),
    ) {
        let fields = vec![
            Field { name: "Project".into(), values: values.clone() },
            Field { name: "Note".into(), values: vec![values[0].clone()] },
        ];
        crate::invariants::sidecar(&fields);
        // \PC has no control characters: nothing for XML to refuse.
        prop_assert!(presetlint::output::sidecar::render(
            presetlint::output::sidecar::SidecarFormat::Xml,
            &fields
        )
        .is_ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Matching, against a reference written from the README's "Matching rules".

/// Two characters are the same ignoring case when their uppercase or their lowercase forms
/// are (as Java's `equalsIgnoreCase`): `σ`, `ς` and `Σ` are one letter; `İ` is not `i`.
fn same_ignoring_case(a: char, b: char) -> bool {
    let lower = |c: char| c.to_lowercase().collect::<String>();
    let upper = |c: char| c.to_uppercase().collect::<String>();
    lower(a) == lower(b) || upper(a) == upper(b)
}

/// The name ends with the entry, ignoring case, and is longer than it.
fn reference_extension(name: &str, entry: &str) -> bool {
    let (n, e): (Vec<char>, Vec<char>) = (name.chars().collect(), entry.chars().collect());
    n.len() > e.len()
        && n[n.len() - e.len()..]
            .iter()
            .zip(&e)
            .all(|(&a, &b)| same_ignoring_case(a, b))
}

/// `*` matches any run of characters, `/` included; every other character itself, ignoring
/// case; the whole text. Plain recursion over suffixes: slow but obviously right.
fn reference_wildcard(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| reference_wildcard(rest, &text[i..])),
        Some((&p, rest)) => text
            .split_first()
            .is_some_and(|(&t, more)| same_ignoring_case(p, t) && reference_wildcard(rest, more)),
    }
}

/// NAME in /Volumes/NAME, /media/USER/NAME, /run/media/USER/NAME, /mnt/NAME.
fn reference_volume(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match parts.as_slice() {
        ["Volumes", name, ..] | ["mnt", name, ..] => Some(name.to_string()),
        ["run", "media", _, name, ..] | ["media", _, name, ..] => Some(name.to_string()),
        _ => None,
    }
}

fn reference_destination(entries: &[String], path: &str, volume: Option<&str>) -> bool {
    let volume = volume.map(str::to_owned).or_else(|| reference_volume(path));
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    entries.iter().any(|entry| {
        if entry.contains(['*', '/']) {
            reference_wildcard(&chars(entry), &chars(path))
        } else {
            volume.as_deref().is_some_and(|v| {
                v.chars().count() == entry.chars().count()
                    && v.chars()
                        .zip(entry.chars())
                        .all(|(a, b)| same_ignoring_case(a, b))
            })
        }
    })
}

/// Path segments and entry pieces with case variants, Unicode whose lowercase is special
/// (final sigma, dotted I, ß), and the characters matching treats specially.
const SEGMENTS: &[&str] = &[
    "Volumes", "volumes", "media", "run", "mnt", "RAID", "raid", "Backup 1", "ana", "PRX",
    "proxies", "ΣΑΣ", "σας", "σασ", "İ", "i̇", "ß", "SS", "Été", "été", "🎬", "a.b",
];

fn path() -> impl Strategy<Value = String> {
    prop::collection::vec(proptest::sample::select(SEGMENTS), 0..5)
        .prop_map(|segments| format!("/{}", segments.join("/")))
}

fn destination_entry() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(SEGMENTS).prop_map(str::to_owned),
            1 => Just("*".to_owned()),
            1 => Just("/".to_owned()),
        ],
        1..5,
    )
    .prop_map(|pieces| pieces.concat())
}

fn file_name() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9]{0,4}",
        proptest::sample::select(
            &["", ".", ".MOV", ".mov", ".r3d", ".ΣΑΣ", ".σας", ".İ", ".ß"][..],
        ),
    )
        .prop_map(|(stem, ext)| format!("{stem}{ext}"))
}

fn extension_entry() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                ".MOV", ".mov", "mov", ".R3D", ".ΣΑΣ", ".σας", ".σασ", ".i̇", ".İ", ".SS", ".ß", ""
            ][..]
        )
        .prop_map(str::to_owned),
        "[.a-zA-Zσς]{0,4}",
    ]
}

proptest! {
    #[test]
    fn extension_matching_agrees_with_the_reference(
        entries in prop::collection::vec(extension_entry(), 1..4),
        name in file_name(),
    ) {
        let expected = entries.iter().any(|e| reference_extension(&name, e));
        let got = match_extension(&Filter::Only(entries.clone()), &name).matched();
        prop_assert_eq!(got, expected, "{:?} against {:?}", name, entries);
    }

    #[test]
    fn destination_matching_agrees_with_the_reference(
        entries in prop::collection::vec(destination_entry(), 1..4),
        path in path(),
        volume in proptest::option::weighted(0.2, proptest::sample::select(SEGMENTS)),
    ) {
        let expected = reference_destination(&entries, &path, volume);
        let got = match_destination(&Filter::Only(entries.clone()), Path::new(&path), volume)
            .matched();
        prop_assert_eq!(got, expected, "{:?} against {:?} (volume {:?})", path, entries, volume);
    }
}
