//! `presetlint rule [CODE|NAME]`.

use std::process::ExitCode;

use miette::miette;

use crate::base::diagnostic::Safety;
use crate::lint::registry::{self, Rule};

pub(super) fn run(which: Option<&str>) -> miette::Result<ExitCode> {
    match which {
        None => print!("{}", table()),
        Some(which) => {
            let rule = registry::find(which).ok_or_else(|| {
                miette!(
                    help = "`presetlint rule` lists every rule",
                    "no rule has the code or name {which:?}"
                )
            })?;
            print!("{}", explain(rule));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every rule, one a line: code, name, severity and summary in columns as wide as the
/// longest of each.
pub(super) fn table() -> String {
    let name_width = registry::ALL
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for rule in registry::ALL {
        out.push_str(&format!(
            "{}  {:<name_width$}  {:<8} {}\n",
            rule.code,
            rule.name,
            rule.severity.to_string(),
            rule.summary
        ));
    }
    out
}

/// A rule's page: heading, defaults, summary, documentation.
pub(super) fn explain(rule: &Rule) -> String {
    let fix = match rule.fix {
        None => "none",
        Some(Safety::Safe) => "safe",
        Some(Safety::Unsafe) => "unsafe",
    };
    format!(
        "# {} {}\n\nDefault severity: {}. Fix: {fix}.\n\n{}.\n\n{}",
        rule.code,
        rule.name,
        rule.severity,
        rule.summary,
        rule.documentation()
    )
}
