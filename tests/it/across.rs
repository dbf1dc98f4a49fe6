//! The rules across presets, on a generated library: 300 presets in 40 productions, with
//! seeded variants of element names. PL951 fires exactly on the seeded variants and nothing
//! else does; PL952 on presets that share a name across productions.

use std::collections::BTreeSet;
use std::fs;

use crate::common::run;

const ELEMENTS: [&str; 5] = ["Project", "ShootDay", "Camera", "Card", "SceneTake"];

/// How a seeded variant spells a name: iconik would see another field.
fn variant(name: &str, kind: u64) -> String {
    match kind % 3 {
        0 => name.to_lowercase(),
        1 => {
            // snake_case: shoot_day
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('_');
                }
                out.extend(c.to_lowercase());
            }
            out
        }
        _ => name.to_uppercase(),
    }
}

/// A preset whose one element is `{spelt}`.
fn one_element(spelt: &str) -> String {
    format!("{{\"iconikSidecarElements\": [\"{{{spelt}}}\"]}}\n")
}

/// A folder with a presetlint.toml and, at each path, a preset of one element so spelt.
fn library_of(presets: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("presetlint.toml"), "").unwrap();
    for (path, spelt) in presets {
        fs::create_dir_all(d.join(path).parent().unwrap()).unwrap();
        fs::write(d.join(path), one_element(spelt)).unwrap();
    }
    dir
}

#[test]
fn a_library_of_300_presets_gets_exactly_its_seeded_variants() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut seeded = BTreeSet::new();
    for n in 0..300 {
        let production = n % 40;
        let folder = d.join(format!("productions/prod{production:02}"));
        fs::create_dir_all(&folder).unwrap();
        let name = format!("prod{production:02}-cam{n:03}.json");
        let mut entries = Vec::new();
        for (i, element) in ELEMENTS.iter().enumerate() {
            // About one preset in twenty gets one variant.
            let spelt = if i == (n % 5) && next() % 20 == 0 {
                seeded.insert((format!("productions/prod{production:02}/{name}"), i));
                variant(element, next())
            } else {
                (*element).to_owned()
            };
            entries.push(format!("\"{{{spelt}}}\""));
        }
        fs::write(
            folder.join(&name),
            format!("{{\"iconikSidecarElements\": [{}]}}\n", entries.join(", ")),
        )
        .unwrap();
    }
    assert!(
        seeded.len() >= 8,
        "the seed gives {} variants",
        seeded.len()
    );
    let r = run(d, &["check", "--format", "json", "."]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 300);
    let mut fired = BTreeSet::new();
    for d in v["diagnostics"].as_array().unwrap() {
        assert_eq!(d["code"], "PL951", "nothing but the variants: {d}");
        let index: usize = d["pointer"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        fired.insert((
            d["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_owned(),
            index,
        ));
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .contains(" preset files (e.g. "),
            "{d}"
        );
    }
    assert_eq!(fired, seeded);
}

#[test]
fn presets_sharing_a_name_across_productions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for production in ["nightfall", "daybreak"] {
        fs::create_dir_all(d.join(production)).unwrap();
        fs::write(
            d.join(format!("{production}/Cam-A.hedge")),
            "{\"iconikSidecarElements\": [\"{Project}\"]}\n",
        )
        .unwrap();
    }
    fs::write(
        d.join("nightfall/cam-b.hedge"),
        "{\"iconikSidecarElements\": [\"{Project}\"]}\n",
    )
    .unwrap();
    let r = run(d, &["check", "--format", "concise", "."]);
    assert_eq!(
        r.stdout,
        "daybreak/Cam-A.hedge:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"nightfall/Cam-A.hedge\"; OffShoot lists presets by name\n\
         nightfall/Cam-A.hedge:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"daybreak/Cam-A.hedge\"; OffShoot lists presets by name\n"
    );
    // Switched off like any rule.
    let off = run(
        d,
        &["check", "--format", "concise", "--ignore", "PL952", "."],
    );
    assert_eq!(off.stdout, "");
}

