//! `presetlint check`: read the inputs, check them in parallel, report, pick the exit code.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

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
use crate::lint::engine::across::{AcrossIndex, Counted};
use crate::lint::engine::ordered;
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
    let each = || -> Box<dyn Iterator<Item = Result<Input, String>> + Send + '_> {
        match &kept_walk {
            Some(list) => Box::new(list.iter().cloned()),
            None => Box::new(each_input(&args.paths, &excluded)),
        }
    };
    let context = if wants_context {
        context_of(&engine, &checked_paths)?
    } else {
        Vec::new()
    };
    drop(checked_paths);
    engine.judge_across(count, context.len());
    let engine = engine;
    if let Some(fixing) = fixing.filter(|f| f.diff) {
        return diff_run(each(), &args, &engine, fixing);
    }
    // Standard input is read once for the run, which may need it twice.
    let mut stdin: Stdin = from_stdin.then(|| read_stdin(&engine));
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
    let mut out = Out {
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
        count_presets: true,
    };
    out.summary.presets = Some(0);
    let target = ReportTarget::of(
        args.write_baseline
            .as_deref()
            .or(args.report.output_file.as_deref()),
        &cwd,
    );
    let mut guarded: Vec<FileId> = Vec::new();
    let mut tally = FixTally::default();
    let mut problems = Vec::new();
    // The rules across presets judge each file against every other. A first pass checks (and
    // fixes) every input and folds what those rules need into an index (a few facts per
    // distinct name) and a mark per input (a byte and a hash of its spellings); the report's
    // pass then checks again only the files with findings, or that the index says may have one.
    let across = if engine.across_presets {
        let mut index = AcrossIndex::default();
        let mut marks = Marks::default();
        let mut kept = Kept::default();
        let check = |input: &Result<Input, String>| {
            let input = input.as_ref().ok()?;
            Some(read_and_check(input, &args, &engine, fixing, &stdin))
        };
        ordered::for_each_in_order(each(), check, |input, result| -> miette::Result<()> {
            let (Ok(input), Some(result)) = (input, result) else {
                // A walk's problem is said by the report's pass.
                marks.skip().map_err(mark_error)?;
                return Ok(());
            };
            match result {
                Ok(Some(mut checked)) => {
                    settle(
                        &mut checked,
                        &input,
                        &target,
                        &mut guarded,
                        &mut tally,
                        &mut problems,
                    );
                    engine.index_checked(&mut index, &checked.file);
                    marks.add(&checked.file).map_err(mark_error)?;
                    if !checked.file.diagnostics.is_empty() && matches!(input, Input::File { .. }) {
                        kept.keep(marks.count - 1, checked.file);
                    }
                }
                Ok(None) => marks.skip().map_err(mark_error)?,
                // Said when it is read again.
                Err(_) => marks.flag().map_err(mark_error)?,
            }
            Ok(())
        })?;
        engine.index_paths(&context, &mut index);
        // The report's pass reads the fixed standard input.
        if let Some(fixed) = &tally.stdin {
            stdin = Some(Ok(fixed.clone()));
        }
        out.summary.presets = Some(marks.presets);
        out.count_presets = false;
        let losing = index.losing_spellings();
        let marks = marks.read_back().map_err(mark_error)?;
        Some((index, marks, losing, std::sync::Mutex::new(kept)))
    } else {
        None
    };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let (across, marks): (Option<_>, Option<Box<dyn Iterator<Item = Mark> + Send>>) = match across {
        Some((index, marks, losing, kept)) => (Some((index, losing, kept)), Some(Box::new(marks))),
        None => (None, None),
    };
    let marked = each().enumerate().zip(
        marks
            .into_iter()
            .flatten()
            .map(Some)
            .chain(std::iter::repeat(None)),
    );
    let check_one = |((i, input), mark): &((usize, Result<Input, String>), Option<Mark>)| {
        let input = input.as_ref().ok()?;
        let (Some((index, losing, kept)), Some(mark)) = (&across, mark) else {
            return Some(read_and_check(input, &args, &engine, fixing, &stdin));
        };
        let shown = match input {
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin => stdin_name.to_owned(),
        };
        match mark.again(index, *losing, &shown) {
            Again::Skip => Some(Ok(None)),
            Again::Clean => Some(Ok(Some(Checked::clean(shown)))),
            Again::Name => {
                // Clean of its own and of PL951: only its text is needed, for PL952's place.
                let text = match input {
                    Input::File { path, .. } => engine
                        .read(path)
                        .ok()
                        .and_then(|bytes| crate::base::document::SourceText::decode(bytes).ok()),
                    Input::Stdin => None,
                };
                let Some(text) = text else {
                    // Gone or changed meanwhile: checked in full.
                    let mut checked = read_and_check(input, &args, &engine, None, &stdin);
                    if let Ok(Some(checked)) = &mut checked {
                        engine.judge_file(&mut checked.file, index, Counted::Itself);
                    }
                    return Some(checked);
                };
                let mut clean = Checked::clean(shown);
                clean.file.source = text;
                // A file of presets: how many does not matter here (the first pass counted).
                clean.file.presets = 1;
                engine.judge_file(&mut clean.file, index, Counted::Itself);
                Some(Ok(Some(clean)))
            }
            Again::Check => {
                let kept = kept
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take(*i);
                // What the first pass found, in the same text: only the text is read again.
                if let (Some(kept), Input::File { path, .. }) = (kept, input)
                    && let Ok((bytes, id)) = engine.read_identified(path)
                    && let Some(mut file) = kept.file_of(shown.clone(), bytes)
                {
                    engine.judge_file(&mut file, index, Counted::Itself);
                    return Some(Ok(Some(
                        Checked {
                            read: id,
                            ..Checked::clean(String::new())
                        }
                        .with_file(file),
                    )));
                }
                // Fixed in the first pass already: checked as the first pass left it.
                let mut checked = read_and_check(input, &args, &engine, None, &stdin);
                if let Ok(Some(checked)) = &mut checked {
                    // The index counts the file as it is now: the first pass indexed it so.
                    engine.judge_file(&mut checked.file, index, Counted::Itself);
                }
                Some(checked)
            }
        }
    };
    // Checked in parallel and reported in the inputs' order as each is done: memory holds a
    // window's results, whatever the run's size.
    ordered::for_each_in_order(
        marked,
        check_one,
        |((_, input), _), result| -> miette::Result<()> {
            let (input, result) = match (input, result) {
                (Ok(input), Some(result)) => (input, result),
                (Err(problem), _) => {
                    problems.push(problem);
                    return Ok(());
                }
                (Ok(_), None) => return Ok(()),
            };
            match result {
                Ok(Some(mut checked)) => {
                    settle(
                        &mut checked,
                        &input,
                        &target,
                        &mut guarded,
                        &mut tally,
                        &mut problems,
                    );
                    out.file(checked.file)?;
                }
                Ok(None) => {}
                Err(unreadable) => {
                    let path = Path::new(&unreadable.name);
                    if let Some(file) =
                        engine.unreadable(unreadable.name.clone(), Some(path), &unreadable.reason)
                    {
                        out.file(file)?;
                    }
                    problems.push(format!(
                        "cannot read {}: {}",
                        unreadable.name, unreadable.reason
                    ));
                }
            }
            Ok(())
        },
    )?;
    if let Some((index, ..)) = &across {
        for view in engine.unfed_views(index) {
            out.file(view)?;
        }
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
            crate::output::report::statistics::write_json(&counts, &mut stdout)
        } else {
            crate::output::report::statistics::write_table(&counts, &mut stdout)
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

/// What a run keeps of a checked input besides its report: the files read or written for
/// it that are the report's target (which the report must not replace), its fix, and a fix
/// that could not be written.
fn settle(
    checked: &mut Checked,
    input: &Input,
    target: &ReportTarget,
    guarded: &mut Vec<FileId>,
    tally: &mut FixTally,
    problems: &mut Vec<String>,
) {
    for id in checked.read.into_iter().chain(checked.written) {
        if target.is(input, id) {
            guarded.push(id);
        }
    }
    if let Some(fix) = checked.fix.take() {
        tally.add(*fix);
    }
    problems.extend(checked.problem.take());
}

/// Where each file of the run goes once it is done: the baseline's filter, the baseline being
/// written, the statistics, the report, and the counts the run ends with.
struct Out<'b> {
    baseline: Option<crate::output::baseline::Matcher<'b>>,
    recorder: Option<crate::output::baseline::Recorder>,
    statistics: Option<crate::output::report::statistics::Counter>,
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
    let absolute = crate::lint::config::globs::normalize(&cwd.join(path));
    match (
        absolute.parent().and_then(|p| p.canonicalize().ok()),
        absolute.file_name(),
    ) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => absolute,
    }
}

