//! What `preview` and `generate` do before they look at any clip: read and check the preset
//! through the engine, choose one preset of the file, gather the element values and build the
//! sidecar. The command line only parses the options and prints what comes back.

use std::path::{Path, PathBuf};

use miette::{Report, miette};

use crate::base::diagnostic::{Diagnostic, Severity};
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::settings::Settings;
use crate::model::values::Values;
use crate::model::values::parse_transfer_log;
use crate::model::values::{ClipValues, Matching};
use crate::model::values::{now_local, parse_date_arg};
use crate::output::sidecar::build::{Built, build};
use crate::output::sidecar::format::SidecarFormat;
use crate::output::sidecar::per_clip::{ClipLog, PerClip, RowsJudged};
use crate::output::sidecar::plan::{Plan, plan};
use crate::output::sidecar::preset_input::{LoadError, PresetInput};

/// Why a run stops before it starts (exit 2).
pub enum Stop {
    Usage(Report),
    /// The preset file is not JSON or holds no preset: print its diagnostics.
    InvalidPreset(CheckedFile),
}

impl From<Report> for Stop {
    fn from(report: Report) -> Stop {
        Stop::Usage(report)
    }
}

/// Everything a run knows before it looks at any clip.
pub struct Prepared {
    pub input: PresetInput,
    pub plan: Plan,
    pub built: Built,
    /// The preset's diagnostics that matter here (errors, PL6xx) and PL701, placed.
    pub diagnostics: Vec<Diagnostic>,
    /// Destinations named by the transfer log.
    pub log_destinations: Vec<PathBuf>,
    /// The element values, from every source given: what `audit` builds each format from.
    pub values: Values,
    /// The side files (values file, transfer log) with the findings about their values
    /// (PL702), placed at each value.
    pub side_files: Vec<CheckedFile>,
    /// The clip log of `--clip-values`, judged.
    pub clip_log: Option<ClipLog>,
    /// The settings the preset's config gives (its view included).
    pub settings: Settings,
}

impl Prepared {
    /// Each clip's sidecar, when a clip log gives values per clip.
    pub fn per_clip(&self) -> Option<PerClip<'_>> {
        self.clip_log.as_ref().map(|log| PerClip {
            log,
            plan: &self.plan,
            run: &self.values,
            settings: &self.settings,
            shared: &self.built,
        })
    }

    /// Whether the element's values come from this computer's clock (no `--date`, and no
    /// other source named it): today, which is not the footage's day for yesterday's cards.
    pub fn from_clock(&self, name: &str) -> bool {
        let values = self.values.get(name);
        !values.is_empty()
            && values.iter().all(|v| {
                matches!(
                    v.origin,
                    crate::model::values::Origin::BuiltIn {
                        from_clock: true,
                        ..
                    }
                )
            })
    }

    /// The fields the sidecar format cannot carry: the run's, and the clip log's values.
    pub fn format_problems(
        &self,
    ) -> impl Iterator<Item = &crate::output::sidecar::format::FieldProblem> {
        self.built
            .format_problems
            .iter()
            .chain(self.clip_log.iter().flat_map(|l| &l.format_problems))
    }

    /// The sidecar's fields dated by the clock, with their values: what a run says it used.
    pub fn clock_dated(&self) -> Vec<(&str, &str)> {
        self.built
            .fields
            .iter()
            .filter(|f| self.from_clock(&f.name))
            .map(|f| (f.name.as_str(), f.values.first().map_or("", String::as_str)))
            .collect()
    }
}

/// What a run says of the fields its clock dated, if any: `{Date}` 20261204 ...
pub fn clock_note(dated: &[(&str, &str)]) -> Option<String> {
    if dated.is_empty() {
        return None;
    }
    let listed: Vec<String> = dated
        .iter()
        .map(|(name, value)| format!("{{{name}}} is {value}"))
        .collect();
    Some(format!(
        "{}, from this computer's clock (today, local time): --date gives the day the footage was shot",
        listed.join(", ")
    ))
}

/// Where a run's element values come from, as the command line names them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueSources<'a> {
    /// `--set NAME=VALUE`, in order.
    pub set: &'a [String],
    /// `--values FILE`.
    pub values: Option<&'a Path>,
    /// `--transfer-log FILE`.
    pub transfer_log: Option<&'a Path>,
    /// `--date DATE`; `None`: now, local time.
    pub date: Option<&'a str>,
    /// `--clip-values FILE`: a clip log (ALE or CSV) with values per clip.
    pub clip_values: Option<&'a Path>,
    /// `--match-column` and `--map`.
    pub matching: Matching<'a>,
    /// Which of the clip log's rows are judged before the run (default: every row).
    pub rows_judged: Option<&'a str>,
}

impl ValueSources<'_> {
    /// Whether any value was given at all (`audit` then judges whether sidecars are stale).
    pub fn any(&self) -> bool {
        !self.set.is_empty()
            || self.values.is_some()
            || self.transfer_log.is_some()
            || self.date.is_some()
            || self.clip_values.is_some()
    }
}

