//! presetlint in the browser: one request in (JSON), one answer out (JSON), answered by the
//! crate's own engine, rules, fixes and writers, built without the `native` feature. The page
//! (playground/web/) gives the files it holds; nothing here reads a disk, a clock, a thread or
//! the network: the date comes with the request, the files live in the one reader's memory
//! ([`presetlint::base::input::memory`]).
//!
//! Each answer is what the command line would print for the same files, run in their folder:
//! - `check`: `presetlint check --format json [--config C] [--view V] PRESET`, as text;
//! - `fix`: the text `check --fix` (or `--unsafe-fixes`) leaves, or one finding's fix applied;
//! - `preview`: `presetlint preview --format json|human PRESET --clip CLIP --values VALUES
//!   --date DATE`, and the form's fields (the preset's elements, typed by the view);
//! - `rules`: every rule's code, name, documentation and link.
//!
//! [`answer`] is the whole interface; `wasm.rs` carries it across the wasm32 boundary, and the
//! tests call it natively.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use presetlint::base::diagnostic::Safety;
use presetlint::base::document::SourceText;
use presetlint::base::input::{self, memory};
use presetlint::lint::engine::{ConfigSource, Engine};
use presetlint::model::preset;
use presetlint::output::report::Summary;
use presetlint::output::sidecar::Naming;
use presetlint::output::sidecar::SidecarFormat;
use presetlint::output::sidecar::{Stop, ValueSources, prepare, refusal};

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The folder the page's files are in: the run's current folder.
pub const FOLDER: &str = "/playground";

/// What the page asks.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub op: Op,
    /// The page's files by name (relative to [`FOLDER`]): the preset, and any config, view
    /// and values file.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Which file is the preset.
    #[serde(default)]
    pub preset: String,
    /// The config file, as `--config` names it.
    pub config: Option<String>,
    /// The view file, as `--view` names it.
    pub view: Option<String>,
    /// `fix`: the unsafe fixes too (`--unsafe-fixes`).
    #[serde(default)]
    pub unsafe_fixes: bool,
    /// `fix`: only this finding's fix (its index in the `check` report).
    pub only: Option<usize>,
    /// `preview`: the clip, as it would lie on a destination.
    pub clip: Option<String>,
    /// `preview`: the values file (`--values`).
    pub values: Option<String>,
    /// `preview`: `--date`, from the page's clock.
    pub date: Option<String>,
    /// `preview`: json (the default), xml or csv.
    pub format: Option<SidecarFormat>,
    /// `preview`: append (the default) or replace.
    pub naming: Option<Naming>,
    /// `preview`: which preset of a file of several, as `--preset N` numbers them.
    pub choice: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Check,
    Fix,
    Preview,
    Rules,
}

/// The answer to a request the engine could not start on (a config that does not load, a
/// request the page got wrong): the message as the command line prints it, without colour.
#[derive(Debug, Serialize)]
struct Failure {
    error: String,
}

/// Answers one request with a JSON document.
pub fn answer(request: &str) -> String {
    let answered = serde_json::from_str::<Request>(request)
        .map_err(|e| format!("the page sent a request presetlint does not understand: {e}"))
        .and_then(run);
    match answered {
        Ok(value) => value.to_string(),
        Err(error) => serde_json::to_string(&Failure { error }).expect("a string serializes"),
    }
}

fn run(mut request: Request) -> Result<Value, String> {
    if request.op == Op::Rules {
        return Ok(rules());
    }
    memory::replace(
        Path::new(FOLDER),
        std::mem::take(&mut request.files)
            .into_iter()
            .map(|(name, text)| (PathBuf::from(name), text.into_bytes())),
    );
    // From here every file, the preset too, is read through the engine's one reader.
    let request = &request;
    let mut engine = engine(request).map_err(|e| render(&e))?;
    match request.op {
        Op::Check => Ok(check(&mut engine, request)),
        Op::Fix => fix(&mut engine, request),
        Op::Preview => preview(&engine, request),
        Op::Rules => unreachable!("answered above"),
    }
}

