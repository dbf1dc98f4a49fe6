use crate::base::diagnostic::{Finding, FixAction, Safety, Target};
use crate::declare_rule;
use crate::lint::rules::{PresetContext, quoted};
use crate::model::schema::near_known_key;

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
    for key in ctx.preset.map.keys() {
        let Some(target) = near_known_key(key) else {
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
        out.push(if ctx.preset.map.contains_key(target) {
            finding.with_help(format!("the preset has {} already", quoted(target)))
        } else {
            finding.with_fix(
                Safety::Unsafe,
                format!("Rename to {}", quoted(target)),
                vec![FixAction::RenameKey {
                    pointer,
                    name: target.to_owned(),
                }],
            )
        });
    }
}
