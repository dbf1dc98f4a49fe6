use crate::declare_rule;
use crate::diagnostic::{Finding, Target};
use crate::preset::{AcrossFiles, ElementUse, RunFile};
use crate::rules::quoted;

declare_rule! {
    /// ## What it does
    /// Across the presets of a run, reports an element whose name equals another preset's
    /// element ignoring case, `_` and `-`, but is spelt differently (`{ShootDay}`,
    /// `{Shootday}`, `{shoot_day}`). Reported at each entry spelt otherwise than most presets
    /// spell it, naming that spelling and a preset that uses it.
    ///
    /// ## Why is this bad?
    /// A sidecar field is named after its element exactly: iconik sees `ShootDay` and
    /// `Shootday` as two fields, so one production's values land in a field the view does not
    /// show, or in a second field that nobody searches.
    ///
    /// ## Example
    /// `productions/a/cam.json` lists `{ShootDay}`, and `productions/b/cam.json` `{Shootday}`.
    ///
    /// Use instead: one spelling everywhere, and the element renamed in OffShoot to match.
    ///
    /// ## Fix
    /// None: the element is also the metadata field the crew fills in OffShoot under that
    /// name, and the preset's patterns may use it. Renamed in the preset's list alone, it
    /// would no longer be filled.
    pub static ELEMENT_NAME_VARIANT = {
        code: "PL951",
        name: "element-name-variant",
        severity: Warning,
        summary: "An element is spelt differently than in the run's other presets",
        fix: None,
    }
}

/// Something for each spelling of each folded name, each found in one step however many
/// spellings a name has.
#[derive(Debug)]
struct BySpelling<T> {
    /// By folded name, its spellings in the order first met.
    by_folded: foldhash::HashMap<u64, Vec<(u64, T)>>,
    /// Where each (folded, spelling) is in its list.
    at: foldhash::HashMap<(u64, u64), usize>,
}

impl<T> Default for BySpelling<T> {
    fn default() -> Self {
        BySpelling {
            by_folded: Default::default(),
            at: Default::default(),
        }
    }
}

impl<T: Default> BySpelling<T> {
    fn entry(&mut self, folded: u64, spelling: u64) -> &mut T {
        let spellings = self.by_folded.entry(folded).or_default();
        let i = *self.at.entry((folded, spelling)).or_insert_with(|| {
            spellings.push((spelling, T::default()));
            spellings.len() - 1
        });
        &mut spellings[i].1
    }
}

/// The spellings of the library's element names (the presets a run is judged against but
/// does not report), indexed once: judging a run against it then costs what the run's
/// presets hold, not what the library holds (an editor judges one document against
/// thousands of presets at every pause in typing).
#[derive(Debug, Default)]
pub struct Spellings {
    /// For each spelling, the library files that use it, in order.
    files: BySpelling<Vec<u32>>,
}

impl Spellings {
    pub fn new(library: &[RunFile<'_>]) -> Spellings {
        let mut files = BySpelling::<Vec<u32>>::default();
        for (f, file) in library.iter().enumerate() {
            let f = u32::try_from(f).unwrap_or(u32::MAX);
            for element in file.elements {
                let using = files.entry(element.folded, element.spelling);
                if using.last() != Some(&f) {
                    using.push(f);
                }
            }
        }
        Spellings { files }
    }

    /// The spellings of a folded name in the library, each with how many of its files use
    /// it and the first of them, `shadowed` (sorted) left out.
    fn of(
        &self,
        folded: u64,
        shadowed: &[usize],
    ) -> impl Iterator<Item = (u64, usize, Option<usize>)> {
        let spellings = self.files.by_folded.get(&folded).into_iter().flatten();
        spellings
            .map(move |(spelling, files)| {
                let left_out = shadowed
                    .iter()
                    .filter(|&&s| u32::try_from(s).is_ok_and(|s| files.binary_search(&s).is_ok()))
                    .count();
                let first = files
                    .iter()
                    .map(|&f| f as usize)
                    .find(|f| shadowed.binary_search(f).is_err());
                (*spelling, files.len() - left_out, first)
            })
            .filter(|(_, count, _)| *count > 0)
    }
}

/// One spelling of a name: its uses in the run's files, and how many library files use it
/// (with the first of them).
#[derive(Default)]
struct Candidate<'a> {
    run_uses: Vec<(usize, &'a ElementUse)>,
    library_files: usize,
    first_library_file: Option<usize>,
}

impl Candidate<'_> {
    fn files_using(&self) -> usize {
        let mut fs: Vec<usize> = self.run_uses.iter().map(|(f, _)| *f).collect();
        fs.dedup();
        fs.len() + self.library_files
    }
}

