//! `presetlint check`: read the inputs, check them in parallel, report, pick the exit code.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use crate::base::atomic::FileId;
use crate::base::diagnostic::Severity;
use crate::base::input;
use crate::cli::changed::{Changes, changed_inputs};
use crate::cli::fix::{self, FileFix, FixTally, Fixing};
use crate::cli::output::{self, Counts, Reporter};
use crate::cli::walk::{Excluded, Input, each_input};
use crate::cli::{CheckArgs, EXIT_TROUBLE};
use crate::lint::checked_file::{CheckedFile, Origin};
use crate::lint::engine::Engine;
use crate::lint::engine::for_each_in_order;
use crate::lint::run::{Inputs, Receiver, Reported, Unreadable};
use crate::output::report::Summary;

pub(super) fn run(args: CheckArgs) -> miette::Result<ExitCode> {
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
    if args.show_settings {
        return super::show::settings(&engine, args.paths.first().map(PathBuf::as_path));
    }
    if args.show_files {
        return super::show::files(
            &engine,
            crate::cli::walk::each_input(&args.paths, &excluded),
        );
    }
    let fixing = Fixing::from_args(&args);
    let changes = match (&args.staged, &args.changed_since) {
        (true, _) => Some(Changes::Staged),
        (false, Some(rev)) => Some(Changes::Since(rev)),
        (false, None) => None,
    };
    // The inputs of a run: git's list of changes, or the walk. A walk of at most
    // `WALK_KEPT` inputs is kept from the first pass for the others; a longer one is walked
    // again for each pass, never held.
    let mut kept_walk: Option<Vec<Result<Input, String>>> = match &changes {
        None => Some(Vec::new()),
        Some(changes) => Some(
            changed_inputs(changes, &cwd, &args.paths, &excluded)?
                .into_iter()
                .map(Ok)
                .collect(),
        ),
    };
    let from_git = changes.is_some();
    let whole_tree = changes.is_none() && engine.config.covers_whole_tree(&args.paths);
    // A partial run is judged across presets against the rest of the library: the other
    // presets under the config's folder, read but not reported.
    let wants_context = engine.wants_library(whole_tree);
    // Every input's config is found (and a broken one reported) before anything is checked.
    let (mut count, mut from_stdin, mut checked_paths) = (0usize, false, Vec::new());
    let first: Box<dyn Iterator<Item = Result<Input, String>>> = match &kept_walk {
        Some(list) if from_git => Box::new(list.clone().into_iter()),
        _ => Box::new(each_input(&args.paths, &excluded)),
    };
    for item in first {
        if !from_git {
            if let Some(kept) = &mut kept_walk {
                kept.push(item.clone());
            }
            if kept_walk.as_ref().is_some_and(|k| k.len() > WALK_KEPT) {
                kept_walk = None;
            }
        }
        let Ok(input) = item else {
            continue;
        };
        count += 1;
        let path = match &input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin => args.stdin_filename.as_deref().map(Path::new),
        };
        engine.config_of(path)?;
        match input {
            Input::Stdin => from_stdin = true,
            Input::File { path, .. } if wants_context => checked_paths.push(path),
            Input::File { .. } => {}
        }
    }
    let library = if wants_context {
        engine.library_for(&checked_paths)?
    } else {
        Vec::new()
    };
    drop(checked_paths);
    engine.judge_across(count, library.len());
    let engine = engine;
    let mut inputs = CheckInputs {
        args: &args,
        engine: &engine,
        excluded: &excluded,
        kept_walk,
        fixing,
        stdin: Mutex::new(None),
    };
    if let Some(fixing) = fixing.filter(|f| f.diff) {
        return diff_run(inputs.each(), &args, &engine, fixing);
    }
    // Standard input is read once for the run, which may need it twice.
    *inputs
        .stdin
        .get_mut()
        .unwrap_or_else(PoisonError::into_inner) = from_stdin.then(|| read_stdin(&engine));
    // With a fixed preset from stdin, stdout carries the fixed text: the report moves aside.
    let to_stderr = fixing.is_some() && from_stdin;
    let configured = engine.config.output_format.as_deref();
    let baseline = match args
        .baseline
        .clone()
        .or_else(|| engine.config.baseline.clone())
    {
        Some(path) if args.write_baseline.is_none() => Some(
            crate::output::baseline::Baseline::load(&engine, &path, &cwd)?,
        ),
        _ => None,
    };
    let out = Out {
        baseline: baseline
            .as_ref()
            .map(crate::output::baseline::Baseline::matcher),
        recorder: args
            .write_baseline
            .as_deref()
            .map(|path| crate::output::baseline::Recorder::new(path, &cwd)),
        statistics: args.statistics.then(Default::default),
        reporter: if args.statistics || args.write_baseline.is_some() {
            None
        } else {
            Some(Reporter::start(&args.report, configured, to_stderr, &cwd)?)
        },
        summary: Summary::new("file"),
        counts: Counts::default(),
        failed: false,
        fail_level,
        cwd: cwd.clone(),
        // When the first pass counts the presets, the report's pass reads only some files again.
        count_presets: !engine.across_presets,
    };
    let mut receiving = Receiving {
        out,
        target: ReportTarget::of(
            args.write_baseline
                .as_deref()
                .or(args.report.output_file.as_deref()),
            &cwd,
        ),
        guarded: Vec::new(),
        tally: FixTally::default(),
        problems: Vec::new(),
        engine: &engine,
        stdin: &inputs.stdin,
    };
    receiving.out.summary.presets = Some(0);
    let streamed = crate::lint::run::stream(&engine, &inputs, &library, &mut receiving)?;
    let Receiving {
        mut out,
        guarded,
        tally,
        problems,
        ..
    } = receiving;
    if let Some(presets) = streamed.presets {
        out.summary.presets = Some(presets);
    }
    for view in streamed.unfed_views {
        out.file(view)?;
    }
    if let Some(recorder) = out.recorder.take() {
        let path = args
            .write_baseline
            .as_deref()
            .expect("a recorder is made for it");
        let count = recorder.findings();
        let text = recorder.render();
        crate::base::atomic::write(
            path,
            text.as_bytes(),
            crate::base::atomic::Guard::NotOneOf(&guarded),
        )
        .map_err(|e| {
            miette::miette!(
                "cannot write the baseline {}: {e}",
                crate::base::shown::path(path)
            )
        })?;
        eprintln!(
            "presetlint: wrote {} to the baseline {}",
            crate::output::report::plural(count, "finding"),
            crate::base::shown::path(path)
        );
        return Ok(ExitCode::from(if problems.is_empty() {
            0
        } else {
            EXIT_TROUBLE
        }));
    }
    if let Some(matcher) = out.baseline.take()
        && let Some(unused) = matcher.unused(&engine, whole_tree)
    {
        out.file(unused)?;
    }
    // Only a run over the whole tree can tell that an ignore suppressed nothing.
    if changes.is_none() {
        for file in engine.unused_ignores(&args.paths) {
            out.file(file)?;
        }
    }

    if let Some(counter) = out.statistics.take() {
        let counts = counter.counts();
        let json = output::chosen_format(
            &args.report,
            &output::Environment::from_process(),
            configured,
        )? == crate::cli::FormatArg::Report(crate::output::report::Format::Json);
        let mut stdout = io::stdout().lock();
        let written = if json {
            crate::output::report::write_statistics_json(&counts, &mut stdout)
        } else {
            crate::output::report::write_statistics_table(&counts, &mut stdout)
        };
        written
            .or_else(output::ignore_broken_pipe)
            .map_err(|e| miette::miette!("cannot write the statistics: {e}"))?;
    }
    if let Some(reporter) = out.reporter.take() {
        reporter.finish(&out.summary, &guarded)?;
    }
    if fixing.is_some() {
        fix::finish(&tally)
            .or_else(output::ignore_broken_pipe)
            .map_err(|e| miette::miette!("cannot write the fixed text: {e}"))?;
    }

    for problem in &problems {
        eprintln!(
            "presetlint: error: {}",
            crate::base::shown::escape_controls(problem)
        );
    }
    if out.summary.files == 0 && problems.is_empty() {
        // As ruff and biome do: an empty run is said, not passed off as a clean one.
        eprintln!(
            "presetlint: warning: no preset found under the given paths (*.hedge, and *.json files that are presets): nothing was checked"
        );
    } else if !args.statistics
        && fixing.is_none()
        && let Some(line) = output::closing_line(&args.report, configured, &out.counts)?
    {
        eprintln!("{line}");
    }
    Ok(if !problems.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else {
        args.report.exit_for(out.failed)
    })
}

