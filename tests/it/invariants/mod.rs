//! The invariants the fuzz targets (fuzz/fuzz_targets/) and the tests (tests/properties.rs,
//! tests/fuzz_regressions.rs) assert, in one place so that a fuzz finding and its regression
//! test check exactly the same thing.
//!
//! They live under tests/, not in src/, because they need readers presetlint itself does not
//! (quick-xml, csv) and are no part of its API; the fuzz crate includes this file by path.
//! Each function panics, with the input in the message, when an invariant does not hold.

#![allow(dead_code)]

use presetlint::base::diagnostic::{Safety, Span};
use presetlint::base::document::{SourceText, parse_value};
use presetlint::base::lines::LineIndex;
use presetlint::lint::checked_file::{CheckedFile, check_named};
use presetlint::lint::fix;
use presetlint::lint::settings::Settings;
use presetlint::output::report::{self, Format};
use presetlint::output::sidecar::{Field, SidecarFormat, render};
use quick_xml::events::Event;

/// How presetlint renders its own errors on a terminal (miette's graphical handler), as a
/// person would read it: never a panic (miette's did past column 65,535), never a raw control
/// character but the line feed, and a few lines, not the whole input.
pub fn assert_rendered(report: &miette::Report) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    handler
        .render_report(&mut out, report.as_ref())
        .expect("an error renders");
    assert!(
        !out.chars()
            .any(|c| c != '\n' && presetlint::base::shown::is_invisible_control(c)),
        "a raw control character in {out:?}"
    );
    assert!(out.len() < 16 * 1024, "{} bytes rendered", out.len());
}

/// A values file: read, or refused with an error that renders ([`assert_rendered`]).
pub fn values_file(bytes: &[u8]) {
    if let Err(report) =
        presetlint::model::values::Values::from_values_file("values.json", bytes.to_vec())
    {
        assert_rendered(&report);
    }
}

/// A metadata view: read, or refused with an error that renders.
pub fn view(bytes: &[u8]) {
    if let Err(report) = presetlint::model::view::View::parse("view.json", bytes.to_vec()) {
        assert_rendered(&report);
    }
}

/// An answer of iconik's to a view pull, a field lookup and a page of the view list (the
/// bytes split in three at the first two NULs): each read, or refused with an error that
/// renders; a view read is one `--view` reads, and nothing of a credential the answer holds
/// is ever shown.
pub fn iconik_answer(bytes: &[u8]) {
    let mut parts = bytes.splitn(3, |&b| b == 0);
    let (view, field, page) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let url = "https://app.iconik.io/API/metadata/v1/views/v1/";
    let mut lookups = 0;
    let pulled = presetlint::iconik::view_from_answer("v1", url, view.to_vec(), &mut |_| {
        lookups += 1;
        presetlint::iconik::definition_from_answer(
            "https://app.iconik.io/API/metadata/v1/fields/f/",
            field.to_vec(),
        )
        .map(Some)
    });
    assert!(lookups <= presetlint::iconik::MOST_FIELD_LOOKUPS);
    match pulled {
        Ok(pulled) => {
            presetlint::model::view::View::parse("view.json", pulled.text.into_bytes())
                .expect("what view pull writes, --view reads");
        }
        Err(report) => assert_rendered(&report),
    }
    if let Err(report) = presetlint::iconik::page_from_answer(url, page.to_vec()) {
        assert_rendered(&report);
    }
}

/// The paths git gives (`-z`): taken byte for byte, each inside the repository, or refused
/// with an error that renders.
pub fn git_paths(bytes: &[u8]) {
    let top = std::path::Path::new("/repo");
    match presetlint::cli::changed::paths(bytes, top) {
        Ok(paths) => {
            for path in paths {
                assert!(path.starts_with(top), "{}", path.display());
                let below = path.strip_prefix(top).unwrap();
                assert!(
                    below
                        .components()
                        .all(|c| matches!(c, std::path::Component::Normal(_))),
                    "{}",
                    path.display()
                );
            }
        }
        Err(report) => assert_rendered(&report),
    }
}

/// A Transfer Log: read, or refused with an error that renders.
pub fn transfer_log(bytes: &[u8]) {
    if let Err(report) = presetlint::model::values::parse_transfer_log("log.txt", bytes.to_vec()) {
        assert_rendered(&report);
    }
}

