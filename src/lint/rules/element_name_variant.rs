use crate::base::diagnostic::{Finding, Target};
use crate::declare_rule;
use std::path::Path;

use crate::lint::rules::quoted;
use crate::model::preset::{ElementUse, FileFacts, case_folded_hash};

declare_rule! {
    /// ## What it does
    /// Reports an element whose name equals another element's ignoring case, `_` and `-`, but
    /// is spelt differently (`{ShootDay}`, `{Shootday}`, `{shoot_day}`): across the presets of
    /// a run, and within one file (checked alone too). Reported at each entry spelt otherwise
    /// than most presets spell it, naming that spelling and another preset file that uses it
    /// (or saying it is elsewhere in this file). Within one file, a repeat that differs in
    /// case alone is PL102's duplicate entry instead.
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

/// How many first uses of a spelling the index keeps: one more than a judgement needs, so
/// that the editor can leave out the copy on disk of the document it judges.
const FIRST_KEPT: usize = 2;

/// A use of a spelling: where it is, and the entry as written.
#[derive(Debug, Clone)]
struct Use {
    place: Box<Path>,
    shown: Box<str>,
    preset: u32,
    entry: u32,
    text: Box<str>,
}

impl Use {
    fn key(&self) -> (&Path, u32, u32) {
        (&self.place, self.preset, self.entry)
    }
}

/// One spelling of a folded name: how many files use it, and its first uses by place.
#[derive(Debug)]
struct Spelling {
    spelling: u64,
    files: usize,
    first: Vec<Use>,
}

/// The spellings of every element name of the presets judged together (a run's, with the
/// library it is judged against), a few facts per distinct spelling, not per file: a run
/// over 1,000,000 presets keeps what 100 names need.
#[derive(Debug, Default)]
pub struct Spellings {
    by_folded: foldhash::HashMap<u64, Vec<Spelling>>,
}

impl Spellings {
    /// Counts a file's spellings, each once. `texts` gives the entries of the elements asked
    /// for (by index), as written: asked once a file, only for the uses that are among the
    /// first of their spelling, so that a preset of 178,000 elements is read for them in one
    /// scan.
    pub fn add(&mut self, file: &FileFacts<'_>, texts: &mut dyn FnMut(&[usize]) -> Vec<String>) {
        let mut seen: foldhash::HashSet<u64> = Default::default();
        let mut first: Vec<usize> = Vec::new();
        for (i, element) in file.elements.iter().enumerate() {
            if !seen.insert(element.spelling) {
                continue;
            }
            let spelling = self.spelling_mut(element);
            spelling.files += 1;
            let key = (file.place, element.preset, element.entry);
            if spelling.first.partition_point(|u| u.key() <= key) < FIRST_KEPT {
                first.push(i);
            }
        }
        if first.is_empty() {
            return;
        }
        for (i, text) in first.iter().zip(texts(&first)) {
            let element = &file.elements[*i];
            let spelling = self.spelling_mut(element);
            let key = (file.place, element.preset, element.entry);
            let at = spelling.first.partition_point(|u| u.key() <= key);
            spelling.first.insert(
                at,
                Use {
                    place: file.place.into(),
                    shown: file.shown.into(),
                    preset: element.preset,
                    entry: element.entry,
                    text: text.into(),
                },
            );
            spelling.first.truncate(FIRST_KEPT);
        }
    }

    /// The entry of an element's spelling, made when it is new.
    fn spelling_mut(&mut self, element: &ElementUse) -> &mut Spelling {
        let spellings = self.by_folded.entry(element.folded).or_default();
        let at = match spellings
            .iter()
            .position(|s| s.spelling == element.spelling)
        {
            Some(at) => at,
            None => {
                spellings.push(Spelling {
                    spelling: element.spelling,
                    files: 0,
                    first: Vec::new(),
                });
                spellings.len() - 1
            }
        };
        &mut spellings[at]
    }
}

impl Spellings {
    /// The spellings other than the one most files use, of each name spelt more than one
    /// way (a tie goes to the spelling whose first use comes first): those PL951 may report.
    pub fn losing(&self) -> impl Iterator<Item = u64> + '_ {
        self.by_folded
            .values()
            .filter(|s| s.len() > 1)
            .flat_map(|spellings| {
                let winner = spellings
                    .iter()
                    .min_by(|a, b| {
                        b.files.cmp(&a.files).then_with(|| {
                            a.first
                                .first()
                                .map(Use::key)
                                .cmp(&b.first.first().map(Use::key))
                        })
                    })
                    .map(|s| s.spelling);
                spellings
                    .iter()
                    .map(|s| s.spelling)
                    .filter(move |s| Some(*s) != winner)
            })
    }
}

/// A spelling's first use as a judgement sees it: in the index, or in the judged file.
#[derive(Clone, Copy)]
enum First<'a> {
    Kept(&'a Use),
    Here(ElementUse),
}

