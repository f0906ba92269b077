//! The lines of a JSON Lines input, whatever its records hold: read one at a time
//! from a plain or compressed file or standard input, each with its place
//! `NAME:LINE`, blank lines skipped, a line that is not UTF-8 reported as such.
//! Articles (`jsonl`) and the pairs of `dupdrift pairs` are read through it.

use super::codec::MAX_RATIO;
use super::{describe_io, Codec, InputError, Limits};
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
    limits: Limits,
    /// Bytes read so far, decompressed.
    read: u64,
}

/// How reading one line ended.
enum Read {
    /// The end of the input: nothing more.
    End,
    /// A line, whole in the buffer.
    Line,
    /// A line longer than the limit: the rest of it was passed over.
    Long(u64),
    /// The input went past its limit of bytes.
    Over,
}

impl JsonLines {
    /// Lines from `reader`, named `name` in places and errors.
    pub fn new(name: String, reader: Box<dyn BufRead>) -> Self {
        JsonLines {
            name,
            reader: Some(reader),
            line: 0,
            buf: Vec::new(),
            limits: Limits::default(),
            read: 0,
        }
    }

    /// These lines under `limits`: a longer line is an error (and passed over), an
    /// input larger is an error that ends it.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Reads the next line into `buf`, holding at most the article limit of it.
    fn read_line(&mut self, reader: &mut dyn BufRead) -> std::io::Result<Read> {
        let max = self.limits.article_bytes as usize;
        let mut length = 0u64;
        loop {
            let available = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if length == 0 {
                // Empty lines before this one, passed over in one step each buffer
                // (2 GB of them took half a minute a line at a time).
                let empty = available.iter().take_while(|&&b| b == b'\n').count();
                if empty > 0 {
                    reader.consume(empty);
                    self.line += empty;
                    self.read += empty as u64;
                    if self.read > self.limits.input_bytes {
                        return Ok(Read::Over);
                    }
                    continue;
                }
            }
            if available.is_empty() {
                return Ok(match length {
                    0 => Read::End,
                    n if n > max as u64 => Read::Long(n),
                    _ => Read::Line,
                });
            }
            let (chunk, ends) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let room = max.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let n = chunk.len();
            reader.consume(n);
            length += n as u64;
            self.read += n as u64;
            if self.read > self.limits.input_bytes {
                return Ok(Read::Over);
            }
            if ends {
                return Ok(if length > max as u64 {
                    Read::Long(length)
                } else {
                    Read::Line
                });
            }
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
        Ok(JsonLines::new(
            name,
            codec.open(File::open(path)?, MAX_RATIO)?,
        ))
    }

    /// The name of the input, as in places.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next line that is not blank; `None` at the end. A line that is not UTF-8 is an
    /// error, and so is a failed read, which ends the input.
    pub fn next_line(&mut self) -> Option<Result<Line<'_>, InputError>> {
        let (at, start, end) = loop {
            let mut reader = self.reader.take()?;
            self.buf.clear();
            self.line += 1;
            let read = self.read_line(&mut *reader);
            let at = || format!("{}:{}", self.name, self.line);
            match read {
                Ok(Read::End) => return None,
                Ok(Read::Line) => {}
                Ok(Read::Long(n)) => {
                    self.reader = Some(reader);
                    let reason = format!(
                        "a line of {} MB, more than the limit of {} MB for one article \
                         (--max-article-mb): skipped",
                        n.div_ceil(1 << 20),
                        self.limits.article_bytes >> 20
                    );
                    return Some(Err(InputError::new(at(), reason)));
                }
                Ok(Read::Over) => {
                    let reason = format!(
                        "the input holds more than the limit of {} GB (--max-input-gb): \
                         the rest is not read",
                        self.limits.input_bytes >> 30
                    );
                    return Some(Err(InputError::new(at(), reason)));
                }
                Err(e) => return Some(Err(InputError::new(at(), describe_io(&e)))),
            }
            if self.line == 1
                && (self.buf.starts_with(b"\xff\xfe") || self.buf.starts_with(b"\xfe\xff"))
            {
                // Every line would be invalid UTF-8: one error says why.
                return Some(Err(InputError::new(at(), super::UTF16)));
            }
            self.reader = Some(reader);
            let Ok(text) = std::str::from_utf8(&self.buf) else {
                return Some(Err(InputError::new(at(), "invalid UTF-8")));
            };
            let rest = text.trim_start_matches('\u{FEFF}').trim_start();
            if !rest.is_empty() {
                break (at(), text.len() - rest.len(), text.trim_end().len());
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

    fn limited(input: &'static [u8], article: u64, total: u64) -> Vec<Result<String, String>> {
        let limits = Limits {
            article_bytes: article,
            input_bytes: total,
            ..Limits::default()
        };
        let mut lines = JsonLines::new("in".into(), Box::new(input)).with_limits(limits);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line() {
            out.push(
                line.map(|l| l.text.to_string())
                    .map_err(|e| format!("{}: {}", e.input, e.reason)),
            );
        }
        out
    }

    #[test]
    fn a_line_past_the_limit_is_an_error_and_the_next_is_read() {
        let got = limited(b"{\"a\": 1}\n0123456789012345\n{\"c\": 3}", 12, 1 << 20);
        assert_eq!(got[0], Ok("{\"a\": 1}".into()));
        let err = got[1].as_ref().unwrap_err();
        assert!(err.starts_with("in:2: a line of 1 MB"), "{err}");
        assert_eq!(got[2], Ok("{\"c\": 3}".into()));
        assert_eq!(got.len(), 3);
        // The last line without its newline, too long.
        let got = limited(b"{}\n0123456789012345", 12, 1 << 20);
        assert!(got[1]
            .as_ref()
            .is_err_and(|e| e.starts_with("in:2: a line")));
    }

    #[test]
    fn an_input_past_its_limit_ends_with_an_error() {
        let got = limited(b"{\"a\": 1}\n{\"b\": 2}\n{\"c\": 3}\n", 100, 20);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1], Ok("{\"b\": 2}".into()));
        assert!(got[2]
            .as_ref()
            .is_err_and(|e| e.contains("more than the limit")));
    }
}
