//! Values per clip in a run (`--clip-values FILE`): the log's own findings, placed in the log
//! (PL703 malformed, PL706 unused columns, and in each row's cells PL701 and PL702), and the
//! sidecar of each clip built from the run's values with its row's laid over them. A clip no
//! row names gets the run's sidecar; the rules of a row are judged once, before any clip.

use std::borrow::Cow;
use std::path::Path;

use crate::base::diagnostic::{Diagnostic, Finding};
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::rules::{
    clip_log_column_unused, clip_log_malformed, clip_log_row_unmatched, clip_log_several_rows,
    invalid_value, missing_value,
};
use crate::lint::settings::Settings;
use crate::model::values::ClipValues;
use crate::model::values::Row;
use crate::model::values::Values;
use crate::output::sidecar::build::{Built, build};
use crate::output::sidecar::format::{Field, FieldProblem, SidecarFormat};
use crate::output::sidecar::plan::Plan;

/// Which rows a run judges before it starts.
#[derive(Debug, Clone, Copy)]
pub enum RowsJudged<'a> {
    /// Every row (`generate`, `audit`).
    Every,
    /// The rows of one clip, by file name (`preview`).
    OfClip(&'a str),
}

/// A clip log in a run, with what is known of it before any clip.
#[derive(Debug)]
pub struct ClipLog {
    pub values: ClipValues,
    /// Its findings so far, placed in it.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether one of them is an error: a malformed log, a value that does not fit the view
    /// (`generate` then refuses).
    pub has_errors: bool,
    /// Values of the rows judged that the sidecar format cannot carry (a control character
    /// in an XML sidecar), each said once, at its first cell: left out of that clip's sidecar.
    pub format_problems: Vec<FieldProblem>,
    /// The rules judged once clips are met, and whether the run has them on.
    judges: LaterRules,
}

/// Whether PL704 and PL705, judged as clips are met, are on in the run.
#[derive(Debug, Clone, Copy)]
struct LaterRules {
    unmatched: bool,
    several: bool,
}

