//! CSV files with a header row: one article per row, streamed row by row.
//!
//! The columns are those of JSON Lines (`id`, `text`, `title`, `url`, `source`,
//! `lang`, `published`), matched by name in any order and case; only `text` is
//! required. A row whose field count differs from the header's is reported, and
//! so is a record larger than an article may be, cut before the csv reader
//! holds it ([`super::oversize`]).

use super::oversize::{Capped, Cuts};
use super::{describe_io, stem_id, InputError, Item, Limits, Record};
use csv::{ByteRecord, Reader, ReaderBuilder};
use std::fs::File;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

const COLUMNS: [&str; 7] = ["id", "text", "title", "url", "source", "lang", "published"];

struct Rows {
    path: PathBuf,
    stem: String,
    reader: Option<Reader<Capped>>,
    /// The records the reader was given cut, and where its offsets are in the file.
    cuts: Arc<Mutex<Cuts>>,
    /// The article limit, for the message of a record cut.
    max: u64,
    /// Index of each of [`COLUMNS`] in the header, when present.
    columns: [Option<usize>; 7],
    width: usize,
    record: ByteRecord,
    /// Rows seen: a file without any is reported, not passed over.
    rows: usize,
    lines: LineCounter,
    /// The file's size: a record that reaches it may hold an open quote.
    bytes: u64,
}

/// Line numbers of byte offsets, counted on a second handle of the file as the
/// reader moves forward (the csv crate's own count is off after CRLF line ends).
struct LineCounter {
    file: Option<std::io::BufReader<File>>,
    byte: u64,
    line: usize,
}

