use std::hash::{BuildHasher, Hash, Hasher};

use hashbrown::HashTable;
use hashbrown::hash_table::Entry as Slot;

use crate::base::diagnostic::{Finding, FixAction, Safety, Target};
use crate::base::text::fold_case;
use crate::declare_rule;
use crate::lint::rules::{Entry, quoted};

declare_rule! {
    /// ## What it does
    /// Reports an entry that repeats an earlier entry of the same iconik list, ignoring case
    /// and outer whitespace. The earlier entry is shown beside it.
    ///
    /// ## Why is this bad?
    /// Extensions, volume names and path patterns are matched ignoring case, so `.MOV` and
    /// `.mov` are the same entry; a repeated element would write its field twice. Repeats are
    /// usually left over from merging presets, and hide which entry was meant.
    ///
    /// ## Example
    /// ```json
    /// { "iconikSidecarExtensions": [".MOV", ".R3D", ".mov"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "iconikSidecarExtensions": [".MOV", ".R3D"] }
    /// ```
    ///
    /// ## Fix
    /// Safe: removes the repeated entry.
    pub static DUPLICATE_ENTRY = {
        code: "PL102",
        name: "duplicate-entry",
        severity: Warning,
        summary: "An entry repeats an earlier one in the same list, ignoring case",
        fix: Safe,
    }
}

/// Checks the entries of one list that passed the other entry rules: `judged` holds their
/// indices in the list, `entry_at` makes the entry of an index.
pub fn check<'a>(judged: &[usize], entry_at: impl Fn(usize) -> Entry<'a>) -> Vec<Finding> {
    // A list may hold 100,000 entries: the table holds indices (9 bytes a slot, where a map
    // of keys and entries takes 25), the key folds case as it hashes and compares (no string
    // per entry), and foldhash is fast where SipHash's resistance to chosen keys buys nothing.
    let state = foldhash::fast::RandomState::default();
    let hash = |value: &str| state.hash_one(Caseless(value));
    let mut first_seen: HashTable<usize> = HashTable::with_capacity(judged.len());
    let mut out = Vec::new();
    for &index in judged {
        let entry = entry_at(index);
        let same = |&other: &usize| Caseless(entry_at(other).value) == Caseless(entry.value);
        // One hash per entry: look up and insert through the same slot.
        match first_seen.entry(hash(entry.value), same, |&other| {
            hash(entry_at(other).value)
        }) {
            Slot::Occupied(first) => out.push(finding(&entry, &entry_at(*first.get()))),
            Slot::Vacant(slot) => {
                slot.insert(index);
            }
        }
    }
    out
}

fn finding(entry: &Entry<'_>, first: &Entry<'_>) -> Finding {
    let message = if first.value == entry.value {
        format!("{} repeats an earlier entry", quoted(entry.value))
    } else {
        format!(
            "{} repeats {} (entries are compared ignoring case)",
            quoted(entry.value),
            quoted(first.value)
        )
    };
    Finding::new(&DUPLICATE_ENTRY, entry.target(), message)
        .with_related(Target::Value(first.pointer()), "first given here")
        .with_fix(
            Safety::Safe,
            "Remove the repeated entry",
            vec![FixAction::RemoveItem {
                pointer: entry.pointer(),
            }],
        )
}

/// A text compared and hashed ignoring case, character by character with [`fold_case`] (as
/// extensions and volume names are matched, but for four pairs of rare characters).
#[derive(Debug, Clone, Copy)]
struct Caseless<'a>(&'a str);

impl Caseless<'_> {
    fn folded(self) -> impl Iterator<Item = char> {
        self.0.chars().map(fold_case)
    }
}

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            return self.0.eq_ignore_ascii_case(other.0);
        }
        self.folded().eq(other.folded())
    }
}

impl Eq for Caseless<'_> {}

impl Hash for Caseless<'_> {
    /// Hashes the folded text. An ASCII text is its own folded form once bit 0x20 is set in
    /// every byte (`A` and `a` differ only in that bit), so it is hashed straight from its
    /// bytes; another text is folded into a string first (rare, and allowed to be slower).
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.0.is_ascii() {
            hash_with_case_bits(self.0.as_bytes(), state);
        } else {
            let folded: String = self.folded().collect();
            hash_with_case_bits(folded.as_bytes(), state);
        }
    }
}

/// Hashes `bytes` with bit 0x20 set in each, as 8-byte words read from the text itself: a
/// copy into a buffer that is then read back as words stalls the processor on every entry.
fn hash_with_case_bits<H: Hasher>(bytes: &[u8], state: &mut H) {
    const CASE_BITS: u64 = 0x2020_2020_2020_2020;
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("8 bytes")) | CASE_BITS;
    if bytes.len() < 8 {
        let short = bytes
            .iter()
            .enumerate()
            .fold(0u64, |w, (i, &b)| w | u64::from(b | 0x20) << (8 * i));
        state.write_u64(short);
    } else {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            state.write_u64(word(chunk));
        }
        if !words.remainder().is_empty() {
            // The last 8 bytes, overlapping the last whole word.
            state.write_u64(word(&bytes[bytes.len() - 8..]));
        }
    }
    state.write_usize(bytes.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(text: &str) -> u64 {
        foldhash::fast::FixedState::with_seed(7).hash_one(Caseless(text))
    }

    #[test]
    fn equal_ignoring_case_hash_alike() {
        let long_upper = "{PROJECT}".repeat(20);
        let long_lower = "{project}".repeat(20);
        for (a, b) in [
            (".MOV", ".mov"),
            ("ΟΔΟΣ", "οδος"),
            ("ΟΔΟΣ", "οδοσ"),
            ("\u{17F}ound", "SOUND"),
            ("5\u{B5}s", "5\u{3BC}S"),
            ("STRA\u{1E9E}E", "straße"),
            ("Straße", "STRAßE"),
            ("\u{212A}elvin", "kelvin"),
            (
                "\u{212A}elvin and some more text",
                "KELVIN AND SOME MORE TEXT",
            ),
            ("{PROJECT}", "{project}"),
            (long_upper.as_str(), long_lower.as_str()),
        ] {
            assert_eq!(Caseless(a), Caseless(b), "{a} / {b}");
            assert_eq!(hash(a), hash(b), "{a} / {b}");
        }
        assert_ne!(Caseless(".MOV"), Caseless(".MOVE"));
        assert_ne!(Caseless("é"), Caseless("e"));
        assert_ne!(Caseless("straße"), Caseless("strasse"));
    }

    proptest::proptest! {
        /// Any text with some of its characters in another case is the same entry, and hashes
        /// alike whichever path (ASCII or not) each side takes.
        #[test]
        fn case_changes_keep_entries_equal(
            text in "\\PC{0,40}",
            flips in proptest::collection::vec(proptest::bool::ANY, 40),
        ) {
            let changed: String = text
                .chars()
                .zip(flips.iter().cycle())
                .map(|(c, &flip)| {
                    let upper: String = c.to_uppercase().collect();
                    let same = upper.chars().flat_map(char::to_lowercase).eq(c.to_lowercase());
                    if flip && same { upper } else { c.to_string() }
                })
                .collect();
            proptest::prop_assert_eq!(Caseless(&text), Caseless(&changed));
            proptest::prop_assert_eq!(hash(&text), hash(&changed));
        }
    }
}