/// A presetlint.toml (its view, if it names one, is looked for in an empty folder): read, or
/// refused with an error that renders.
pub fn config(bytes: &[u8]) {
    let Ok(text) = String::from_utf8(bytes.to_vec()) else {
        return;
    };
    let dir = std::env::temp_dir().join("presetlint-fuzz-config-empty");
    let _ = std::fs::create_dir_all(&dir);
    let config = presetlint::lint::config::Config::from_text(
        "presetlint.toml".into(),
        text,
        dir.clone(),
        &dir,
        64 * 1024,
        // A fuzzed `view = "iconik:..."` never reaches the network.
        presetlint::iconik::Remote::CachedOnly,
    );
    if let Err(report) = config {
        assert_rendered(&report);
    }
}

/// A language-server session on an arbitrary byte stream: the server reads to its end,
/// answers what it can, and ends without a panic (a panicking handler is answered as an
/// error by the server itself; a panic here would be one outside every handler).
pub fn lsp_stream(bytes: &[u8]) {
    let transport = presetlint::lsp::transport::Transport::new(
        std::io::Cursor::new(bytes.to_vec()),
        std::io::sink(),
    );
    let _ = presetlint::lsp::serve(transport);
}

const FORMATS: [Format; 8] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::JsonLines,
    Format::Sarif,
    Format::Github,
    Format::Gitlab,
    Format::Junit,
];

/// Checks `bytes` as a named file, asserts [`assert_checked`] and renders every report format
/// (the reports slice the text by the spans, so a bad span would panic there too).
pub fn check(bytes: &[u8]) -> CheckedFile {
    let file = check_named("fuzz.json".into(), bytes.to_vec(), &Settings::default());
    assert_checked(&file);
    for format in FORMATS {
        let mut out = Vec::new();
        report::write(format, std::slice::from_ref(&file), false, &mut out)
            .expect("writing to a Vec never fails");
    }
    file
}

/// The invariants of a checked file: [`assert_spans`] and [`assert_pointers`].
pub fn assert_checked(file: &CheckedFile) {
    assert_spans(file);
    assert_pointers(file);
}

/// Every span (diagnostic, label, fix edit) lies inside the text, on character boundaries,
/// and its ends convert to line:column and back; a fix's edits are sorted and apart.
pub fn assert_spans(file: &CheckedFile) {
    let text = file.source.text.as_str();
    let index = LineIndex::new(text);
    for d in &file.diagnostics {
        let what = format!("{} {:?} in {text:?}", d.rule.code, d.message);
        assert_span(text, &index, d.span, &what);
        for label in &d.labels {
            assert_span(text, &index, label.span, &what);
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                assert_span(text, &index, edit.span, &what);
            }
            for pair in fix.edits.windows(2) {
                assert!(
                    pair[0].span.end <= pair[1].span.start,
                    "{what}: fix edits overlap or are unsorted: {:?}",
                    fix.edits
                );
            }
        }
    }
}

/// A text serde_json cannot parse has exactly one diagnostic, PL001 (so no other pointer to
/// judge); in a text it parses, every diagnostic's pointer resolves in the full parse (PL002
/// points at the key that repeats, which the parse keeps; a PL001 from the stricter syntax
/// tree points at the root).
pub fn assert_pointers(file: &CheckedFile) {
    let text = file.source.text.as_str();
    match parse_value(text) {
        Err(_) => {
            let codes: Vec<&str> = file.diagnostics.iter().map(|d| d.rule.code).collect();
            assert_eq!(codes, ["PL001"], "a text that does not parse: {text:?}");
        }
        Ok(parsed) => {
            for d in &file.diagnostics {
                assert!(
                    parsed.value.pointer(&d.pointer).is_some(),
                    "{} {:?}: pointer {:?} does not resolve in {text:?}",
                    d.rule.code,
                    d.message,
                    d.pointer
                );
            }
        }
    }
}

/// A span inside `text`, on character boundaries, whose ends convert to line:column and back.
pub fn assert_span(text: &str, index: &LineIndex, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    for offset in [span.start, span.end] {
        assert!(
            text.is_char_boundary(offset),
            "{what}: span {span:?} splits a character"
        );
        let position = index.position(text, offset);
        assert_eq!(
            index.offset(text, position),
            Some(offset),
            "{what}: offset {offset} -> {position:?} does not convert back"
        );
    }
}

