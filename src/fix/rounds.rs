//! Fixing a file the way a fixer does: apply every fix that does not overlap another, check
//! again, and repeat, since one fix can make the next possible (splitting `".R3D;.mov"` can
//! reveal a duplicate) or move what another would edit.
//!
//! Shared by the language server's "fix all" action and meant for `presetlint check --fix`.

use crate::check::{Origin, check_bytes};
use crate::diagnostic::{Edit, Fix, Safety};
use crate::document::SourceText;
use crate::settings::Settings;

/// Enough for any preset seen so far; a bound so that two fixes undoing each other cannot
/// loop forever.
pub const MAX_ROUNDS: usize = 10;

/// The outcome of [`fix_in_rounds`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The text after the fixes, with its byte order mark if it had one.
    pub source: SourceText,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
}

/// Applies the file's fixes (safe ones, and unsafe ones too when `include_unsafe`) in rounds
/// until none is left or [`MAX_ROUNDS`] is reached. The findings are those of `presetlint
/// check` on a named file with `settings`.
pub fn fix_in_rounds(
    path: &str,
    source: SourceText,
    settings: &Settings,
    include_unsafe: bool,
) -> Fixed {
    let mut current = source;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let Some(checked) =
            check_bytes(path.to_owned(), current.to_bytes(), Origin::Named, settings)
        else {
            break;
        };
        let fixes = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|fix| include_unsafe || fix.safety == Safety::Safe);
        let (text, count) = apply_non_overlapping(&current.text, fixes);
        if count == 0 || text == current.text {
            break;
        }
        applied += count;
        current.text = text;
    }
    Fixed {
        source: current,
        applied,
    }
}

/// Applies, in the order given, each fix none of whose edits touches an edit of a fix taken
/// before it. Returns the new text and how many fixes were taken.
pub fn apply_non_overlapping<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        let clashes = fix
            .edits
            .iter()
            .any(|edit| taken.iter().any(|other| clash(edit, other)));
        let in_text = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !clashes && in_text {
            taken.extend(&fix.edits);
            count += 1;
        }
    }
    // From the end backwards, so that earlier spans stay valid.
    taken.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    let mut out = text.to_owned();
    for edit in taken {
        out.replace_range(edit.span.start..edit.span.end, &edit.content);
    }
    (out, count)
}

/// Two edits clash when they overlap, or start at the same place (two insertions there would
/// land in an order neither fix chose).
fn clash(a: &Edit, b: &Edit) -> bool {
    (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start == b.span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            safety: Safety::Safe,
            title: String::new(),
            edits: edits
                .iter()
                .map(|&(start, end, content)| Edit {
                    span: Span::new(start, end),
                    content: content.to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let fixes = [
            fix(&[(0, 2, "AB")]),
            fix(&[(1, 3, "x")]),
            fix(&[(4, 5, "E")]),
        ];
        assert_eq!(
            apply_non_overlapping("abcde", &fixes),
            ("ABcdE".to_owned(), 2)
        );
    }

    #[test]
    fn rounds_reach_what_one_round_cannot() {
        // Round 1 splits the string; round 2 removes the duplicate that the split reveals.
        let text = r#"{"iconikSidecarExtensions": [".MOV", ".R3D;.mov"]}"#;
        let source = SourceText::decode(text.as_bytes().to_vec()).unwrap();
        let fixed = fix_in_rounds("p.json", source, &Settings::default(), false);
        assert_eq!(
            fixed.source.text,
            r#"{"iconikSidecarExtensions": [".MOV", ".R3D"]}"#
        );
        assert_eq!(fixed.applied, 2);
    }
}
