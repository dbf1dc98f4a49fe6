//! `audit`: the sidecars already on a destination, judged before iconik's gateway scans them.
//!
//! The walk is generate's ([`ClipWalk`](crate::output::sidecar::clips::ClipWalk): folder handles, symbolic links never followed, the
//! same rules for what is a clip), with every file kept that is not a sidecar: a clip of any
//! extension can own a sidecar. Each folder's sidecars are paired with its clips
//! ([`pairing`]), then read and judged in parallel batches ([`content`]); results come in walk
//! order, and only sidecars and clips with findings are kept, so memory stays flat however
//! large the tree.

mod content;
mod pairing;
mod run;
mod walk;

use std::ffi::OsStr;
use std::path::PathBuf;

use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::Engine;
use crate::lint::rules::PresetScope;
use crate::model::sidecar_reader::SidecarFormat;
use crate::output::sidecar::clip_name::{ClipDecision, classify};
use crate::output::sidecar::matching::Filter;
use crate::output::sidecar::naming::{Naming, sidecar_name};
use crate::output::sidecar::per_clip::PerClip;

pub use run::{Audited, Request, run};
pub use walk::audit_in;

/// What a preset says of one destination: which of its clips get sidecars (PL805, PL806).
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    pub extensions: &'a Filter,
    /// Why no clip of the destination gets a sidecar (the destination is not the preset's,
    /// the preset lists no elements); `None` when the extensions decide.
    pub none_because: Option<String>,
    /// What generate would name a sidecar, for the help of PL805.
    pub naming: Naming,
    pub format: SidecarFormat,
}

impl Scope<'_> {
    /// Whether the preset gives this clip a sidecar.
    fn gives(&self, clip: &str) -> bool {
        self.none_because.is_none()
            && matches!(classify(clip, self.extensions), ClipDecision::Clip(_))
    }
}

/// What the folder rules ask of the preset, only for a finding (a tree may hold 100,000 clips).
impl PresetScope for Scope<'_> {
    fn why(&self, clip: &str) -> String {
        match &self.none_because {
            Some(reason) => reason.clone(),
            None => classify(clip, self.extensions).reason(),
        }
    }

    fn sidecar_name(&self, clip: &OsStr) -> String {
        sidecar_name(clip, self.naming, self.format)
            .to_string_lossy()
            .into_owned()
    }
}

/// The fields generate would write, in each format (the XML and CSV forms may carry fewer).
#[derive(Debug, Clone, Default)]
pub struct Expected {
    pub json: Vec<(String, Vec<String>)>,
    pub xml: Vec<(String, Vec<String>)>,
    pub csv: Vec<(String, Vec<String>)>,
    /// Fields not judged: dated by the clock, as no --date was given.
    pub unjudged: Vec<String>,
}

impl Expected {
    /// What one clip's sidecar must hold, in one format (the others are not asked for).
    pub fn of_one_format(
        format: SidecarFormat,
        fields: Vec<(String, Vec<String>)>,
        unjudged: Vec<String>,
    ) -> Expected {
        let mut out = Expected {
            unjudged,
            ..Expected::default()
        };
        match format {
            SidecarFormat::Json => out.json = fields,
            SidecarFormat::Xml => out.xml = fields,
            SidecarFormat::Csv => out.csv = fields,
        }
        out
    }

    pub fn fields(&self, format: SidecarFormat) -> &[(String, Vec<String>)] {
        match format {
            SidecarFormat::Json => &self.json,
            SidecarFormat::Xml => &self.xml,
            SidecarFormat::Csv => &self.csv,
        }
    }
}

/// One audit's settings: the engine (rules, view, ignores, size limit) and, with a preset,
/// its scope and, with values, the expected fields.
pub struct Audit<'a> {
    pub engine: &'a Engine,
    pub scope: Option<Scope<'a>>,
    pub expected: Option<&'a Expected>,
    /// With a clip log: each clip's own expected fields (PL811), from its row.
    pub per_clip: Option<PerClip<'a>>,
    /// `--verify-mhl`: a recorded sidecar is hashed and compared with its record (PL812).
    pub verify_mhl: bool,
}

/// What an audit meets, in walk order.
#[derive(Debug)]
pub enum Event {
    /// A sidecar read, with its findings if it has any.
    Sidecar(Option<CheckedFile>),
    /// A folder's clips: how many, how many have no sidecar (with a preset: of those the
    /// preset gives one), and how many sidecars it holds.
    Clips {
        folder: PathBuf,
        seen: usize,
        without_sidecar: usize,
        sidecars: usize,
    },
    /// A clip with findings (PL805).
    Clip(CheckedFile),
    /// A folder or a sidecar that could not be read.
    Problem { path: PathBuf, message: String },
    /// A clip that several rows of the clip log name (PL705), and those rows.
    SeveralRows { clip: String, rows: Vec<usize> },
}
