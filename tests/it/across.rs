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
                .contains("of this run's presets"),
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
