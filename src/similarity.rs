//! "Did you mean ...?": names that are equal ignoring case, `_`, `-` and spaces, or a small
//! edit apart. Called for every unknown key of every preset, so it avoids allocating in the
//! comparison itself.

/// A name folded for comparison: lower case, without `_`, `-` and spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded(Vec<char>);

impl Folded {
    pub fn new(name: &str) -> Folded {
        Folded(
            name.chars()
                .filter(|c| !matches!(c, '_' | '-' | ' '))
                .flat_map(char::to_lowercase)
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
        let budget = if a.len().min(b.len()) <= 7 { 1 } else { 2 };
        a.len().abs_diff(b.len()) <= budget && edit_distance(a, b, budget) <= budget
    }
}

/// Whether two names are close (see [`Folded::is_close_to`]).
pub fn similar(a: &str, b: &str) -> bool {
    Folded::new(a).is_close_to(&Folded::new(b))
}

/// Levenshtein distance with adjacent transpositions, giving up above `limit`. Rows live on
/// the stack for names up to 63 characters.
fn edit_distance(a: &[char], b: &[char], limit: usize) -> usize {
    const MAX: usize = 64;
    if b.len() >= MAX {
        return edit_distance_heap(a, b, limit);
    }
    let width = b.len() + 1;
    let mut prev2 = [0usize; MAX];
    let mut prev = [0usize; MAX];
    let mut cur = [0usize; MAX];
    for (j, cell) in prev.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return limit + 1;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[b.len()]
}

fn edit_distance_heap(a: &[char], b: &[char], limit: usize) -> usize {
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
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
    fn long_names_take_the_heap_path_with_the_same_answer() {
        let a = "x".repeat(70);
        let b = format!("{}y", "x".repeat(69));
        assert!(similar(&a, &b));
        assert!(!similar(&a, &"y".repeat(70)));
    }
}
