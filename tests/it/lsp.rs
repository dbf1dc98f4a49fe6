//! `presetlint lsp` driven over stdio as an editor drives it.

use crate::lsp_client::{Client, apply_edits, position};
use serde_json::{Value, json};

const URI: &str = "file:///work/presets/Cam%20A.json";

/// Non-ASCII text (é: 2 UTF-8 bytes, 🎬: 4 bytes and 2 UTF-16 units) before a finding on the
/// same line; `presetlint check` reports PL101 at 2:74-2:85, PL204 at 3:52-3:60 and PL102 at
/// 3:62-3:73 (columns in characters, 1-based).
const PRESET: &str = "{\n  \"labelPattern\": \"Café 🎬 {Project}_{Card}\", \"iconikSidecarExtensions\": [\".R3D;.MOV\"],\n  \"iconikSidecarElements\": [\"{Project}\", \"{Card}\", \"{Crad}\", \"{Project}\"]\n}\n";

fn range(line: u32, start: u32, end: u32) -> Value {
    json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } })
}

fn href(code_and_name: &str) -> String {
    format!("https://github.com/presetlint/presetlint/blob/main/docs/rules.md#{code_and_name}")
}

/// The diagnostics of [`PRESET`], with PL101's line in the given encoding's units.
fn expected_diagnostics(pl101_start: u32, pl101_end: u32) -> Value {
    json!([
        {
            "range": range(1, pl101_start, pl101_end),
            "severity": 1,
            "code": "PL101",
            "codeDescription": { "href": href("pl101-list-in-string") },
            "source": "presetlint",
            "message": "\".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string"
        },
        {
            "range": range(2, 51, 59),
            "severity": 2,
            "code": "PL204",
            "codeDescription": { "href": href("pl204-unknown-element") },
            "source": "presetlint",
            "message": "\"{Crad}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements"
        },
        {
            "range": range(2, 61, 72),
            "severity": 2,
            "code": "PL102",
            "codeDescription": { "href": href("pl102-duplicate-entry") },
            "source": "presetlint",
            "message": "\"{Project}\" repeats an earlier entry",
            "relatedInformation": [
                { "location": { "uri": URI, "range": range(2, 28, 39) }, "message": "first given here" }
            ]
        }
    ])
}

