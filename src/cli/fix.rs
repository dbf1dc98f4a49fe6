//! `check --fix`, `--unsafe-fixes` and `--diff` on the command line: which fixes to apply,
//! writing the fixed files, the diffs, the fixed standard input and the "Fixed" line.
//! The fixing itself is [`crate::lint::fix`]'s.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::base::atomic::{self, FileId, Guard};
use crate::base::diagnostic::Safety;
use crate::cli::CheckArgs;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::fix::{self, Fixed};
use crate::output::report::plural;

/// What the run does with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fixing {
    pub applicability: Safety,
    /// `--diff`: show the changes, write nothing.
    pub diff: bool,
}

impl Fixing {
    /// `None` when neither `--fix` nor `--diff` is given.
    pub(super) fn from_args(args: &CheckArgs) -> Option<Fixing> {
        (args.fix || args.diff).then_some(Fixing {
            applicability: if args.unsafe_fixes {
                Safety::Unsafe
            } else {
                Safety::Safe
            },
            diff: args.diff,
        })
    }
}

/// A file after fixing, and where its text came from.
#[derive(Debug)]
pub(super) struct FileFix {
    pub fixed: Fixed,
    pub from_stdin: bool,
    /// Unsafe fixes left after a run of safe ones: what `--unsafe-fixes` would add.
    pub unsafe_left: usize,
}

/// Fixes a checked file and, unless `--diff` or reading stdin, writes it back. Gives the file
/// to report (the fixed one, or the original when it could not be written), the fix, and a
/// problem to report when the write failed.
/// Where a fixed file goes back: the path it was read from (`None`: standard input) and the
/// file that was read there.
pub(super) struct Written<'a> {
    pub path: Option<&'a Path>,
    pub id: Option<FileId>,
}

pub(super) fn fix_file(
    engine: &Engine,
    file: CheckedFile,
    written: Written<'_>,
    ignore_path: Option<&Path>,
    fixing: Fixing,
) -> (CheckedFile, FileFix, Option<String>) {
    let fixed = engine.fix(file, ignore_path, fixing.applicability);
    let from_stdin = written.path.is_none();
    let mut problem = None;
    let mut report = fixed.after.clone();
    if let Some(path) = written.path
        && !fixing.diff
        && fixed.changed()
    {
        let read = fixed.before.source.to_bytes();
        let guard = Guard::Unchanged {
            bytes: &read,
            id: written.id,
        };
        if let Err(e) = atomic::write(path, &fixed.after.source.to_bytes(), guard) {
            problem = Some(format!(
                "cannot write the fixes to {}: {e}; the file is unchanged",
                crate::base::shown::path(path)
            ));
            report = fixed.before.clone();
        }
    }
    let fixed = if problem.is_some() {
        // Nothing was fixed on disk: count nothing, show nothing as fixed.
        Fixed {
            after: fixed.before.clone(),
            applied: 0,
            before: fixed.before,
        }
    } else {
        fixed
    };
    let unsafe_left = if fixing.applicability == Safety::Safe {
        unsafe_fixes(&fixed.after)
    } else {
        0
    };
    (
        report,
        FileFix {
            fixed,
            from_stdin,
            unsafe_left,
        },
        problem,
    )
}

/// The findings of a file with an unsafe fix.
pub(super) fn unsafe_fixes(file: &CheckedFile) -> usize {
    file.diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.safety == Safety::Unsafe))
        .count()
}

/// What `--unsafe-fixes` would add, said after a count (` (2 more with --unsafe-fixes)`).
/// `none_applied`: nothing was fixed, so they are not "more".
fn hidden(unsafe_left: usize, none_applied: bool) -> String {
    let more = if none_applied { "" } else { "more " };
    match unsafe_left {
        0 => String::new(),
        1 => format!(" (1 {more}fix with --unsafe-fixes)"),
        n => format!(" ({n} {more}fixes with --unsafe-fixes)"),
    }
}

/// `--diff`: every change on standard output, a count on standard error. Exit 1 when
/// something would change, 2 when a path could not be read.
/// `unsafe_left`: the unsafe fixes the run left, which `--unsafe-fixes` would add.
pub(super) fn print_diffs(
    fixes: &[FileFix],
    unsafe_left: usize,
    problems: &[String],
) -> io::Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for fix in fixes.iter().filter(|f| f.fixed.changed()) {
        let before = &fix.fixed.before;
        out.write_all(
            fix::unified(
                &before.path,
                &before.source.text,
                &fix.fixed.after.source.text,
            )
            .as_bytes(),
        )?;
    }
    out.flush()?;
    let (applied, files) = counts(fixes);
    if applied == 0 {
        eprintln!("Nothing to fix{}", hidden(unsafe_left, true));
    } else {
        eprintln!(
            "Would fix {} in {}{}",
            plural(applied, "problem"),
            plural(files, "file"),
            hidden(unsafe_left, false)
        );
    }
    for problem in problems {
        eprintln!("presetlint: error: {problem}");
    }
    Ok(if !problems.is_empty() {
        ExitCode::from(super::EXIT_TROUBLE)
    } else if files > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What a `--fix` run keeps of its fixes until the report is out: counts, and the fixed
/// standard input (which goes to standard output after the report).
#[derive(Debug, Default)]
pub(super) struct FixTally {
    pub applied: usize,
    pub files: usize,
    pub unsafe_left: usize,
    pub stdin: Option<Vec<u8>>,
}

impl FixTally {
    pub(super) fn add(&mut self, fix: FileFix) {
        self.applied += fix.fixed.applied;
        self.files += usize::from(fix.fixed.changed());
        self.unsafe_left += fix.unsafe_left;
        if fix.from_stdin {
            self.stdin = Some(fix.fixed.after.source.to_bytes());
        }
    }
}

/// After the report of a `--fix` run: the fixed standard input on standard output (the
/// text unchanged when there was nothing to fix, so that the command works as a filter),
/// and the count of fixes on standard error.
pub(super) fn finish(tally: &FixTally) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if let Some(stdin) = &tally.stdin {
        out.write_all(stdin)?;
    }
    out.flush()?;
    eprintln!(
        "Fixed {} in {}{}",
        plural(tally.applied, "problem"),
        plural(tally.files, "file"),
        hidden(tally.unsafe_left, tally.applied == 0)
    );
    Ok(())
}

/// Fixes applied, and files they changed.
fn counts(fixes: &[FileFix]) -> (usize, usize) {
    let changed = fixes.iter().filter(|f| f.fixed.changed());
    (fixes.iter().map(|f| f.fixed.applied).sum(), changed.count())
}
