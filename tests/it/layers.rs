//! src/ is built in layers, one folder each, that import only downward (README,
//! Architecture). This test reads every `crate::` reference of src/ (comments and
//! `#[cfg(test)]` modules left out) and fails when a module imports one of a higher layer,
//! when modules import each other in a circle, when a layer's folder holds a module the table
//! does not give it (folder = layer), or when a new top-level folder has no layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first: each a folder of src/ and the modules in it, or (the empty list)
/// a folder that is one module itself. A module may import its own layer's modules (without a
/// circle) and any module below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base",
        &[
            "diagnostic",
            "text",
            "similarity",
            "spool",
            "shown",
            "input",
            "atomic",
            "lines",
            "excerpt",
            "xml",
            "platform",
            "document",
        ],
    ),
    (
        "model",
        &[
            "elements",
            "preset",
            "schema",
            "values",
            "view",
            "mhl",
            "sidecar_reader",
        ],
    ),
    ("iconik", &[]),
    (
        "lint",
        &[
            "settings",
            "rules",
            "registry",
            "locate",
            "checked_file",
            "config",
            "fix",
            "engine",
            "run",
        ],
    ),
    ("output", &["report", "sidecar", "audit", "baseline"]),
    ("lsp", &[]),
    ("cli", &[]),
];

/// Every module of the table, as `layer/module` (or `layer` for a folder that is one module).
fn known_modules() -> BTreeSet<String> {
    LAYERS
        .iter()
        .flat_map(|(layer, modules)| {
            if modules.is_empty() {
                vec![(*layer).to_owned()]
            } else {
                modules.iter().map(|m| format!("{layer}/{m}")).collect()
            }
        })
        .collect()
}

fn layer_of(module: &str) -> Option<usize> {
    let layer = module.split('/').next()?;
    LAYERS.iter().position(|(name, _)| *name == layer)
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

fn ident(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The group `{a, b::c}` at the start of `text`, its top-level parts.
fn group(text: &str) -> Vec<&str> {
    let (mut depth, mut parts, mut from) = (0, Vec::new(), 1);
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    parts.push(&text[from..at]);
                    break;
                }
            }
            ',' if depth == 1 => {
                parts.push(&text[from..at]);
                from = at + 1;
            }
            _ => {}
        }
    }
    parts
}

/// The module a path after `crate::` names (`base::input::read` -> `base/input`), if known.
fn module_of(path: &str, known: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    let path = path.trim_start();
    if path.starts_with('{') {
        for part in group(path) {
            module_of(part, known, out);
        }
        return;
    }
    let first = ident(path);
    if known.contains(&first) {
        out.insert(first);
        return;
    }
    let Some(rest) = path[first.len()..].strip_prefix("::") else {
        return;
    };
    let seconds = if rest.trim_start().starts_with('{') {
        group(rest.trim_start()).iter().map(|p| ident(p)).collect()
    } else {
        vec![ident(rest)]
    };
    for second in seconds {
        let module = format!("{first}/{second}");
        if known.contains(&module) {
            out.insert(module);
        }
    }
}

/// The modules a file's code names: `crate::layer::module`, `crate::layer::{a, b}`,
/// `crate::{layer::a, ...}`, and `crate::iconik` for a folder that is one module.
fn imports(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        module_of(&code[at + "crate::".len()..], known, &mut out);
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

/// Every module and the modules it imports; a file belongs to the module of its first two
/// path components under a layer's folder (`lint/engine/mod.rs` -> `lint/engine`).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = known_modules();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> =
        known.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let parts: Vec<String> = relative
            .components()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .collect();
        let top = parts[0].clone();
        if top == "main" || top == "lib" {
            continue;
        }
        let module = if known.contains(&top) {
            top
        } else if parts.len() == 2 && parts[1] == "mod" {
            // A layer's façade.
            continue;
        } else {
            format!("{top}/{}", parts.get(1).cloned().unwrap_or_default())
        };
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        let Some(edges) = graph.get_mut(&module) else {
            graph.insert(module, BTreeSet::new());
            continue;
        };
        edges.extend(imports(&code, &known).into_iter().filter(|m| *m != module));
    }
    graph
}

