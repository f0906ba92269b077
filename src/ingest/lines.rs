//! The lines of a JSON Lines input, whatever its records hold: read one at a time
//! from a plain or compressed file or standard input, each with its place
//! `NAME:LINE`, blank lines skipped, a line that is not UTF-8 reported as such.
//! Articles (`jsonl`) and the pairs of `dupdrift pairs` are read through it.

use super::{describe_io, Codec, InputError};
use std::fs::File;
use std::io::BufRead;
use std::path::Path;

/// A line of a JSON Lines input that is not blank.
#[derive(Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// Where it is: `NAME:LINE`.
    pub at: String,
    /// Its number in the input, from 1.
    pub number: usize,
    /// The line, trimmed of white space and a byte-order mark.
    pub text: &'a str,
}

/// A JSON Lines input read line by line.
pub struct JsonLines {
    name: String,
    /// `None` once the input is read to its end or failed.
    reader: Option<Box<dyn BufRead>>,
    line: usize,
    buf: Vec<u8>,
}

impl JsonLines {
    /// Lines from `reader`, named `name` in places and errors.
    pub fn new(name: String, reader: Box<dyn BufRead>) -> Self {
        JsonLines {
            name,
            reader: Some(reader),
            line: 0,
            buf: Vec::new(),
        }
    }

    /// Opens `path`, decompressed by its extension (see [`Codec`]); `-` is standard
    /// input, named `-`.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let name = path.display().to_string();
        if path == Path::new("-") {
            return Ok(JsonLines::new(name, Box::new(std::io::stdin().lock())));
        }
        let (codec, _) = Codec::of(&name);
        Ok(JsonLines::new(name, codec.open(File::open(path)?)?))
    }

    /// The name of the input, as in places.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next line that is not blank; `None` at the end. A line that is not UTF-8 is an
    /// error, and so is a failed read, which ends the input.
    pub fn next_line(&mut self) -> Option<Result<Line<'_>, InputError>> {
        let (at, start, end) = loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            self.line += 1;
            let at = format!("{}:{}", self.name, self.line);
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.reader = None;
                    return Some(Err(InputError::new(at, describe_io(&e))));
                }
            }
            let Ok(text) = std::str::from_utf8(&self.buf) else {
                return Some(Err(InputError::new(at, "invalid UTF-8")));
            };
            let rest = text.trim_start_matches('\u{FEFF}').trim_start();
            if !rest.is_empty() {
                break (at, text.len() - rest.len(), text.trim_end().len());
            }
        };
        // Taken again outside the loop, which cannot return a borrow of `buf`.
        let text = std::str::from_utf8(&self.buf[start..end]).expect("checked above");
        Some(Ok(Line {
            at,
            number: self.line,
            text,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &'static [u8]) -> Vec<Result<(String, usize, String), InputError>> {
        let mut lines = JsonLines::new("in".into(), Box::new(input));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line() {
            out.push(line.map(|l| (l.at, l.number, l.text.to_string())));
        }
        out
    }

    #[test]
    fn blank_lines_are_skipped_and_each_line_keeps_its_number() {
        let got = all(b"\xEF\xBB\xBF{\"a\": 1}\r\n\n   \n {\"b\": 2} \n\xFF\n{\"c\": 3}");
        assert_eq!(
            got,
            [
                Ok(("in:1".into(), 1, "{\"a\": 1}".into())),
                Ok(("in:4".into(), 4, "{\"b\": 2}".into())),
                Err(InputError::new("in:5", "invalid UTF-8")),
                Ok(("in:6".into(), 6, "{\"c\": 3}".into())),
            ]
        );
        assert!(all(b"\n\n").is_empty());
    }
}
