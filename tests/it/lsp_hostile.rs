//! The language server on a hostile document: nesting 100,000 arrays deep, with a string at
//! every level. It publishes PL001 as `check` does and answers every request in bounded time
//! (the client's timeout fails a hang), and stays up for the next edit.

use crate::lsp_client::Client;
use serde_json::{Value, json};

const URI: &str = "file:///work/presets/deep.json";

fn position(character: usize) -> Value {
    json!({ "line": 0, "character": character })
}

#[test]
fn nesting_100_000_arrays_deep_is_pl001_and_the_server_stays_up() {
    let deep = "[\"x\",".repeat(100_000) + "1" + &"]".repeat(100_000);
    let mut client = Client::with_encoding("utf-16");
    client.open(URI, &deep);
    let published = client.diagnostics(URI);
    // As `presetlint check` reports it: 1:2561-1:2565, at the 513th `[`.
    assert_eq!(
        published["diagnostics"],
        json!([{
            "range": { "start": position(2560), "end": position(2564) },
            "severity": 1,
            "code": "PL001",
            "codeDescription": { "href": "https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl001-invalid-json" },
            "source": "presetlint",
            "message": "maximum nesting depth exceeded"
        }])
    );

    // Requests deep inside the document: each answered, none of them hangs.
    let deep_inside = position(deep.len() / 4 + 2);
    let doc = json!({ "uri": URI });
    for (method, params) in [
        (
            "textDocument/hover",
            json!({ "textDocument": doc, "position": deep_inside }),
        ),
        (
            "textDocument/completion",
            json!({ "textDocument": doc, "position": deep_inside }),
        ),
        (
            "textDocument/codeAction",
            json!({
                "textDocument": doc,
                "range": { "start": position(0), "end": position(deep.len()) },
                "context": { "diagnostics": published["diagnostics"] }
            }),
        ),
    ] {
        let response = client.request(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
    }

    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "text": "{\"iconikSidecarElements\": [\"{Project}\"], \"iconikSidecarExtensions\": [\"R3D\"]}" }]
        }),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 2);
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("PL301")]);
    assert!(client.shutdown_and_exit().success());
}
