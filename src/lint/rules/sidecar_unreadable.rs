use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::SidecarContext;
use crate::model::sidecar_reader::ProblemKind;

declare_rule! {
    /// ## What it does
    /// In `audit`, reports a sidecar that cannot be read as its format: not UTF-8, a byte
    /// order mark, an empty or truncated file, a JSON or XML syntax error, a CSV whose header
    /// and row of values differ in length. At the place where reading stops.
    ///
    /// ## Why is this bad?
    /// iconik's Storage Gateway documents no error path for a sidecar it cannot read: the clip
    /// is ingested without its metadata, without a word. An empty or torn sidecar is what a
    /// crash or a pulled drive leaves behind.
    ///
    /// ## Example
    /// `A001C003.R3D.json`, cut short by a full disk:
    /// ```json
    /// {"metadata_values": {"project": {"field_v
    /// ```
    /// Use instead: write it again, with `presetlint generate --repair`.
    pub static SIDECAR_UNREADABLE = {
        code: "PL801",
        name: "sidecar-unreadable",
        severity: Error,
        summary: "A sidecar cannot be read as JSON, XML or CSV",
        fix: None,
    }
}

/// The findings of the sidecar's problems of reading.
pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    out.extend(
        ctx.read
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Unreadable)
            .map(|p| Finding::new(&SIDECAR_UNREADABLE, p.target.clone(), p.message.clone())),
    );
}
