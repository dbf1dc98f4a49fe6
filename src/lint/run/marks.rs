//! What the first pass of a run judged across presets keeps of each input, for the report's
//! pass to decide whether to read it again.

use std::io;

use crate::base::spool::Spool;
use crate::lint::checked_file::CheckedFile;
use crate::lint::engine::across::AcrossIndex;

/// What the first pass of a run judged across presets keeps of each input, in the walk's
/// order: a byte and, for a clean file, a hash of its spellings. Written to a spool (in
/// memory up to 1 MiB, then in an anonymous temporary file) and read back in the same order
/// by the report's pass: 1,000,000 inputs cost no more memory than 100,000.
#[derive(Default)]
pub(super) struct Marks {
    spool: Spool,
    /// How many inputs are marked.
    pub(super) count: usize,
    /// The presets of every file.
    pub(super) presets: usize,
}

/// One input's mark, as read back.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    kind: u8,
    spellings: u64,
}

/// No report (a walked file that is no preset, a walk's problem).
const SKIP: u8 = 0;
/// A file without findings of its own.
const CLEAN: u8 = 1;
/// A file without findings of its own that holds presets (so a name OffShoot lists).
const CLEAN_PRESETS: u8 = 2;
/// A file with findings of its own, or that could not be read.
const FLAGGED: u8 = 3;

/// What the report's pass does with an input.
pub(super) enum Again {
    Skip,
    /// Reported without being read again: the index gives it no finding.
    Clean,
    /// Clean of its own, with a name other files have: read again for PL952's place only.
    Name,
    Check,
}

impl Marks {
    fn push(&mut self, kind: u8, spellings: u64) -> io::Result<()> {
        let out = self.spool.writer()?;
        out.write_all(&[kind])?;
        out.write_all(&spellings.to_le_bytes())?;
        self.count += 1;
        Ok(())
    }

    pub(super) fn skip(&mut self) -> io::Result<()> {
        self.push(SKIP, 0)
    }

    pub(super) fn flag(&mut self) -> io::Result<()> {
        self.push(FLAGGED, 0)
    }

    pub(super) fn add(&mut self, file: &CheckedFile) -> io::Result<()> {
        self.presets += file.presets;
        let kind = match (file.diagnostics.is_empty(), file.presets > 0) {
            (false, _) => FLAGGED,
            (true, true) => CLEAN_PRESETS,
            (true, false) => CLEAN,
        };
        self.push(kind, spelling_bits(&file.elements))
    }

    /// The marks in the order they were made; an input past the end (a walk that found more
    /// the second time) is checked again.
    pub(super) fn read_back(self) -> io::Result<impl Iterator<Item = Mark> + Send> {
        use std::io::Read as _;
        let mut reader = io::BufReader::new(self.spool.into_reader()?);
        Ok(std::iter::from_fn(move || {
            let mut record = [0u8; 9];
            reader.read_exact(&mut record).ok()?;
            let (kind, spellings) = record.split_at(1);
            Some(Mark {
                kind: kind[0],
                spellings: u64::from_le_bytes(spellings.try_into().ok()?),
            })
        })
        .chain(std::iter::repeat(Mark {
            kind: FLAGGED,
            spellings: 0,
        })))
    }
}

impl Mark {
    /// Whether the input is read again.
    pub(super) fn again(self, index: &AcrossIndex, losing: u64, shown: &str) -> Again {
        match self.kind {
            SKIP => Again::Skip,
            FLAGGED => Again::Check,
            kind => {
                let variant = self.spellings & losing != 0;
                let named = kind == CLEAN_PRESETS && index.name_is_shared(shown);
                match (variant, named) {
                    (true, _) => Again::Check,
                    (false, true) => Again::Name,
                    (false, false) => Again::Clean,
                }
            }
        }
    }
}

/// A 64-bit hash set of spellings: a bit each.
fn spelling_bits(elements: &[crate::model::preset::ElementUse]) -> u64 {
    elements
        .iter()
        .fold(0, |bits, e| bits | 1 << (e.spelling % 64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the spool's 1 MiB in memory, the marks go to disk and come back in order.
    #[test]
    fn marks_come_back_in_order_from_disk() {
        let mut marks = Marks::default();
        let n = 200_000u64;
        for i in 0..n {
            marks
                .push((i % 4) as u8, i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .unwrap();
        }
        assert_eq!(marks.count, n as usize);
        let back: Vec<Mark> = marks.read_back().unwrap().take(n as usize + 1).collect();
        for (i, mark) in back.iter().take(n as usize).enumerate() {
            let i = i as u64;
            assert_eq!(
                (mark.kind, mark.spellings),
                ((i % 4) as u8, i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            );
        }
        // Past the end, an input is checked again.
        assert_eq!(back[n as usize].kind, FLAGGED);
    }
}