/// A library with a view (one field read-only) whose presets feed some of its fields.
fn library_with_a_view() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let view = fs::read_to_string(crate::common::fixture("iconik-view.json"))
        .unwrap()
        .replace(
            "\"name\": \"hdr\", \"label\": \"HDR\",",
            "\"name\": \"hdr\", \"label\": \"HDR\", \"read_only\": true,",
        );
    fs::write(d.join("view.json"), view).unwrap();
    fs::write(d.join("presetlint.toml"), "view = \"view.json\"\n").unwrap();
    for (path, elements) in [
        ("prodA/x.json", "\"{project}\", \"{shoot_day}\""),
        (
            "prodB/y.json",
            "\"{project}\", \"{shoot_day}\", \"{camera}\", \"{card}\", \"{season}\"",
        ),
    ] {
        fs::create_dir_all(d.join(path).parent().unwrap()).unwrap();
        fs::write(
            d.join(path),
            format!("{{\"iconikSidecarElements\": [{elements}]}}\n"),
        )
        .unwrap();
    }
    dir
}

const UNFED: &str = "\
view.json:11:14: info[PL953 view-field-unfed] no preset of the run feeds the field \"shoot_date\": no preset has the element \"{shoot_date}\"
view.json:15:14: info[PL953 view-field-unfed] no preset of the run feeds the field \"location\": no preset has the element \"{location}\"
view.json:16:14: info[PL953 view-field-unfed] no preset of the run feeds the field \"keywords\": no preset has the element \"{keywords}\"
view.json:18:14: info[PL953 view-field-unfed] no preset of the run feeds the field \"supervisor_email\": no preset has the element \"{supervisor_email}\"
";

#[test]
fn view_fields_no_preset_feeds_are_reported_once_at_the_view() {
    let dir = library_with_a_view();
    let r = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(r.code, 0, "infos only: {}", r.stderr);
    assert_eq!(r.stdout, UNFED);
    assert_eq!(r.stderr, "Found 4 infos.\n");

    // A partial run is judged against the other presets under the config's folder: y.json
    // feeds camera, card and season here too, and none of its findings is reported.
    let partial = run(
        dir.path(),
        &["check", "--format", "concise", "prodA/x.json"],
    );
    assert_eq!(partial.stdout, UNFED);

    // The view on the command line is judged the same way; without one there is nothing.
    let flag = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--no-config",
            "--view",
            "view.json",
        ],
    );
    assert_eq!(flag.stdout, UNFED);
    let none = run(dir.path(), &["check", "--format", "concise", "--no-config"]);
    assert_eq!(none.stdout, "");
    let off = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--ignore",
            "view-field-unfed",
        ],
    );
    assert_eq!(off.stdout, "");
    // A group by its code prefix, as in ruff.
    let group = run(
        dir.path(),
        &["check", "--format", "concise", "--select", "PL95"],
    );
    assert_eq!(group.stdout, UNFED);
    let without = run(
        dir.path(),
        &["check", "--format", "concise", "--ignore", "pl95"],
    );
    assert_eq!(without.stdout, "");
}

/// A partial run (named files, --staged) compares its presets with the rest of the library
/// but reports only its own.
#[test]
fn a_partial_run_is_judged_against_the_library_and_reports_only_its_files() {
    let dir = library_of(&[
        ("prodA/a.json", "ShootDay"),
        ("prodB/b.json", "ShootDay"),
        ("prodC/c.json", "ShootDay"),
        ("prodD/new.json", "shoot_day"),
    ]);
    let d = dir.path();
    let variant = run(d, &["check", "--format", "concise", "prodD/new.json"]);
    assert_eq!(variant.code, 0, "{}", variant.stderr);
    assert_eq!(
        variant.stdout,
        "prodD/new.json:1:28: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 3 preset files (e.g. prodA/a.json); iconik sees two fields\n"
    );
    // One of the majority, checked alone: the variant is in the library, not in the run.
    let majority = run(d, &["check", "--format", "concise", "prodA/a.json"]);
    assert_eq!(majority.stdout, "");

    // The same through git: only the staged preset is reported, against the whole library.
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(d)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "prodA", "prodB", "prodC", "presetlint.toml"]);
    git(&["commit", "-qm", "library"]);
    git(&["add", "prodD/new.json"]);
    let staged = run(d, &["check", "--format", "concise", "--staged"]);
    assert_eq!(staged.stdout, variant.stdout);
}