/// The findings of the run's files (`files.run`), judged with the library's.
pub fn check(
    files: &AcrossFiles<'_>,
    spellings: &Spellings,
    entry_text: &mut dyn FnMut(usize, &str) -> String,
) -> Vec<(usize, Finding)> {
    let run = files.run;
    // First which folded names have more than one spelling at all, without a map per name:
    // most names (all 178,000 of one large preset) have one.
    let mut first_spelling: foldhash::HashMap<u64, (u64, bool)> = Default::default();
    for element in run.iter().flat_map(|f| f.elements) {
        let seen = first_spelling
            .entry(element.folded)
            .or_insert((element.spelling, false));
        seen.1 |= seen.0 != element.spelling;
    }
    if !spellings.files.by_folded.is_empty() {
        for (&folded, seen) in first_spelling.iter_mut().filter(|(_, s)| !s.1) {
            seen.1 = spellings
                .of(folded, files.shadowed)
                .any(|(spelling, ..)| spelling != seen.0);
        }
    }
    let mut groups = BySpelling::<Candidate<'_>>::default();
    for (f, file) in run.iter().enumerate() {
        for element in file
            .elements
            .iter()
            .filter(|e| first_spelling.get(&e.folded).is_some_and(|s| s.1))
        {
            groups
                .entry(element.folded, element.spelling)
                .run_uses
                .push((f, element));
        }
    }
    let folded_names: Vec<u64> = groups.by_folded.keys().copied().collect();
    for folded in folded_names {
        for (spelling, count, first) in spellings.of(folded, files.shadowed) {
            let c = groups.entry(folded, spelling);
            c.library_files = count;
            c.first_library_file = first;
        }
    }
    // A spelling's first use, by place: the same answer whichever of its files the run
    // checks. The library is in the walk's order, which is the places' order.
    let key = |f: usize, e: &ElementUse| (files.place(f), e.preset, e.entry);
    let first_use = |spelling: u64, c: &Candidate<'_>| -> (usize, ElementUse) {
        let in_run = c
            .run_uses
            .iter()
            .map(|&(f, e)| (f, *e))
            .min_by(|a, b| key(a.0, &a.1).cmp(&key(b.0, &b.1)));
        let in_library = c.first_library_file.map(|l| {
            let element = files.library[l]
                .elements
                .iter()
                .find(|e| e.spelling == spelling)
                .copied()
                .unwrap_or(ElementUse::new("", None, 0));
            (run.len() + l, element)
        });
        in_run
            .into_iter()
            .chain(in_library)
            .min_by(|a, b| key(a.0, &a.1).cmp(&key(b.0, &b.1)))
            .unwrap_or((0, ElementUse::new("", None, 0)))
    };
    let mut out = Vec::new();
    for candidates in groups.by_folded.values().filter(|c| c.len() > 1) {
        // The spelling most files use wins; a tie goes to the one whose first use comes first.
        let mut ranked: Vec<(usize, (usize, ElementUse), &Candidate<'_>)> = candidates
            .iter()
            .map(|(spelling, c)| (c.files_using(), first_use(*spelling, c), c))
            .collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| key(a.1.0, &a.1.1).cmp(&key(b.1.0, &b.1.1)))
        });
        let (common_files, (common_file, common_entry), common_uses) = ranked[0];
        // Whether a file other than `f` uses the common spelling.
        let elsewhere = |f: usize| {
            common_files > 1 || common_uses.run_uses.first().is_none_or(|(o, _)| *o != f)
        };
        let mut common: Option<String> = None;
        for (_, _, candidate) in &ranked[1..] {
            // Two spellings within one preset are PL102's: only another file's counts here.
            for &(f, element) in candidate.run_uses.iter().filter(|(f, _)| elsewhere(*f)) {
                let common = common
                    .get_or_insert_with(|| entry_text(common_file, &common_entry.pointer()))
                    .clone();
                let pointer = element.pointer();
                let spelt = entry_text(f, &pointer);
                out.push((
                    f,
                    Finding::new(
                        &ELEMENT_NAME_VARIANT,
                        Target::Value(pointer),
                        format!(
                            "{} is spelt {} in {} preset {} (e.g. {}); iconik sees two fields",
                            quoted(&spelt),
                            quoted(&common),
                            common_files,
                            if common_files == 1 { "file" } else { "files" },
                            files.file(common_file).path
                        ),
                    )
                    .with_help(format!("spell it {} here and in OffShoot", quoted(&common))),
                ));
            }
        }
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.target.pointer().cmp(b.1.target.pointer()))
    });
    out
}