/// Each layer's folder holds exactly its modules (and its mod.rs), and src/ holds only the
/// layers' folders, lib.rs and main.rs.
#[test]
fn each_folder_is_its_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let names = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .collect()
    };
    let mut top: BTreeSet<String> = LAYERS.iter().map(|(l, _)| (*l).to_owned()).collect();
    top.extend(["lib".to_owned(), "main".to_owned()]);
    assert_eq!(names(&src), top, "src/ holds the layers' folders");
    for (layer, modules) in LAYERS.iter().filter(|(_, m)| !m.is_empty()) {
        let mut expected: BTreeSet<String> = modules.iter().map(|m| (*m).to_owned()).collect();
        expected.insert("mod".to_owned());
        assert_eq!(
            names(&src.join(layer)),
            expected,
            "src/{layer}/ holds its layer's modules"
        );
    }
}

#[test]
fn every_top_level_module_has_a_layer_and_imports_only_downward() {
    let graph = module_graph();
    // The graph is read, not empty: the engine's reads go through the one reader.
    assert!(graph["lint/engine"].contains("base/input"), "{graph:?}");
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
        .map(|(layer, modules)| {
            let mut modules: Vec<String> = if modules.is_empty() {
                vec![(*layer).to_owned()]
            } else {
                modules.iter().map(|m| format!("{layer}/{m}")).collect()
            };
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

/// Every path after `crate::` in `code`, groups expanded: `a::{b, c::d}` -> `a::b`, `a::c::d`,
/// each as its segments (identifiers only: `self`, `*` and what follows stop a path).
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    fn expand(text: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut segments = prefix.to_vec();
        let mut rest = text.trim_start();
        loop {
            if rest.starts_with('{') {
                for part in group(rest) {
                    expand(part, &segments, out);
                }
                return;
            }
            let name = ident(rest);
            if name.is_empty() || name == "self" {
                break;
            }
            segments.push(name.clone());
            rest = rest.trim_start()[name.len()..].trim_start();
            match rest.strip_prefix("::") {
                Some(after) => rest = after.trim_start(),
                None => break,
            }
        }
        out.push(segments);
    }
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        // `$crate::` in a macro is the same path.
        expand(&code[at + "crate::".len()..], &[], &mut out);
    }
    out
}

/// Another layer is entered through its modules' façades: `crate::lint::engine::Engine`,
/// never `crate::lint::engine::across::AcrossIndex`. What a module folder offers the layers
/// above is what its mod.rs re-exports; its submodules are private, or visible within their
/// layer only (`pub(in crate::lint) mod globs`), so the compiler keeps the rest out, and this
/// test finds a submodule left `pub mod` that another layer reaches into. The exception is
/// lint/rules/: each rule's file is its documented unit, named by other layers as
/// `rules::missing_value::MISSING_VALUE`.
#[test]
fn other_layers_are_entered_through_their_modules_facades() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // The submodules a module folder declares `pub mod`: the names a path must not reach.
    let public_inside = |layer: &str, module: &str| -> BTreeSet<String> {
        if (layer, module) == ("lint", "rules") {
            return BTreeSet::new();
        }
        let Ok(text) = std::fs::read_to_string(src.join(layer).join(module).join("mod.rs")) else {
            return BTreeSet::new();
        };
        code_of(&text)
            .lines()
            .filter_map(|line| line.trim().strip_prefix("pub mod "))
            .map(ident)
            .collect()
    };
    let mut wrong = BTreeSet::new();
    let mut crossings = 0;
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let mine = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for path in crate_paths(&code) {
            let [layer, module, third, ..] = &path[..] else {
                continue;
            };
            if *layer == mine || layer_of(layer).is_none() {
                continue;
            }
            crossings += 1;
            if public_inside(layer, module).contains(third) {
                wrong.insert(format!(
                    "{}: crate::{}",
                    relative.display(),
                    path.join("::")
                ));
            }
        }
    }
    assert!(crossings > 300, "only {crossings} paths across layers read");
    assert!(
        wrong.is_empty(),
        "{} paths reach inside another layer's module:\n{}",
        wrong.len(),
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}
