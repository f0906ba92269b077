//! CSV records past the article limit, cut out of the stream before the csv
//! reader holds them: it reads a record whole into memory, however large.
//!
//! [`Capped`] reads the file for the csv reader and follows the CSV syntax the
//! reader follows (fields quoted with `"`, a quote doubled inside them, records
//! ended by a line end outside quotes). Once a record passes the limit it passes
//! on nothing more of it, and at its end gives the reader what closes it (a quote
//! where a quoted field is open, then a line end): the reader sees a short record
//! and reads on from the next one. [`Cuts`] tells which records were cut, and
//! where the reader's byte offsets fall in the file, for line numbers.

use std::fs::File;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

/// Where the CSV syntax stands after a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (and of a record).
    FieldStart,
    /// In a field not quoted.
    Bare,
    /// In a quoted field.
    Quoted,
    /// In a quoted field, right after a quote: the end of the quotes, or the
    /// first of a doubled quote.
    QuoteInQuoted,
}

impl State {
    /// The state after `b`, and whether `b` ends a record.
    fn next(self, b: u8) -> (State, bool) {
        match (self, b) {
            (State::Quoted, b'"') => (State::QuoteInQuoted, false),
            (State::Quoted, _) => (State::Quoted, false),
            (State::QuoteInQuoted, b'"') => (State::Quoted, false),
            (State::FieldStart, b'"') => (State::Quoted, false),
            (_, b'\n' | b'\r') => (State::FieldStart, true),
            (_, b',') => (State::FieldStart, false),
            _ => (State::Bare, false),
        }
    }

    /// What closes a record cut in this state: a quoted field is closed first.
    fn closing(self) -> &'static [u8] {
        match self {
            State::Quoted => b"\"\n",
            _ => b"\n",
        }
    }
}

/// The records cut so far, in the reader's byte offsets.
#[derive(Debug, Default)]
pub struct Cuts {
    /// For each cut: where it began and where the reader's bytes go on after
    /// it, and from there how many bytes the file is ahead of the reader.
    cuts: Vec<(u64, u64, u64)>,
}

impl Cuts {
    /// Whether the record the reader read from `start` to `end` was cut.
    pub fn cut_within(&self, start: u64, end: u64) -> bool {
        self.cuts.iter().any(|&(at, _, _)| start <= at && at < end)
    }

    /// The file offset of the reader's offset `at`.
    pub fn in_file(&self, at: u64) -> u64 {
        let k = self.cuts.partition_point(|&(_, resume, _)| resume <= at);
        at + k.checked_sub(1).map_or(0, |k| self.cuts[k].2)
    }
}

/// The file as the csv reader gets it: records past `max` bytes cut.
pub struct Capped {
    file: File,
    max: u64,
    state: State,
    /// Bytes of the record so far.
    record: u64,
    /// The state where the record being passed over was cut.
    cut: Option<State>,
    /// Bytes read from the file and given to the reader.
    read: u64,
    given: u64,
    /// Bytes made ready for the reader, and how many of them it has taken.
    ready: Vec<u8>,
    taken: usize,
    cuts: Arc<Mutex<Cuts>>,
}

impl Capped {
    /// `file`, its records cut past `max` bytes; the cuts are told in the `Cuts`.
    pub fn new(file: File, max: u64) -> (Capped, Arc<Mutex<Cuts>>) {
        let cuts = Arc::new(Mutex::new(Cuts::default()));
        let capped = Capped {
            file,
            max,
            state: State::FieldStart,
            record: 0,
            cut: None,
            read: 0,
            given: 0,
            ready: Vec::new(),
            taken: 0,
            cuts: Arc::clone(&cuts),
        };
        (capped, cuts)
    }

