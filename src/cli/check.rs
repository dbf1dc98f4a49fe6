//! `presetlint check`: read the inputs, check them in parallel, report, pick the exit code.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;

use crate::atomic::FileId;
use crate::check::{CheckedFile, Origin};
use crate::cli::changed::{Changes, changed_inputs};
use crate::cli::fix::{self, FileFix, Fixing};
use crate::cli::output;
use crate::cli::walk::{Excluded, Input, inputs};
use crate::cli::{CheckArgs, EXIT_TROUBLE};
use crate::engine::Engine;
use crate::input;
use crate::report::Summary;

pub fn run(args: CheckArgs) -> miette::Result<ExitCode> {
    let cwd = std::env::current_dir()
        .map_err(|e| miette::miette!("cannot read the current directory: {e}"))?;
    if args.stdin_filename.is_some() && !args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(miette::miette!(
            help = "read the preset from standard input with -, e.g. `cat a.json | presetlint check --stdin-filename a.json -`",
            "--stdin-filename names a preset read from standard input, and no input is -"
        ));
    }
    let mut engine = args.engine.engine(&cwd)?;
    let fail_level = args.report.fail_level(&engine);
    let excluded: Excluded = Arc::new(engine.exclude_filter());
    let fixing = Fixing::from_args(&args);
    let changes = match (&args.staged, &args.changed_since) {
        (true, _) => Some(Changes::Staged),
        (false, Some(rev)) => Some(Changes::Since(rev)),
        (false, None) => None,
    };
    let (inputs, mut problems) = match &changes {
        None => inputs(&args.paths, &excluded),
        Some(changes) => (
            changed_inputs(changes, &cwd, &args.paths, &excluded)?,
            Vec::new(),
        ),
    };
    // Every input's config is found (and a broken one reported) before anything is checked.
    for input in &inputs {
        let path = match input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin => args.stdin_filename.as_deref().map(Path::new),
        };
        engine.config_of(path)?;
    }
    let whole_tree = changes.is_none() && engine.config.covers_whole_tree(&args.paths);
    // A partial run is judged across presets against the rest of the library: the other
    // presets under the config's folder, read but not reported.
    let context = if whole_tree || engine.config.file.is_none() || !engine.judges_across() {
        Vec::new()
    } else {
        context_of(&engine, &inputs)?
    };
    engine.across_presets = inputs.len() + context.len() > 1 && engine.judges_across();
    let engine = engine;
    let check_one = |input: &Input| {
        let mut checked = read_and_check(input, &args, &engine, fixing);
        // A clean file's text is not needed for the report: keeping it would hold every
        // preset of a large run in memory at once.
        if let Ok(Some(Checked {
            file, fix: None, ..
        })) = &mut checked
            && file.diagnostics.is_empty()
        {
            file.source.text = String::new();
        }
        checked
    };
    // One input (a pre-commit hook, an editor's save) is checked on this thread: starting the
    // thread pool would cost more than the check.
    let results: Vec<Result<Option<Checked>, Unreadable>> = if inputs.len() == 1 {
        inputs.iter().map(check_one).collect()
    } else {
        inputs.par_iter().map(check_one).collect()
    };
    let mut files = Vec::with_capacity(results.len());
    let mut fixes = Vec::new();
    let mut inputs_read: Vec<FileId> = Vec::new();
    for result in results {
        match result {
            Ok(Some(checked)) => {
                inputs_read.extend(checked.read.into_iter().chain(checked.written));
                files.push(checked.file);
                fixes.extend(checked.fix.map(|fix| *fix));
                problems.extend(checked.problem);
            }
            Ok(None) => {}
            Err(unreadable) => {
                let path = Path::new(&unreadable.name);
                files.extend(engine.unreadable(
                    unreadable.name.clone(),
                    Some(path),
                    &unreadable.reason,
                ));
                problems.push(format!(
                    "cannot read {}: {}",
                    unreadable.name, unreadable.reason
                ));
            }
        }
    }
    if fixing.is_some_and(|f| f.diff) {
        return fix::print_diffs(&fixes, &problems)
            .map_err(|e| miette::miette!("cannot write the diff: {e}"));
    }
    if engine.across_presets {
        let library = engine.read_library(&context);
        engine.judge_across(&mut files, &library);
        let views = engine.unfed_views(&files, &library);
        files.extend(views);
    }
    if let Some(path) = &args.write_baseline {
        let text = crate::baseline::render(&files, path, &cwd);
        crate::atomic::write(
            path,
            text.as_bytes(),
            crate::atomic::Guard::NotOneOf(&inputs_read),
        )
        .map_err(|e| {
            miette::miette!(
                "cannot write the baseline {}: {e}",
                crate::shown::path(path)
            )
        })?;
        let count: usize = files.iter().map(|f| f.diagnostics.len()).sum();
        eprintln!(
            "presetlint: wrote {} to the baseline {}",
            crate::report::plural(count, "finding"),
            crate::shown::path(path)
        );
        return Ok(ExitCode::from(if problems.is_empty() {
            0
        } else {
            EXIT_TROUBLE
        }));
    }
    if let Some(path) = args
        .baseline
        .clone()
        .or_else(|| engine.config.baseline.clone())
    {
        let baseline = crate::baseline::Baseline::load(&engine, &path, &cwd)?;
        let unused = baseline.apply(&engine, &mut files, &cwd, whole_tree);
        files.extend(unused);
    }
    // Only a run over the whole tree can tell that an ignore suppressed nothing.
    if changes.is_none() {
        files.extend(engine.unused_ignores(&args.paths));
    }

    if args.statistics {
        let counts = crate::report::statistics::of(&files);
        let json = output::chosen_format(
            &args.report,
            &output::Environment::from_process(),
            engine.config.output_format.as_deref(),
        )? == crate::cli::FormatArg::Json;
        let mut out = io::stdout().lock();
        let written = if json {
            crate::report::statistics::write_json(&counts, &mut out)
        } else {
            crate::report::statistics::write_table(&counts, &mut out)
        };
        written
            .or_else(output::ignore_broken_pipe)
            .map_err(|e| miette::miette!("cannot write the statistics: {e}"))?;
    } else {
        // With a fixed preset from stdin, stdout carries the fixed text: the report moves aside.
        let to_stderr = fixing.is_some() && fixes.iter().any(|f| f.from_stdin);
        let summary = Summary::of(&files);
        output::emit(
            &args.report,
            engine.config.output_format.as_deref(),
            &files,
            &summary,
            &inputs_read,
            to_stderr,
            &cwd,
        )?;
    }
    if fixing.is_some() {
        fix::finish(&fixes)
            .or_else(output::ignore_broken_pipe)
            .map_err(|e| miette::miette!("cannot write the fixed text: {e}"))?;
    }

    for problem in &problems {
        eprintln!(
            "presetlint: error: {}",
            crate::shown::escape_controls(problem)
        );
    }
    if !args.statistics
        && fixing.is_none()
        && let Some(line) =
            output::closing_line(&args.report, engine.config.output_format.as_deref(), &files)?
    {
        eprintln!("{line}");
    }
    let failed = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .any(|d| d.severity >= fail_level);
    Ok(if !problems.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The presets under the run config's folder that the run does not check, for the rules
/// across presets; each one's config is found (and a broken one reported) as for the inputs.
fn context_of(engine: &Engine, inputs: &[Input]) -> miette::Result<Vec<std::path::PathBuf>> {
    let context = engine.library_paths(inputs.iter().filter_map(|input| match input {
        Input::File { path, .. } => Some(path.as_path()),
        Input::Stdin => None,
    }));
    for path in &context {
        engine.config_of(Some(path))?;
    }
    Ok(context)
}

/// An input that could not be read: reported as a PL005 finding and on standard error.
struct Unreadable {
    /// As the report names it.
    name: String,
    reason: String,
}

/// One input, checked (and fixed, with `--fix` or `--diff`).
struct Checked {
    /// What the report shows.
    file: CheckedFile,
    /// The file read for this input and, after a fix, the file that replaced it: a report
    /// must replace neither. Two fields, not a list: a run may check 100,000 files.
    read: Option<FileId>,
    written: Option<FileId>,
    /// Boxed: most runs fix nothing, and a run may check 100,000 files, each result held
    /// until the report is written.
    fix: Option<Box<FileFix>>,
    /// A fix that could not be written.
    problem: Option<String>,
}

fn read_and_check(
    input: &Input,
    args: &CheckArgs,
    engine: &Engine,
    fixing: Option<Fixing>,
) -> Result<Option<Checked>, Unreadable> {
    let stdin_name = args.stdin_filename.as_deref();
    let (name, bytes, origin, path, id) = match input {
        Input::Stdin => {
            let bytes =
                input::read_limited(io::stdin().lock(), engine.max_file_size).map_err(|e| {
                    Unreadable {
                        name: stdin_name.unwrap_or("standard input").to_owned(),
                        reason: e.to_string(),
                    }
                })?;
            (
                stdin_name.unwrap_or("<stdin>").to_owned(),
                bytes,
                Origin::Named,
                None,
                None,
            )
        }
        Input::File { path, origin } => {
            let (bytes, id) = engine.read_identified(path).map_err(|e| Unreadable {
                name: path.display().to_string(),
                reason: e.to_string(),
            })?;
            (
                path.display().to_string(),
                bytes,
                *origin,
                Some(path.as_path()),
                id,
            )
        }
    };
    // Ignores match the path a file is reported under; stdin without a name matches none.
    let ignore_path = path.or(stdin_name.map(Path::new));
    let Some(file) = engine.check(name, ignore_path, bytes, origin) else {
        return Ok(None);
    };
    Ok(Some(match fixing {
        None => Checked {
            file,
            read: id,
            written: None,
            fix: None,
            problem: None,
        },
        Some(fixing) => {
            let written = fix::Written { path, id };
            let (file, fix, problem) = fix::fix_file(engine, file, written, ignore_path, fixing);
            let now = path
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|m| FileId::of(&m));
            Checked {
                file,
                read: id,
                written: now,
                fix: Some(Box::new(fix)),
                problem,
            }
        }
    }))
}