/// The order of first uses: by place (`here`: the judged file's), then preset, then entry.
fn first_key<'a>(first: &First<'a>, here: &'a Path) -> (&'a Path, u32, u32) {
    match *first {
        First::Kept(u) => (&u.place, u.preset, u.entry),
        First::Here(e) => (here, e.preset, e.entry),
    }
}

/// The findings of one file, judged against the index of every file of the run (`counted`:
/// what the index holds of this file, if anything: the file itself in a run, the copy on
/// disk of an editor's document). `entry_text` gives this file's entry at a pointer.
pub fn check(
    index: &Spellings,
    file: &FileFacts<'_>,
    counted: Option<&FileFacts<'_>>,
    entry_text: &mut dyn FnMut(&str) -> String,
) -> Vec<Finding> {
    let cmp =
        |a: &First<'_>, b: &First<'_>| first_key(a, file.place).cmp(&first_key(b, file.place));
    // This file's elements by folded name (names in the order first met), and each
    // spelling's first use here: a look-up each, however many elements the file has.
    let mut by_folded: foldhash::HashMap<u64, Vec<&ElementUse>> = Default::default();
    let mut names: Vec<u64> = Vec::new();
    let mut first_here: foldhash::HashMap<u64, &ElementUse> = Default::default();
    for e in file.elements {
        first_here.entry(e.spelling).or_insert(e);
        by_folded
            .entry(e.folded)
            .or_insert_with(|| {
                names.push(e.folded);
                Vec::new()
            })
            .push(e);
    }
    let counted: Option<foldhash::HashSet<u64>> =
        counted.map(|c| c.elements.iter().map(|e| e.spelling).collect());
    let mut out = Vec::new();
    for folded in names {
        let mine = &by_folded[&folded];
        let kept = index.by_folded.get(&folded).map_or(&[][..], |v| v);
        // Most names have one spelling everywhere: nothing to judge.
        let only = kept.first().map_or(mine[0].spelling, |k| k.spelling);
        if kept.len() <= 1 && mine.iter().all(|e| e.spelling == only) {
            continue;
        }
        // Each spelling: how many files use it, with this file as it is now, its first use,
        // and its first use in another file (a finding's example).
        let mut candidates: Vec<(u64, usize, First<'_>, Option<&Use>)> = Vec::new();
        for s in kept {
            let counted_here = counted.as_ref().is_some_and(|c| c.contains(&s.spelling));
            let here = first_here.get(&s.spelling).copied();
            let files =
                s.files.saturating_sub(usize::from(counted_here)) + usize::from(here.is_some());
            let elsewhere = s.first.iter().find(|u| *u.place != *file.place);
            let first = [elsewhere.map(First::Kept), here.map(|e| First::Here(*e))]
                .into_iter()
                .flatten()
                .min_by(|a, b| cmp(a, b));
            if let (true, Some(first)) = (files > 0, first) {
                candidates.push((s.spelling, files, first, elsewhere));
            }
        }
        for e in mine {
            if !candidates.iter().any(|c| c.0 == e.spelling) {
                candidates.push((e.spelling, 1, First::Here(*first_here[&e.spelling]), None));
            }
        }
        if candidates.len() < 2 {
            continue;
        }
        // The spelling most files use wins; a tie goes to the one whose first use comes first.
        let (common_spelling, common_files, common_first, common_elsewhere) = candidates
            .iter()
            .copied()
            .min_by(|a, b| b.1.cmp(&a.1).then_with(|| cmp(&a.2, &b.2)))
            .expect("two candidates");
        let common = match common_first {
            First::Kept(u) => u.text.to_string(),
            First::Here(e) => entry_text(&e.pointer()),
        };
        let common_here = first_here.contains_key(&common_spelling);
        for e in mine.iter().filter(|e| e.spelling != common_spelling) {
            let pointer = e.pointer();
            let spelt = entry_text(&pointer);
            // A repeat in this file that differs in case alone is PL102's: one finding.
            if common_here && case_folded_hash(&spelt) == case_folded_hash(&common) {
                continue;
            }
            let message = match common_elsewhere {
                Some(example) => format!(
                    "{} is spelt {} in {} preset {} (e.g. {}); iconik sees two fields",
                    quoted(&spelt),
                    quoted(&common),
                    common_files,
                    if common_files == 1 { "file" } else { "files" },
                    example.shown
                ),
                None => format!(
                    "{} is spelt {} elsewhere in this file; iconik sees two fields",
                    quoted(&spelt),
                    quoted(&common)
                ),
            };
            out.push(
                Finding::new(&ELEMENT_NAME_VARIANT, Target::Value(pointer), message)
                    .with_help(format!("spell it {} here and in OffShoot", quoted(&common)))
                    // Keyed by the two spellings: another file using either keeps the baseline.
                    .identified_by(format!("{} is spelt {}", quoted(&spelt), quoted(&common))),
            );
        }
    }
    out
}
