//! `--diff`: what `--fix` would change, as a unified diff per file.

use similar::TextDiff;

/// A unified diff of one file's text before and after its fixes, headed by its path on both
/// sides (as ruff does), with three lines of context.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_with_context() {
        let before = "{\n  \"a\": [\".R3D;.MOV\"],\n  \"b\": 1\n}\n";
        let after = "{\n  \"a\": [\".R3D\", \".MOV\"],\n  \"b\": 1\n}\n";
        assert_eq!(
            unified("p.json", before, after),
            "--- p.json\n+++ p.json\n@@ -1,4 +1,4 @@\n {\n-  \"a\": [\".R3D;.MOV\"],\n+  \"a\": [\".R3D\", \".MOV\"],\n   \"b\": 1\n }\n"
        );
    }
}