/// The fixer's guarantee, for a file serde_json parses: with safe fixes and with unsafe ones,
/// the result parses and re-lints without any finding those fixes would apply, and a second
/// run of the fixer changes nothing. A file that does not parse is left as it is.
pub fn fix(bytes: &[u8]) {
    let before = check(bytes);
    if parse_value(&before.source.text).is_err() {
        let fixed = run_fixer(before, Safety::Unsafe);
        assert!(!fixed.changed(), "a file that does not parse was changed");
        return;
    }
    for applicability in [Safety::Safe, Safety::Unsafe] {
        let fixed = run_fixer(before.clone(), applicability);
        let text = &fixed.after.source.text;
        assert!(
            parse_value(text).is_ok(),
            "{applicability:?} fixes of {:?} give {text:?}, which does not parse",
            before.source.text
        );
        assert_checked(&fixed.after);
        let left: Vec<String> = fixed
            .after
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.safety == Safety::Safe || applicability == Safety::Unsafe)
            })
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
        assert!(
            left.is_empty(),
            "{applicability:?} fixes of {:?} give {text:?}, which still has fixable findings: {left:?}",
            before.source.text
        );
        let again = run_fixer(fixed.after.clone(), applicability);
        assert!(
            !again.changed() && again.applied == 0,
            "fixing {text:?} again changes it"
        );
    }
}

fn run_fixer(before: CheckedFile, applicability: Safety) -> fix::Fixed {
    let settings = Settings::default();
    fix::fix(before, applicability, |source: SourceText| {
        check_named("fuzz.json".into(), source.to_bytes(), &settings)
    })
}

/// The sidecar writers on any fields with distinct names and at least one value each (what
/// `sidecar::build` hands them): every format either writes a sidecar that its reader parses
/// back to exactly these fields, or refuses with a reason that holds.
pub fn sidecar(fields: &[Field]) {
    let expected: Vec<(String, Vec<String>)> = fields
        .iter()
        .map(|f| (f.name.clone(), f.values.clone()))
        .collect();
    for format in [SidecarFormat::Json, SidecarFormat::Xml, SidecarFormat::Csv] {
        match render(format, fields) {
            Ok(text) => {
                if format == SidecarFormat::Xml {
                    let bad: Vec<&Field> = fields.iter().filter(|f| !xml_can_carry(f)).collect();
                    assert!(
                        bad.is_empty(),
                        "XML written with fields it cannot carry: {bad:?}"
                    );
                }
                let back = match format {
                    SidecarFormat::Json => parse_json(&text),
                    SidecarFormat::Xml => parse_xml(&text),
                    SidecarFormat::Csv => parse_csv(&text, fields),
                };
                assert_eq!(back, expected, "{format:?} sidecar {text:?}");
                assert!(text.ends_with('\n') && !text.starts_with('\u{feff}'));
                // What generate writes, audit reads back whole and finds nothing wrong with.
                // (A field without a name is no field to iconik: that, and only that, it says.)
                let (_, read) =
                    presetlint::model::sidecar_reader::read(format, text.clone().into_bytes());
                let nameless = fields.iter().filter(|f| f.name.is_empty()).count();
                let problems: Vec<&str> =
                    read.problems.iter().map(|p| p.message.as_str()).collect();
                assert_eq!(
                    problems,
                    vec!["a field's name is empty"; nameless],
                    "{format:?} sidecar {text:?}"
                );
                let named: Vec<&(String, Vec<String>)> = expected
                    .iter()
                    .filter(|(name, _)| !name.is_empty())
                    .collect();
                let ours: Vec<(String, Vec<String>)> = read
                    .fields
                    .iter()
                    .map(|f| {
                        (
                            f.name.clone(),
                            f.values.iter().map(|v| v.text.clone()).collect(),
                        )
                    })
                    .collect();
                assert_eq!(
                    ours.iter().collect::<Vec<_>>(),
                    named,
                    "audit's reading of the {format:?} sidecar {text:?}"
                );
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                for p in &problems {
                    let field = fields
                        .iter()
                        .find(|f| f.name == p.field)
                        .unwrap_or_else(|| panic!("{format:?} refuses a field not given: {p:?}"));
                    let justified = match format {
                        SidecarFormat::Json => false,
                        SidecarFormat::Xml => !xml_can_carry(field),
                        SidecarFormat::Csv => field.values.len() > 1,
                    };
                    assert!(justified, "{format:?} refuses {field:?}: {p:?}");
                }
            }
        }
    }
}

