//! In-process benchmark of rendering sidecars in the three formats (divan); the end-to-end
//! speed of `generate` on a tree of clips is measured by scripts/bench.sh.
//! `cargo bench --bench sidecars`.

use presetlint::output::sidecar::{Field, SidecarFormat, render};

fn main() {
    divan::main();
}

fn fields() -> Vec<Field> {
    [
        ("Project", "Café Noir – Episode 104"),
        ("Camera", "A"),
        ("Card", "A001"),
        ("Date", "20241224"),
        ("ShootDay", "12"),
        ("Notes", "Scene 4 \"night\", take 3 <b>& pickups</b>"),
    ]
    .iter()
    .map(|(name, value)| Field {
        name: (*name).to_owned(),
        values: vec![(*value).to_owned()],
    })
    .collect()
}

#[divan::bench(args = ["json", "xml", "csv"])]
fn render_one_sidecar(bencher: divan::Bencher, format: &str) {
    let format = match format {
        "json" => SidecarFormat::Json,
        "xml" => SidecarFormat::Xml,
        _ => SidecarFormat::Csv,
    };
    let fields = fields();
    bencher.bench(|| render(format, divan::black_box(&fields)).unwrap());
}
