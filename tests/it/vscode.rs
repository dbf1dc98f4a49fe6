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

/// The Linux package, made by @vscode/vsce from npm with presetlint's own binary: it carries
/// the binary (executable, byte for byte), the language client, and the schema associations
/// (the preset's for *.hedge through VS Code's JSON support, presetlint.toml's for Even Better
/// TOML); unpacked, its extension starts the binary it carries.
#[test]
fn the_linux_package_carries_its_binary_and_the_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(vsce) = crate::common::npm_tool("vsce", "@vscode/vsce@3.9.2", "vsce") else {
        crate::common::cannot_set_up("@vscode/vsce from npm");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let vsix = dir.path().join("presetlint-linux-x64.vsix");
    let binary = env!("CARGO_BIN_EXE_presetlint");
    let out = std::process::Command::new("bash")
        .arg(root.join("scripts/package-vscode.sh"))
        .args(["linux-x64", binary])
        .arg(&vsix)
        .env("VSCE", &vsce)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Unpacked as VS Code unpacks it (Python's zipfile, modes from the archive).
    let unpacked = dir.path().join("unpacked");
    let script = "import sys, zipfile, os\nz = zipfile.ZipFile(sys.argv[1])\nfor i in z.infolist():\n    p = z.extract(i, sys.argv[2])\n    mode = i.external_attr >> 16\n    if mode:\n        os.chmod(p, mode & 0o777)\nprint('\\n'.join(sorted(n for n in z.namelist() if '/node_modules/' not in n)))";
    let listed = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&vsix)
        .arg(&unpacked)
        .output()
        .unwrap();
    assert!(listed.status.success());
    let names = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(
        names.lines().collect::<Vec<_>>(),
        [
            "[Content_Types].xml",
            "extension.vsixmanifest",
            "extension/bin/presetlint",
            "extension/extension.js",
            "extension/package.json",
            "extension/readme.md",
            "extension/schema/offshoot-preset.schema.json",
            "extension/schema/presetlint.toml.schema.json",
        ]
    );
    let extension = unpacked.join("extension");
    assert!(
        extension
            .join("node_modules/vscode-languageclient/node.js")
            .exists()
    );
    assert_eq!(
        std::fs::read(extension.join("bin/presetlint")).unwrap(),
        std::fs::read(binary).unwrap()
    );
    let version = std::process::Command::new(extension.join("bin/presetlint"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(version.status.success(), "the carried binary runs");
    let manifest = std::fs::read_to_string(unpacked.join("extension.vsixmanifest")).unwrap();
    assert!(
        manifest.contains("TargetPlatform=\"linux-x64\""),
        "{manifest}"
    );
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(extension.join("package.json")).unwrap())
            .unwrap();
    assert_eq!(
        package["contributes"]["jsonValidation"],
        serde_json::json!([{"fileMatch": "*.hedge", "url": "./schema/offshoot-preset.schema.json"}])
    );
    assert_eq!(
        package["contributes"]["tomlValidation"][0]["url"],
        "./schema/presetlint.toml.schema.json"
    );
    let out = std::process::Command::new("node")
        .arg(root.join("editors/vscode/test/extension.test.js"))
        .arg(&extension)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ok\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
