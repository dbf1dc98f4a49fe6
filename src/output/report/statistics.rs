//! `check --statistics`: how many findings each rule made, and how many `--fix` can fix, as
//! ruff and spectral give them: most frequent first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::base::diagnostic::Safety;
use crate::lint::checked_file::CheckedFile;

/// One rule's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Findings with a safe fix (`--fix` applies them).
    pub fixable: usize,
}

/// The counts of a run, a file at a time.
#[derive(Debug, Default)]
pub struct Counter {
    by_code: BTreeMap<&'static str, RuleCount>,
}

impl Counter {
    pub fn add(&mut self, file: &CheckedFile) {
        for d in &file.diagnostics {
            let entry = self.by_code.entry(d.rule.code).or_insert(RuleCount {
                code: d.rule.code,
                name: d.rule.name,
                count: 0,
                fixable: 0,
            });
            entry.count += 1;
            if d.fix.as_ref().is_some_and(|f| f.safety == Safety::Safe) {
                entry.fixable += 1;
            }
        }
    }

    /// Most frequent first, then by code.
    pub fn counts(self) -> Vec<RuleCount> {
        let mut counts: Vec<RuleCount> = self.by_code.into_values().collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        counts
    }
}

/// A table: count, code, name, and `[*] N fixable` where some are.
pub fn write_table(counts: &[RuleCount], out: &mut dyn Write) -> io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_width = counts.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in counts {
        let fixable = if c.fixable > 0 {
            format!("  [*] {} fixable", c.fixable)
        } else {
            String::new()
        };
        let line = format!(
            "{:>width$}  {}  {:name_width$}{fixable}",
            c.count, c.code, c.name
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    let total: usize = counts.iter().map(|c| c.count).sum();
    let fixable: usize = counts.iter().map(|c| c.fixable).sum();
    writeln!(
        out,
        "{} in all; {fixable} fixable with --fix",
        crate::output::report::plural(total, "finding")
    )
}

/// The counts as a JSON array of `{code, name, count, fixable}`.
pub fn write_json(counts: &[RuleCount], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, counts)?;
    writeln!(out)
}
