//! The report formats by name: the one list that `--format`, `output-format`,
//! PRESETLINT_OUTPUT_FORMAT, the config's schema and the report writers all take. It lives
//! here, below the reports, because the config validates `output-format` by it.

/// The report formats (besides `auto`, which the command line resolves to one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Rdjson,
    Checkstyle,
    Azure,
    Html,
}

impl Format {
    /// Every format with the name `--format` takes for it (`auto` is the command line's).
    pub const NAMED: [(&'static str, Format); 12] = [
        ("human", Format::Human),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("json-lines", Format::JsonLines),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("gitlab", Format::Gitlab),
        ("junit", Format::Junit),
        ("rdjson", Format::Rdjson),
        ("checkstyle", Format::Checkstyle),
        ("azure", Format::Azure),
        ("html", Format::Html),
    ];

    /// The name `--format` takes for it.
    pub fn name(self) -> &'static str {
        Format::NAMED
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(name, _)| name)
    }

    /// The format of a name, as `--format` spells it.
    pub fn named(name: &str) -> Option<Format> {
        Format::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }
}

/// What `--format` and `output-format` take: `auto`, then every format's name.
pub fn names() -> Vec<&'static str> {
    std::iter::once("auto")
        .chain(Format::NAMED.iter().map(|(name, _)| *name))
        .collect()
}