    /// Reads a chunk of the file into `ready`; false at its end.
    fn fill(&mut self) -> std::io::Result<bool> {
        let mut chunk = [0u8; 1 << 16];
        let n = self.file.read(&mut chunk)?;
        self.ready.clear();
        self.taken = 0;
        if n == 0 {
            // A record cut and never ended is closed at the end of the file.
            if let Some(state) = self.cut.take() {
                self.resume(state);
                return Ok(true);
            }
            return Ok(false);
        }
        for &b in &chunk[..n] {
            self.read += 1;
            let (state, ends) = self.state.next(b);
            match self.cut {
                Some(cut_state) => {
                    if ends {
                        self.resume(cut_state);
                    }
                }
                None => {
                    self.ready.push(b);
                    self.given += 1;
                    self.record = if ends { 0 } else { self.record + 1 };
                    if self.record > self.max && state != State::QuoteInQuoted {
                        self.cut = Some(state);
                        let at = self.given;
                        self.lock().cuts.push((at, u64::MAX, 0));
                    }
                }
            }
            self.state = state;
        }
        Ok(true)
    }

    /// Ends a cut record for the reader, and notes where the reader goes on.
    fn resume(&mut self, cut_state: State) {
        self.cut = None;
        self.record = 0;
        let closing = cut_state.closing();
        self.ready.extend_from_slice(closing);
        self.given += closing.len() as u64;
        let (given, read) = (self.given, self.read);
        if let Some(last) = self.lock().cuts.last_mut() {
            last.1 = given;
            last.2 = read.saturating_sub(given);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cuts> {
        self.cuts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Read for Capped {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.taken == self.ready.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.ready.len() - self.taken);
        buf[..n].copy_from_slice(&self.ready[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// `csv` read through [`Capped`] at `max`, and the cuts.
    fn through(csv: &[u8], max: u64) -> (Vec<u8>, Vec<(u64, u64, u64)>) {
        let mut file = tempfile::tempfile().expect("a temporary file");
        file.write_all(csv).expect("written");
        std::io::Seek::rewind(&mut file).expect("rewound");
        let (mut capped, cuts) = Capped::new(file, max);
        let mut out = Vec::new();
        capped.read_to_end(&mut out).expect("read");
        let cuts = cuts.lock().expect("not poisoned").cuts.clone();
        (out, cuts)
    }

    #[test]
    fn records_within_the_limit_pass_as_they_are() {
        let csv = b"id,text\r\n1,\"a, \"\"quoted\"\"\nline\"\n2,b\"c\n";
        assert_eq!(through(csv, 100), (csv.to_vec(), vec![]));
    }

    #[test]
    fn a_long_record_is_cut_and_closed_and_the_next_read() {
        let csv = b"a,b\n1,\"aaaaaaaaaa,\"\"bbbbbbbbb\nccc\"\n2,ok\n";
        let (out, cuts) = through(csv, 6);
        assert_eq!(out, b"a,b\n1,\"aaaa\"\n2,ok\n");
        let line2 = 4;
        assert_eq!(cuts.len(), 1);
        let (at, resume, _) = cuts[0];
        assert_eq!(at, line2 + 7);
        assert_eq!(resume, line2 + 9);
        // The next record starts at the same place in the file as "2,ok".
        let file_at = csv.windows(4).position(|w| w == b"2,ok").expect("there") as u64;
        let c = Cuts { cuts };
        assert_eq!(c.in_file(resume), file_at);
        assert_eq!(c.in_file(3), 3);
        assert!(c.cut_within(line2, resume));
        assert!(!c.cut_within(resume, resume + 5));
    }

    #[test]
    fn a_bare_record_is_cut_and_one_cut_at_the_end_closed() {
        let (out, _) = through(b"a,b\nxxxxxxxxxxxx\nyy\n", 4);
        assert_eq!(out, b"a,b\nxxxxx\nyy\n");
        let (out, cuts) = through(b"a,b\n\"xxxxxxxxxxxx", 4);
        assert_eq!(out, b"a,b\n\"xxxx\"\n");
        assert_eq!(cuts.len(), 1);
    }
}
