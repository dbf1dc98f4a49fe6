use crate::declare_rule;
use crate::diagnostic::{Finding, FixAction, Safety, Target};
use crate::rules::{PresetContext, quoted};
use crate::schema::known_keys;

declare_rule! {
    /// ## What it does
    /// Reports a top-level key of a preset that presetlint does not know but that is close to
    /// one it knows: the same ignoring case, `_` and `-`, or a small edit away
    /// (`iconikSidecarElement`). Other unknown keys are left alone: presets carry many keys
    /// presetlint has no opinion on.
    ///
    /// ## Why is this bad?
    /// OffShoot looks keys up exactly. A misspelt key is ignored without a word, and the
    /// sidecars come out without the settings it was meant to carry.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarElement": ["{Project}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{Project}"] }
    /// ```
    ///
    /// ## Fix
    /// Unsafe: renames the key, only when the preset does not have the intended key already.
    /// The rename changes what OffShoot does with the preset, so review it.
    pub static UNKNOWN_KEY = {
        code: "PL501",
        name: "unknown-key",
        severity: Warning,
        summary: "An unknown key is close to a known one",
        fix: Unsafe,
    }
}

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    let known = known_keys();
    for key in ctx.preset.map.keys() {
        if known.iter().any(|k| k == key) {
            continue;
        }
        let Some(target) = known.iter().find(|k| similar(k, key)) else {
            continue;
        };
        let pointer = ctx.preset.key_pointer(key);
        let finding = Finding::new(
            &UNKNOWN_KEY,
            Target::Key(pointer.clone()),
            format!(
                "unknown key {}; did you mean {}?",
                quoted(key),
                quoted(target)
            ),
        );
        out.push(if ctx.preset.map.contains_key(target.as_str()) {
            finding.with_help(format!("the preset has {} already", quoted(target)))
        } else {
            finding.with_fix(
                Safety::Unsafe,
                format!("Rename to {}", quoted(target)),
                vec![FixAction::RenameKey {
                    pointer,
                    name: target.clone(),
                }],
            )
        });
    }
}

/// Whether two names are close: equal ignoring case, `_` and `-`, or a small edit apart
/// (1 for names up to 7 characters, 2 for longer ones).
pub fn similar(known: &str, candidate: &str) -> bool {
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (fold(known), fold(candidate));
    if a == b {
        return true;
    }
    let budget = if a.len() <= 7 { 1 } else { 2 };
    a.len().abs_diff(b.len()) <= budget && edit_distance(&a, &b, budget) <= budget
}

/// Levenshtein distance with adjacent transpositions, giving up above `limit`.
fn edit_distance(a: &[char], b: &[char], limit: usize) -> usize {
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        if cur.iter().min().is_some_and(|&m| m > limit) {
            return limit + 1;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn closeness() {
        assert!(similar("iconikSidecarElements", "iconikSidecarElement"));
        assert!(similar("iconikSidecarElements", "IconikSidecarElements"));
        assert!(similar("iconikSidecarElements", "iconik_sidecar_elements"));
        assert!(similar(
            "iconikSidecarExtensions",
            "iconikSidecarExtentions"
        ));
        assert!(similar("version", "verison"));
        assert!(!similar("version", "presetFormatVersion"));
        assert!(!similar("counter", "author"));
        assert!(!similar("labelPattern", "colorLabel"));
        assert!(!similar("folderPattern", "folderTemplate"));
    }
}
