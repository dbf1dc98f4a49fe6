//! Presets for the in-process benchmarks, made in code so that the benchmarks run without
//! ../shared: shaped like the corpus of ../shared/bench/gen_corpus.py (a few iconik keys
//! among many others and a transfer history that makes up most of the bytes).

// Each bench uses the presets it needs.
#![allow(dead_code)]

use std::fmt::Write;

/// A typical preset of about `kb` kilobytes; `defects` adds one finding of each kind that the
/// corpus carries, several times over.
pub fn preset(kb: usize, defects: usize) -> String {
    let mut elements: Vec<String> = ["{Project}", "{Camera}", "{Card}", "{Date}", "{Reel}"]
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect();
    let mut extensions = vec!["\".R3D\"".to_owned(), "\".MOV\"".to_owned()];
    for i in 0..defects {
        elements.push(format!("\"{{Shoot Day {i}}}\""));
        elements.push("\"{Filename}\"".to_owned());
        extensions.push(format!("\"MXF{i}\""));
        extensions.push("\".mov\"".to_owned());
    }
    let mut out = String::from("{\n");
    let _ = writeln!(
        out,
        "  \"name\": \"Café Noir Films – Episode 104 (RED KOMODO) #17\","
    );
    let _ = writeln!(
        out,
        "  \"folderTemplate\": \"{{Project}}/{{Date}}/{{Camera}}\","
    );
    let _ = writeln!(
        out,
        "  \"iconikSidecarDestinations\": [\"RAID\", \"*/proxies\"],"
    );
    let _ = writeln!(
        out,
        "  \"iconikSidecarExtensions\": [{}],",
        extensions.join(", ")
    );
    let _ = writeln!(
        out,
        "  \"iconikSidecarElements\": [{}],",
        elements.join(", ")
    );
    out.push_str("  \"transferHistory\": [\n");
    let mut i = 0;
    while out.len() < kb * 1024 {
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            "    {{\"jobId\": \"{i:08x}-1c2d-4e5f-8a9b-0c1d2e3f4a5b\", \"startedAt\": \"2024-05-{:02}T10:{:02}:00Z\", \
             \"durationSeconds\": {}.25, \"source\": \"/Volumes/A{i:03}_X1Y2\", \"files\": {}, \"verified\": true, \
             \"status\": \"completed\", \"destinations\": [\"RAID\", \"Shuttle-01\"]}}",
            i % 28 + 1,
            i % 60,
            i * 7 % 5400,
            i * 13 % 4000
        );
        i += 1;
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// A preset of about `mb` megabytes whose iconikSidecarElements is very long, like
/// gen_corpus.py --large.
pub fn large_preset(mb: usize) -> String {
    let count = mb * 1_000_000 / 28;
    let mut out =
        String::from("{\n  \"name\": \"Large preset\",\n  \"iconikSidecarElements\": [\n");
    for k in 0..count {
        let comma = if k + 1 < count { "," } else { "" };
        let _ = writeln!(out, "    \"{{CustomField{k:07}}}\"{comma}");
    }
    out.push_str("  ]\n}\n");
    out
}