fn check_ranges(encoding: &str, pl101_start: u32, pl101_end: u32) {
    let mut client = Client::with_encoding(encoding);
    client.open(URI, PRESET);
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 1);
    assert_eq!(
        published["diagnostics"],
        expected_diagnostics(pl101_start, pl101_end)
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn ranges_in_utf8() {
    // Character 73 before é (+1 byte) and 🎬 (+3 bytes).
    check_ranges("utf-8", 77, 88);
}

#[test]
fn ranges_in_utf16() {
    // 🎬 is a surrogate pair: one unit more than characters.
    check_ranges("utf-16", 74, 85);
}

#[test]
fn ranges_in_utf32() {
    check_ranges("utf-32", 73, 84);
}

#[test]
fn utf16_when_the_client_offers_no_encoding() {
    let (client, result) = Client::initialized(json!({}), None);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["serverInfo"]["name"], "presetlint");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn incremental_edits_update_the_diagnostics_with_their_version() {
    let mut client = Client::with_encoding("utf-16");
    client.open(URI, PRESET);
    assert_eq!(
        client.diagnostics(URI)["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Two quick edits: {Crad} becomes {Date}, then the repeated {Project} goes.
    let crad = PRESET.find("{Crad}").unwrap();
    let first = PRESET.replacen("{Crad}", "{Date}", 1);
    let repeat = first.rfind(", \"{Project}\"").unwrap();
    let change = |version: i32, start: Value, end: Value, text: &str| {
        json!({
            "textDocument": { "uri": URI, "version": version },
            "contentChanges": [{ "range": { "start": start, "end": end }, "text": text }]
        })
    };
    client.notify(
        "textDocument/didChange",
        change(
            2,
            position(PRESET, crad + 1, "utf-16"),
            position(PRESET, crad + 5, "utf-16"),
            "Date",
        ),
    );
    client.notify(
        "textDocument/didChange",
        change(
            3,
            position(&first, repeat, "utf-16"),
            position(&first, repeat + ", \"{Project}\"".len(), "utf-16"),
            "",
        ),
    );

    // The debounce may or may not publish version 2 on a slow machine, but never after 3,
    // and version 3's diagnostics are those of the edited text.
    let latest = loop {
        let published = client.diagnostics(URI);
        if published["version"] == 3 {
            break published;
        }
        assert_eq!(published["version"], 2);
    };
    let codes: Vec<&str> = latest["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PL101"]);
    assert_eq!(latest["diagnostics"][0]["range"], range(1, 74, 85));
    // Nothing is published again for version 3: the next publication after it is that of the
    // next edit (an event the test makes), not a repeat.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 4 },
            "contentChanges": [{ "range": range(0, 0, 0), "text": " " }]
        }),
    );
    let next = client.diagnostics(URI);
    assert_eq!(next["version"], 4, "published again: {next:?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn full_sync_replaces_the_text() {
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, PRESET);
    client.diagnostics(URI);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 7 },
            "contentChanges": [{ "text": "{\"iconikSidecarElements\": [\"{Date}\"]}" }]
        }),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 7);
    assert_eq!(published["diagnostics"], json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn quick_fix_and_fix_all_remove_the_findings() {
    let mut client = Client::with_encoding("utf-16");
    client.open(URI, PRESET);
    let published = client.diagnostics(URI);
    let pl101 = published["diagnostics"][0].clone();

    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": pl101["range"],
            "context": { "diagnostics": [pl101], "only": ["quickfix"] }
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let action = &actions[0];
    assert_eq!(action["title"], "Split into \".R3D\", \".MOV\" (PL101)");
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "PL101");
    let edits = action["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(
        edits,
        &vec![json!({ "range": range(1, 74, 85), "newText": "\".R3D\", \".MOV\"" })]
    );
    let fixed = apply_edits(PRESET, edits, "utf-16");
    assert!(fixed.contains("[\".R3D\", \".MOV\"]"));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 2);
    let codes: Vec<&str> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PL204", "PL102"]);

    // Fix all safe problems, asked for as an editor does on save.
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": range(0, 0, 0),
            "context": { "diagnostics": [], "only": ["source.fixAll"] }
        }),
    );
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "presetlint: fix all safe problems");
    assert_eq!(actions[0]["kind"], "source.fixAll.presetlint");
    let edits = actions[0]["edit"]["changes"][URI].as_array().unwrap();
    let all_fixed = apply_edits(&fixed, edits, "utf-16");
    assert_eq!(
        all_fixed,
        "{\n  \"labelPattern\": \"Café 🎬 {Project}_{Card}\", \"iconikSidecarExtensions\": [\".R3D\", \".MOV\"],\n  \"iconikSidecarElements\": [\"{Project}\", \"{Card}\", \"{Crad}\"]\n}\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": URI, "version": 3 }, "contentChanges": [{ "text": all_fixed }] }),
    );
    let published = client.diagnostics(URI);
    assert_eq!(published["version"], 3);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(published["diagnostics"][0]["code"], "PL204");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn fix_all_in_one_round_trip_and_versioned_edits() {
    let (mut client, _) = Client::initialized(
        json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }),
        None,
    );
    client.open(URI, PRESET);
    client.diagnostics(URI);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": range(0, 0, 0),
            "context": { "diagnostics": [], "only": ["source"] }
        }),
    );
    let change = &response["result"][0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({ "uri": URI, "version": 1 }));
    // One edit covering only what changes: from the split string to the repeated entry.
    let edits = change["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 1, "character": 79 })
    );
    let fixed = apply_edits(PRESET, edits, "utf-16");
    assert!(fixed.contains("[\".R3D\", \".MOV\"]") && fixed.contains("\"{Crad}\"]"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hover_explains_elements_keys_and_findings() {
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, PRESET);
    client.diagnostics(URI);
    let mut hover = |needle: &str, delta: usize| {
        let offset = PRESET.find(needle).unwrap() + delta;
        let response = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": URI }, "position": position(PRESET, offset, "utf-8") }),
        );
        response["result"].clone()
    };

    // {Project} in the pattern, after the non-ASCII text.
    let project = hover("{Project}_", 3);
    assert_eq!(project["contents"]["kind"], "markdown");
    assert_eq!(
        project["contents"]["value"],
        "**`{Project}`**: custom element, made in OffShoot\n\n- used in `labelPattern`\n- listed in `iconikSidecarElements`: the sidecar has the iconik field `Project`"
    );
    // Bytes: 2 + `"labelPattern": "` (17) + `Café 🎬 ` (11).
    assert_eq!(project["range"], range(1, 30, 39));

    let date = hover("{Card}\"", 1);
    assert!(
        date["contents"]["value"].as_str().unwrap().starts_with(
            "**`{Card}`**: custom element, made in OffShoot\n\n- used in `labelPattern`"
        )
    );

    // {Crad}: the element, then its finding in one line, with a link to the rule.
    let crad = hover("{Crad}", 2);
    let value = crad["contents"]["value"].as_str().unwrap();
    assert_eq!(
        value,
        "**`{Crad}`**: custom element, made in OffShoot\n\n- no pattern of this preset uses it\n- listed in `iconikSidecarElements`: the sidecar has the iconik field `Crad`\n\n---\n\n- warning [PL204 unknown-element](https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl204-unknown-element): \"{Crad}\" is not built in and no pattern of this preset uses it; OffShoot ignores unknown elements (help: did you mean \"{Card}\"?)"
    );
    assert_eq!(crad["range"], range(2, 52, 58));

    // A known key: the schema's description.
    let key = hover("\"labelPattern\"", 1);
    let description = presetlint::model::schema::key_description("labelPattern").unwrap();
    assert_eq!(
        key["contents"]["value"],
        format!("**`labelPattern`**\n\n{description}")
    );

    // Nothing to say about a brace.
    assert_eq!(hover("{\n", 0), Value::Null);
    assert!(client.shutdown_and_exit().success());
}

