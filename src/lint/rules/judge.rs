//! Runs the rules of [`super`]'s lists over what they judge, each only when the run has
//! switched it on: a rule that is off costs nothing.

use rayon::prelude::*;
use serde_json::Value;

use super::*;
use crate::base::diagnostic::{Finding, Rule, Severity};
use crate::lint::settings::Settings;
use crate::model::elements;
use crate::model::preset::{self, ListKind, Preset};

/// How judging an entry with one list of rules ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Judged {
    /// No rule that ends the judging reported the entry.
    Open,
    /// One did; `error`: at error severity in this run, so the entry is not compared for
    /// duplicates (its fix comes first).
    Ended { error: bool },
}

/// Which rules of a list this run reports, and at which of them an entry's finding is an
/// error: resolved once per list, not once per entry.
pub(super) struct Switches {
    pub(super) enabled: Vec<bool>,
    pub(super) error: Vec<bool>,
}

impl Switches {
    fn new<'r>(ctx: &PresetContext<'_>, rules: impl Iterator<Item = &'r Rule>) -> Switches {
        let severities: Vec<Option<Severity>> = rules.map(|r| ctx.settings.severity(r)).collect();
        Switches {
            enabled: severities.iter().map(Option::is_some).collect(),
            error: severities
                .iter()
                .map(|s| *s == Some(Severity::Error))
                .collect(),
        }
    }
}

