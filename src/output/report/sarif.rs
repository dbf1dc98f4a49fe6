//! SARIF 2.1.0, as GitHub code scanning accepts it: one run, the driver with every rule of the
//! registry, one result per diagnostic.
//!
//! What GitHub reads (and so what is always here): `tool.driver.name`, `rules[].id`,
//! `shortDescription`, `fullDescription`, `help`, `defaultConfiguration.level`; per result
//! `ruleId`, `message.text`, one `physicalLocation` with a relative `artifactLocation.uri` and a
//! `region`, and `partialFingerprints`, which GitHub uses to follow an alert across commits.
//! `security-severity` is never set: these are not security findings.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::base::diagnostic::{Diagnostic, Severity, Span};
use crate::lint::checked_file::CheckedFile;
use crate::lint::registry::{self, Rule};
use crate::output::report::fingerprint;
use crate::output::report::location::ReportPath;
use crate::output::report::stream::{PrettyList, Sink};
use crate::output::report::{Positioned, Summary};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Our columns count Unicode scalar values, which is what this kind means.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
struct PartialFingerprints {
    /// Bump the version in the key if the recipe in [`fingerprint`] ever changes.
    #[serde(rename = "presetlint/v1")]
    presetlint: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

/// 1-based; the end column is the one after the last character, as SARIF defines it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// SARIF's level for a severity (`info` is `note` there).
pub(crate) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The log as a sink: the tool and its rules first, then the results a file at a time.
pub(crate) struct Sarif {
    base: Option<PathBuf>,
    results: PrettyList,
    tail: String,
}

impl Sarif {
    pub(crate) fn start(base: Option<PathBuf>, out: &mut dyn Write) -> io::Result<Sarif> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool { driver: driver() },
                column_kind: "unicodeCodePoints",
                results: Vec::new(),
            }],
        };
        let (results, tail) =
            PrettyList::cut(&serde_json::to_string_pretty(&log)?, Some("results"));
        results.start(out)?;
        Ok(Sarif {
            base,
            results,
            tail,
        })
    }
}

impl Sink for Sarif {
    fn file(&mut self, file: &CheckedFile, out: &mut dyn Write) -> io::Result<()> {
        if file.diagnostics.is_empty() {
            return Ok(());
        }
        let path = ReportPath::new(&file.path, self.base.as_deref());
        let uri = path.uri();
        let positioned = Positioned::new(file);
        let prints = fingerprint::of_file(path.as_str(), &file.diagnostics);
        for (d, print) in file.diagnostics.iter().zip(prints) {
            self.results
                .item(&result(&positioned, &uri, d, print), out)?;
        }
        Ok(())
    }

    fn end(&mut self, _: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.results.finish(&self.tail, out)?;
        writeln!(out)
    }
}

fn driver() -> Driver {
    Driver {
        name: "presetlint",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: crate::base::diagnostic::REPOSITORY,
        rules: registry::ALL.iter().map(|rule| descriptor(rule)).collect(),
    }
}

fn descriptor(rule: &'static Rule) -> ReportingDescriptor {
    let documentation = rule.documentation();
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: rule.summary.to_owned(),
        },
        full_description: Text {
            text: what_it_does(&documentation).unwrap_or_else(|| format!("{}.", rule.summary)),
        },
        help: Help {
            text: documentation.clone(),
            markdown: documentation,
        },
        help_uri: rule.url(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

/// The "What it does" section of a rule's documentation, as one paragraph.
fn what_it_does(documentation: &str) -> Option<String> {
    let (_, rest) = documentation.split_once("## What it does\n")?;
    let section = rest.split("\n## ").next().unwrap_or(rest);
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn result<'a>(
    positioned: &Positioned,
    uri: &'a str,
    d: &Diagnostic,
    fingerprint: String,
) -> SarifResult<'a> {
    let related_locations = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, label)| Location {
            id: Some(i),
            physical_location: physical(positioned, uri, label.span),
            message: Some(Text {
                text: label.message.clone(),
            }),
        })
        .collect();
    SarifResult {
        rule_id: d.rule.code,
        rule_index: rule_index(d.rule),
        level: level(d.severity),
        message: Text {
            text: d.message.clone(),
        },
        locations: [Location {
            id: None,
            physical_location: physical(positioned, uri, d.span),
            message: None,
        }],
        partial_fingerprints: PartialFingerprints {
            presetlint: fingerprint,
        },
        related_locations,
    }
}

fn physical<'a>(positioned: &Positioned, uri: &'a str, span: Span) -> PhysicalLocation<'a> {
    let (start, end) = positioned.range(span);
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

/// The rule's place in `tool.driver.rules`, which lists [`registry::ALL`] in order.
fn rule_index(rule: &Rule) -> usize {
    registry::ALL
        .iter()
        .position(|r| r.code == rule.code)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_the_what_it_does_section() {
        let doc = "## What it does\nReports a thing\nover two lines.\n\n## Why is this bad?\nX\n";
        assert_eq!(
            what_it_does(doc).as_deref(),
            Some("Reports a thing over two lines.")
        );
        assert_eq!(what_it_does("no sections"), None);
    }

    #[test]
    fn every_rule_is_in_the_driver_at_its_index() {
        let driver = driver();
        assert_eq!(driver.rules.len(), registry::ALL.len());
        for (i, rule) in registry::ALL.iter().enumerate() {
            assert_eq!(driver.rules[i].id, rule.code);
            assert_eq!(rule_index(rule), i);
        }
    }
}
