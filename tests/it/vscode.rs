//! The VS Code client (editors/vscode) restarts on a change of its settings and keeps
//! presetlint.path machine-scoped: editors/vscode/test/extension.test.js, run with Node.

#[test]
fn the_vscode_client_restarts_on_a_settings_change() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("node")
        .arg(root.join("editors/vscode/test/extension.test.js"))
        .output()
        .expect("Node.js runs (the CI machine has Node 20)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
}