/// The inputs of `check`: git's list of changes, or the walk; standard input read once.
struct CheckInputs<'a> {
    args: &'a CheckArgs,
    engine: &'a Engine,
    excluded: &'a Excluded,
    /// A walk of at most [`WALK_KEPT`] inputs, kept from the first walk for the others.
    kept_walk: Option<Vec<Result<Input, String>>>,
    fixing: Option<Fixing>,
    /// Standard input, read once for the whole run (and fixed by its first pass).
    stdin: Mutex<Stdin>,
}

impl Inputs for CheckInputs<'_> {
    type Input = Input;
    type Extra = Extra;

    fn each(&self) -> Box<dyn Iterator<Item = Result<Input, String>> + Send + '_> {
        match &self.kept_walk {
            Some(list) => Box::new(list.iter().cloned()),
            None => Box::new(each_input(&self.args.paths, self.excluded)),
        }
    }

    fn check(&self, input: &Input, fix: bool) -> Result<Option<(CheckedFile, Extra)>, Unreadable> {
        let fixing = self.fixing.filter(|_| fix);
        read_and_check(input, self.args, self.engine, fixing, &self.stdin)
    }

    fn rereadable(&self, input: &Input) -> bool {
        matches!(input, Input::File { .. })
    }

    fn read_again(&self, input: &Input) -> Option<(Vec<u8>, Extra)> {
        let Input::File { path, .. } = input else {
            return None;
        };
        let (bytes, read) = self.engine.read_identified(path).ok()?;
        Some((
            bytes,
            Extra {
                read,
                ..Extra::default()
            },
        ))
    }

    fn shown(&self, input: &Input) -> String {
        match input {
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin => self
                .args
                .stdin_filename
                .as_deref()
                .unwrap_or("<stdin>")
                .to_owned(),
        }
    }
}

