//! One round of fixes: pick the fixes that do not overlap, apply their edits.

use crate::diagnostic::{Diagnostic, Edit, Fix, Safety};
use crate::fix::Applicability;

/// Applies every applicable fix of `diagnostics` that does not overlap one taken before it
/// (in order of position). `None` when there is nothing to apply.
pub fn apply_round(
    text: &str,
    diagnostics: &[Diagnostic],
    applicability: Applicability,
) -> Option<(String, usize)> {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| applies(fix, applicability))
        .filter(|fix| fits(fix, text))
        .collect();
    fixes.sort_by_key(|fix| fix.edits.first().map(|e| e.span));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        if fix
            .edits
            .iter()
            .any(|edit| taken.iter().any(|t| overlaps(edit, t)))
        {
            // Left for the next round, which sees the text with the other fix in it.
            continue;
        }
        taken.extend(&fix.edits);
        count += 1;
    }
    if count == 0 {
        return None;
    }
    taken.sort_by_key(|edit| std::cmp::Reverse(edit.span));
    let mut out = text.to_owned();
    for edit in taken {
        out.replace_range(edit.span.start..edit.span.end, &edit.content);
    }
    Some((out, count))
}

fn applies(fix: &Fix, applicability: Applicability) -> bool {
    fix.safety == Safety::Safe || applicability == Applicability::Unsafe
}

/// Whether every edit lies inside the text on character boundaries (always so for spans
/// from the syntax tree; checked so that a wrong span can never panic).
fn fits(fix: &Fix, text: &str) -> bool {
    fix.edits.iter().all(|e| {
        e.span.start <= e.span.end
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    })
}

/// Edits that share text, or insert at the same place, cannot both be applied. Edits that
/// only touch can: removing two neighbouring array items removes both.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start == b.span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};
    use crate::rules::duplicate_entry::DUPLICATE_ENTRY;

    fn diagnostic(safety: Safety, edits: &[(usize, usize, &str)]) -> Diagnostic {
        Diagnostic {
            rule: &DUPLICATE_ENTRY,
            severity: Severity::Warning,
            message: String::new(),
            pointer: String::new(),
            span: Span::default(),
            labels: Vec::new(),
            help: None,
            fix: Some(Fix {
                safety,
                title: String::new(),
                edits: edits
                    .iter()
                    .map(|&(start, end, content)| Edit {
                        span: Span::new(start, end),
                        content: content.to_owned(),
                    })
                    .collect(),
            }),
        }
    }

    #[test]
    fn touching_edits_apply_together_overlapping_ones_wait() {
        let text = "[1, 2, 3]";
        let all = [
            diagnostic(Safety::Safe, &[(2, 5, "")]),
            diagnostic(Safety::Safe, &[(5, 8, "")]),
            diagnostic(Safety::Safe, &[(4, 5, "9")]),
        ];
        assert_eq!(
            apply_round(text, &all, Applicability::Safe),
            Some(("[1]".to_owned(), 2))
        );
    }

    #[test]
    fn unsafe_fixes_need_unsafe_applicability() {
        let text = "[1]";
        let all = [diagnostic(Safety::Unsafe, &[(1, 2, "2")])];
        assert_eq!(apply_round(text, &all, Applicability::Safe), None);
        assert_eq!(
            apply_round(text, &all, Applicability::Unsafe),
            Some(("[2]".to_owned(), 1))
        );
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_skipped() {
        let text = "[\"é\"]";
        let all = [
            diagnostic(Safety::Safe, &[(3, 4, "e")]),
            diagnostic(Safety::Safe, &[(1, 99, "")]),
        ];
        assert_eq!(apply_round(text, &all, Applicability::Safe), None);
    }
}
