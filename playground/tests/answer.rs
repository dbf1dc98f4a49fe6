//! The playground's interface, natively: the same `answer` the page calls through wasm32
//! (scripts/playground-check.mjs drives the page itself in Chromium). Each answer is exact.

use presetlint_playground::answer;
use serde_json::{Value, json};

fn ask(request: Value) -> Value {
    serde_json::from_str(&answer(&request.to_string())).unwrap()
}

const PRESET: &str =
    "{\"iconikSidecarExtensions\": [\".R3D;.MOV\"], \"iconikSidecarElements\": [\"{Camera}\"]}\n";

#[test]
fn check_answers_with_the_json_report() {
    let answer = ask(json!({"op": "check", "files": {"a.json": PRESET}, "preset": "a.json"}));
    let report: Value = serde_json::from_str(answer["report"].as_str().unwrap()).unwrap();
    assert_eq!(
        report["diagnostics"],
        json!([{
            "path": "a.json", "code": "PL101", "rule": "list-in-string", "severity": "error",
            "message": "\".R3D;.MOV\" holds 2 entries in one string; in a preset each entry is its own string",
            "pointer": "/iconikSidecarExtensions/0",
            "start": {"line": 1, "column": 30}, "end": {"line": 1, "column": 41},
            "fix": {"safe": true, "edits": [{"start": {"line": 1, "column": 30}, "end": {"line": 1, "column": 41}, "content": "\".R3D\", \".MOV\""}]}
        }])
    );
    assert_eq!(
        report["summary"],
        json!({"files": 1, "errors": 1, "warnings": 0, "infos": 0})
    );
}

#[test]
fn one_fix_and_fix_all_give_the_text() {
    let fixed = "{\"iconikSidecarExtensions\": [\".R3D\", \".MOV\"], \"iconikSidecarElements\": [\"{Camera}\"]}\n";
    let request = json!({"op": "fix", "files": {"a.json": PRESET}, "preset": "a.json", "only": 0});
    assert_eq!(ask(request)["text"], fixed);
    let request =
        json!({"op": "fix", "files": {"a.json": format!("\u{feff}{PRESET}")}, "preset": "a.json"});
    assert_eq!(
        ask(request)["text"],
        format!("\u{feff}{fixed}"),
        "a byte order mark is kept"
    );
    let request = json!({"op": "fix", "files": {"a.json": PRESET}, "preset": "a.json", "only": 5});
    assert_eq!(ask(request), json!({"error": "finding 5 has no fix"}));
    // A preset the page did not give: PL005 in the report, as for a file check cannot read.
    let request = json!({"op": "check", "files": {}, "preset": "b.json"});
    let report: Value = serde_json::from_str(ask(request)["report"].as_str().unwrap()).unwrap();
    assert_eq!(report["diagnostics"][0]["code"], "PL005");
    assert_eq!(
        report["diagnostics"][0]["start"],
        json!({"line": 1, "column": 1})
    );
    assert_eq!(
        report["diagnostics"][0]["message"],
        "the file could not be read: no such file in the playground"
    );
}

#[test]
fn a_config_that_does_not_load_is_said_with_its_place() {
    let files = json!({"a.json": PRESET, "presetlint.toml": "view = \"iconik:abc\"\n"});
    let answer = ask(
        json!({"op": "check", "files": files, "preset": "a.json", "config": "presetlint.toml"}),
    );
    assert_eq!(
        answer["error"],
        "presetlint::lint::config\n\n  × the view iconik:abc is pulled by the command line (`presetlint view pull abc`); here, give the\n  │ view's export\n   ╭─[presetlint.toml:1:8]\n 1 │ view = \"iconik:abc\"\n   ·        ────────────\n   ╰────\n  help: the Configuration section of presetlint's README lists every key\n"
    );
    let answer = ask(
        json!({"op": "check", "files": {"a.json": PRESET}, "preset": "a.json", "config": "presetlint.toml"}),
    );
    assert_eq!(
        answer["error"],
        "  × cannot read the config file presetlint.toml: no such file in the playground\n"
    );
}

