//! In-process benchmarks of `check` and of rendering its reports (divan).
//! `cargo bench --bench check`; compare runs by ratio, not by absolute time.

use presetlint::lint::checked_file::{CheckedFile, check_named};
use presetlint::lint::settings::Settings;
use presetlint::output::report::{self, Format};

#[path = "support.rs"]
mod support;

fn main() {
    divan::main();
}

fn check(text: &str) -> CheckedFile {
    check_named(
        "preset.json".into(),
        text.as_bytes().to_vec(),
        &Settings::default(),
    )
}

#[divan::bench]
fn typical_clean_8kb(bencher: divan::Bencher) {
    let text = support::preset(8, 0);
    assert!(check(&text).diagnostics.is_empty());
    bencher.bench(|| check(divan::black_box(&text)));
}

#[divan::bench]
fn typical_with_40_findings_8kb(bencher: divan::Bencher) {
    let text = support::preset(8, 10);
    assert_eq!(check(&text).diagnostics.len(), 40);
    bencher.bench(|| check(divan::black_box(&text)));
}

#[divan::bench]
fn large_5mb(bencher: divan::Bencher) {
    let text = support::large_preset(5);
    bencher.bench(|| check(divan::black_box(&text)));
}

#[divan::bench]
fn large_5mb_with_a_late_duplicate(bencher: divan::Bencher) {
    let text =
        support::large_preset(5).replacen("\n  ]", ",\n    \"{CustomField0000000}\"\n  ]", 1);
    assert_eq!(check(&text).diagnostics.len(), 1);
    bencher.bench(|| check(divan::black_box(&text)));
}

/// Every report format, by the name `--format` takes.
const FORMATS: [&str; Format::NAMED.len()] = {
    let mut names = [""; Format::NAMED.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = Format::NAMED[i].0;
        i += 1;
    }
    names
};

/// 100 files with 40 findings each.
#[divan::bench(args = FORMATS)]
fn render_report(bencher: divan::Bencher, format: &str) {
    let files: Vec<CheckedFile> = (0..100).map(|_| check(&support::preset(8, 10))).collect();
    let format = Format::named(format).expect("a format of Format::NAMED");
    bencher.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        report::write(format, divan::black_box(&files), false, &mut out).unwrap();
        out
    });
}
