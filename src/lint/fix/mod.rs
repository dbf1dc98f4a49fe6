//! Autofix: fixes are text edits on byte spans (placed by [`crate::lint::locate`]), so a fix keeps
//! the file's formatting, indentation and key order; nothing is ever re-serialised.
//!
//! As in ruff, fixes are applied in rounds: the fixes of one check that do not overlap are
//! applied together, the new text is checked again, and so on until nothing is left to fix
//! (at most [`MAX_ROUNDS`] rounds). A round whose result would not parse is thrown away.

mod apply;
mod diff;

pub use apply::apply_round;
pub use diff::unified;

use crate::base::diagnostic::Safety;
use crate::base::document::{self, SourceText};
use crate::lint::checked_file::CheckedFile;

/// Enough for every chain of fixes presetlint has (a split that yields a duplicate that is
/// then removed takes two); the bound only guards against fixes that undo each other.
pub const MAX_ROUNDS: usize = 10;

/// A file before and after its fixes.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// As read, with its diagnostics.
    pub before: CheckedFile,
    /// With the fixes applied, and the diagnostics that remain.
    pub after: CheckedFile,
    /// How many fixes were applied, over every round.
    pub applied: usize,
}

impl Fixed {
    /// Whether the fixes changed the text.
    pub fn changed(&self) -> bool {
        self.before.source.text != self.after.source.text
    }
}

/// Fixes a checked file in rounds; `recheck` checks a new text of the same file. `allowed`:
/// `Safety::Safe` for `--fix` (safe fixes only), `Safety::Unsafe` for `--unsafe-fixes` too.
pub fn fix(
    before: CheckedFile,
    allowed: Safety,
    recheck: impl Fn(SourceText) -> CheckedFile,
) -> Fixed {
    let mut current = before.clone();
    let mut applied = 0;
    let mut seen = vec![before.source.text.clone()];
    for _ in 0..MAX_ROUNDS {
        let Some((text, count)) =
            apply::apply_round(&current.source.text, &current.diagnostics, allowed)
        else {
            break;
        };
        // A text met before means two fixes undo each other; a text that does not parse
        // means a fix is wrong. Either way, stop with the last good text.
        if seen.contains(&text) || document::parse_value(&text).is_err() {
            break;
        }
        seen.push(text.clone());
        current = recheck(SourceText {
            text,
            has_bom: before.source.has_bom,
        });
        applied += count;
    }
    Fixed {
        before,
        after: current,
        applied,
    }
}
