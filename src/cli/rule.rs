//! `presetlint rule [CODE|NAME]`.

use std::process::ExitCode;

use miette::miette;

use crate::diagnostic::Safety;
use crate::registry::{self, Rule};

pub fn run(which: Option<&str>) -> miette::Result<ExitCode> {
    match which {
        None => {
            for rule in registry::ALL {
                println!(
                    "{}  {:<28} {:<8} {}",
                    rule.code, rule.name, rule.severity, rule.summary
                );
            }
        }
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

/// A rule's page: heading, defaults, summary, documentation.
pub fn explain(rule: &Rule) -> String {
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