/// The engine of `--config CONFIG --view VIEW`, in the page's folder.
fn engine(request: &Request) -> miette::Result<Engine> {
    let source = match &request.config {
        Some(config) => ConfigSource::File(Path::new(config)),
        None => ConfigSource::Defaults,
    };
    let mut engine = Engine::load(source, Path::new(FOLDER), input::DEFAULT_MAX_FILE_SIZE)?;
    if let Some(view) = &request.view {
        engine.use_view_file(Path::new(view))?;
    }
    Ok(engine)
}

/// A report as the terminal shows it, without colour or the terminal's width.
fn render(report: &miette::Report) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = report.to_string();
    }
    out
}

/// The preset checked as `check PRESET` checks it ([`Engine::check_one_file`]); one the page
/// did not give is PL005, as a file `check` cannot read.
fn checked(
    engine: &mut Engine,
    request: &Request,
) -> Vec<presetlint::lint::checked_file::CheckedFile> {
    let path = Path::new(&request.preset);
    match engine.read(path) {
        Ok(bytes) => engine.check_one_file(&request.preset, bytes),
        Err(e) => engine
            .unreadable(request.preset.clone(), Some(path), &e.to_string())
            .into_iter()
            .collect(),
    }
}

fn check(engine: &mut Engine, request: &Request) -> Value {
    let files = checked(engine, request);
    let mut report = Vec::new();
    presetlint::output::report::write_json(&files, &Summary::of(&files), &mut report)
        .expect("writing to memory does not fail");
    json!({ "report": String::from_utf8(report).expect("the report is UTF-8") })
}

fn fix(engine: &mut Engine, request: &Request) -> Result<Value, String> {
    // The preset's file comes first in the report.
    let Some(file) = checked(engine, request).into_iter().next() else {
        return Err(format!("there is no preset {} to fix", request.preset));
    };
    let path = Path::new(&request.preset);
    let has_bom = file.source.has_bom;
    let text = match request.only {
        Some(index) => {
            let diagnostic = file
                .diagnostics
                .get(index)
                .filter(|d| d.fix.is_some())
                .ok_or_else(|| format!("finding {index} has no fix"))?;
            // The person chose this one fix, safe or not: it is applied alone.
            presetlint::lint::fix::apply_round(
                &file.source.text,
                std::slice::from_ref(diagnostic),
                Safety::Unsafe,
            )
            .map_or_else(|| file.source.text.clone(), |(text, _)| text)
        }
        None => {
            let allowed = if request.unsafe_fixes {
                Safety::Unsafe
            } else {
                Safety::Safe
            };
            engine.fix(file, Some(path), allowed).after.source.text
        }
    };
    // As `--fix` writes it: a byte order mark the file had is kept.
    let fixed = SourceText { text, has_bom }.to_bytes();
    Ok(json!({ "text": String::from_utf8(fixed).expect("the text was UTF-8") }))
}