fn labels(response: &Value) -> Vec<String> {
    let mut items = response["result"].as_array().unwrap().clone();
    items.sort_by_key(|item| item["sortText"].as_str().unwrap().to_owned());
    items
        .iter()
        .map(|item| item["label"].as_str().unwrap().to_owned())
        .collect()
}

/// The completion item with this label.
fn item(response: &Value, label: &str) -> Value {
    response["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .unwrap_or_else(|| panic!("no item {label} in {response}"))
        .clone()
}

/// The built-in elements completion offers after the preset's own names, in OffShoot's order
/// (`{Source Name}` has a space, which iconik cannot take, so it is not offered).
const BUILTIN_ITEMS: [&str; 9] = [
    "{Counter}",
    "{Date}",
    "{YYYY}",
    "{YY}",
    "{MM}",
    "{DD}",
    "{hh}",
    "{mm}",
    "{ss}",
];

#[test]
fn completion_of_elements_extensions_and_keys() {
    let text = "{\n  \"labelPattern\": \"🎬 {Project}_{Card}\",\n  \"iconikSidecarExtensions\": [\".R3D\", ],\n  \"iconikSidecarElements\": [\"{Project}\", \"{C\"],\n  \n}\n";
    let mut client = Client::with_encoding("utf-16");
    client.open(URI, text);
    client.diagnostics(URI);
    let mut complete = |offset: usize| {
        client.request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": URI }, "position": position(text, offset, "utf-16") }),
        )
    };

    // Inside "{C": the pattern's element not listed yet, then the built-ins.
    let inside = text.find("{C\"").unwrap() + 2;
    let response = complete(inside);
    let offered = labels(&response);
    assert_eq!(offered[0], "{Card}");
    assert_eq!(offered[1..], BUILTIN_ITEMS);
    let card = item(&response, "{Card}");
    assert_eq!(card["detail"], "used in labelPattern");
    let content_start = inside - 2;
    assert_eq!(
        card["textEdit"],
        json!({ "range": {
            "start": position(text, content_start, "utf-16"),
            "end": position(text, content_start + 2, "utf-16") }, "newText": "{Card}" })
    );

    // After `".R3D", `: the known extensions not listed, each with its quotes.
    let slot = text.find(", ]").unwrap() + 2;
    let response = complete(slot);
    let extensions = labels(&response);
    assert_eq!(extensions[0], ".MOV");
    assert!(!extensions.contains(&".R3D".to_owned()));
    assert!(extensions.contains(&".BRAW".to_owned()) && extensions.contains(&".MOV".to_owned()));
    let mov = item(&response, ".MOV");
    assert_eq!(mov["textEdit"]["newText"], "\".MOV\"");

    // On the blank line after a comma: the keys the preset does not have yet, and not the
    // legacy ones (PL502 would flag them).
    let blank = text.find("\n  \n").unwrap() + 3;
    let keys = labels(&complete(blank));
    assert!(keys.contains(&"folderPattern".to_owned()));
    assert!(!keys.contains(&"labelPattern".to_owned()));
    assert!(!keys.contains(&"createIconikSidecars".to_owned()));
    assert!(!keys.contains(&"iconikSidecarParameterNames".to_owned()));
    assert!(client.shutdown_and_exit().success());
}

