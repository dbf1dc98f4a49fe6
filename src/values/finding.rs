//! Findings about values (PL7xx), which live on the command line or in a values file, not in
//! the preset: each carries the value's origin (`--set camera=A Camera`, `values.json:3:14`,
//! `log.txt:5:10`, `--date ...`) instead of a span of the preset. PL701 is the exception: a
//! missing value has no origin, so it is an ordinary preset diagnostic at the element's entry.

use serde::Serialize;

use crate::diagnostic::Rule;
use crate::diagnostic::Severity;
use crate::values::Origin;

#[derive(Debug, Clone)]
pub struct ValueFinding {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// The field (element name without braces).
    pub field: String,
    pub origin: Option<Origin>,
    pub message: String,
    pub help: Option<String>,
}

impl ValueFinding {
    /// `ORIGIN: severity[CODE name] message`, then `  help: ...` when there is help: the
    /// concise report's shape, with the value's origin for a position.
    pub fn to_text(&self) -> String {
        let origin = self
            .origin
            .as_ref()
            .map_or_else(|| format!("field {:?}", self.field), Origin::to_string);
        let mut out =
            crate::diagnostic::concise_line(&origin, self.severity, self.rule, &self.message);
        out.push('\n');
        if let Some(help) = &self.help {
            out.push_str(&format!(
                "  help: {}\n",
                crate::shown::escape_controls(help)
            ));
        }
        out
    }

    pub fn to_json(&self) -> JsonValueFinding<'_> {
        JsonValueFinding {
            code: self.rule.code,
            rule: self.rule.name,
            severity: self.severity,
            field: &self.field,
            source: self.origin.as_ref().map(Origin::to_string),
            message: &self.message,
            help: self.help.as_deref(),
        }
    }
}

/// A value finding in the JSON outputs of `preview` and `generate`.
#[derive(Serialize)]
pub struct JsonValueFinding<'a> {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub field: &'a str,
    /// Where the value came from; `null` for none.
    pub source: Option<String>,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
}
