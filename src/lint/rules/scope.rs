//! What each scope of rule is given to judge: a preset, one entry of a list, an element
//! entry with its token shape, a sidecar read from a destination, a folder of one; and the
//! kinds of rule, one per scope, that the lists in [`super`] are made of.

use std::ffi::{OsStr, OsString};
use std::path::Path;

use crate::base::diagnostic::{Finding, Rule, Target};
use crate::lint::settings::Settings;
use crate::model::elements::TokenShape;
use crate::model::preset::{ListKind, Preset};
use crate::model::sidecar_reader::ReadSidecar;
use crate::model::view::View;

/// One entry of an iconik list, as the entry rules see it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub list: ListKind,
    /// The preset's pointer; with `list` and `index`, where the entry is.
    pub preset: &'a str,
    pub index: usize,
    /// As written (decoded).
    pub raw: &'a str,
    /// Without outer whitespace: what every rule after PL104 judges.
    pub value: &'a str,
    /// The list has no other entry.
    pub is_only: bool,
}

impl Entry<'_> {
    /// The entry's pointer, made only for a finding: a list may hold 100,000 clean entries.
    pub fn pointer(&self) -> String {
        crate::base::document::push_index(
            &crate::base::document::push_token(self.preset, self.list.key()),
            self.index,
        )
    }

    pub fn target(&self) -> Target {
        Target::Value(self.pointer())
    }
}

/// What the preset-level rules need to know besides the preset itself.
pub struct PresetContext<'a> {
    pub preset: Preset<'a>,
    pub settings: &'a Settings,
    /// The string values of the pattern keys that are present, with their keys.
    pub patterns: Vec<(&'static str, &'a str)>,
    /// Element names used by the preset's patterns.
    pub pattern_names: std::collections::HashSet<&'a str>,
    /// Whether the preset has at least one non-empty pattern.
    pub has_pattern: bool,
    /// The pattern names folded for "did you mean", made once per preset when first asked.
    pub folded_pattern_names: std::sync::OnceLock<Vec<(crate::base::similarity::Folded, &'a str)>>,
}

impl PresetContext<'_> {
    /// Whether this run reports the rule at all: a rule switched off is not run.
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.settings.severity(rule).is_some()
    }
}

/// A rule judged once per preset.
pub struct PresetRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &mut Vec<Finding>),
}

/// A rule judged per entry of a list.
pub struct EntryRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &Entry<'_>) -> Option<Finding>,
    /// Whether a finding of this rule ends the entry's judging (the later rules would only
    /// describe the same problem again).
    pub ends: bool,
}

/// A rule judged per entry of `iconikSidecarElements`, given the entry's token shape. The
/// first that reports an entry ends its judging.
pub struct ElementRule {
    pub rule: &'static Rule,
    pub check: fn(&PresetContext<'_>, &Entry<'_>, &TokenShape<'_>) -> Option<Finding>,
}

/// One sidecar read from a destination, as the sidecar rules of `audit` see it.
pub struct SidecarContext<'a> {
    pub read: &'a ReadSidecar,
    /// The run's metadata view: the view rules (PL807 to PL810) judge only with one.
    pub view: Option<&'a View>,
    /// What generate would write into it (PL811 judges only with a preset and values).
    pub expected: Option<ExpectedContent<'a>>,
}

/// The fields generate would write into a sidecar, in its format.
pub struct ExpectedContent<'a> {
    /// Names and values, in order.
    pub fields: &'a [(String, Vec<String>)],
    /// Fields not compared at all: dated by the clock, as no --date was given.
    pub unjudged: &'a [String],
}

/// A rule judged once per sidecar.
pub struct SidecarRule {
    pub rule: &'static Rule,
    pub check: fn(&SidecarContext<'_>, &mut Vec<Finding>),
}

/// One folder of a destination, as the folder rules of `audit` see it: its clips and its
/// sidecar-named files, each in name order, paired in both of iconik's namings.
pub struct FolderContext<'a> {
    pub clips: &'a [OsString],
    pub sidecars: &'a [OsString],
    /// For each sidecar: the clips that claim it, in name order.
    pub claimants: &'a [Vec<usize>],
    /// For each clip: its sidecars, in name order.
    pub sidecars_of: &'a [Vec<usize>],
    /// For each clip: whether it should have a sidecar: transferred (on a sealed card, its
    /// history records it) and, with a preset, one the preset gives a sidecar.
    pub gives: &'a [bool],
    /// For each clip: whether it should have a sidecar and has none; a clip the storage
    /// gateway of the view skips needs none.
    pub lacks: &'a [bool],
    /// The storage whose gateway requires a sidecar before it ingests a clip, if the view says.
    pub waiting_storage: Option<&'a str>,
    /// With a preset: what it says of the destination (PL805, PL806 judge only with one).
    pub preset: Option<&'a dyn PresetScope>,
    /// With an ASC MHL history over the folder (PL812 judges only with one).
    pub history: Option<FolderHistory<'a>>,
}

impl FolderContext<'_> {
    /// The names of `names` at `which`, for a message.
    pub fn shown(names: &[OsString], which: &[usize]) -> Vec<String> {
        which
            .iter()
            .map(|&i| names[i].to_string_lossy().into_owned())
            .collect()
    }
}

/// What a preset says of a destination's clips, asked only for a finding.
pub trait PresetScope: Sync {
    /// Why the preset does or does not give `clip` a sidecar.
    fn why(&self, clip: &str) -> String;
    /// The name generate would give `clip`'s sidecar.
    fn sidecar_name(&self, clip: &OsStr) -> String;
}

/// The ASC MHL history governing a folder.
pub struct FolderHistory<'a> {
    /// The folder the history's `ascmhl` folder is in.
    pub root: &'a Path,
    /// For each sidecar: whether a generation of the history records it.
    pub records: &'a [bool],
}

impl FolderHistory<'_> {
    /// The history's folder, as findings name it.
    pub fn shown(&self) -> String {
        Self::shown_at(self.root)
    }

    /// The folder of the history whose files are under `root`, as findings name it.
    pub fn shown_at(root: &Path) -> String {
        root.join(crate::model::mhl::HISTORY_FOLDER)
            .display()
            .to_string()
    }
}

/// What the folder rules found: for each sidecar and for each clip, its findings.
pub struct FolderFindings {
    pub of_sidecar: Vec<Vec<Finding>>,
    pub of_clip: Vec<Vec<Finding>>,
}

/// A rule judged once per folder of a destination.
pub struct FolderRule {
    pub rule: &'static Rule,
    pub check: fn(&FolderContext<'_>, &mut FolderFindings),
}
