//! `--format html` for check and audit: one self-contained file (no script, no external asset,
//! a policy that forbids both), the summary first, findings by file with their snippets, and
//! for audit a picture of the destination; hostile names and values shown as text. The page is
//! opened in a real browser by scripts/browser-check.sh (in .ci/run); here its exact text.

use std::path::Path;

/// A report a browser can neither run nor fetch from: every tag is one of the report's own
/// (the text's `<` are all escaped), none has an event attribute, a link only goes to the
/// rules' documentation, and the policy forbids scripts and requests whatever slips through.
fn assert_inert(html: &str) {
    const TAGS: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p",
        "span", "i", "section", "ol", "li", "a", "pre", "mark", "main", "footer", "svg", "g",
        "text", "rect",
    ];
    for (at, _) in html.match_indices('<') {
        let tag_text = &html[at + 1..at + 1 + html[at + 1..].find('>').unwrap()];
        let name = tag_text
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap();
        assert!(TAGS.contains(&name), "<{tag_text}> in the report");
        for attribute in tag_text.split(' ').skip(1) {
            assert!(
                !attribute.starts_with("on"),
                "<{tag_text}> has an event attribute"
            );
            if let Some(href) = attribute.strip_prefix("href=\"") {
                assert!(
                    href.starts_with(
                        "https://github.com/presetlint/presetlint/blob/main/docs/rules.md"
                    ),
                    "<{tag_text}>"
                );
            }
        }
    }
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
}

#[test]
fn check_html_is_the_formats_fixture_whole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = crate::common::run(
        root,
        &[
            "check",
            "--no-config",
            "--format",
            "html",
            "tests/fixtures/formats/bad preset.json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_inert(&run.stdout);
    insta::assert_snapshot!("html_check", run.stdout);
}

#[test]
fn hostile_names_and_values_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = "<img src=x onerror=alert(1)>.json";
    std::fs::write(
        dir.path().join(name),
        "{\"iconikSidecarElements\": [\"{Project}\"], \"iconikSidecarExtensions\": [\"</script><script>alert(2)</script>\"]}\n",
    )
    .unwrap();
    let run = crate::common::run(
        dir.path(),
        &["check", "--no-config", "--format", "html", "."],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_inert(&run.stdout);
    assert!(
        run.stdout
            .contains("<h2>&lt;img src=x onerror=alert(1)&gt;.json</h2>"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "<span class=\"no\">1</span>{&quot;iconikSidecarElements&quot;: [&quot;{Project}&quot;], &quot;iconikSidecarExtensions&quot;: [<mark>&quot;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&quot;</mark>]}"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn audit_html_draws_each_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("preset.json"),
        r#"{"iconikSidecarExtensions": [".R3D"], "iconikSidecarElements": ["{Project}"]}"#,
    )
    .unwrap();
    crate::common::touch(
        root,
        &[
            "RAID/A001/A001C001.R3D",
            "RAID/A001/A001C002.R3D",
            "RAID/B001/B001C001.R3D",
            "RAID/B001/B001C002.R3D",
            "RAID/B001/B001C003.R3D",
        ],
    );
    let values = ["--set", "Project=PRX", "--no-sync", "--no-config"];
    let mut generate = vec!["generate", "preset.json", "--destination", "RAID"];
    generate.extend_from_slice(&values);
    assert_eq!(crate::common::run(root, &generate).code, 0);
    // B001: one sidecar written by hand with another project, one clip without its sidecar.
    std::fs::write(
        root.join("RAID/B001/B001C002.R3D.json"),
        r#"{"metadata_values": {"Project": {"field_values": [{"value": "OLD"}]}}}"#,
    )
    .unwrap();
    std::fs::remove_file(root.join("RAID/B001/B001C003.R3D.json")).unwrap();
    let run = crate::common::run(
        root,
        &[
            "audit",
            "RAID",
            "--preset",
            "preset.json",
            "--set",
            "Project=PRX",
            "--no-config",
            "--format",
            "html",
        ],
    );
    // The clip without its sidecar is an error (PL805).
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_inert(&run.stdout);
    let svg: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("<svg"))
        .take_while(|l| *l != "</svg>")
        .collect();
    assert_eq!(
        svg,
        [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"56\" viewBox=\"0 0 900 56\" role=\"img\" aria-label=\"sidecars per folder\">",
            "<g class=\"folder\"><title>RAID/A001: 2 good, 0 with findings, 0 without a sidecar</title>",
            "<text x=\"292\" y=\"19\" text-anchor=\"end\" font-size=\"13\" font-family=\"ui-monospace,monospace\">RAID/A001</text>",
            "<rect class=\"good\" x=\"300\" y=\"5\" width=\"320\" height=\"18\"/>",
            "<text x=\"628\" y=\"19\" font-size=\"12\">2 · 0 · 0</text></g>",
            "<g class=\"folder\"><title>RAID/B001: 1 good, 1 with findings, 1 without a sidecar</title>",
            "<text x=\"292\" y=\"45\" text-anchor=\"end\" font-size=\"13\" font-family=\"ui-monospace,monospace\">RAID/B001</text>",
            "<rect class=\"good\" x=\"300\" y=\"31\" width=\"160\" height=\"18\"/>",
            "<rect class=\"bad\" x=\"460\" y=\"31\" width=\"160\" height=\"18\"/>",
            "<rect class=\"none\" x=\"620\" y=\"31\" width=\"160\" height=\"18\"/>",
            "<text x=\"788\" y=\"45\" font-size=\"12\">1 · 1 · 1</text></g>",
        ]
    );
    assert!(
        run.stdout.contains(
            "<p class=\"summary\" id=\"summary\">1 warning in 1 of 4 sidecars; 1 clip without a sidecar</p>\n<p class=\"counts\"><span class=\"error\">1 error</span><span class=\"warning\">1 warning</span><span class=\"info\">0 infos</span></p>"
        ),
        "{}",
        run.stdout
    );
}
