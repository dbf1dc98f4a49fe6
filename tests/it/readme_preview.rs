//! The README's sample preview is the binary's real output.

use std::path::Path;

#[test]
fn readme_sample_preview_is_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("$ presetlint preview tests/fixtures/cam-a.json")
        .expect("the sample is in the README");
    let block = &readme[start..];
    let output_start = block.find("+01:00\n").unwrap() + "+01:00\n".len();
    let output = &block[output_start..output_start + block[output_start..].find("```").unwrap()];
    let r = crate::common::run(
        root,
        &[
            "preview",
            "tests/fixtures/cam-a.json",
            "--clip",
            "/Volumes/RAID/PRX/A001C003.R3D",
            "--set",
            "Project=PRX",
            "--set",
            "Camera=A",
            "--set",
            "Card=A001",
            "--date",
            "2026-03-02T09:14:07+01:00",
        ],
    );
    assert_eq!(r.stdout, output);
}