#[test]
fn preview_needs_the_pages_date_and_shows_the_first_of_several_presets() {
    let two = "[{\"iconikSidecarElements\": [\"{Project}\"], \"iconikSidecarExtensions\": [\".mov\"]},\n {\"name\": \"Sound\", \"iconikSidecarElements\": [\"{Project}\"], \"iconikSidecarExtensions\": [\".wav\"]}]\n";
    let request = json!({"op": "preview", "files": {"two.hedge": two}, "preset": "two.hedge", "clip": "/RAID/A001.wav"});
    assert_eq!(
        ask(request.clone())["error"],
        "the page gives the date: the playground has no clock of its own"
    );
    let mut request = request;
    request["date"] = json!("2026-03-02T09:14:07+01:00");
    let first = ask(request.clone());
    assert_eq!(
        first["presets"],
        json!([{"number": 0, "label": "preset 0"}, {"number": 1, "label": "1: Sound"}])
    );
    assert_eq!(first["choice"], 0);
    assert!(
        first["human"]
            .as_str()
            .unwrap()
            .starts_with("clip: /RAID/A001.wav\ngets a sidecar: no\n")
    );
    request["choice"] = json!(1);
    let second = ask(request);
    assert!(
        second["human"]
            .as_str()
            .unwrap()
            .starts_with("clip: /RAID/A001.wav\ngets a sidecar: yes\n")
    );
}

#[test]
fn presets_are_numbered_as_preset_n_numbers_them() {
    // Item 0 is no preset (PL003): the presets are items 1 and 2, and `--preset 1` the first.
    let file = "[1, {\"iconikSidecarElements\": [\"{Project}\"]}, {\"iconikSidecarElements\": [\"{Card}\"]}]";
    let answer = ask(
        json!({"op": "preview", "files": {"a.hedge": file}, "preset": "a.hedge",
        "date": "2026-03-02", "clip": "/RAID/A001.mov"}),
    );
    assert_eq!(
        answer["presets"],
        json!([{"number": 1, "label": "preset 1"}, {"number": 2, "label": "preset 2"}])
    );
    assert_eq!(answer["choice"], 1);
    assert_eq!(answer["form"]["fields"][0]["name"], "Project");
    let answer = ask(
        json!({"op": "preview", "files": {"a.hedge": file}, "preset": "a.hedge",
        "date": "2026-03-02", "clip": "/RAID/A001.mov", "format": "tiff"}),
    );
    assert_eq!(
        answer["error"],
        "the page sent a request presetlint does not understand: unknown variant `tiff`, expected one of `json`, `xml`, `csv` at line 1 column 209"
    );
}

#[test]
fn preview_judges_the_forms_values_against_the_view() {
    let view = json!({"name": "Dailies", "view_fields": [{"name": "camera", "field_type": "drop_down", "options": [{"label": "A", "value": "A"}]}]});
    let files = json!({
        "a.json": "{\"iconikSidecarElements\": [\"{camera}\"]}",
        "view.json": view.to_string(),
        "values.json": "{\n  \"camera\": \"B\"\n}\n",
    });
    let answer = ask(
        json!({"op": "preview", "files": files, "preset": "a.json", "view": "view.json",
        "values": "values.json", "date": "2026-03-02", "clip": "/RAID/A001.mov"}),
    );
    let report: Value = serde_json::from_str(answer["report"].as_str().unwrap()).unwrap();
    assert_eq!(
        report["value_findings"],
        json!([{"path": "values.json", "code": "PL702", "rule": "invalid-value", "severity": "error",
            "message": "\"B\" is not one of the values of drop-down field \"camera\"", "pointer": "",
            "start": {"line": 2, "column": 13}, "end": {"line": 2, "column": 16},
            "help": "the values are \"A\""}])
    );
    assert_eq!(
        report["generate_would_refuse"],
        "some values do not fit the view"
    );
    assert_eq!(
        answer["form"],
        json!({"view": "Dailies", "fields": [{"name": "camera", "pointer": "/iconikSidecarElements/0", "builtin": false, "value": null,
            "field": {"label": null, "type": "drop_down", "multi": false, "required": false, "read_only": false,
                "options": [{"label": "A", "value": "A"}]}}]})
    );
}

#[test]
fn a_request_it_does_not_know_is_an_error_not_a_panic() {
    assert_eq!(
        ask(json!({"op": "nope"}))["error"],
        "the page sent a request presetlint does not understand: unknown variant `nope`, expected one of `check`, `fix`, `preview`, `rules` at line 1 column 12"
    );
    assert_eq!(
        answer("{"),
        "{\"error\":\"the page sent a request presetlint does not understand: EOF while parsing an object at line 1 column 1\"}"
    );
    let rules = ask(json!({"op": "rules"}));
    assert_eq!(rules[0]["code"], "PL001");
    assert_eq!(
        rules[0]["url"],
        "https://github.com/presetlint/presetlint/blob/main/docs/rules.md#pl001-invalid-json"
    );
}