fn preview(engine: &Engine, request: &Request) -> Result<Value, String> {
    let format = request.format.unwrap_or(SidecarFormat::Json);
    let naming = request.naming.unwrap_or(Naming::Append);
    let Some(date) = request.date.as_deref() else {
        return Err("the page gives the date: the playground has no clock of its own".into());
    };
    let clip = PathBuf::from(
        request
            .clip
            .as_deref()
            .unwrap_or("/Volumes/RAID/A001C003.mov"),
    );
    let clip_name = clip
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sources = ValueSources {
        values: request.values.as_deref().map(Path::new),
        date: Some(date),
        rows_judged: Some(&clip_name),
        ..ValueSources::default()
    };
    // A file of several presets (a .hedge export) shows the first unless the page chose one.
    let presets = engine
        .read(Path::new(&request.preset))
        .map_or_else(|_| Vec::new(), presets_of);
    let choice = match (request.choice, presets.as_slice()) {
        (Some(number), _) => Some(number),
        (None, [first, _, ..]) => Some(first.number),
        (None, _) => None,
    };
    let prepared = match prepare(engine, Path::new(&request.preset), choice, &sources, format) {
        Ok(prepared) => prepared,
        Err(Stop::Usage(report)) => return Err(render(&report)),
        Err(Stop::InvalidPreset(file)) => {
            let mut text = Vec::new();
            presetlint::output::report::write_diagnostics(&file, &mut text)
                .expect("writing to memory does not fail");
            return Err(String::from_utf8_lossy(&text).into_owned());
        }
    };
    let found =
        presetlint::output::sidecar::preview(&clip, None, None, &prepared.plan, naming, format);
    let refused = refusal(&prepared);
    let sidecar = presetlint::output::report::ClipSidecar {
        content: &prepared.built.content,
        fields: &prepared.built.fields,
        row_line: None,
    };
    let shown = presetlint::output::report::Shown {
        prepared: &prepared,
        found: &found,
        sidecar: &sidecar,
        format,
        naming,
        refused: refused.as_deref(),
    };
    let (mut human, mut report) = (Vec::new(), Vec::new());
    presetlint::output::report::write_preview(&shown, &mut human)
        .and_then(|()| presetlint::output::report::write_preview_json(&shown, &mut report))
        .expect("writing to memory does not fail");
    Ok(json!({
        "human": String::from_utf8_lossy(&human),
        "report": String::from_utf8_lossy(&report),
        "form": form(&prepared),
        "presets": presets,
        "choice": choice,
    }))
}

/// One preset of a file, as the page offers it.
#[derive(Debug, Serialize)]
struct PresetChoice {
    /// What `--preset N` takes.
    number: usize,
    /// Its `name`, else "preset N".
    label: String,
}

/// The presets of a file: what the page lets the person choose from. (The text is parsed
/// here as well as by the engine: which one to prepare must be known before preparing.)
fn presets_of(bytes: Vec<u8>) -> Vec<PresetChoice> {
    let Ok(source) = SourceText::decode(bytes) else {
        return Vec::new();
    };
    let Ok(parsed) = presetlint::base::document::parse_value(&source.text) else {
        return Vec::new();
    };
    let (presets, _) = preset::presets(&parsed.value);
    presets
        .iter()
        .map(|(pointer, value)| {
            let number = preset::number(pointer);
            let label = match value.get("name").and_then(Value::as_str) {
                Some(name) => format!("{number}: {name}"),
                None => format!("preset {number}"),
            };
            PresetChoice { number, label }
        })
        .collect()
}

/// The form of OffShoot's review panel: one field per element the preset writes, typed by
/// the view where it has the field; the elements presetlint fills itself are shown, not typed.
fn form(prepared: &presetlint::output::sidecar::Prepared) -> Value {
    let view = prepared.settings.view.as_deref();
    let fields: Vec<Value> = prepared
        .plan
        .elements
        .iter()
        .map(|element| {
            let builtin = prepared
                .settings
                .builtin_elements
                .iter()
                .any(|b| b.eq_ignore_ascii_case(&element.name));
            let field = view.and_then(|v| v.field(&element.name));
            json!({
                "name": element.name,
                "pointer": element.pointer,
                "builtin": builtin,
                "value": prepared.built.fields.iter().find(|f| f.name == element.name).map(|f| &f.values),
                "field": field.map(|f| json!({
                    "label": f.label,
                    "type": f.field_type.name(),
                    "multi": f.multi,
                    "required": f.required,
                    "read_only": f.read_only,
                    "options": f.options.iter().map(|o| json!({"label": o.label, "value": o.value})).collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    json!({ "fields": fields, "view": view.map(|v| &v.name) })
}

fn rules() -> Value {
    Value::Array(
        presetlint::lint::registry::ALL
            .iter()
            .map(|rule| {
                json!({
                    "code": rule.code,
                    "name": rule.name,
                    "url": rule.url(),
                    "documentation": rule.documentation(),
                })
            })
            .collect(),
    )
}
