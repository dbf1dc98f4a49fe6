use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::{Finding, Target};
use crate::preset::{ElementUse, RunFile};
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

/// Each spelling of one folded name, with its uses: (file index, entry).
type Spellings<'a> = HashMap<u64, Vec<(usize, &'a ElementUse)>>;

/// The findings, by index of the file they belong to. `entry_text` gives an entry's text
/// (`{ShootDay}`) from its file and pointer: the run keeps no names, only their hashes.
pub fn check(
    files: &[RunFile<'_>],
    entry_text: &mut dyn FnMut(usize, &str) -> String,
) -> Vec<(usize, Finding)> {
    // First which folded names have more than one spelling at all, without a map per name:
    // most names (all 178,000 of one large preset) have one.
    let mut first_spelling: foldhash::HashMap<u64, (u64, bool)> = Default::default();
    for element in files.iter().flat_map(|f| f.elements) {
        let seen = first_spelling
            .entry(element.folded)
            .or_insert((element.spelling, false));
        seen.1 |= seen.0 != element.spelling;
    }
    let mut groups: HashMap<u64, Spellings<'_>> = HashMap::new();
    for (f, file) in files.iter().enumerate() {
        for element in file
            .elements
            .iter()
            .filter(|e| first_spelling.get(&e.folded).is_some_and(|s| s.1))
        {
            groups
                .entry(element.folded)
                .or_default()
                .entry(element.spelling)
                .or_default()
                .push((f, element));
        }
    }
    let files_using = |uses: &Vec<(usize, &ElementUse)>| {
        let mut fs: Vec<usize> = uses.iter().map(|(f, _)| *f).collect();
        fs.dedup();
        fs.len()
    };
    let mut out = Vec::new();
    for spellings in groups.values().filter(|s| s.len() > 1) {
        // The spelling most files use wins; a tie goes to the one whose first use comes first.
        let mut ranked: Vec<&Vec<(usize, &ElementUse)>> = spellings.values().collect();
        ranked.sort_by(|a, b| {
            files_using(b)
                .cmp(&files_using(a))
                .then((a[0].0, a[0].1.entry).cmp(&(b[0].0, b[0].1.entry)))
        });
        let common_uses = ranked[0];
        let (common_file, common_entry) = common_uses[0];
        let mut common: Option<String> = None;
        for uses in &ranked[1..] {
            // Two spellings within one preset are PL102's: only another file's counts here.
            for &(f, element) in uses
                .iter()
                .filter(|(f, _)| common_uses.iter().any(|(o, _)| o != f))
            {
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
                            "{} is spelt {} in {} of this run's presets (e.g. {}); iconik sees two fields",
                            quoted(&spelt),
                            quoted(&common),
                            files_using(common_uses),
                            files[common_file].path
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
