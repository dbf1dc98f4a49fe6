//! src/ is built in layers that import only downward (README, Architecture). This test reads
//! every `crate::` reference of src/ (comments and `#[cfg(test)]` modules left out) and fails
//! when a top-level module imports one of a higher layer, when modules import each other in a
//! circle, or when a new top-level module has not been given a layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first. A module may import its own layer's modules (without a circle)
/// and any module below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaf types and utilities",
        &[
            "diagnostic",
            "text",
            "similarity",
            "shown",
            "input",
            "atomic",
            "lines",
            "excerpt",
            "xml",
            "platform",
        ],
    ),
    ("the document", &["document"]),
    (
        "the domain model",
        &[
            "elements",
            "preset",
            "schema",
            "values",
            "view",
            "iconik",
            "mhl",
            "sidecar_file",
        ],
    ),
    (
        "linting",
        &[
            "settings", "rules", "registry", "locate", "check", "config", "fix", "engine",
        ],
    ),
    (
        "reports, sidecars, audit, baseline",
        &["report", "sidecar", "audit", "baseline"],
    ),
    ("front ends", &["lsp", "cli"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The text of a source file without its comments and its test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(cut) => &text[..cut],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names: `crate::X` and `crate::{X, ...}`.
fn imports(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if known.contains(name) {
                    out.insert(name.to_owned());
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if known.contains(&name) {
                out.insert(name);
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every top-level module and the top-level modules it imports.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known: BTreeSet<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?.to_owned();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .filter(|name| name != "main" && name != "lib")
        .collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> =
        known.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if top == "main" || top == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        let edges = graph.get_mut(&top).unwrap();
        edges.extend(imports(&code, &known).into_iter().filter(|m| *m != top));
    }
    graph
}

#[test]
fn every_top_level_module_has_a_layer_and_imports_only_downward() {
    let graph = module_graph();
    let mut wrong = Vec::new();
    for (module, imported) in &graph {
        let Some(mine) = layer_of(module) else {
            wrong.push(format!("src/{module} has no layer in tests/it/layers.rs"));
            continue;
        };
        for other in imported {
            if let Some(theirs) = layer_of(other)
                && theirs > mine
            {
                wrong.push(format!(
                    "{module} ({}) imports {other} ({}), a higher layer",
                    LAYERS[mine].0, LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_top_level_modules_import_each_other_in_a_circle() {
    let graph = module_graph();
    // Depth-first search for a back edge; the path to it is the circle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut circle = path[at..].to_vec();
            circle.push(module.to_owned());
            return Some(circle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in &graph[module] {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let circle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "a circle: {}",
            circle.unwrap().join(" -> ")
        );
    }
    assert!(graph.len() >= 20, "only {} modules read", graph.len());
}

/// The README's Architecture section names every top-level module of src/, each in the layer
/// the table above gives it, and no module that is gone.
#[test]
fn the_readme_architecture_is_the_table() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("## Architecture")
        .expect("the README has the section");
    let block = &readme[start..];
    let block = &block[block.find("```text\nsrc/\n").unwrap()..];
    let block = &block[..block[3..].find("```").unwrap() + 3];
    // The README's layers in order, each with the modules listed under it.
    let mut shown: Vec<Vec<String>> = Vec::new();
    for line in block.lines() {
        if line.starts_with("  -- ") {
            shown.push(Vec::new());
        } else if let Some(entry) = line.strip_prefix("  ").filter(|l| !l.starts_with(' ')) {
            let name = entry.split_whitespace().next().unwrap();
            let module = name.trim_end_matches('/').trim_end_matches(".rs");
            if module != "main" {
                shown
                    .last_mut()
                    .expect("a module under a layer heading")
                    .push(module.to_owned());
            }
        }
    }
    let table: Vec<Vec<String>> = LAYERS
        .iter()
        .map(|(_, modules)| {
            let mut modules: Vec<String> = modules.iter().map(|m| (*m).to_owned()).collect();
            modules.sort();
            modules
        })
        .collect();
    for layer in &mut shown {
        layer.sort();
    }
    assert_eq!(
        shown, table,
        "README's Architecture against tests/it/layers.rs"
    );
}

/// Only the front ends print: below them, what the user should hear is returned or said to the
/// engine's warnings, and the front end decides where it goes.
#[test]
fn only_the_front_ends_print() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut printing = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ["cli/", "lsp/", "main.rs"]
            .iter()
            .any(|f| relative.starts_with(f))
        {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for macro_name in ["println!", "eprintln!", "print!(", "eprint!("] {
            if code.contains(macro_name) {
                printing.push(format!("{relative}: {macro_name}"));
            }
        }
    }
    assert_eq!(printing, Vec::<String>::new(), "library code that prints");
}
