//! In-process benchmark of the language server's work after a keystroke: apply an
//! incremental edit to a 20 KB preset, check it again, convert the findings to LSP
//! diagnostics in UTF-16 and serialise the publishDiagnostics notification.
//! `cargo bench --bench lsp`.

use std::str::FromStr;

use lsp_types::{Position, PublishDiagnosticsParams, Range, TextDocumentContentChangeEvent, Uri};
use presetlint::lint::checked_file::{Origin, across_facts};
use presetlint::lint::config::Config;
use presetlint::lint::engine::Engine;
use presetlint::lint::engine::Library;
use presetlint::lsp::diagnostics::{Ranges, to_lsp};
use presetlint::lsp::documents::Documents;
use presetlint::lsp::position::Encoding;

#[path = "support.rs"]
mod support;

fn main() {
    divan::main();
}

/// Types one character into the first transfer history entry's source, then re-checks and
/// publishes, as the server does after its debounce.
fn edit_check_publish(
    documents: &mut Documents,
    uri: &Uri,
    engine: &Engine,
    library: &Library,
    version: i32,
) -> String {
    let open = documents.get_mut(uri).expect("the document is open");
    let change = TextDocumentContentChangeEvent {
        range: Some(Range::new(Position::new(6, 10), Position::new(6, 10))),
        range_length: None,
        text: if version % 2 == 0 {
            "x".into()
        } else {
            "y".into()
        },
    };
    open.change(vec![change], version, Encoding::Utf16);
    let (document, checked) = open.checked("preset.json", engine, library);
    let ranges = Ranges {
        document,
        encoding: Encoding::Utf16,
    };
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|d| to_lsp(d, uri, ranges))
        .collect();
    let params = PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics,
        version: Some(version),
    };
    serde_json::to_string(&params).expect("diagnostics serialise")
}

#[divan::bench(args = [0, 3])]
fn recheck_20kb_after_an_edit(bencher: divan::Bencher, defects: usize) {
    let text = support::preset(20, defects);
    let uri = Uri::from_str("file:///presets/preset.json").unwrap();
    let engine = Engine::new(Config::defaults(std::path::Path::new("/presets")));
    let mut documents = Documents::default();
    documents.open(uri.clone(), text, 1);
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        edit_check_publish(&mut documents, &uri, &engine, &Library::default(), version)
    });
}

/// The same in a workspace with a presetlint.toml: the document is judged across presets
/// against a library of this many presets (five elements each; all spell `{camera}`, so the
/// document's `{Camera}` is a variant: one PL951), as the server does.
#[divan::bench(args = [300, 3000])]
fn recheck_20kb_in_a_library(bencher: divan::Bencher, presets: usize) {
    let text = support::preset(20, 0);
    let uri = Uri::from_str("file:///presets/preset.json").unwrap();
    let mut engine = Engine::new(Config::defaults(std::path::Path::new("/presets")));
    engine.across_presets = true;
    let mut library = Library::default();
    for i in 0..presets {
        let bytes = format!(
            "{{\"iconikSidecarElements\": [\"{{Project}}\", \"{{ShootDay}}\", \"{{camera}}\", \"{{Card}}\", \"{{Take{i}}}\"]}}"
        );
        let name = format!("prod{}/cam{i}.json", i % 40);
        if let Some(facts) = across_facts(bytes.into_bytes(), Origin::Named) {
            engine.index_file(&mut library.index, &name, &facts);
        }
    }
    let mut documents = Documents::default();
    documents.open(uri.clone(), text, 1);
    let published = edit_check_publish(&mut documents, &uri, &engine, &library, 1);
    assert_eq!(published.matches("PL951").count(), 1, "{published}");
    let mut version = 1;
    bencher.bench_local(|| {
        version += 1;
        edit_check_publish(&mut documents, &uri, &engine, &library, version)
    });
}