impl LineCounter {
    fn new(path: &std::path::Path) -> Self {
        LineCounter {
            file: File::open(path).ok().map(std::io::BufReader::new),
            byte: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`; offsets must not decrease between calls.
    fn line_at(&mut self, offset: u64) -> usize {
        use std::io::BufRead;
        while self.byte < offset {
            let Some(file) = self.file.as_mut() else {
                break;
            };
            let Ok(buf) = file.fill_buf() else { break };
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((offset - self.byte) as usize);
            self.line += buf[..take].iter().filter(|&&b| b == b'\n').count();
            file.consume(take);
            self.byte += take as u64;
        }
        // After a CRLF the reader may place a record at its `\n`: a record never
        // starts with a line end, so step over them.
        while let Some(file) = self.file.as_mut() {
            match file.fill_buf() {
                Ok([b'\n', ..]) => self.line += 1,
                Ok([b'\r', ..]) => {}
                _ => break,
            }
            file.consume(1);
            self.byte += 1;
        }
        self.line
    }
}

pub(super) fn read(path: PathBuf, limits: Limits) -> Box<dyn Iterator<Item = Item>> {
    let name = path.display().to_string();
    let fail = |reason: String| -> Box<dyn Iterator<Item = Item>> {
        Box::new(std::iter::once(Item::Error(InputError::new(
            name.clone(),
            reason,
        ))))
    };
    let mut file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => return fail(describe_io(&e)),
    };
    let mut bom = [0u8; 2];
    if std::io::Read::read_exact(&mut file, &mut bom).is_ok()
        && matches!(bom, [0xff, 0xfe] | [0xfe, 0xff])
    {
        return fail(super::UTF16.into());
    }
    if let Err(e) = std::io::Seek::rewind(&mut file) {
        return fail(describe_io(&e));
    }
    let (file, cuts) = Capped::new(file, limits.article_bytes);
    let mut reader = ReaderBuilder::new().flexible(true).from_reader(file);
    let headers = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => return fail(format!("cannot read the CSV header: {e}")),
    };
    let names: Vec<String> = headers
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{FEFF}')
                .to_lowercase()
        })
        .collect();
    let columns = COLUMNS.map(|c| names.iter().position(|n| n == c));
    if columns[1].is_none() {
        return fail(format!(
            "no `text` column in the CSV header (found: {})",
            names.join(", ")
        ));
    }
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    Box::new(Rows {
        bytes,
        stem: stem_id(&path),
        lines: LineCounter::new(&path),
        path,
        reader: Some(reader),
        cuts,
        max: limits.article_bytes,
        columns,
        width: headers.len(),
        record: ByteRecord::new(),
        rows: 0,
    })
}

impl Iterator for Rows {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let reader = self.reader.as_mut()?;
        let result = reader.read_byte_record(&mut self.record);
        // Where the record starts (after a read error: where reading stopped) and
        // ends, as the reader counts, and where it starts in the file.
        let end = reader.position().byte();
        let start = match (&result, self.record.position()) {
            (Ok(true), Some(p)) => p.byte(),
            _ => end,
        };
        let (cut, start, end) = {
            let cuts = self.cuts.lock().unwrap_or_else(PoisonError::into_inner);
            (
                cuts.cut_within(start, end),
                cuts.in_file(start),
                cuts.in_file(end),
            )
        };
        let line = self.lines.line_at(start);
        let at = format!("{}:{}", self.path.display(), line);
        match result {
            Ok(false) => {
                self.reader = None;
                (self.rows == 0).then(|| {
                    let name = self.path.display().to_string();
                    Item::Error(InputError::new(
                        name,
                        "no articles: the file has a header but no rows",
                    ))
                })
            }
            Ok(true) => {
                self.rows += 1;
                if cut {
                    let reason = format!(
                        "a record of more than {} MB, the limit for one article \
                         (--max-article-mb): skipped",
                        self.max >> 20
                    );
                    return Some(Item::Error(InputError::new(at, reason)));
                }
                // A quote never closed takes the rest of the file into one field:
                // the rows after it would be lost without a word.
                if end >= self.bytes && open_quote_at_end(&self.path, start) {
                    return Some(Item::Error(InputError::new(
                        at,
                        "malformed CSV: a quoted field opened here is never closed \
                         (the rest of the file would be read into it)",
                    )));
                }
                Some(self.row(line, at))
            }
            Err(e) => {
                self.rows += 1;
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                if fatal {
                    self.reader = None;
                }
                let reason = match e.kind() {
                    csv::ErrorKind::Io(io) => describe_io(io),
                    _ => format!("malformed CSV: {e}"),
                };
                Some(Item::Error(InputError::new(at, reason)))
            }
        }
    }
}

/// Whether the CSV text of `path` from byte `start` (where a record begins) to
/// its end leaves a quoted field open.
fn open_quote_at_end(path: &std::path::Path, start: u64) -> bool {
    use std::io::{Read, Seek};
    let mut tail = Vec::new();
    let read = File::open(path).and_then(|mut f| {
        f.seek(std::io::SeekFrom::Start(start))?;
        f.read_to_end(&mut tail)
    });
    read.is_ok() && opens_quote(&tail)
}

/// Whether `csv` ends inside a quoted field: a field that starts with `"` and
/// is not closed by a `"` that is not doubled.
fn opens_quote(csv: &[u8]) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = csv.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match b {
            b'"' if field_start => quoted = true,
            b',' | b'\n' | b'\r' => {
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    quoted
}

impl Rows {
    fn row(&self, line: usize, at: String) -> Item {
        if self.record.len() != self.width {
            return Item::Error(InputError::new(
                at,
                format!(
                    "expected {} fields as in the header, found {}",
                    self.width,
                    self.record.len()
                ),
            ));
        }
        let mut fields: [String; 7] = Default::default();
        for (k, col) in self.columns.iter().enumerate() {
            let Some(bytes) = col.and_then(|c| self.record.get(c)) else {
                continue;
            };
            match std::str::from_utf8(bytes) {
                Ok(s) => fields[k] = s.to_string(),
                Err(_) => {
                    let reason = format!("invalid UTF-8 in column `{}`", COLUMNS[k]);
                    return Item::Error(InputError::new(at, reason));
                }
            }
        }
        let [id, text, title, url, source, lang, published] = fields;
        let id = self.columns[0].map(|_| id);
        Record {
            id,
            text,
            title,
            url,
            source,
            lang,
            published,
        }
        .into_item(&self.stem, line, at)
    }
}

#[cfg(test)]
mod tests {
    use super::opens_quote;

    #[test]
    fn an_open_quote_is_told_from_quotes_inside_fields() {
        assert!(opens_quote(b"a,\"hello\nb,world\n"));
        assert!(opens_quote(b"a,\"she said \"\"no\"\"\n"));
        assert!(!opens_quote(b"a,\"hello\"\n"));
        assert!(!opens_quote(b"a,\"say \"\"hi\"\"\",c\n"));
        assert!(!opens_quote(b"x,a 5\" screen\n"));
        assert!(!opens_quote(b"x,\"two\nlines\"\r\n"));
    }
}