/// The language server judges an open preset against the library, as `check` of that one
/// file does, and again when another preset of the library changes on disk.
#[test]
fn the_editor_judges_an_open_preset_against_the_library() {
    let dir = library_of(&[("prodA/a.json", "ShootDay"), ("prodB/b.json", "ShootDay")]);
    let d = dir.path();
    let text = &one_element("shoot_day");
    fs::create_dir_all(d.join("prodD")).unwrap();
    fs::write(d.join("prodD/new.json"), text).unwrap();
    let check = run(d, &["check", "--format", "concise", "prodD/new.json"]);
    assert_eq!(
        check.stdout,
        "prodD/new.json:1:28: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 2 preset files (e.g. prodA/a.json); iconik sees two fields\n"
    );

    let uri = format!("file://{}/prodD/new.json", d.display());
    let mut client = crate::lsp_client::Client::in_workspace(d);
    client.open(&uri, text);
    let found = crate::lsp_client::findings;
    // The same finding, at the same place (LSP counts from 0).
    assert_eq!(
        found(&client.diagnostics(&uri)),
        [(
            "PL951".to_owned(),
            0,
            27,
            "\"{shoot_day}\" is spelt \"{ShootDay}\" in 2 preset files (e.g. prodA/a.json); iconik sees two fields".to_owned()
        )]
    );
    // The library comes round to the new spelling: the open preset is now the common one.
    for path in ["prodA/a.json", "prodB/b.json"] {
        fs::write(d.join(path), text).unwrap();
    }
    client.notify(
        "workspace/didChangeWatchedFiles",
        serde_json::json!({ "changes": [{ "uri": format!("file://{}/prodA/a.json", d.display()), "type": 2 }] }),
    );
    assert_eq!(found(&client.diagnostics(&uri)), []);
    // The open document is newer than its file, which stands for it in the library no more:
    // two presets (not three) spell it the old way.
    client.notify(
        "textDocument/didChange",
        serde_json::json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": "{\"iconikSidecarElements\": [\"{ShootDay}\"]}\n" }]
        }),
    );
    assert_eq!(
        found(&client.diagnostics(&uri)),
        [(
            "PL951".to_owned(),
            0,
            27,
            "\"{ShootDay}\" is spelt \"{shoot_day}\" in 2 preset files (e.g. prodA/a.json); iconik sees two fields".to_owned()
        )]
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_editor_without_file_watchers_reads_the_library_again_at_the_next_open() {
    let dir = library_of(&[("prodA/a.json", "ShootDay"), ("prodB/b.json", "ShootDay")]);
    let d = dir.path();
    let codes = |published: &serde_json::Value| -> Vec<String> {
        let found = crate::lsp_client::findings(published);
        found.into_iter().map(|(code, ..)| code).collect()
    };
    // This client registers no watchers (it offers no didChangeWatchedFiles capability).
    let mut client = crate::lsp_client::Client::in_workspace(d);
    let first = format!("file://{}/prodC/c.json", d.display());
    client.open(&first, &one_element("shoot_day"));
    assert_eq!(codes(&client.diagnostics(&first)), ["PL951"]);
    // The library comes round to the new spelling behind the editor's back.
    for path in ["prodA/a.json", "prodB/b.json"] {
        fs::write(d.join(path), one_element("shoot_day")).unwrap();
    }
    let second = format!("file://{}/prodD/d.json", d.display());
    client.open(&second, &one_element("shoot_day"));
    assert_eq!(codes(&client.diagnostics(&second)), Vec::<String>::new());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_tie_is_broken_by_place_so_a_partial_run_says_what_the_whole_tree_says() {
    // One preset file each spells the name: a tie, which the first by place wins (zeta's
    // folder sorts after prod's, and the files are named in the other order).
    let dir = library_of(&[
        ("prod/a.json", "ShootDay"),
        ("prod/b.json", "Shootday"),
        ("zeta/c.json", "shoot_day"),
        ("zeta/cam.json", "Camera"),
        ("prod/cam.json", "Camera"),
    ]);
    let d = dir.path();
    let b = "prod/b.json:1:28: warning[PL951 element-name-variant] \"{Shootday}\" is spelt \"{ShootDay}\" in 1 preset file (e.g. prod/a.json); iconik sees two fields\n";
    let c = "zeta/c.json:1:28: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 1 preset file (e.g. prod/a.json); iconik sees two fields\n";
    let cam = |at: &str, other: &str| {
        format!(
            "{at}:1:1: warning[PL952 duplicate-preset-name] another preset file has this name: \"{other}\"; OffShoot lists presets by name\n"
        )
    };
    let whole = run(d, &["check", "--format", "concise"]);
    assert_eq!(
        whole.stdout,
        format!(
            "{b}{}{c}{}",
            cam("prod/cam.json", "zeta/cam.json"),
            cam("zeta/cam.json", "prod/cam.json")
        )
    );
    let named = run(
        d,
        &["check", "--format", "concise", "zeta/c.json", "prod/b.json"],
    );
    assert_eq!(named.stdout, format!("{c}{b}"));
    let one = run(d, &["check", "--format", "concise", "zeta/cam.json"]);
    assert_eq!(one.stdout, cam("zeta/cam.json", "prod/cam.json"));
    // From inside a production, where the others are `../`: the same choice.
    let inside = run(&d.join("zeta"), &["check", "--format", "concise", "c.json"]);
    assert_eq!(
        inside.stdout,
        "c.json:1:28: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 1 preset file (e.g. ../prod/a.json); iconik sees two fields\n"
    );
}

/// One definition of a variant: `{ShootDay}` and `{shoot_day}` in one file are PL951 checked
/// alone as in a run (a repeat that differs in case alone stays PL102's); in a run, the
/// example PL951 names is another file, never the one it reports on.
#[test]
fn variants_within_one_file_are_pl951_alone_and_in_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("a.json"),
        r#"{"iconikSidecarElements": ["{ShootDay}", "{shoot_day}"]}"#,
    )
    .unwrap();
    std::fs::write(
        root.join("c.json"),
        r#"{"iconikSidecarElements": ["{ShootDay}", "{shootday}"]}"#,
    )
    .unwrap();
    let r = run(root, &["check", "a.json", "c.json", "--format", "concise"]);
    assert_eq!(
        r.stdout,
        "a.json:1:42: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 2 preset files (e.g. c.json); iconik sees two fields\n\
         c.json:1:42: warning[PL102 duplicate-entry] \"{shootday}\" repeats \"{ShootDay}\" (entries are compared ignoring case)\n"
    );
    let alone = |file: &str| run(root, &["check", file, "--format", "concise"]).stdout;
    assert_eq!(
        alone("a.json"),
        "a.json:1:42: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" elsewhere in this file; iconik sees two fields\n"
    );
    assert_eq!(
        alone("c.json"),
        "c.json:1:42: warning[PL102 duplicate-entry] \"{shootday}\" repeats \"{ShootDay}\" (entries are compared ignoring case)\n"
    );
    // Another file that spells it as a.json does first: the example is that file.
    std::fs::write(
        root.join("b.json"),
        r#"{"iconikSidecarElements": ["{ShootDay}"]}"#,
    )
    .unwrap();
    let r = run(root, &["check", "a.json", "b.json", "--format", "concise"]);
    assert_eq!(
        r.stdout,
        "a.json:1:42: warning[PL951 element-name-variant] \"{shoot_day}\" is spelt \"{ShootDay}\" in 2 preset files (e.g. b.json); iconik sees two fields\n"
    );
}
