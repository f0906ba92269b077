//! CSV files with a header row: one article per row, streamed row by row.
//!
//! The columns are those of JSON Lines (`id`, `text`, `title`, `url`, `source`,
//! `lang`, `published`), matched by name in any order and case; only `text` is
//! required. A row whose field count differs from the header's is reported.

use super::{describe_io, stem_id, InputError, Item, Record};
use csv::{ByteRecord, Reader, ReaderBuilder};
use std::fs::File;
use std::path::PathBuf;

const COLUMNS: [&str; 7] = ["id", "text", "title", "url", "source", "lang", "published"];

struct Rows {
    path: PathBuf,
    stem: String,
    reader: Option<Reader<File>>,
    /// Index of each of [`COLUMNS`] in the header, when present.
    columns: [Option<usize>; 7],
    width: usize,
    record: ByteRecord,
    /// Rows seen: a file without any is reported, not passed over.
    rows: usize,
}

pub(super) fn read(path: PathBuf) -> Box<dyn Iterator<Item = Item>> {
    let name = path.display().to_string();
    let fail = |reason: String| -> Box<dyn Iterator<Item = Item>> {
        Box::new(std::iter::once(Item::Error(InputError::new(
            name.clone(),
            reason,
        ))))
    };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => return fail(describe_io(&e)),
    };
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
    Box::new(Rows {
        stem: stem_id(&path),
        path,
        reader: Some(reader),
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
        let line = reader.position().line() as usize;
        let at = format!("{}:{}", self.path.display(), line);
        match reader.read_byte_record(&mut self.record) {
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
                Some(self.row(line, at))
            }
            Err(e) => {
                self.rows += 1;
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                if fatal {
                    self.reader = None;
                }
                Some(Item::Error(InputError::new(
                    at,
                    format!("malformed CSV: {e}"),
                )))
            }
        }
    }
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