impl ClipLog {
    /// The log's findings before any clip: its layout (PL703), its columns (PL706), and the
    /// cells of the rows `judged` (PL701, PL702); for one clip, the rows that name it too
    /// (PL705).
    pub fn judge(
        engine: &Engine,
        values: ClipValues,
        plan: &Plan,
        run: &Values,
        settings: &Settings,
        (judged, format): (RowsJudged<'_>, SidecarFormat),
    ) -> ClipLog {
        let mut findings = Vec::new();
        let mut format_problems = FormatProblems::default();
        if settings
            .severity(&clip_log_malformed::CLIP_LOG_MALFORMED)
            .is_some()
        {
            findings.extend(clip_log_malformed::check(&values));
        }
        if settings
            .severity(&clip_log_column_unused::CLIP_LOG_COLUMN_UNUSED)
            .is_some()
        {
            findings.extend(clip_log_column_unused::check(&values));
        }
        match judged {
            RowsJudged::Every => {
                for (_, row) in values.rows() {
                    row_findings(&values, &row, plan, run, settings, &mut findings);
                    format_problems.judge(&values, &row, format);
                }
            }
            RowsJudged::OfClip(clip) => {
                let rows = values.rows_of(clip);
                if let Some(&first) = rows.first() {
                    let row = values.row(first);
                    row_findings(&values, &row, plan, run, settings, &mut findings);
                    format_problems.judge(&values, &row, format);
                }
                if settings
                    .severity(&clip_log_several_rows::CLIP_LOG_SEVERAL_ROWS)
                    .is_some()
                {
                    findings.extend(clip_log_several_rows::check(&values, clip, &rows));
                }
            }
        }
        let diagnostics = place(engine, &values, findings);
        let has_errors = diagnostics
            .iter()
            .any(|d| d.severity == crate::base::diagnostic::Severity::Error);
        ClipLog {
            values,
            diagnostics,
            has_errors,
            format_problems: format_problems.found,
            judges: LaterRules {
                unmatched: settings
                    .severity(&clip_log_row_unmatched::CLIP_LOG_ROW_UNMATCHED)
                    .is_some(),
                several: settings
                    .severity(&clip_log_several_rows::CLIP_LOG_SEVERAL_ROWS)
                    .is_some(),
            },
        }
    }

    /// The log as a file of a report, with these diagnostics.
    pub fn file(&self, diagnostics: Vec<Diagnostic>) -> CheckedFile {
        CheckedFile {
            path: self.values.path.clone(),
            source: self.values.source.clone(),
            diagnostics,
            presets: 0,
            elements: Box::default(),
        }
    }

    /// What is known after every clip was met: the rows no clip named (PL704), placed.
    pub fn unmatched(&self, engine: &Engine) -> Vec<Diagnostic> {
        if !self.judges.unmatched {
            return Vec::new();
        }
        let findings = clip_log_row_unmatched::check(&self.values);
        place(engine, &self.values, findings)
    }

    /// The rows after the first that name `clip` (PL705), placed.
    pub fn several(&self, engine: &Engine, clip: &str, rows: &[usize]) -> Vec<Diagnostic> {
        if !self.judges.several {
            return Vec::new();
        }
        place(
            engine,
            &self.values,
            clip_log_several_rows::check(&self.values, clip, rows),
        )
    }
}

/// The values a format cannot carry, each kind said once.
#[derive(Default)]
struct FormatProblems {
    found: Vec<FieldProblem>,
    said: std::collections::HashSet<String>,
}

impl FormatProblems {
    fn judge(&mut self, values: &ClipValues, row: &Row, format: SidecarFormat) {
        for (element, _, text, place) in values.fed_cells(row) {
            if text.trim().is_empty() {
                continue;
            }
            let field = Field {
                name: element.to_owned(),
                values: vec![text.trim().to_owned()],
            };
            for problem in crate::output::sidecar::format::problems(format, &[field]) {
                if self.said.insert(problem.message.clone()) {
                    let line = values.line_at(place.start);
                    self.found.push(FieldProblem {
                        field: problem.field,
                        message: format!(
                            "{} (first in {}, line {line}); left out of the sidecars of those clips",
                            problem.message,
                            crate::base::shown::escape_controls(&values.path)
                        ),
                    });
                }
            }
        }
    }
}

fn place(engine: &Engine, values: &ClipValues, findings: Vec<Finding>) -> Vec<Diagnostic> {
    engine.place_in(
        &values.source.text,
        false,
        Some(Path::new(&values.path)),
        findings,
    )
}

/// PL701 for an empty cell the run gives no value either, PL702 for a value that does not fit
/// its field in the view.
fn row_findings(
    values: &ClipValues,
    row: &Row,
    plan: &Plan,
    run: &Values,
    settings: &Settings,
    out: &mut Vec<Finding>,
) {
    let view = settings.view.as_deref();
    let (clip, _) = values.match_cell(row);
    for (element, column, text, place) in values.fed_cells(row) {
        if !plan.elements.iter().any(|e| e.name == element) {
            continue;
        }
        if text.trim().is_empty() {
            out.extend(missing_value::check_cell(
                (place, text),
                element,
                column,
                clip.trim(),
                run.get(element),
                settings,
            ));
            continue;
        }
        let Some(field) = view.and_then(|v| v.field(element)) else {
            continue;
        };
        // Placed at its cell, in the log.
        let value = crate::model::values::ElementValue {
            text: text.trim().to_owned(),
            origin: crate::model::values::Origin::File {
                path: values.path.as_str().into(),
                line: 0,
                column: 0,
                span: place,
            },
        };
        for misfit in invalid_value::check(field, &[value], settings, "") {
            out.push(misfit.finding);
        }
    }
}

/// The sidecar a clip gets: the run's, or one made with its row's values.
#[derive(Debug)]
pub struct ClipSidecar<'a> {
    pub content: Cow<'a, str>,
    /// The fields written.
    pub fields: Cow<'a, [Field]>,
    /// The line of the row whose values it carries; `None`: no row names the clip.
    pub row_line: Option<usize>,
    /// The rows that name it, in log order (PL705 when more than one).
    pub rows: Vec<usize>,
}

/// Builds each clip's sidecar in a run with a clip log.
#[derive(Debug, Clone, Copy)]
pub struct PerClip<'a> {
    pub log: &'a ClipLog,
    pub plan: &'a Plan,
    pub run: &'a Values,
    pub settings: &'a Settings,
    /// The run's sidecar, for a clip no row names.
    pub shared: &'a Built,
}

impl<'a> PerClip<'a> {
    /// The sidecar of the clip named `file_name`, in `format`.
    pub fn sidecar(&self, file_name: &str, format: SidecarFormat) -> ClipSidecar<'a> {
        let rows = self.log.values.rows_of(file_name);
        let Some(&first) = rows.first() else {
            return ClipSidecar {
                content: Cow::Borrowed(self.shared.content.as_str()),
                fields: Cow::Borrowed(self.shared.fields.as_slice()),
                row_line: None,
                rows,
            };
        };
        let row = self.log.values.row(first);
        let row_line = self.log.values.line_at(row.start);
        let mut values = self.run.clone();
        values.overlay(self.log.values.values_of(&row));
        let built = build(self.plan, &values, self.settings, format);
        ClipSidecar {
            content: Cow::Owned(built.content),
            fields: Cow::Owned(built.fields),
            row_line: Some(row_line),
            rows,
        }
    }
}