/// What `check` does with each result: the report's target kept safe, fixes tallied,
/// problems kept to be said, files handed to [`Out`].
struct Receiving<'a> {
    out: Out<'a>,
    target: ReportTarget,
    /// The files read or written for an input that are the report's target.
    guarded: Vec<FileId>,
    tally: FixTally,
    problems: Vec<String>,
    engine: &'a Engine,
    stdin: &'a Mutex<Stdin>,
}

impl Receiving<'_> {
    /// What a run keeps of a checked input besides its report: the files read or written for
    /// it that are the report's target (which the report must not replace), its fix, and a
    /// fix that could not be written.
    fn settle(&mut self, input: &Input, extra: &mut Extra) {
        for id in extra.read.into_iter().chain(extra.written) {
            if self.target.is(input, id) {
                self.guarded.push(id);
            }
        }
        if let Some(fix) = extra.fix.take() {
            self.tally.add(*fix);
        }
        self.problems.extend(extra.problem.take());
    }
}

impl Receiver<Input, Extra> for Receiving<'_> {
    fn first(&mut self, input: &Input, extra: &mut Extra) {
        self.settle(input, extra);
        // The report's pass reads the fixed standard input.
        if matches!(input, Input::Stdin)
            && let Some(fixed) = &self.tally.stdin
        {
            *self.stdin.lock().unwrap_or_else(PoisonError::into_inner) = Some(Ok(fixed.clone()));
        }
    }

    fn report(&mut self, reported: Reported<Input, Extra>) -> miette::Result<()> {
        match reported {
            Reported::Checked(input, file, mut extra) => {
                self.settle(&input, &mut extra);
                self.out.file(file)
            }
            Reported::Unreadable(unreadable) => {
                let path = Path::new(&unreadable.name);
                let file =
                    self.engine
                        .unreadable(unreadable.name.clone(), Some(path), &unreadable.reason);
                self.problems.push(format!(
                    "cannot read {}: {}",
                    unreadable.name, unreadable.reason
                ));
                match file {
                    Some(file) => self.out.file(file),
                    None => Ok(()),
                }
            }
            Reported::Problem(problem) => {
                self.problems.push(problem);
                Ok(())
            }
        }
    }
}

/// Where each file of the run goes once it is done: the baseline's filter, the baseline being
/// written, the statistics, the report, and the counts the run ends with.
struct Out<'b> {
    baseline: Option<crate::output::baseline::Matcher<'b>>,
    recorder: Option<crate::output::baseline::Recorder>,
    statistics: Option<crate::output::report::Counter>,
    reporter: Option<Reporter>,
    summary: Summary,
    counts: Counts,
    failed: bool,
    fail_level: Severity,
    cwd: PathBuf,
    /// Whether the summary counts the presets of the files it is given (not when the first
    /// pass counted them, and the report's pass reads only some files again).
    count_presets: bool,
}

impl Out<'_> {
    fn file(&mut self, mut file: CheckedFile) -> miette::Result<()> {
        if let Some(recorder) = &mut self.recorder {
            recorder.record(&file, &self.cwd);
            return Ok(());
        }
        if let Some(matcher) = &mut self.baseline {
            matcher.drop_known(&mut file, &self.cwd);
        }
        self.summary.files += 1;
        if let Some(presets) = self.summary.presets.as_mut().filter(|_| self.count_presets) {
            *presets += file.presets;
        }
        self.summary.count(&file);
        self.counts.add(&file);
        self.failed |= file
            .diagnostics
            .iter()
            .any(|d| d.severity >= self.fail_level);
        if let Some(statistics) = &mut self.statistics {
            statistics.add(&file);
        }
        if let Some(reporter) = &mut self.reporter {
            reporter.file(&file)?;
        }
        Ok(())
    }
}

/// The file `--output-file` (or `--write-baseline`) names, to tell whether an input is it:
/// the report must replace none of the run's inputs. Known by its identity and its place,
/// so that the run keeps one answer, not a list of every file it read.
struct ReportTarget {
    id: Option<FileId>,
    place: Option<PathBuf>,
    cwd: PathBuf,
}