/// The presets under the run config's folder that the run does not check, for the rules
/// across presets; each one's config is found (and a broken one reported) as for the inputs.
fn context_of(engine: &Engine, checked: &[PathBuf]) -> miette::Result<Vec<PathBuf>> {
    let context = engine.library_paths(checked.iter().map(PathBuf::as_path));
    for path in &context {
        engine.config_of(Some(path))?;
    }
    Ok(context)
}

fn mark_error(e: io::Error) -> miette::Report {
    miette::miette!("cannot keep what the first pass found: {e}")
}

/// How many inputs of a walk a run keeps for its other passes (about 100 bytes each); a
/// longer walk is walked again.
const WALK_KEPT: usize = 16_384;

/// What the first pass of a run judged across presets keeps of each input, in the walk's
/// order: a byte and, for a clean file, a hash of its spellings. Written to a spool (in
/// memory up to 1 MiB, then in an anonymous temporary file) and read back in the same order
/// by the report's pass: 1,000,000 inputs cost no more memory than 100,000.
#[derive(Default)]
struct Marks {
    spool: crate::output::report::stream::Spool,
    /// How many inputs are marked.
    count: usize,
    /// The presets of every file.
    presets: usize,
}

/// One input's mark, as read back.
#[derive(Debug, Clone, Copy)]
struct Mark {
    kind: u8,
    spellings: u64,
}

