//! Path globs of the config file (`exclude`, `extend-exclude`, `[[ignore]] path`).
//!
//! Globs match paths relative to the config file's directory, with `/` between components,
//! in the manner of `.gitignore`: a glob without `/` matches a file or directory name at any
//! depth (`node_modules`, `*.bak.json`); a glob with `/` is anchored at the config file's
//! directory (`presets/vendor/**`, a leading `/` or `./` is allowed). `*` does not cross `/`,
//! `**` does. A glob that matches a directory covers everything under it.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// A set of globs, compiled.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    /// Globs with a `/`: matched against the path and each of its parent directories.
    anchored: GlobSet,
    /// Globs without a `/`: matched against each component of the path.
    anywhere: GlobSet,
}

impl Default for PathGlobs {
    fn default() -> PathGlobs {
        PathGlobs {
            anchored: GlobSet::empty(),
            anywhere: GlobSet::empty(),
        }
    }
}

impl PathGlobs {
    /// Compiles globs; the error names the index of the bad glob and why it is bad.
    pub fn new<'a>(globs: impl IntoIterator<Item = &'a str>) -> Result<PathGlobs, (usize, String)> {
        let mut anchored_set = GlobSetBuilder::new();
        let mut anywhere_set = GlobSetBuilder::new();
        for (index, raw) in globs.into_iter().enumerate() {
            let glob = raw.trim();
            let glob = glob.strip_suffix('/').unwrap_or(glob);
            // Decided before the leading `/` or `./` goes: they anchor the glob too.
            let anchored = glob.contains('/');
            let glob = glob
                .strip_prefix("./")
                .or_else(|| glob.strip_prefix('/'))
                .unwrap_or(glob);
            if glob.is_empty() {
                return Err((index, "an empty glob matches nothing".to_owned()));
            }
            let compiled = GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .map_err(|e| (index, format!("bad glob: {}", e.kind())))?;
            if anchored {
                anchored_set.add(compiled);
            } else {
                anywhere_set.add(compiled);
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| (0, format!("bad glob: {e}")));
        Ok(PathGlobs {
            anchored: build(anchored_set)?,
            anywhere: build(anywhere_set)?,
        })
    }

    /// Whether a relative path (`/`-separated) or one of its parent directories matches.
    pub fn matches(&self, relative: &str) -> bool {
        let mut end = 0;
        for component in relative.split('/') {
            end += component.len();
            if self.anywhere.is_match(component) || self.anchored.is_match(&relative[..end]) {
                return true;
            }
            end += 1;
        }
        false
    }
}

/// The one path a glob can match when it names a file exactly: anchored (it has a `/`) and
/// without wildcards, as `presets/a.json` or `./a.json`. `None` for any other glob.
pub(crate) fn single_file(glob: &str) -> Option<String> {
    let glob = glob.trim();
    if !glob.contains('/')
        || glob.ends_with('/')
        || glob.contains(['*', '?', '[', ']', '{', '}', '\\', '!'])
    {
        return None;
    }
    let glob = glob
        .strip_prefix("./")
        .or_else(|| glob.strip_prefix('/'))
        .unwrap_or(glob);
    (!glob.is_empty()).then(|| glob.to_owned())
}