/// Reads the preset and the values through the engine (its config, its reader), checks the
/// preset, chooses one preset of the file (`choice`, 0-based) and builds its sidecar.
pub fn prepare(
    engine: &Engine,
    preset: &Path,
    choice: Option<usize>,
    sources: &ValueSources<'_>,
    format: SidecarFormat,
) -> Result<Prepared, Stop> {
    // The preset's own config: the nearest presetlint.toml, as check and the editor find it.
    let config = engine.config_of(Some(preset))?;
    let settings = &config.settings;
    let date = match sources.date {
        Some(text) => parse_date_arg(text).map_err(|e| {
            miette!(
                help = "e.g. --date 2026-03-02 or --date 2026-03-02T09:14:07+01:00",
                "--date: {e}"
            )
        })?,
        None => now_local(),
    };
    let mut values = Values::builtins(&date, sources.date);
    let mut log_destinations = Vec::new();
    if let Some(path) = sources.transfer_log {
        let bytes = engine.read_side_input(path, "transfer log")?;
        let log = parse_transfer_log(&path.display().to_string(), bytes)?;
        values.overlay(log.values);
        log_destinations = log.destinations;
    }
    if let Some(path) = sources.values {
        let bytes = engine.read_side_input(path, "values file")?;
        values.overlay(Values::from_values_file(
            &path.display().to_string(),
            bytes,
        )?);
    }
    values.overlay(Values::from_set_args(sources.set)?);

    let input = PresetInput::load(engine, preset, choice).map_err(|e| match e {
        LoadError::Usage(report) => Stop::Usage(report),
        LoadError::Invalid(file) => Stop::InvalidPreset(file),
    })?;
    let all = input.diagnostics();
    let plan = plan(&input.preset(), &all);
    let mut built = build(&plan, &values, settings, format);
    let clip_log = match sources.clip_values {
        None => None,
        Some(path) => {
            let bytes = engine.read_side_input(path, "clip log")?;
            let listed: Vec<&str> = plan.elements.iter().map(|e| e.name.as_str()).collect();
            let log = ClipValues::load(
                &path.display().to_string(),
                bytes,
                sources.matching,
                &listed,
            )?;
            // An element the log gives values to is judged per row, in its cells.
            let fed: Vec<&str> = plan
                .elements
                .iter()
                .filter(|e| log.feeds(&e.name))
                .map(|e| e.pointer.as_str())
                .collect();
            built.missing.retain(|f| !fed.contains(&f.target.pointer()));
            let judged = match sources.rows_judged {
                Some(clip) => RowsJudged::OfClip(clip),
                None => RowsJudged::Every,
            };
            Some(ClipLog::judge(
                engine,
                log,
                &plan,
                &values,
                settings,
                (judged, format),
            ))
        }
    };
    let mut diagnostics: Vec<Diagnostic> = all
        .into_iter()
        .filter(|d| d.severity == Severity::Error || d.rule.code.starts_with("PL6"))
        .collect();
    diagnostics.extend(input.place(engine, built.missing.clone()));
    // A value from a side file is judged in that file; one typed or dated, at its element.
    let mut side_findings: Vec<(std::sync::Arc<str>, Vec<crate::base::diagnostic::Finding>)> =
        Vec::new();
    let mut at_elements = Vec::new();
    for misfit in &built.misfits {
        match &misfit.side_file {
            None => at_elements.push(misfit.finding.clone()),
            Some(path) => match side_findings.iter_mut().find(|(p, _)| p == path) {
                Some((_, found)) => found.push(misfit.finding.clone()),
                None => side_findings.push((path.clone(), vec![misfit.finding.clone()])),
            },
        }
    }
    diagnostics.extend(input.place(engine, at_elements));
    let side_files = side_findings
        .into_iter()
        .filter_map(|(path, findings)| {
            let file = values.file(&path)?;
            let diagnostics =
                engine.place_in(&file.source.text, false, Some(Path::new(&*path)), findings);
            (!diagnostics.is_empty()).then(|| CheckedFile {
                path: path.to_string(),
                source: (*file.source).clone(),
                diagnostics,
                presets: 0,
                elements: Box::default(),
            })
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.span.start, d.rule.code));
    Ok(Prepared {
        input,
        plan,
        built,
        diagnostics,
        log_destinations,
        values,
        side_files,
        clip_log,
        settings: settings.clone(),
    })
}

/// What keeps `generate` from writing without `--force`, if anything.
pub fn refusal(prepared: &Prepared) -> Option<String> {
    let mut reasons = Vec::new();
    if prepared.input.has_errors() {
        reasons.push("the preset has errors");
    }
    if prepared.built.rejected_values {
        reasons.push("some values do not fit the view");
    }
    if let Some(log) = prepared.clip_log.as_ref().filter(|l| l.has_errors) {
        if log.values.malformed.is_some() {
            reasons.push("the clip log is malformed");
        }
        if log
            .diagnostics
            .iter()
            .any(|d| d.rule.code == "PL702" && d.severity == Severity::Error)
        {
            reasons.push("some values of the clip log do not fit the view");
        }
    }
    if prepared.format_problems().next().is_some() {
        reasons.push("the sidecar format cannot carry some fields");
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}
