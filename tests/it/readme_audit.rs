//! The README's sample audit is the binary's real output on the bundled tree.

use std::path::Path;

#[test]
fn readme_sample_audit_is_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let command = "$ presetlint audit examples/footage/Travel-RAID --volume Travel-RAID --preset examples/red-commercial.json --view examples/iconik-view.json --format concise\n";
    let start = readme.find(command).expect("the sample is in the README") + command.len();
    let output = &readme[start..start + readme[start..].find("```").unwrap()];
    let args: Vec<&str> = command
        .trim_start_matches("$ presetlint ")
        .split_whitespace()
        .collect();
    let r = crate::common::run(root, &args);
    assert_eq!((r.code, r.stdout.as_str()), (1, output));
}
