//! docs/rules.md and the README's rules table are generated from the rule registry; this test
//! fails when either is out of date. `UPDATE_DOCS=1 cargo test --test it docs` rewrites them.

use std::path::Path;

use crate::docs_gen as docs;

fn check_or_update(relative: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is out of date with the rule registry; \
         run `UPDATE_DOCS=1 cargo test --test it docs` and commit the result"
    );
}

#[test]
fn rules_page_is_up_to_date() {
    check_or_update("docs/rules.md", &docs::rules_page());
}

#[test]
fn readme_rules_table_is_up_to_date() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(readme_path).unwrap();
    let filled = docs::fill_readme(&readme).expect("README.md has the rules-table markers");
    check_or_update("README.md", &filled);
}
