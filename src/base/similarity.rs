//! "Did you mean ...?": names that are equal ignoring case, `_`, `-` and spaces, or a small
//! edit apart (optimal string alignment distance, from strsim).

/// A name folded for comparison: case folded ([`crate::base::text::fold_case`]), without `_`, `-`
/// and spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded(String);

impl Folded {
    pub fn new(name: &str) -> Folded {
        Folded(
            name.chars()
                .filter(|c| !matches!(c, '_' | '-' | ' '))
                .map(crate::base::text::fold_case)
                .collect(),
        )
    }

    /// Whether two folded names are close: equal, or within 1 edit for names up to 7
    /// characters and 2 for longer ones (an edit: insert, delete, replace, swap neighbours).
    pub fn is_close_to(&self, other: &Folded) -> bool {
        let (a, b) = (&self.0, &other.0);
        if a == b {
            return true;
        }
        let (len_a, len_b) = (a.chars().count(), b.chars().count());
        let budget = if len_a.min(len_b) <= 7 { 1 } else { 2 };
        // The length alone rules most pairs out before any distance is computed.
        len_a.abs_diff(len_b) <= budget && strsim::osa_distance(a, b) <= budget
    }
}

/// Whether two names are close (see [`Folded::is_close_to`]).
pub fn similar(a: &str, b: &str) -> bool {
    Folded::new(a).is_close_to(&Folded::new(b))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!similar("Card", "Date"));
    }

    #[test]
    fn long_names_are_judged_the_same_way() {
        let a = "x".repeat(70);
        let b = format!("{}y", "x".repeat(69));
        assert!(similar(&a, &b));
        assert!(!similar(&a, &"y".repeat(70)));
    }
}
