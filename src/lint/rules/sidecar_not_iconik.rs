use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::model::sidecar_reader::ProblemKind;

declare_rule! {
    /// ## What it does
    /// In `audit`, reports a sidecar that reads as JSON, XML or CSV but not in the structure
    /// iconik documents: `metadata_values` missing, `field_values` that is not an array of
    /// `{"value": ...}`, XML without `<metadata_view><metadata_values>`, a field holding its
    /// text directly, a CSV with more than one row of values. On the narrowest place.
    ///
    /// ## Why is this bad?
    /// The gateway reads only its own structure; anything else is ignored without a word, so
    /// the clip arrives in iconik without the metadata the crew typed.
    ///
    /// ## Example
    /// ```json
    /// { "metadata_values": { "project": "PRX" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "metadata_values": { "project": { "field_values": [{ "value": "PRX" }] } } }
    /// ```
    pub static SIDECAR_NOT_ICONIK = {
        code: "PL802",
        name: "sidecar-not-iconik",
        severity: Error,
        summary: "A sidecar is not in the structure iconik reads",
        fix: None,
    }
}

/// The findings of the sidecar's problems of structure.
pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    out.extend(
        ctx.read
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::NotIconik)
            .map(|p| Finding::new(&SIDECAR_NOT_ICONIK, p.target.clone(), p.message.clone())),
    );
}
