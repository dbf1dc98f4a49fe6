//! Which files a `check` run reads: named files, directory walks, standard input.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lint::checked_file::Origin;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { path: PathBuf, origin: Origin },
    Stdin,
}

/// Whether a walk skips a path (a file, or a directory and all under it).
pub(super) type Excluded = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// The inputs named by `paths` (the current directory when there are none), one at a time as
/// the walks meet them, with the problems met on the way (a missing path, an unreadable
/// directory) as messages, in their place. `excluded` prunes files and directories met in a
/// walk; named paths are always taken. A run over 1,000,000 presets never holds the list:
/// each call walks again, in the same order.
pub(super) fn each_input<'a>(
    paths: &'a [PathBuf],
    excluded: &'a Excluded,
) -> impl Iterator<Item = Result<Input, String>> + Send + 'a {
    const HERE: &[PathBuf] = &[];
    let default = paths.is_empty();
    let named = if default { HERE } else { paths };
    let here = default.then(|| PathBuf::from("."));
    here.into_iter().chain(named.iter().cloned()).flat_map(
        move |path| -> Box<dyn Iterator<Item = Result<Input, String>> + Send> {
            if path.as_os_str() == "-" {
                Box::new(std::iter::once(Ok(Input::Stdin)))
            } else if path.is_dir() {
                let excluded = excluded.clone();
                let walk = crate::lint::engine::walk_presets(&path, move |p: &Path| excluded(p));
                Box::new(walk.map(|found| match found {
                    Ok(path) => Ok(Input::File {
                        path,
                        origin: Origin::Walked,
                    }),
                    Err(err) => Err(walk_problem(&err)),
                }))
            } else {
                // Named files are always checked; a missing one is reported when it is read.
                Box::new(std::iter::once(Ok(Input::File {
                    path,
                    origin: Origin::Named,
                })))
            }
        },
    )
}

pub(super) use crate::lint::engine::is_preset_name;

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
