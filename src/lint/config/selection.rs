//! `--select` and `--ignore`: the rules of one run, over the config file, as in ruff:
//! `--select` runs only the rules named (each at the config's severity, or its default when
//! the config switches it off); `--ignore` switches rules off, and wins over `--select`.

use miette::miette;

use crate::lint::registry::{self, Rule};
use crate::lint::settings::Settings;

/// Applies the command line's rule selection to the settings from the config file.
pub(crate) fn apply(
    settings: &mut Settings,
    select: &[String],
    ignore: &[String],
) -> miette::Result<()> {
    let select = rules(select, "--select")?;
    let ignore = rules(ignore, "--ignore")?;
    if !select.is_empty() {
        for rule in registry::ALL {
            let level = if select.iter().any(|r| r.code == rule.code) {
                Some(settings.severity(rule).unwrap_or(rule.severity))
            } else {
                None
            };
            settings.levels.insert(rule.code, level);
        }
    }
    for rule in ignore {
        settings.levels.insert(rule.code, None);
    }
    Ok(())
}

/// The rules named: by code, by name, or a group by its code prefix (`PL95`), as ruff's
/// `--select E4`.
fn rules(names: &[String], flag: &str) -> miette::Result<Vec<&'static Rule>> {
    let mut out = Vec::new();
    for name in names
        .iter()
        .map(|name| name.trim())
        .filter(|n| !n.is_empty())
    {
        match registry::find(name) {
            Some(rule) => out.push(rule),
            None => {
                let group = registry::with_prefix(name);
                if group.is_empty() {
                    return Err(miette!(
                        help = "`presetlint rule` lists every rule; a code prefix (PL95) names a group",
                        "{flag}: no rule has the code or name {name:?}"
                    ));
                }
                out.extend(group);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diagnostic::Severity;
    use crate::lint::rules::{
        duplicate_entry::DUPLICATE_ENTRY, list_in_string::LIST_IN_STRING,
        padded_entry::PADDED_ENTRY,
    };

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_keeps_only_the_named_rules_at_their_configured_severity() {
        let mut settings = Settings::default();
        settings.levels.insert("PL101", Some(Severity::Warning));
        settings.levels.insert("PL102", None);
        apply(&mut settings, &strings(&["PL101", "duplicate-entry"]), &[]).unwrap();
        assert_eq!(settings.severity(&LIST_IN_STRING), Some(Severity::Warning));
        assert_eq!(settings.severity(&DUPLICATE_ENTRY), Some(Severity::Warning));
        assert_eq!(settings.severity(&PADDED_ENTRY), None);
    }

    #[test]
    fn ignore_wins_over_select() {
        let mut settings = Settings::default();
        apply(
            &mut settings,
            &strings(&["PL101"]),
            &strings(&["pl101", "PL104"]),
        )
        .unwrap();
        assert_eq!(settings.severity(&LIST_IN_STRING), None);
        assert_eq!(settings.severity(&PADDED_ENTRY), None);
    }

    #[test]
    fn unknown_rules_are_errors() {
        let err = apply(&mut Settings::default(), &[], &strings(&["PL999"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--ignore: no rule has the code or name \"PL999\""
        );
    }
}
