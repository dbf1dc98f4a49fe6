//! Any number of inputs checked in parallel and handed on in their order as each is done, so
//! that memory holds a window's results whatever the run's size. When the rules across
//! presets run, twice: a first pass checks (and fixes) every input and folds what those rules
//! need into an index (a few facts per distinct name) and a mark per input (a byte and a hash
//! of its spellings); the report's pass then checks again only the files with findings, or
//! that the index says may have one.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::engine::across::{AcrossIndex, Counted};
use crate::lint::engine::for_each_in_order;
use crate::lint::run::kept::Kept;
use crate::lint::run::marks::{Again, Mark, Marks};

/// An input that could not be read: reported as a PL005 finding and said to the user.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// As the report names it.
    pub name: String,
    pub reason: String,
}

/// What a front end gives a run: its inputs, and how one is read and checked.
pub trait Inputs: Sync {
    type Input: Send + Sync;
    /// What the front end keeps of checking an input besides its file (what it read and
    /// wrote, its fix).
    type Extra: Send + Default;

    /// The inputs, in order, or the problems of finding them; asked once for each pass.
    fn each(&self) -> Box<dyn Iterator<Item = Result<Self::Input, String>> + Send + '_>;

    /// Reads and checks `input`, fixing it when `fix` (the first pass fixes; the report's
    /// pass reads what it left). `Ok(None)`: no preset file, nothing to report.
    fn check(
        &self,
        input: &Self::Input,
        fix: bool,
    ) -> Result<Option<(CheckedFile, Self::Extra)>, Unreadable>;

    /// Whether the input can be read again (a file; not standard input).
    fn rereadable(&self, input: &Self::Input) -> bool;

    /// The input's bytes again, with what the front end keeps of reading them; `None` for an
    /// input that is read once (standard input) or can no longer be read.
    fn read_again(&self, input: &Self::Input) -> Option<(Vec<u8>, Self::Extra)>;

    /// How the report names the input.
    fn shown(&self, input: &Self::Input) -> String;
}

/// What the report's pass hands on, in the inputs' order.
pub enum Reported<I, X> {
    /// An input checked: its file as the report shows it (with or without findings).
    Checked(I, CheckedFile, X),
    /// An input that could not be read.
    Unreadable(Unreadable),
    /// A problem of finding the inputs (a walk's).
    Problem(String),
}

/// What a front end does with a run's results.
pub trait Receiver<I, X> {
    /// In the first of two passes (where a fix is written), each checked input's extra,
    /// before its file is indexed.
    fn first(&mut self, input: &I, extra: &mut X);

    /// Each input's result in the report's pass, in the inputs' order.
    fn report(&mut self, reported: Reported<I, X>) -> miette::Result<()>;
}

/// What only the end of a run can tell.
pub struct Streamed {
    /// The presets of every input, when the first pass counted them (the report's pass reads
    /// only some files again).
    pub presets: Option<usize>,
    /// The views no preset of the run feeds (PL953), as files of the report.
    pub unfed_views: Vec<CheckedFile>,
}

/// Checks every input of `inputs` with `engine` and hands each result to `receiver`, in order;
/// with the rules across presets on, against each other and the presets of `library`.
pub fn stream<S: Inputs>(
    engine: &Engine,
    inputs: &S,
    library: &[PathBuf],
    receiver: &mut impl Receiver<S::Input, S::Extra>,
) -> miette::Result<Streamed> {
    if !engine.across_presets {
        for_each_in_order(
            inputs.each(),
            |input| input.as_ref().ok().map(|input| inputs.check(input, true)),
            |input, result| hand_on(input, result, receiver),
        )?;
        return Ok(Streamed {
            presets: None,
            unfed_views: Vec::new(),
        });
    }
    let first_pass = first_pass(engine, inputs, library, receiver)?;
    let losing = first_pass.index.losing_spellings();
    let presets = first_pass.marks.presets;
    let marks = first_pass.marks.read_back().map_err(mark_error)?;
    let kept = Mutex::new(first_pass.kept);
    let index = first_pass.index;
    let marked = inputs.each().enumerate().zip(marks);
    let check_again = |((i, input), mark): &((usize, Result<S::Input, String>), Mark)| {
        let input = input.as_ref().ok()?;
        Some(again(
            engine,
            inputs,
            &index,
            losing,
            &kept,
            (*i, input),
            *mark,
        ))
    };
    for_each_in_order(marked, check_again, |((_, input), _), result| {
        hand_on(input, result, receiver)
    })?;
    Ok(Streamed {
        presets: Some(presets),
        unfed_views: engine.unfed_views(&index),
    })
}

