//! The documentation generated from the rule registry (a test helper: it is no part of the
//! binary): docs/rules.md (a page per rule, in the style
//! of ruff's rule pages) and the rules table of the README. The test `tests/it/docs.rs` fails when
//! the files in the repository differ from what this produces; `UPDATE_DOCS=1 cargo test --test
//! docs` rewrites them.

use presetlint::base::diagnostic::Safety;
use presetlint::lint::registry::{self, Rule};

/// The markers around the generated table in README.md.
pub const README_START: &str = "<!-- rules-table:start -->";
pub const README_END: &str = "<!-- rules-table:end -->";

/// The whole of docs/rules.md.
pub fn rules_page() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         <!-- Generated from the rule registry (src/lint/rules/); do not edit. \
         Regenerate with `UPDATE_DOCS=1 cargo test --test it docs`. -->\n\n",
    );
    out.push_str(&rules_table(""));
    for rule in registry::ALL {
        out.push('\n');
        out.push_str(&rule_section(rule));
    }
    out
}

/// A Markdown table of every rule; codes link to `{page}#anchor`.
pub fn rules_table(page: &str) -> String {
    let mut out = String::from(
        "| Code | Name | Severity | Fix | Summary |\n| --- | --- | --- | --- | --- |\n",
    );
    let mut group = None;
    for rule in registry::ALL {
        let this = registry::group_of(rule).map(|g| g.prefix);
        if this != group {
            group = this;
            if let Some(g) = registry::group_of(rule) {
                out.push_str(&format!("| **{}** | **{}** | | | |\n", g.prefix, g.title));
            }
        }
        out.push_str(&format!(
            "| [{}]({page}#{}) | {} | {} | {} | {} |\n",
            rule.code,
            anchor(rule),
            rule.name,
            rule.severity,
            fix_word(rule.fix),
            rule.summary.replace('|', "\\|")
        ));
    }
    out
}

/// README.md with the text between the markers replaced by the rules table (linking into
/// docs/rules.md), or `None` when the markers are missing.
pub fn fill_readme(readme: &str) -> Option<String> {
    let start = readme.find(README_START)? + README_START.len();
    let end = start + readme[start..].find(README_END)?;
    Some(format!(
        "{}\n{}{}",
        &readme[..start],
        rules_table("docs/rules.md"),
        &readme[end..]
    ))
}

/// The anchor GitHub gives the heading `## PL101 list-in-string`, and that [`Rule::url`] links.
pub fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code.to_lowercase(), rule.name)
}

fn rule_section(rule: &Rule) -> String {
    let fix = match rule.fix {
        None => "none".to_owned(),
        Some(Safety::Safe) => "safe (applied by `--fix`)".to_owned(),
        Some(Safety::Unsafe) => "unsafe (applied with `--unsafe-fixes`)".to_owned(),
    };
    format!(
        "## {} {}\n\nDefault severity: {}. Fix: {fix}.\n\n{}.\n\n{}",
        rule.code,
        rule.name,
        rule.severity,
        rule.summary,
        demote_headings(&rule.documentation())
    )
}

fn fix_word(fix: Option<Safety>) -> &'static str {
    match fix {
        None => "",
        Some(Safety::Safe) => "safe",
        Some(Safety::Unsafe) => "unsafe",
    }
}

/// Every Markdown heading one level deeper (`## Example` becomes `### Example`), so that a
/// rule's own sections sit under its `##` heading. Lines inside code fences are left alone.
fn demote_headings(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub's heading anchors: lowercase, punctuation other than `-` and `_` dropped,
    /// spaces to `-`.
    fn github_slug(heading: &str) -> String {
        heading
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect()
    }

    #[test]
    fn rule_urls_point_at_the_headings_of_the_rules_page() {
        let page = rules_page();
        for rule in registry::ALL {
            let heading = format!("{} {}", rule.code, rule.name);
            assert!(page.contains(&format!("\n## {heading}\n")));
            let fragment = rule.url().rsplit_once('#').unwrap().1.to_owned();
            assert_eq!(fragment, github_slug(&heading));
            assert_eq!(fragment, anchor(rule));
        }
    }

    #[test]
    fn headings_are_demoted_outside_code_fences() {
        let doc = "## What it does\nText\n```sh\n# a shell comment\n```\n## Fix\n";
        assert_eq!(
            demote_headings(doc),
            "### What it does\nText\n```sh\n# a shell comment\n```\n### Fix\n"
        );
    }

    #[test]
    fn the_readme_table_goes_between_the_markers() {
        let readme = format!("a\n{README_START}\nold\n{README_END}\nb\n");
        let filled = fill_readme(&readme).unwrap();
        assert!(filled.starts_with(&format!("a\n{README_START}\n| Code |")));
        assert!(filled.ends_with(&format!("|\n{README_END}\nb\n")));
        assert!(filled.contains("| [PL101](docs/rules.md#pl101-list-in-string) |"));
        assert_eq!(fill_readme(&filled).unwrap(), filled);
        assert_eq!(fill_readme("no markers"), None);
    }
}