/// In an unterminated string (`"{]`), the edit stops at the cursor and closes the string:
/// a client that applies the whole edit keeps the `]`.
#[test]
fn completion_in_an_unterminated_string_never_reaches_past_it() {
    let text = "{\n  \"labelPattern\": \"{Card}\",\n  \"iconikSidecarElements\": [\"{Project}\", \"{]\n}\n";
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, text);
    client.diagnostics(URI);
    let cursor = text.find("\"{]").unwrap() + 2;
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": URI }, "position": position(text, cursor, "utf-8") }),
    );
    let card = item(&response, "{Card}");
    assert_eq!(
        card["textEdit"],
        json!({ "range": {
            "start": position(text, cursor - 1, "utf-8"),
            "end": position(text, cursor, "utf-8") }, "newText": "{Card}\"" })
    );
    let edited = apply_edits(text, &[card["textEdit"].clone()], "utf-8");
    assert!(edited.contains("[\"{Project}\", \"{Card}\"]\n"), "{edited}");
    assert!(client.shutdown_and_exit().success());
}

/// With `view = "..."` in the workspace's presetlint.toml, hover names the field an element
/// feeds and completion offers the view's fields.
#[test]
fn a_workspace_view_informs_hover_and_completion() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/iconik-view.json"
        ),
        dir.path().join("view.json"),
    )
    .unwrap();
    std::fs::write(dir.path().join("presetlint.toml"), "view = \"view.json\"\n").unwrap();
    let uri = format!("file://{}/day.json", dir.path().display());
    let text = "{\n  \"iconikSidecarElements\": [\"{project}\", \"{shoot_day}\", \"{camera}\", \"{Reel}\", \"{c\"]\n}\n";
    let mut client = Client::in_workspace(dir.path());
    client.open(&uri, text);
    client.diagnostics(&uri);

    let mut hover = |needle: &str| {
        let offset = text.find(needle).unwrap() + 2;
        client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position(text, offset, "utf-8") }),
        )["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        hover("{camera}"),
        "**`{camera}`**: custom element, made in OffShoot\n\n- no pattern of this preset uses it\n- listed in `iconikSidecarElements`: the sidecar has the iconik field `camera`\n- view `Dailies ingest`: field `camera`, label \"Camera\", type drop_down, values `A`, `B`, `DRN`"
    );
    // Only the finding at the hovered entry (PL601), not the list's (PL602, twice), each in
    // one line.
    let reel = hover("{Reel}");
    assert!(
        reel.starts_with(
            "**`{Reel}`**: custom element, made in OffShoot\n\n- no pattern of this preset uses it\n- listed in `iconikSidecarElements`: the sidecar has the iconik field `Reel`\n- view `Dailies ingest` has no field `Reel`\n\n---\n\n- error [PL601 field-not-in-view](https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl601-field-not-in-view): \"{Reel}\" is not a field of view"
        ),
        "{reel}"
    );
    assert!(
        !reel.contains("PL602") && reel.matches("](https:").count() == 1,
        "{reel}"
    );

    let offset = text.find("{c\"").unwrap() + 2;
    let response = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": position(text, offset, "utf-8") }),
    );
    let offered = labels(&response);
    // The fields not listed yet, in the view's order...
    assert_eq!(
        offered[..7],
        [
            "{season}",
            "{shoot_date}",
            "{card}",
            "{location}",
            "{keywords}",
            "{hdr}",
            "{supervisor_email}"
        ]
    );
    // ...then the built-ins, each marked with what it would earn there.
    assert_eq!(offered[7..], BUILTIN_ITEMS);
    assert_eq!(
        item(&response, "{Counter}")["detail"],
        "built-in element; not a field of view Dailies ingest: PL601"
    );
    let shoot_date = item(&response, "{shoot_date}");
    assert_eq!(shoot_date["detail"], "field of view Dailies ingest");
    assert_eq!(
        shoot_date["documentation"]["value"],
        "label \"Shoot Date\", type date"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn garbage_unknown_methods_and_bad_params_keep_the_server_up() {
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, PRESET);
    client.diagnostics(URI);

    // A framed payload that is not JSON: a parse error, with a null id.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = client.wait_for(|m| m["id"].is_null() && m.get("error").is_some());
    assert_eq!(error["error"]["code"], -32700);
    // Lines that are no frame at all.
    client.send_raw(b"hello there\r\n\r\n");
    // JSON that is no JSON-RPC message, with an id to answer.
    client.send(&json!({ "jsonrpc": "2.0", "id": 99, "method": 5 }));
    let invalid = client.wait_for(|m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600);

    let unknown = client.request("presetlint/noSuchThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(bad_params["error"]["code"], -32602);
    // A bad notification is logged and ignored.
    client.notify("textDocument/didChange", json!({ "nonsense": true }));

    // Still serving.
    let offset = PRESET.find("{Crad}").unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": position(PRESET, offset, "utf-8") }),
    );
    assert!(hover["result"]["contents"]["value"].is_string(), "{hover}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn exit_without_shutdown_fails_and_requests_after_shutdown_are_refused() {
    let (client, _) = Client::initialized(json!({}), None);
    assert_eq!(client.exit().code(), Some(1));

    let (mut client, _) = Client::initialized(json!({}), None);
    client.request("shutdown", Value::Null);
    let refused = client.request("textDocument/hover", json!({}));
    assert_eq!(refused["error"]["code"], -32600);
    assert_eq!(client.exit().code(), Some(0));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    let init = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn schema_findings_can_be_switched_off() {
    let text = "{\"iconikSidecarElements\": [\"{Date}\"], \"flattenFolders\": \"yes\"}";
    let codes = |options: Option<Value>| {
        let (mut client, _) = Client::initialized(json!({}), options);
        client.open(URI, text);
        let published = client.diagnostics(URI);
        assert!(client.shutdown_and_exit().success());
        published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(None), ["PL004"]);
    assert!(codes(Some(json!({ "schemaFindings": false }))).is_empty());
}

#[test]
fn config_change_rechecks_and_close_clears() {
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, PRESET);
    client.diagnostics(URI);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": "file:///work/presets/presetlint.toml", "type": 2 }] }),
    );
    let again = client.diagnostics(URI);
    assert_eq!(again["version"], 1);
    assert_eq!(again["diagnostics"].as_array().unwrap().len(), 3);

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let cleared = client.diagnostics(URI);
    assert_eq!(cleared, json!({ "uri": URI, "diagnostics": [] }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn unsafe_fixes_are_offered_but_not_preferred_nor_applied_by_fix_all() {
    let text = "{\"labelPattern\": \"{Date}\", \"iconikSidecarParameterNames\": [\"{Date}\"]}";
    let mut client = Client::with_encoding("utf-8");
    client.open(URI, text);
    let published = client.diagnostics(URI);
    let legacy = &published["diagnostics"][0];
    assert_eq!(legacy["code"], "PL502");
    // Editors strike a deprecated key through.
    assert_eq!(legacy["tags"], json!([2]));
    assert_eq!(legacy["range"], range(0, 27, 56));

    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": range(0, 30, 30),
            "context": { "diagnostics": [] }
        }),
    );
    // Only the quick fix: fix-all has no safe fix to apply, so it is not offered.
    assert_eq!(
        response["result"],
        json!([{
            "title": "Rename to \"iconikSidecarElements\" (PL502, unsafe)",
            "kind": "quickfix",
            "diagnostics": [legacy],
            "edit": { "changes": { URI: [
                { "range": range(0, 27, 56), "newText": "\"iconikSidecarElements\"" }
            ] } },
            "isPreferred": false
        }])
    );
    assert!(client.shutdown_and_exit().success());
}