/// One input's result, handed on.
fn hand_on<I, X>(
    input: Result<I, String>,
    result: Option<Result<Option<(CheckedFile, X)>, Unreadable>>,
    receiver: &mut impl Receiver<I, X>,
) -> miette::Result<()> {
    match (input, result) {
        (Err(problem), _) => receiver.report(Reported::Problem(problem)),
        (Ok(input), Some(Ok(Some((file, extra))))) => {
            receiver.report(Reported::Checked(input, file, extra))
        }
        (Ok(_), Some(Err(unreadable))) => receiver.report(Reported::Unreadable(unreadable)),
        (Ok(_), Some(Ok(None)) | None) => Ok(()),
    }
}

/// What the first pass leaves the report's pass.
struct FirstPass {
    index: AcrossIndex,
    marks: Marks,
    kept: Kept,
}

fn first_pass<S: Inputs>(
    engine: &Engine,
    inputs: &S,
    library: &[PathBuf],
    receiver: &mut impl Receiver<S::Input, S::Extra>,
) -> miette::Result<FirstPass> {
    let mut index = AcrossIndex::default();
    let mut marks = Marks::default();
    let mut kept = Kept::default();
    let check = |input: &Result<S::Input, String>| {
        input.as_ref().ok().map(|input| inputs.check(input, true))
    };
    for_each_in_order(inputs.each(), check, |input, result| {
        let (Ok(input), Some(result)) = (input, result) else {
            // A walk's problem is said by the report's pass.
            return marks.skip().map_err(mark_error);
        };
        match result {
            Ok(Some((file, mut extra))) => {
                receiver.first(&input, &mut extra);
                engine.index_checked(&mut index, &file);
                marks.add(&file).map_err(mark_error)?;
                if !file.diagnostics.is_empty() && inputs.rereadable(&input) {
                    kept.keep(marks.count - 1, file);
                }
                Ok(())
            }
            Ok(None) => marks.skip().map_err(mark_error),
            // Said when it is read again.
            Err(_) => marks.flag().map_err(mark_error),
        }
    })?;
    engine.index_paths(library, &mut index);
    Ok(FirstPass { index, marks, kept })
}

/// The report's pass for input `i`: its file, as little read again as its mark allows.
fn again<S: Inputs>(
    engine: &Engine,
    inputs: &S,
    index: &AcrossIndex,
    losing: u64,
    kept: &Mutex<Kept>,
    (i, input): (usize, &S::Input),
    mark: Mark,
) -> Result<Option<(CheckedFile, S::Extra)>, Unreadable> {
    let shown = inputs.shown(input);
    // Checked in full (fixed in the first pass already: as the first pass left it); the
    // index counts the file as it is now, as the first pass indexed it so.
    let in_full = || {
        let mut checked = inputs.check(input, false);
        if let Ok(Some((file, _))) = &mut checked {
            engine.judge_file(file, index, Counted::Itself);
        }
        checked
    };
    match mark.again(index, losing, &shown) {
        Again::Skip => Ok(None),
        Again::Clean => Ok(Some((clean(shown), S::Extra::default()))),
        Again::Name => {
            // Clean of its own and of PL951: only its text is needed, for PL952's place.
            let again = inputs.read_again(input).and_then(|(bytes, extra)| {
                Some((
                    crate::base::document::SourceText::decode(bytes).ok()?,
                    extra,
                ))
            });
            let Some((text, extra)) = again else {
                // Gone or changed meanwhile: checked in full.
                return in_full();
            };
            let mut file = clean(shown);
            file.source = text;
            // A file of presets: how many does not matter here (the first pass counted).
            file.presets = 1;
            engine.judge_file(&mut file, index, Counted::Itself);
            Ok(Some((file, extra)))
        }
        Again::Check => {
            let kept = kept.lock().unwrap_or_else(PoisonError::into_inner).take(i);
            // What the first pass found, in the same text: only the text is read again.
            if let Some(kept) = kept
                && let Some((bytes, extra)) = inputs.read_again(input)
                && let Some(mut file) = kept.file_of(shown, bytes)
            {
                engine.judge_file(&mut file, index, Counted::Itself);
                return Ok(Some((file, extra)));
            }
            in_full()
        }
    }
}

/// A file the report names with no finding, not read again.
fn clean(path: String) -> CheckedFile {
    CheckedFile {
        path,
        source: crate::base::document::SourceText {
            text: String::new(),
            has_bom: false,
        },
        diagnostics: Vec::new(),
        presets: 0,
        elements: Box::default(),
    }
}

fn mark_error(e: std::io::Error) -> miette::Report {
    miette::miette!("cannot keep what the first pass found: {e}")
}
