//! Bytes kept in order until they are read back once: in memory up to a mebibyte, then in an
//! anonymous temporary file.

use std::io::{self, Read, Seek, Write};

/// Bytes that must wait (the part of a report that comes after the run's counts, what a first
/// pass keeps for the next): in memory while they are small, then in an anonymous temporary
/// file, so a run of any size keeps at most a mebibyte of them in memory.
#[derive(Default)]
pub struct Spool {
    memory: Vec<u8>,
    file: Option<io::BufWriter<std::fs::File>>,
}

impl Spool {
    /// How much stays in memory before the rest goes to disk.
    #[cfg(feature = "native")]
    const IN_MEMORY: usize = 1 << 20;

    pub fn new() -> Spool {
        Spool::default()
    }

    /// Where the part goes next. Without the `native` feature (the playground: one preset, no
    /// disk) it all stays in memory.
    pub fn writer(&mut self) -> io::Result<&mut dyn Write> {
        #[cfg(feature = "native")]
        if self.file.is_none() && self.memory.len() > Spool::IN_MEMORY {
            let mut file = io::BufWriter::new(tempfile::tempfile()?);
            file.write_all(&std::mem::take(&mut self.memory))?;
            self.file = Some(file);
        }
        Ok(match &mut self.file {
            Some(file) => file,
            None => &mut self.memory,
        })
    }

    /// What was kept, to read once, in order.
    pub fn into_reader(mut self) -> io::Result<Box<dyn Read + Send>> {
        let memory = io::Cursor::new(std::mem::take(&mut self.memory));
        let Some(file) = self.file.take() else {
            return Ok(Box::new(memory));
        };
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(Box::new(memory.chain(file)))
    }

    /// Copies what was kept to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&std::mem::take(&mut self.memory))?;
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        io::copy(&mut file, out)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spool_gives_back_what_it_kept() {
        let mut spool = Spool::new();
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert!(out.is_empty());
        write!(spool.writer().unwrap(), "a").unwrap();
        write!(spool.writer().unwrap(), "b").unwrap();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"ab");
        // Past what stays in memory, on disk, and given back in order.
        let big = vec![b'x'; Spool::IN_MEMORY + 1];
        spool.writer().unwrap().write_all(&big).unwrap();
        write!(spool.writer().unwrap(), "y").unwrap();
        assert!(spool.file.is_some());
        assert!(spool.memory.is_empty());
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out.len(), Spool::IN_MEMORY + 2);
        assert!(out.ends_with(b"xy"));
    }
}