/// What the README says of JSON that is not a preset, sent by an editor pointed at all JSON:
/// a package.json gets no finding; a JSON-with-comments file gets PL001.
#[test]
fn other_json_is_as_the_readme_says() {
    let mut client = Client::with_encoding("utf-8");
    let package = "file:///tmp/package.json";
    client.open(package, "{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\",\n  \"scripts\": { \"test\": \"jest\" }\n}\n");
    assert_eq!(client.diagnostics(package)["diagnostics"], json!([]));
    let tsconfig = "file:///tmp/tsconfig.json";
    client.open(tsconfig, "{\n  // c\n  \"a\": 1\n}\n");
    let found = client.diagnostics(tsconfig);
    assert_eq!(found["diagnostics"][0]["code"], "PL001");
    assert!(client.shutdown_and_exit().success());
}

/// A broken presetlint.toml is told in the editor, as ruff's server does: a message, and a
/// diagnostic on the file at the mistake's line; the server keeps serving with the defaults,
/// and clears the diagnostic once the file is fixed. A view `iconik:ID` not cached yet is
/// said the same way, as a warning.
#[test]
fn a_broken_config_is_told_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let config = root.join("presetlint.toml");
    std::fs::write(&config, "# settings\nfail-level = \"warn\"\n").unwrap();
    let cache = root.join("cache").display().to_string();
    let mut client = Client::in_workspace_with_env(root, &[("PRESETLINT_CACHE_DIR", &cache)]);
    let config_uri = format!("file://{}", config.display());
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1, "an error: {shown}");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("presetlint: {}:2:14: ", config.display()))
            && message.ends_with("; linting with the default settings until it is fixed"),
        "{message}"
    );
    let published = client.diagnostics(&config_uri);
    let diagnostic = &published["diagnostics"][0];
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["source"], "presetlint");
    assert_eq!(
        diagnostic["range"]["start"],
        json!({"line": 1, "character": 13})
    );
    // Still serving, with the defaults.
    let uri = format!("file://{}/p.json", root.display());
    client.open(&uri, PRESET);
    assert_eq!(
        client.diagnostics(&uri)["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Fixed: the config's diagnostic is cleared.
    std::fs::write(&config, "fail-level = \"warning\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    assert_eq!(
        client.diagnostics(&config_uri),
        json!({ "uri": config_uri, "diagnostics": [] })
    );
    // A view in iconik that is not cached: a warning at the `view` line.
    std::fs::write(
        &config,
        "fail-level = \"warning\"\nview = \"iconik:3c7f0a52-5d7e-11ef-8b1f-0242ac120002\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 2, "a warning: {shown}");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("the view iconik:3c7f0a52-5d7e-11ef-8b1f-0242ac120002 is not cached yet"),
        "{shown}"
    );
    let published = client.diagnostics(&config_uri);
    assert_eq!(published["diagnostics"][0]["severity"], 2);
    assert_eq!(
        published["diagnostics"][0]["range"]["start"],
        json!({"line": 1, "character": 7})
    );
    assert!(client.shutdown_and_exit().success());
}
