use crate::base::diagnostic::{Finding, FixAction, Safety, Target};
use crate::declare_rule;
use crate::lint::rules::{PresetContext, quoted};
use crate::model::preset::ELEMENTS_KEY;

declare_rule! {
    /// ## What it does
    /// Reports the keys of Hedge's older Source Review presets: `createIconikSidecars` and
    /// `iconikSidecarParameterNames`.
    ///
    /// ## Why is this bad?
    /// OffShoot Pro reads `iconikSidecarDestinations`, `iconikSidecarExtensions` and
    /// `iconikSidecarElements`. A preset that still carries only the old keys may not write
    /// the sidecars its author expects.
    ///
    /// ## Example
    /// ```json
    /// { "createIconikSidecars": true, "iconikSidecarParameterNames": ["{Project}"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarElements": ["{Project}"] }
    /// ```
    ///
    /// ## Fix
    /// Unsafe: renames `iconikSidecarParameterNames` to `iconikSidecarElements`, only when the
    /// preset does not have that key already.
    pub static LEGACY_KEY = {
        code: "PL502",
        name: "legacy-key",
        severity: Warning,
        summary: "A key of older Hedge presets (`createIconikSidecars`, `iconikSidecarParameterNames`)",
        fix: Unsafe,
    }
}

pub const CREATE_KEY: &str = "createIconikSidecars";
pub const PARAMETER_NAMES_KEY: &str = "iconikSidecarParameterNames";

pub fn check(ctx: &PresetContext<'_>, out: &mut Vec<Finding>) {
    let map = ctx.preset.map;
    for key in map.keys() {
        if key != CREATE_KEY && key != PARAMETER_NAMES_KEY {
            continue;
        }
        let pointer = ctx.preset.key_pointer(key);
        if key == CREATE_KEY {
            out.push(
                Finding::new(
                    &LEGACY_KEY,
                    Target::Key(pointer),
                    format!("{} is a key of older Hedge presets", quoted(key)),
                )
                .with_help(
                    "OffShoot Pro writes sidecars as iconikSidecarDestinations, iconikSidecarExtensions and iconikSidecarElements say",
                ),
            );
        } else if key == PARAMETER_NAMES_KEY {
            let finding = Finding::new(
                &LEGACY_KEY,
                Target::Key(pointer.clone()),
                format!("{} is a key of older Hedge presets", quoted(key)),
            )
            .with_help(format!("the current key is {}", quoted(ELEMENTS_KEY)));
            out.push(if map.contains_key(ELEMENTS_KEY) {
                finding
            } else {
                finding.with_fix(
                    Safety::Unsafe,
                    format!("Rename to {}", quoted(ELEMENTS_KEY)),
                    vec![FixAction::RenameKey {
                        pointer,
                        name: ELEMENTS_KEY.to_owned(),
                    }],
                )
            });
        }
    }
}