/// No report (a walked file that is no preset, a walk's problem).
const SKIP: u8 = 0;
/// A file without findings of its own.
const CLEAN: u8 = 1;
/// A file without findings of its own that holds presets (so a name OffShoot lists).
const CLEAN_PRESETS: u8 = 2;
/// A file with findings of its own, or that could not be read.
const FLAGGED: u8 = 3;

/// What the report's pass does with an input.
enum Again {
    Skip,
    /// Reported without being read again: the index gives it no finding.
    Clean,
    /// Clean of its own, with a name other files have: read again for PL952's place only.
    Name,
    Check,
}

impl Marks {
    fn push(&mut self, kind: u8, spellings: u64) -> io::Result<()> {
        let out = self.spool.writer()?;
        out.write_all(&[kind])?;
        out.write_all(&spellings.to_le_bytes())?;
        self.count += 1;
        Ok(())
    }

    fn skip(&mut self) -> io::Result<()> {
        self.push(SKIP, 0)
    }

    fn flag(&mut self) -> io::Result<()> {
        self.push(FLAGGED, 0)
    }

    fn add(&mut self, file: &CheckedFile) -> io::Result<()> {
        self.presets += file.presets;
        let kind = match (file.diagnostics.is_empty(), file.presets > 0) {
            (false, _) => FLAGGED,
            (true, true) => CLEAN_PRESETS,
            (true, false) => CLEAN,
        };
        self.push(kind, spelling_bits(&file.elements))
    }

    /// The marks in the order they were made; an input past the end (a walk that found more
    /// the second time) is checked again.
    fn read_back(self) -> io::Result<impl Iterator<Item = Mark> + Send> {
        use std::io::Read as _;
        let mut reader = io::BufReader::new(self.spool.into_reader()?);
        Ok(std::iter::from_fn(move || {
            let mut record = [0u8; 9];
            reader.read_exact(&mut record).ok()?;
            let (kind, spellings) = record.split_at(1);
            Some(Mark {
                kind: kind[0],
                spellings: u64::from_le_bytes(spellings.try_into().ok()?),
            })
        })
        .chain(std::iter::repeat(Mark {
            kind: FLAGGED,
            spellings: 0,
        })))
    }
}

impl Mark {
    /// Whether the input is read again.
    fn again(self, index: &AcrossIndex, losing: u64, shown: &str) -> Again {
        match self.kind {
            SKIP => Again::Skip,
            FLAGGED => Again::Check,
            kind => {
                let variant = self.spellings & losing != 0;
                let named = kind == CLEAN_PRESETS && index.name_is_shared(shown);
                match (variant, named) {
                    (true, _) => Again::Check,
                    (false, true) => Again::Name,
                    (false, false) => Again::Clean,
                }
            }
        }
    }
}

/// The findings of the first pass's files, kept (within a budget) so that the report's pass
/// reads their text again without checking it again. What is over the budget is checked
/// again: memory stays bounded whatever the run's size.
#[derive(Default)]
struct Kept {
    files: std::collections::HashMap<usize, KeptFile>,
    bytes: usize,
}

/// A file's findings, and what its text was (to know it is the same when read again).
struct KeptFile {
    diagnostics: Vec<crate::base::diagnostic::Diagnostic>,
    elements: Box<[crate::model::preset::ElementUse]>,
    presets: usize,
    len: usize,
    hash: u64,
}

impl Kept {
    /// At most this many bytes of findings are kept (the 10,000-file bench corpus needs
    /// about 2 MiB for its 2,781 files with findings).
    const BUDGET: usize = 4 << 20;