/// Fields from arbitrary bytes, as the sidecar fuzz target and its regression files read them:
/// the bytes as UTF-8 (lossily), fields separated by U+001E, and in each the name and its
/// values separated by U+001F. Fields without a value, and repeated names, are dropped, since
/// `sidecar::build` never hands such to a writer. (The two separators are thereby never in a
/// name or value; every other character is, C0 controls included.)
pub fn fields_from_bytes(bytes: &[u8]) -> Vec<Field> {
    let text = String::from_utf8_lossy(bytes);
    let mut fields: Vec<Field> = Vec::new();
    for record in text.split('\u{1E}') {
        let mut parts = record.split('\u{1F}');
        let name = parts.next().unwrap_or_default().to_owned();
        let values: Vec<String> = parts.map(str::to_owned).collect();
        if !values.is_empty() && !fields.iter().any(|f| f.name == name) {
            fields.push(Field { name, values });
        }
    }
    fields
}

/// What XML 1.0 (fifth edition) can carry, from the spec: a Name (sections 2.3, without `:`,
/// which would need a namespace) and values of Chars (section 2.2).
/// Whether XML can carry a field: its name valid for parsers of both XML 1.0 editions (the
/// fifth edition's ranges, and outside ASCII letters only to start and letters or digits to go
/// on, as the fourth edition, which expat follows, wants), its values only XML characters.
fn xml_can_carry(field: &Field) -> bool {
    let fifth = |c: char| {
        matches!(c as u32,
            0x41..=0x5A | 0x5F | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF
            | 0x370..=0x37D | 0x37F..=0x1FFF | 0x200C..=0x200D | 0x2070..=0x218F
            | 0x2C00..=0x2FEF | 0x3001..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD
            | 0x10000..=0xEFFFF)
    };
    let start = |c: char| fifth(c) && (c.is_ascii() || c.is_alphabetic());
    let rest = |c: char| {
        start(c)
            || matches!(c as u32, 0x2D | 0x2E | 0x30..=0x39 | 0xB7 | 0x300..=0x36F)
            || (fifth(c) && !c.is_ascii() && c.is_alphanumeric())
    };
    let char_ok = |c: char| matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
    let mut name = field.name.chars();
    name.next().is_some_and(start)
        && name.all(rest)
        && field.values.iter().all(|v| v.chars().all(char_ok))
}

/// Back from JSON: metadata_values -> NAME -> field_values -> [{value}].
pub fn parse_json(text: &str) -> Vec<(String, Vec<String>)> {
    let v: serde_json::Value = serde_json::from_str(text).expect("the JSON sidecar parses");
    let root = v.as_object().unwrap();
    assert_eq!(root.keys().collect::<Vec<_>>(), ["metadata_values"]);
    root["metadata_values"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, field)| {
            let field = field.as_object().unwrap();
            assert_eq!(field.keys().collect::<Vec<_>>(), ["field_values"]);
            let values = field["field_values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| {
                    let item = item.as_object().unwrap();
                    assert_eq!(item.keys().collect::<Vec<_>>(), ["value"]);
                    item["value"].as_str().unwrap().to_owned()
                })
                .collect();
            (name.clone(), values)
        })
        .collect()
}

