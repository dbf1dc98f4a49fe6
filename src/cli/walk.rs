//! Which files a `check` run reads: named files, directory walks, standard input.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::check::Origin;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { path: PathBuf, origin: Origin },
    Stdin,
}

/// Whether a walk skips a path (a file, or a directory and all under it).
pub type Excluded = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// The inputs named by `paths` (the current directory when there are none), and the
/// problems met on the way (a missing path, an unreadable directory), as messages.
/// `excluded` prunes files and directories met in a walk; named paths are always taken.
pub fn inputs(paths: &[PathBuf], excluded: &Excluded) -> (Vec<Input>, Vec<String>) {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, excluded.clone(), &mut inputs, &mut problems);
        } else {
            // Named files are always checked; a missing one is reported when it is read.
            inputs.push(Input::File {
                path: path.clone(),
                origin: Origin::Named,
            });
        }
    }
    (inputs, problems)
}

pub use crate::engine::library::is_preset_name;

fn walk(dir: &Path, excluded: Excluded, inputs: &mut Vec<Input>, problems: &mut Vec<String>) {
    let excluded = move |path: &Path| excluded(path);
    for found in crate::engine::library::presets_under(dir, excluded) {
        match found {
            Ok(path) => inputs.push(Input::File {
                path,
                origin: Origin::Walked,
            }),
            Err(err) => problems.push(walk_problem(&err)),
        }
    }
}

/// A walk error as one clear sentence naming the path: `ignore`'s own text repeats the path
/// ("./x: IO error for operation on ./x: Permission denied").
fn walk_problem(err: &ignore::Error) -> String {
    let mut path = None;
    let mut inner = err;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.as_path());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let Some(path) = path.filter(|_| inner.io_error().is_some()) else {
        return err.to_string();
    };
    // `ignore` keeps only the OS error's text, with the path again in it: ask the OS once
    // more for its own words.
    let is_dir = path.is_dir();
    let again = if is_dir {
        std::fs::read_dir(path).err()
    } else {
        std::fs::symlink_metadata(path).err()
    };
    let shown = path.strip_prefix("./").unwrap_or(path).display();
    match again {
        Some(io) if is_dir => format!("cannot read the folder {shown}: {io}"),
        Some(io) => format!("cannot read {shown}: {io}"),
        None => err.to_string(),
    }
}
