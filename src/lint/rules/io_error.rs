use crate::base::diagnostic::{Finding, Span, Target};
use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that could not be read at all: larger than `--max-file-size`, not
    /// readable (permissions), gone between the walk and the read, a folder or device where a
    /// preset was named. The run exits 2 as well; this finding puts the file in every report
    /// format, so that a CI dashboard shows it instead of a clean run over fewer files.
    ///
    /// ## Why is this bad?
    /// A preset that was not read was not checked: its mistakes reach the shoot.
    ///
    /// ## Example
    /// `presetlint check --max-file-size 1000 presets/` on a 2 KB preset.
    ///
    /// Use instead: fix the file's permissions, or raise `--max-file-size` if the file is
    /// meant to be that large.
    pub static IO_ERROR = {
        code: "PL005",
        name: "io-error",
        severity: Error,
        summary: "A file could not be read",
        fix: None,
    }
}

/// The finding for a file that could not be read, at its start.
pub fn finding(reason: &str) -> Finding {
    Finding::new(
        &IO_ERROR,
        Target::Span(Span::default(), String::new()),
        format!("the file could not be read: {reason}"),
    )
}