/// Back from XML: <metadata_view><metadata_values><NAME><field_values><value>V</value>...
pub fn parse_xml(text: &str) -> Vec<(String, Vec<String>)> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut path: Vec<String> = Vec::new();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut value = String::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("the XML sidecar does not parse: {e}"));
        match event {
            Event::Decl(_) => assert!(path.is_empty()),
            Event::Start(e) => {
                let name = e.name().into_inner().to_owned();
                assert!(
                    e.attributes().next().is_none(),
                    "<{name}> has attributes: the name leaked into them"
                );
                path.push(name.clone());
                match path.len() {
                    1 => assert_eq!(name, "metadata_view"),
                    2 => assert_eq!(name, "metadata_values"),
                    3 => out.push((name, Vec::new())),
                    4 => assert_eq!(name, "field_values"),
                    5 => {
                        assert_eq!(name, "value");
                        value.clear();
                    }
                    _ => panic!("unexpected depth at {name}"),
                }
            }
            Event::Text(t) => {
                if path.len() == 5 {
                    value.push_str(&t.xml10_content());
                } else {
                    assert!(
                        t.xml10_content().chars().all(|c| matches!(c, ' ' | '\n')),
                        "stray text {t:?} in {path:?}"
                    );
                }
            }
            Event::GeneralRef(r) => {
                assert_eq!(path.len(), 5, "a reference outside a value");
                if let Some(c) = r.resolve_char_ref().unwrap() {
                    value.push(c);
                } else {
                    value.push_str(quick_xml::escape::resolve_xml_entity(&r).unwrap());
                }
            }
            Event::End(_) => {
                if path.len() == 5 {
                    out.last_mut().unwrap().1.push(value.clone());
                }
                path.pop();
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(path.is_empty(), "unclosed elements {path:?}");
    out
}

/// Back from CSV: a header row of names and a row of first values.
fn parse_csv(text: &str, fields: &[Field]) -> Vec<(String, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("the CSV sidecar parses")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    if fields.is_empty() {
        // Two empty lines: a reader sees no rows at all, which is the same nothing.
        assert!(rows.is_empty(), "{rows:?}");
        return Vec::new();
    }
    assert_eq!(rows.len(), 2, "a header and one row of values: {rows:?}");
    assert_eq!(rows[0].len(), rows[1].len(), "{rows:?}");
    rows[0]
        .iter()
        .zip(&rows[1])
        .map(|(name, value)| (name.clone(), vec![value.clone()]))
        .collect()
}

/// Any bytes, read as a sidecar of each format: no panic, and every place a finding would
/// point at lies inside the text, on a character boundary.
pub fn sidecar_read(bytes: &[u8]) {
    use presetlint::base::diagnostic::Target;
    for format in [SidecarFormat::Json, SidecarFormat::Xml, SidecarFormat::Csv] {
        let (source, read) = presetlint::model::sidecar_reader::read(format, bytes.to_vec());
        let text = source.text.as_str();
        let check = |target: &Target| {
            if let Target::Span(span, _) = target {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{format:?} {span:?} in {} bytes",
                    text.len()
                );
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{format:?} {span:?}"
                );
            }
        };
        for problem in &read.problems {
            check(&problem.target);
            assert!(!problem.message.is_empty());
        }
        check(&read.fields_target());
        for field in &read.fields {
            check(&field.target());
            for i in 0..field.values.len() {
                check(&field.value_target(i));
            }
        }
        if read.problems.is_empty() && format == SidecarFormat::Json {
            assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
        }
    }
}

/// A clip log (ALE or CSV): read and indexed, or refused with an error that renders. Every row
/// read again from its start is the row read in order, with a cell per column, each cell's
/// place in the text holding its text (or empty, for a CSV cell the quoting changed); a row
/// is found again by its match cell; a mistake's place is inside the text.
pub fn clip_log(bytes: &[u8]) {
    use presetlint::model::values::{ClipValues, Matching};
    let log = match ClipValues::load(
        "clips.ale",
        bytes.to_vec(),
        Matching::default(),
        &["Scene", "Take"],
    ) {
        Ok(log) => log,
        Err(report) => return assert_rendered(&report),
    };
    let text = log.source.text.as_str();
    if let Some(malformed) = &log.malformed {
        assert!(
            malformed.place.start <= malformed.place.end
                && text.get(malformed.place.clone()).is_some(),
            "{malformed:?} in {text:?}"
        );
    }
    let mut count = 0;
    for (n, row) in log.rows() {
        count += 1;
        assert_eq!(row.cells.len(), log.columns.names.len(), "{text:?}");
        assert_eq!(log.row(n), row, "row {n} of {text:?}");
        for (cell, place) in &row.cells {
            let at = text
                .get(place.clone())
                .unwrap_or_else(|| panic!("{place:?} in {text:?}"));
            assert!(
                at == cell || at.is_empty(),
                "{at:?} for {cell:?} in {text:?}"
            );
        }
        let (name, _) = log.match_cell(&row);
        let name = name.trim().rsplit(['/', '\\']).next().unwrap_or_default();
        if !name.is_empty() {
            assert!(
                log.rows_of(name).contains(&n),
                "row {n} by {name:?} in {text:?}"
            );
        }
        let _ = log.values_of(&row);
    }
    assert_eq!(count, log.row_count(), "{text:?}");
}
