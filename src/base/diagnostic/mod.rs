//! The one diagnostic model. Rules produce [`Finding`]s addressed by JSON Pointer; [`crate::lint::locate`]
//! turns them into [`Diagnostic`]s with byte spans; every report format reads only `Diagnostic`.

use std::fmt;

use serde::Serialize;

mod rule;

pub use rule::{REPOSITORY, Rule};

/// A byte range in a [`crate::base::document::SourceText`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|sev| sev.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Whether a fix can be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Keeps the meaning the author evidently intended (`--fix` applies it).
    Safe,
    /// Changes what the preset means; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Which part of the node at a pointer a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The member's key (an unexpected or misspelt key).
    Key(String),
    /// The value (a wrong type, a bad entry).
    Value(String),
    /// A span known already (syntax errors, duplicate keys), with the pointer it belongs to.
    Span(Span, String),
}

impl Target {
    pub fn pointer(&self) -> &str {
        match self {
            Target::Key(p) | Target::Value(p) | Target::Span(_, p) => p,
        }
    }
}

/// One change a fix makes, addressed by pointer; [`crate::lint::locate`] turns it into a text edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixAction {
    /// Replace the value at the pointer with raw JSON text (which may be several array items).
    ReplaceValue { pointer: String, json: String },
    /// Remove the array item at the pointer, with its separating comma.
    RemoveItem { pointer: String },
    /// Rename the member at the pointer.
    RenameKey { pointer: String, name: String },
}

/// A fix before it is placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixPlan {
    pub safety: Safety,
    /// What the fix does, in a few words ("Remove the duplicate").
    pub title: String,
    pub actions: Vec<FixAction>,
}

/// What a rule reports, before it is placed in the text.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub message: String,
    pub target: Target,
    /// Secondary places, each with its own short message.
    pub related: Vec<(Target, String)>,
    pub help: Option<String>,
    pub fix: Option<FixPlan>,
    /// What identifies the finding beside its rule, file and pointer, when the message also
    /// says what other files hold (a count, another file's name): the baseline and the CI
    /// fingerprints key on this, so that adding or renaming another preset keeps them.
    pub identity: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static Rule, target: Target, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            message: message.into(),
            target,
            related: Vec::new(),
            help: None,
            fix: None,
            identity: None,
        }
    }

    /// Keyed by `identity` rather than the message (see [`Finding::identity`]).
    pub fn identified_by(mut self, identity: impl Into<String>) -> Finding {
        self.identity = Some(identity.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, target: Target, message: impl Into<String>) -> Finding {
        self.related.push((target, message.into()));
        self
    }

    pub fn with_fix(
        mut self,
        safety: Safety,
        title: impl Into<String>,
        actions: Vec<FixAction>,
    ) -> Finding {
        self.fix = Some(FixPlan {
            safety,
            title: title.into(),
            actions,
        });
        self
    }
}

/// A text edit: replace `span` with `content`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

/// A fix placed in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub safety: Safety,
    pub title: String,
    /// Sorted, not overlapping.
    pub edits: Vec<Edit>,
}

/// A secondary place of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A finding placed in its file: what every report format prints.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// The rule's severity after configuration.
    pub severity: Severity,
    pub message: String,
    /// Where in the document, as a JSON Pointer ("" for the whole document).
    pub pointer: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// See [`Finding::identity`].
    pub identity: Option<String>,
}

impl Diagnostic {
    /// What identifies the finding beside its rule, file and pointer: its message, unless the
    /// rule says otherwise (findings across presets, whose messages count other files).
    pub fn identity(&self) -> &str {
        self.identity.as_deref().unwrap_or(&self.message)
    }
}

/// The one concise line: `PLACE: severity[CODE rule-name] message`, where PLACE is
/// `path:line:column`, or the origin of a value given outside the preset (`--set a=b`,
/// `values.json:3:14`). What a person reads carries no raw control character, and the message
/// stays on its line.
pub fn concise_line(place: &str, severity: Severity, rule: &Rule, message: &str) -> String {
    let message = if message.contains(['\n', '\r']) {
        message.replace(['\n', '\r'], " ").into()
    } else {
        std::borrow::Cow::Borrowed(message)
    };
    format!(
        "{}: {severity}[{} {}] {}",
        crate::base::shown::escape_controls(place),
        rule.code,
        rule.name,
        crate::base::shown::escape_controls(&message)
    )
}