/// `path` relative to `dir`, `/`-separated, when it lies under `dir`. Relative paths are taken
/// from `cwd`; both are normalised without touching the file system (`..` pops a component),
/// so that a path is judged as the user wrote it, not where a symlink leads.
pub(crate) fn relative_to(dir: &Path, cwd: &Path, path: &Path) -> Option<String> {
    let absolute = normalize(&cwd.join(path));
    let rest = absolute.strip_prefix(dir).ok()?;
    let parts: Vec<_> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// How a path is shown from `cwd`: relative to it (`prodA/presetlint.toml`,
/// `../presetlint.toml`), or absolute when they share nothing but the root.
pub(crate) fn shown_from(cwd: &Path, path: &Path) -> String {
    let cwd = normalize(cwd);
    let path = normalize(path);
    let mut up = String::new();
    for base in cwd.ancestors() {
        if let Ok(rest) = path.strip_prefix(base) {
            if base.parent().is_none() && !up.is_empty() {
                break;
            }
            let rest: Vec<_> = rest
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            return format!("{up}{}", rest.join("/"));
        }
        up.push_str("../");
    }
    path.display().to_string()
}

/// Removes `.` and resolves `..` lexically.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(list: &[&str]) -> PathGlobs {
        PathGlobs::new(list.iter().copied()).unwrap()
    }

    #[test]
    fn a_glob_without_slash_matches_any_name_at_any_depth() {
        let g = globs(&["node_modules", "*.bak.json", ".cache"]);
        assert!(g.matches("a/.cache/x.json"));
        assert!(g.matches("node_modules"));
        assert!(g.matches("a/node_modules/x/y.json"));
        assert!(g.matches("a/b/c.bak.json"));
        assert!(!g.matches("a/node_modules2/y.json"));
        assert!(!g.matches("a/c.json"));
    }

    #[test]
    fn a_glob_with_slash_is_anchored_and_covers_directories() {
        let g = globs(&["/presets/vendor", "show/*.hedge"]);
        assert!(g.matches("presets/vendor/a.hedge"));
        assert!(g.matches("presets/vendor/deep/a.hedge"));
        assert!(!g.matches("x/presets/vendor/a.hedge"));
        assert!(g.matches("show/a.hedge"));
        // `*` does not cross `/`.
        assert!(!g.matches("show/sub/a.hedge"));
        assert!(globs(&["show/**/*.hedge"]).matches("show/sub/a.hedge"));
        // A leading `/` or `./` anchors a single name.
        for anchored in ["/presets", "./presets", "/presets/"] {
            let g = globs(&[anchored]);
            assert!(g.matches("presets/a.json"), "{anchored}");
            assert!(!g.matches("deep/presets/a.json"), "{anchored}");
        }
    }

    #[test]
    fn bad_and_empty_globs_are_errors_with_their_index() {
        assert_eq!(PathGlobs::new(["ok", "a[b"]).unwrap_err().0, 1);
        assert_eq!(
            PathGlobs::new(["", "b"]).unwrap_err(),
            (0, "an empty glob matches nothing".to_owned())
        );
    }

    #[test]
    fn paths_are_shown_from_the_current_directory() {
        let cwd = Path::new("/repo/presets");
        let shown = |p: &str| shown_from(cwd, Path::new(p));
        assert_eq!(
            shown("/repo/presets/a/presetlint.toml"),
            "a/presetlint.toml"
        );
        assert_eq!(shown("/repo/presetlint.toml"), "../presetlint.toml");
        assert_eq!(
            shown("/repo/other/presetlint.toml"),
            "../other/presetlint.toml"
        );
        // Outside the current folder: the path itself, in the platform's own separators.
        let outside = if cfg!(windows) {
            "\\etc\\presetlint.toml"
        } else {
            "/etc/presetlint.toml"
        };
        assert_eq!(shown("/etc/presetlint.toml"), outside);
    }

    #[test]
    fn relative_paths_are_taken_from_the_config_directory() {
        let dir = Path::new("/repo");
        let cwd = Path::new("/repo/presets");
        assert_eq!(
            relative_to(dir, cwd, Path::new("a.hedge")).as_deref(),
            Some("presets/a.hedge")
        );
        assert_eq!(
            relative_to(dir, cwd, Path::new("./x/../b.json")).as_deref(),
            Some("presets/b.json")
        );
        assert_eq!(
            relative_to(dir, cwd, Path::new("/repo/c.hedge")).as_deref(),
            Some("c.hedge")
        );
        assert_eq!(relative_to(dir, cwd, Path::new("/elsewhere/c.hedge")), None);
        assert_eq!(relative_to(dir, cwd, Path::new("../..")), None);
    }
}
