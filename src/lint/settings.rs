//! What a run may change about the rules: severities, rules switched off, extra built-in
//! elements. Built from defaults, then the config file, then the command line.

use std::collections::HashMap;

use crate::base::diagnostic::Rule;
use crate::base::diagnostic::Severity;

#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Element names (without braces) to treat as built in, beside OffShoot's own.
    pub builtin_elements: Vec<String>,
    /// A severity per rule code; `None` switches the rule off.
    pub levels: HashMap<&'static str, Option<Severity>>,
    /// The iconik metadata view to check element names (PL601, PL602) and values (PL702)
    /// against: `--view FILE`.
    pub view: Option<std::sync::Arc<crate::model::view::View>>,
}

impl Settings {
    /// The severity a rule reports with in this run, or `None` when it is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        self.levels
            .get(rule.code)
            .copied()
            .unwrap_or(Some(rule.severity))
    }
}
