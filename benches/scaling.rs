//! Cost that should grow no faster than the input: each case at two sizes, 4x apart, so that
//! the ratio of their times shows linear (about 4x) or quadratic (about 16x) growth.
//! `cargo bench --bench scaling`; compare the two sizes of a case, never across runs.

use presetlint::base::diagnostic::Safety;
use presetlint::lint::checked_file::{CheckedFile, check_named};
use presetlint::lint::fix::apply_round;
use presetlint::lint::settings::Settings;
use presetlint::lsp::position::{Encoding, LineMap};
use presetlint::model::view::View;

fn main() {
    divan::main();
}

fn check(text: &str, settings: &Settings) -> CheckedFile {
    check_named("p.json".into(), text.as_bytes().to_vec(), settings)
}

/// One fix per entry: `n` lists typed into one string each (PL101, each split by its fix).
fn many_fixes(n: usize) -> (String, CheckedFile) {
    let entries: Vec<String> = (0..n).map(|i| format!("\".E{i};.F{i}\"")).collect();
    let text = format!("{{\"iconikSidecarExtensions\": [{}]}}", entries.join(","));
    let checked = check(&text, &Settings::default());
    (text, checked)
}

#[divan::bench(args = [25_000, 100_000])]
fn apply_one_round_of_fixes(bencher: divan::Bencher, n: usize) {
    let (text, checked) = many_fixes(n);
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .count(),
        n
    );
    bencher.bench(|| apply_round(&text, &checked.diagnostics, Safety::Safe));
}

/// A pattern of `n` tokens and a list of `n` elements no pattern uses (PL204 and PL205 each).
#[divan::bench(args = [4_000, 16_000])]
fn unknown_elements_against_a_long_pattern(bencher: divan::Bencher, n: usize) {
    let pattern: String = (0..n).map(|i| format!("{{Used{i}}}")).collect();
    let elements: Vec<String> = (0..n).map(|i| format!("\"{{Other{i}}}\"")).collect();
    let text = format!(
        "{{\"renamePattern\": \"{pattern}\", \"iconikSidecarElements\": [{}]}}",
        elements.join(",")
    );
    bencher.bench(|| check(&text, &Settings::default()));
}

/// `n` unknown elements against a view of `n` fields (PL601 each).
#[divan::bench(args = [5_000, 20_000])]
fn unknown_elements_against_a_large_view(bencher: divan::Bencher, n: usize) {
    let fields: Vec<String> = (0..n)
        .map(|i| format!("{{\"name\": \"f{i}\", \"field_type\": \"string\"}}"))
        .collect();
    let view = format!(
        "{{\"name\": \"Big\", \"view_fields\": [{}]}}",
        fields.join(",")
    );
    let settings = Settings {
        view: Some(std::sync::Arc::new(
            View::parse("view.json", view.into_bytes()).unwrap(),
        )),
        ..Settings::default()
    };
    let elements: Vec<String> = (0..n).map(|i| format!("\"{{x{i}}}\"")).collect();
    let text = format!("{{\"iconikSidecarElements\": [{}]}}", elements.join(","));
    bencher.bench(|| check(&text, &settings));
}

/// Every finding of `n` on one long line, in UTF-16 positions, as the language server
/// publishes them (the line holds non-ASCII text, so columns need counting).
#[divan::bench(args = [20_000, 80_000])]
fn lsp_positions_on_one_long_line(bencher: divan::Bencher, n: usize) {
    let entries: Vec<String> = (0..n).map(|i| format!("\"é{i}\"")).collect();
    let text = format!("{{\"iconikSidecarExtensions\": [{}]}}", entries.join(","));
    let checked = check(&text, &Settings::default());
    assert!(checked.diagnostics.len() >= n);
    bencher.bench(|| {
        let lines = LineMap::new(&text);
        checked
            .diagnostics
            .iter()
            .map(|d| lines.range(&text, d.span, Encoding::Utf16).end.character)
            .sum::<u32>()
    });
}