/// Declares a list of entry rules once: as data (`$list`, which documentation and tests
/// read), and as `$judge`, which runs the enabled ones in that order with direct calls, so
/// that a list of 178,000 entries pays for no indirect call per rule and entry.
macro_rules! entry_rules {
    ($(#[$doc:meta])* $list:ident, $judge:ident: [$($module:ident::$rule:ident, ends: $ends:literal;)*]) => {
        $(#[$doc])*
        pub static $list: &[EntryRule] = &[$(EntryRule {
            rule: &$module::$rule,
            check: $module::check,
            ends: $ends,
        }),*];

        fn $judge(
            on: &$crate::lint::rules::judge::Switches,
            ctx: &PresetContext<'_>,
            entry: &Entry<'_>,
            out: &mut Vec<Finding>,
        ) -> $crate::lint::rules::judge::Judged {
            let mut i = 0;
            $(
                if on.enabled[i]
                    && let Some(finding) = $module::check(ctx, entry)
                {
                    out.push(finding);
                    if $ends {
                        return $crate::lint::rules::judge::Judged::Ended { error: on.error[i] };
                    }
                }
                i += 1;
            )*
            let _ = i;
            $crate::lint::rules::judge::Judged::Open
        }
    };
}

/// Declares the element list's own rules once, as data and as a judge with direct calls
/// (see [`entry_rules!`]); the first enabled rule that reports an entry is the only one.
macro_rules! element_rules {
    ($(#[$doc:meta])* $list:ident, $judge:ident: [$($module:ident::$rule:ident;)*]) => {
        $(#[$doc])*
        pub static $list: &[ElementRule] = &[$(ElementRule {
            rule: &$module::$rule,
            check: $module::check,
        }),*];

        fn $judge(
            on: &$crate::lint::rules::judge::Switches,
            ctx: &PresetContext<'_>,
            entry: &Entry<'_>,
            shape: &TokenShape<'_>,
            out: &mut Vec<Finding>,
        ) -> $crate::lint::rules::judge::Judged {
            let mut i = 0;
            $(
                if on.enabled[i]
                    && let Some(finding) = $module::check(ctx, entry, shape)
                {
                    out.push(finding);
                    return $crate::lint::rules::judge::Judged::Ended { error: on.error[i] };
                }
                i += 1;
            )*
            let _ = i;
            $crate::lint::rules::judge::Judged::Open
        }
    };
}

/// Every finding of a document, by pointer; PL001 and PL002 are judged on the text, by
/// [`crate::lint::checked_file`].
pub fn check_document(root: &Value, settings: &Settings) -> Vec<Finding> {
    let mut out = Vec::new();
    let (presets, problems) = preset::presets(root);
    if settings.severity(&not_a_preset::NOT_A_PRESET).is_some() {
        out.extend(problems.into_iter().map(not_a_preset::finding));
    }
    for (pointer, value) in &presets {
        if let Some(preset) = Preset::new(pointer, value) {
            check_preset(preset, settings, &mut out);
        }
    }
    out
}

fn check_preset(preset: Preset<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    let patterns = preset.patterns();
    let ctx = PresetContext {
        preset,
        settings,
        pattern_names: elements::names_in_patterns(patterns.iter().map(|(_, p)| *p)),
        has_pattern: patterns.iter().any(|(_, p)| !p.trim().is_empty()),
        patterns,
        folded_pattern_names: std::sync::OnceLock::new(),
    };
    for rule in PRESET_RULES {
        if ctx.enabled(rule.rule) {
            (rule.check)(&ctx, out);
        }
    }
    for kind in ListKind::ALL {
        // A list that is not an array of strings is PL004's; its items are not judged further.
        if let Some(entries) = preset.string_list(kind.key()) {
            check_list(&ctx, kind, &entries, out);
        }
    }
}

/// The entry rules, then the list rule (PL102). An entry that gets an error is not compared
/// with the others for duplicates: its fix comes first.
fn check_list<'a>(
    ctx: &PresetContext<'a>,
    kind: ListKind,
    entries: &[&'a str],
    out: &mut Vec<Finding>,
) {
    let entry_at = |index: usize| {
        let raw = entries[index];
        Entry {
            list: kind,
            preset: ctx.preset.pointer,
            index,
            raw,
            value: crate::base::text::trim(raw),
            is_only: entries.len() == 1,
        }
    };
    // A list long enough to be worth it is judged in chunks on every core (the chunks' results
    // are joined in order, so the findings are the same).
    const CHUNK: usize = 8192;
    let judged = if entries.len() > CHUNK {
        let parts: Vec<(Vec<Finding>, Vec<usize>)> = (0..entries.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|chunk| {
                let range = chunk * CHUNK..entries.len().min((chunk + 1) * CHUNK);
                let mut findings = Vec::new();
                let judged = judge_entries(ctx, kind, range, &entry_at, &mut findings);
                (findings, judged)
            })
            .collect();
        let mut judged = Vec::with_capacity(entries.len());
        for (findings, part) in parts {
            out.extend(findings);
            judged.extend(part);
        }
        judged
    } else {
        judge_entries(ctx, kind, 0..entries.len(), &entry_at, out)
    };
    if ctx.enabled(&duplicate_entry::DUPLICATE_ENTRY) {
        out.extend(duplicate_entry::check(&judged, entry_at));
    }
}

/// Runs the entry rules over a range of a list's entries; returns the indices of the entries
/// the duplicate check should compare (indices, not entries: a list may hold 100,000).
fn judge_entries<'a>(
    ctx: &PresetContext<'a>,
    kind: ListKind,
    range: std::ops::Range<usize>,
    entry_at: &impl Fn(usize) -> Entry<'a>,
    out: &mut Vec<Finding>,
) -> Vec<usize> {
    let switches = |rules: &'static [EntryRule]| Switches::new(ctx, rules.iter().map(|r| r.rule));
    let common = switches(COMMON_ENTRY_RULES);
    let own = match kind {
        ListKind::Elements => Switches::new(ctx, ELEMENT_RULES.iter().map(|r| r.rule)),
        ListKind::Extensions => switches(EXTENSION_RULES),
        ListKind::Destinations => switches(DESTINATION_RULES),
    };
    let any_element_rule = own.enabled.iter().any(|&on| on);
    let mut judged: Vec<usize> = Vec::with_capacity(range.len());
    for index in range {
        let entry = entry_at(index);
        let mut ending = judge_common(&common, ctx, &entry, out);
        if ending == Judged::Open {
            ending = match kind {
                // The shape is worked out only when an element rule will look at it.
                ListKind::Elements if any_element_rule => {
                    judge_element(&own, ctx, &entry, &elements::shape(entry.value), out)
                }
                ListKind::Elements => Judged::Open,
                ListKind::Extensions => judge_extension(&own, ctx, &entry, out),
                ListKind::Destinations => judge_destination(&own, ctx, &entry, out),
            };
        }
        if ending != (Judged::Ended { error: true }) {
            judged.push(index);
        }
    }
    judged
}

/// Every finding of a sidecar's content, by the sidecar rules on in `settings`.
pub fn judge_sidecar(ctx: &SidecarContext<'_>, settings: &Settings, out: &mut Vec<Finding>) {
    for rule in SIDECAR_RULES {
        if settings.severity(rule.rule).is_some() {
            (rule.check)(ctx, out);
        }
    }
}

/// Every finding of a folder's pairing, by the folder rules on in `settings`.
pub fn judge_folder(folder: &FolderContext<'_>, settings: &Settings) -> FolderFindings {
    let mut out = FolderFindings {
        of_sidecar: vec![Vec::new(); folder.sidecars.len()],
        of_clip: vec![Vec::new(); folder.clips.len()],
    };
    for rule in FOLDER_RULES {
        if settings.severity(rule.rule).is_some() {
            (rule.check)(folder, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::ffi::{OsStr, OsString};

    use super::*;

    /// A folder of two clips: `A001.R3D` with two sidecars (its own and `A001.json`, which
    /// `A001.MOV` claims too), `B002.R3D` with none, and a sidecar whose clip is gone.
    fn judged(settings: &Settings) -> Vec<(String, &'static str, String)> {
        let clips: Vec<OsString> = ["A001.MOV", "A001.R3D", "B002.R3D"]
            .map(OsString::from)
            .to_vec();
        let sidecars: Vec<OsString> = ["A001.R3D.json", "A001.json", "C003.R3D.json"]
            .map(OsString::from)
            .to_vec();
        struct Preset;
        impl PresetScope for Preset {
            fn why(&self, clip: &str) -> String {
                format!("{clip} is a clip")
            }
            fn sidecar_name(&self, clip: &OsStr) -> String {
                format!("{}.json", clip.to_string_lossy())
            }
        }
        let folder = FolderContext {
            clips: &clips,
            sidecars: &sidecars,
            claimants: &[vec![1], vec![0, 1], vec![]],
            sidecars_of: &[vec![1], vec![0, 1], vec![]],
            gives: &[true, true, true],
            lacks: &[false, false, true],
            waiting_storage: None,
            preset: Some(&Preset),
            history: None,
        };
        let found = judge_folder(&folder, settings);
        let named = |names: &[OsString], i: usize| names[i].to_string_lossy().into_owned();
        let mut out = Vec::new();
        for (s, findings) in found.of_sidecar.iter().enumerate() {
            out.extend(
                findings
                    .iter()
                    .map(|f| (named(&sidecars, s), f.rule.code, f.message.clone())),
            );
        }
        for (c, findings) in found.of_clip.iter().enumerate() {
            out.extend(
                findings
                    .iter()
                    .map(|f| (named(&clips, c), f.rule.code, f.message.clone())),
            );
        }
        out
    }

    #[test]
    fn a_folder_s_pairing_gives_each_rule_its_findings() {
        let found = judged(&Settings::default());
        let codes: Vec<(&str, &str)> = found
            .iter()
            .map(|(at, code, _)| (at.as_str(), *code))
            .collect();
        assert_eq!(
            codes,
            [
                ("A001.R3D.json", "PL803"),
                ("A001.json", "PL803"),
                ("C003.R3D.json", "PL804"),
                ("B002.R3D", "PL805"),
            ]
        );
        assert_eq!(
            found[1].2,
            "\"A001.json\" is the sidecar of 2 clips: \"A001.MOV\", \"A001.R3D\"; iconik gives it to one of them, and which one is not documented"
        );
        assert_eq!(
            found[2].2,
            "no clip for the sidecar \"C003.R3D.json\": its folder has neither \"C003.R3D\" nor any \"C003.R3D.*\""
        );
        assert_eq!(
            found[3].2,
            "the clip \"B002.R3D\" has no sidecar, and the preset gives it one: B002.R3D is a clip"
        );
    }

    #[test]
    fn a_rule_switched_off_is_not_run() {
        let mut settings = Settings::default();
        for rule in FOLDER_RULES {
            settings.levels.insert(rule.rule.code, None);
        }
        assert_eq!(judged(&settings), []);
        settings.levels.remove("PL804");
        let codes: Vec<&str> = judged(&settings).iter().map(|(_, c, _)| *c).collect();
        assert_eq!(codes, ["PL804"]);
    }
}
