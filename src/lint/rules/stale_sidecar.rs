use crate::base::diagnostic::Finding;
use crate::declare_rule;
use crate::lint::rules::{SidecarContext, quoted};

declare_rule! {
    /// ## What it does
    /// In `audit --preset FILE` with values (`--set`, `--values`, `--transfer-log`, `--date`),
    /// reports a sidecar whose fields differ from those `generate` would write for the same
    /// preset and values, naming each field that differs. Fields are compared, not bytes: a
    /// sidecar written with other indentation by another tool is not stale.
    ///
    /// ## Why is this bad?
    /// The sidecar was written before the values were corrected, or by another preset: iconik
    /// ingests what it says, not what the crew meant.
    ///
    /// ## Example
    /// `presetlint audit /Volumes/RAID --preset cam-a.json --set Project=PRX` on a sidecar
    /// whose `Project` is `PRY`.
    ///
    /// Use instead: `presetlint generate ... --overwrite` with the corrected values.
    pub static STALE_SIDECAR = {
        code: "PL811",
        name: "stale-sidecar",
        severity: Warning,
        summary: "A sidecar's fields differ from what generate would write",
        fix: None,
    }
}

/// At most this many differing fields are named in the message.
const NAMED: usize = 8;

pub fn check(ctx: &SidecarContext<'_>, out: &mut Vec<Finding>) {
    let read = ctx.read;
    let Some(expected) = &ctx.expected else {
        return;
    };
    if !read.problems.is_empty() {
        return;
    }
    let unjudged = expected.unjudged;
    let expected = expected.fields;
    let mut differences = Vec::new();
    let mut first_target = None;
    for field in read.fields.iter().filter(|f| !unjudged.contains(&f.name)) {
        let values: Vec<&str> = field.values.iter().map(|v| v.text.as_str()).collect();
        let difference = match expected.iter().find(|(name, _)| *name == field.name) {
            Some((_, want)) if want.iter().map(String::as_str).eq(values.iter().copied()) => {
                continue;
            }
            Some((_, want)) => format!(
                "{} is {} here and {} from the values",
                quoted(&field.name),
                shown(&values),
                shown(&want.iter().map(String::as_str).collect::<Vec<_>>())
            ),
            None => format!(
                "{} is here, and generate would not write it",
                quoted(&field.name)
            ),
        };
        first_target.get_or_insert_with(|| field.target());
        differences.push(difference);
    }
    for (name, want) in expected {
        if !read.fields.iter().any(|f| f.name == *name) {
            differences.push(format!(
                "{} is missing (the values give {})",
                quoted(name),
                shown(&want.iter().map(String::as_str).collect::<Vec<_>>())
            ));
        }
    }
    if differences.is_empty() {
        return;
    }
    let count = differences.len();
    let mut message = format!(
        "the sidecar differs from what generate would write: {}",
        differences[..count.min(NAMED)].join("; ")
    );
    if count > NAMED {
        message.push_str(&format!("; and {} more", count - NAMED));
    }
    out.push(
        Finding::new(
            &STALE_SIDECAR,
            first_target.unwrap_or_else(|| read.fields_target()),
            message,
        )
        .with_help("`presetlint generate ... --overwrite` rewrites it with these values"),
    );
}

fn shown(values: &[&str]) -> String {
    match values {
        [one] => quoted(one),
        many => format!(
            "[{}]",
            many.iter()
                .map(|v| quoted(v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