impl ReportTarget {
    fn of(path: Option<&Path>, cwd: &Path) -> ReportTarget {
        ReportTarget {
            id: path
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|m| FileId::of(&m)),
            place: path.map(|p| place_of(p, cwd)),
            cwd: cwd.to_path_buf(),
        }
    }

    /// Whether the file `id`, read or written for `input`, is the report's.
    fn is(&self, input: &Input, id: FileId) -> bool {
        self.id == Some(id)
            || match (&self.place, input) {
                (Some(place), Input::File { path, .. }) => *place == place_of(path, &self.cwd),
                _ => false,
            }
    }
}

/// A path made absolute and normalized, through its folder's links.
fn place_of(path: &Path, cwd: &Path) -> PathBuf {
    let absolute = crate::lint::config::normalize(&cwd.join(path));
    match (
        absolute.parent().and_then(|p| p.canonicalize().ok()),
        absolute.file_name(),
    ) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => absolute,
    }
}

/// How many inputs of a walk a run keeps for its other passes (about 100 bytes each); a
/// longer walk is walked again.
const WALK_KEPT: usize = 16_384;

/// `--diff`: every input checked and fixed in memory, the changes shown, nothing written.
fn diff_run(
    inputs: impl Iterator<Item = Result<Input, String>> + Send,
    args: &CheckArgs,
    engine: &Engine,
    fixing: Fixing,
) -> miette::Result<ExitCode> {
    let (mut fixes, mut problems, mut unsafe_left) = (Vec::new(), Vec::new(), 0);
    let stdin = Mutex::new(None);
    let check = |input: &Result<Input, String>| {
        let input = input.as_ref().ok()?;
        Some(read_and_check(input, args, engine, Some(fixing), &stdin))
    };
    let _ = for_each_in_order(inputs, check, |input, result| {
        if let Err(problem) = input {
            problems.push(problem);
        }
        if let Some(result) = result {
            match result {
                Ok(Some((_, extra))) => {
                    // Only a change is shown: the rest is let go at once.
                    unsafe_left += extra.fix.as_ref().map_or(0, |f| f.unsafe_left);
                    fixes.extend(extra.fix.filter(|f| f.fixed.changed()).map(|f| *f));
                    problems.extend(extra.problem);
                }
                Ok(None) => {}
                Err(unreadable) => problems.push(format!(
                    "cannot read {}: {}",
                    unreadable.name, unreadable.reason
                )),
            }
        }
        Ok::<(), ()>(())
    });
    fix::print_diffs(&fixes, unsafe_left, &problems)
        .map_err(|e| miette::miette!("cannot write the diff: {e}"))
}

/// What `check` keeps of one input besides its file (checked, and fixed with `--fix` or
/// `--diff`).
#[derive(Default)]
struct Extra {
    /// The file read for this input and, after a fix, the file that replaced it: a report
    /// must replace neither. Two fields, not a list: a run may check 100,000 files.
    read: Option<FileId>,
    written: Option<FileId>,
    /// Boxed: most runs fix nothing.
    fix: Option<Box<FileFix>>,
    /// A fix that could not be written.
    problem: Option<String>,
}

/// Standard input, read once for the whole run (the rules across presets count it before
/// it is checked): its bytes, or why they could not be read.
type Stdin = Option<Result<Vec<u8>, String>>;

fn read_stdin(engine: &Engine) -> Result<Vec<u8>, String> {
    input::read_limited(io::stdin().lock(), engine.max_file_size).map_err(|e| e.to_string())
}

fn read_and_check(
    input: &Input,
    args: &CheckArgs,
    engine: &Engine,
    fixing: Option<Fixing>,
    stdin: &Mutex<Stdin>,
) -> Result<Option<(CheckedFile, Extra)>, Unreadable> {
    let stdin_name = args.stdin_filename.as_deref();
    let (name, bytes, origin, path, id) = match input {
        Input::Stdin => {
            let kept = stdin.lock().unwrap_or_else(PoisonError::into_inner).clone();
            let read = kept.unwrap_or_else(|| read_stdin(engine));
            let bytes = read.map_err(|reason| Unreadable {
                name: stdin_name.unwrap_or("standard input").to_owned(),
                reason,
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
        None => (
            file,
            Extra {
                read: id,
                ..Extra::default()
            },
        ),
        Some(fixing) => {
            let written = fix::Written { path, id };
            let (file, fix, problem) = fix::fix_file(engine, file, written, ignore_path, fixing);
            let now = path
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|m| FileId::of(&m));
            (
                file,
                Extra {
                    read: id,
                    written: now,
                    fix: Some(Box::new(fix)),
                    problem,
                },
            )
        }
    }))
}