    fn keep(&mut self, i: usize, file: CheckedFile) {
        use std::mem::size_of;
        // What it holds in memory: the findings, their texts and edits, the element hashes,
        // and the table's entry.
        let cost: usize = file
            .diagnostics
            .iter()
            .map(|d| {
                size_of::<crate::base::diagnostic::Diagnostic>()
                    + d.message.capacity()
                    + d.pointer.capacity()
                    + d.help.as_ref().map_or(0, String::capacity)
                    + d.labels.capacity() * size_of::<crate::base::diagnostic::Label>()
                    + d.labels.iter().map(|l| l.message.capacity()).sum::<usize>()
                    + d.fix.as_ref().map_or(0, |f| {
                        f.edits
                            .iter()
                            .map(|e| {
                                size_of::<crate::base::diagnostic::Edit>() + e.content.capacity()
                            })
                            .sum::<usize>()
                            + f.title.capacity()
                    })
            })
            .sum::<usize>()
            + size_of::<crate::model::preset::ElementUse>() * file.elements.len()
            + size_of::<(usize, KeptFile)>()
            + 64;
        if self.bytes + cost > Kept::BUDGET {
            return;
        }
        self.bytes += cost;
        self.files.insert(
            i,
            KeptFile {
                len: file.source.text.len(),
                hash: xxhash_rust::xxh3::xxh3_64(file.source.text.as_bytes()),
                diagnostics: file.diagnostics,
                elements: file.elements,
                presets: file.presets,
            },
        );
    }

    fn take(&mut self, i: usize) -> Option<KeptFile> {
        self.files.remove(&i)
    }
}

impl KeptFile {
    /// The file again with its findings, if `bytes` are the text they were found in.
    fn file_of(self, path: String, bytes: Vec<u8>) -> Option<CheckedFile> {
        let source = crate::base::document::SourceText::decode(bytes).ok()?;
        let same = source.text.len() == self.len
            && xxhash_rust::xxh3::xxh3_64(source.text.as_bytes()) == self.hash;
        same.then_some(CheckedFile {
            path,
            source,
            diagnostics: self.diagnostics,
            presets: self.presets,
            elements: self.elements,
        })
    }
}

/// A 64-bit hash set of spellings: a bit each.
pub(super) fn spelling_bits(elements: &[crate::model::preset::ElementUse]) -> u64 {
    elements
        .iter()
        .fold(0, |bits, e| bits | 1 << (e.spelling % 64))
}

/// `--diff`: every input checked and fixed in memory, the changes shown, nothing written.
fn diff_run(
    inputs: impl Iterator<Item = Result<Input, String>> + Send,
    args: &CheckArgs,
    engine: &Engine,
    fixing: Fixing,
) -> miette::Result<ExitCode> {
    let (mut fixes, mut problems, mut unsafe_left) = (Vec::new(), Vec::new(), 0);
    let check = |input: &Result<Input, String>| {
        let input = input.as_ref().ok()?;
        Some(read_and_check(input, args, engine, Some(fixing), &None))
    };
    let _ = ordered::for_each_in_order(inputs, check, |input, result| {
        if let Err(problem) = input {
            problems.push(problem);
        }
        if let Some(result) = result {
            match result {
                Ok(Some(checked)) => {
                    // Only a change is shown: the rest is let go at once.
                    unsafe_left += checked.fix.as_ref().map_or(0, |f| f.unsafe_left);
                    fixes.extend(checked.fix.filter(|f| f.fixed.changed()).map(|f| *f));
                    problems.extend(checked.problem);
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

impl Checked {
    fn with_file(self, file: CheckedFile) -> Checked {
        Checked { file, ..self }
    }

    /// A file the report names with no finding, not read again.
    fn clean(path: String) -> Checked {
        Checked {
            file: CheckedFile {
                path,
                source: crate::base::document::SourceText {
                    text: String::new(),
                    has_bom: false,
                },
                diagnostics: Vec::new(),
                presets: 0,
                elements: Box::default(),
            },
            read: None,
            written: None,
            fix: None,
            problem: None,
        }
    }
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
    stdin: &Stdin,
) -> Result<Option<Checked>, Unreadable> {
    let stdin_name = args.stdin_filename.as_deref();
    let (name, bytes, origin, path, id) = match input {
        Input::Stdin => {
            let read = stdin.clone().unwrap_or_else(|| read_stdin(engine));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the spool's 1 MiB in memory, the marks go to disk and come back in order.
    #[test]
    fn marks_come_back_in_order_from_disk() {
        let mut marks = Marks::default();
        let n = 200_000u64;
        for i in 0..n {
            marks
                .push((i % 4) as u8, i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .unwrap();
        }
        assert_eq!(marks.count, n as usize);
        let back: Vec<Mark> = marks.read_back().unwrap().take(n as usize + 1).collect();
        for (i, mark) in back.iter().take(n as usize).enumerate() {
            let i = i as u64;
            assert_eq!(
                (mark.kind, mark.spellings),
                ((i % 4) as u8, i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            );
        }
        // Past the end, an input is checked again.
        assert_eq!(back[n as usize].kind, FLAGGED);
    }
}
