//! A rule's identity and documentation, declared once per rule file with [`declare_rule!`](crate::declare_rule).
//! Here, at the bottom, so that findings can name their rule without knowing any rule's logic.

use crate::base::diagnostic::{Safety, Severity};

/// A rule's identity and documentation. Codes and names are a stable interface.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line, no final full stop.
    pub summary: &'static str,
    /// The fix the rule offers, if any: safe ones are applied by `--fix`, unsafe ones only
    /// with `--unsafe-fixes`.
    pub fix: Option<Safety>,
    /// Markdown, from the rule's doc comment.
    pub doc: &'static str,
}

impl Rule {
    /// The rule's documentation with the doc comment's leading spaces taken off.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_owned() + "\n"
    }

    /// Where the rule's documentation is published.
    pub fn url(&self) -> String {
        format!(
            "{}/blob/main/docs/rules.md#{}-{}",
            REPOSITORY,
            self.code.to_lowercase(),
            self.name
        )
    }
}

/// The project's home, for links in reports.
pub const REPOSITORY: &str = "https://github.com/presetlint/presetlint";

/// Declares a rule: its doc comment becomes [`Rule::doc`].
#[macro_export]
macro_rules! declare_rule {
    (@fix None) => { None };
    (@fix $safety:ident) => { Some($crate::base::diagnostic::Safety::$safety) };
    (
        $(#[doc = $doc:expr])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::base::diagnostic::Rule = $crate::base::diagnostic::Rule {
            code: $code,
            name: $name,
            severity: $crate::base::diagnostic::Severity::$severity,
            summary: $summary,
            fix: $crate::declare_rule!(@fix $fix),
            doc: concat!($($doc, "\n"),*),
        };
    };
}
