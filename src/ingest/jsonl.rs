//! JSON Lines: one article per line, streamed line by line, from a plain or a
//! compressed file (see `codec`) or standard input.
//!
//! Fields: `id` (string or number), `text` (required), and optionally `title`,
//! `url`, `source`, `lang`, `published`; other fields are ignored. A record without
//! an id is named `STEM:LINE` after its file and line. Blank lines are skipped.

use super::{describe_io, stem_id, Codec, InputError, Item, JsonLines, Limits, Record};
use serde::Deserialize;
use std::fs::File;
use std::io::BufRead;
use std::path::PathBuf;

/// A scalar JSON value, accepted wherever a string is expected.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Str(String),
    Int(i64),
    Uint(u64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Str(s) => s,
            Scalar::Int(n) => n.to_string(),
            Scalar::Uint(n) => n.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct Line {
    /// As written: a number's id is its text (`1.0` is not `1`, and a number past
    /// 64 bits keeps its digits).
    id: Option<Box<serde_json::value::RawValue>>,
    text: Option<String>,
    title: Option<Scalar>,
    url: Option<Scalar>,
    source: Option<Scalar>,
    lang: Option<Scalar>,
    published: Option<Scalar>,
}

struct Lines {
    lines: JsonLines,
    stem: String,
    /// Records seen: a file without any is reported, not passed over.
    records: usize,
    /// The end was met (and an empty file reported).
    ended: bool,
}

pub(super) fn read(path: PathBuf, codec: Codec, limits: Limits) -> Box<dyn Iterator<Item = Item>> {
    match File::open(&path).and_then(|file| codec.open(file, limits.compression_ratio)) {
        Err(e) => Box::new(std::iter::once(Item::Error(InputError::new(
            path.display().to_string(),
            describe_io(&e),
        )))),
        Ok(reader) => from_reader(path.display().to_string(), stem_id(&path), reader, limits),
    }
}

/// JSON Lines from standard input, named `-` in messages (`stdin:LINE` ids).
pub(super) fn read_stdin(limits: Limits) -> Box<dyn Iterator<Item = Item>> {
    from_reader(
        "-".into(),
        "stdin".into(),
        Box::new(std::io::stdin().lock()),
        limits,
    )
}

fn from_reader(
    name: String,
    stem: String,
    reader: Box<dyn BufRead>,
    limits: Limits,
) -> Box<dyn Iterator<Item = Item>> {
    Box::new(Lines {
        lines: JsonLines::new(name, reader).with_limits(limits),
        stem,
        records: 0,
        ended: false,
    })
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let Some(line) = self.lines.next_line() else {
            let empty = self.records == 0 && !self.ended;
            self.ended = true;
            return empty.then(|| {
                Item::Error(InputError::new(
                    self.lines.name(),
                    "no articles: the file has no records",
                ))
            });
        };
        // A line that is not UTF-8 counts as a record; so does a failed read, which
        // ends the file (and has been reported).
        self.records += 1;
        Some(match line {
            Ok(line) => parse(line.text, &self.stem, line.number, line.at),
            Err(e) => Item::Error(e),
        })
    }
}

/// The article on line `line_number` (at `at`) of a file with stem `stem`.
fn parse(text: &str, stem: &str, line_number: usize, at: String) -> Item {
    let line: Line = match serde_json::from_str(text) {
        Ok(line) => line,
        Err(e) => return Item::Error(InputError::new(at, format!("invalid JSON: {e}"))),
    };
    let Some(body) = line.text else {
        return Item::Error(InputError::new(at, "missing field `text`"));
    };
    let s = |v: Option<Scalar>| v.map(Scalar::into_string).unwrap_or_default();
    let id = match line.id.as_deref().map(|v| v.get().trim()) {
        None | Some("null") => None,
        Some(raw) if raw.starts_with('"') => serde_json::from_str::<String>(raw).ok(),
        Some(raw) if raw.starts_with(['{', '[']) => {
            return Item::Error(InputError::new(at, "`id` must be a string or a number"));
        }
        Some(raw) => Some(raw.to_string()),
    };
    Record {
        id,
        text: body,
        title: s(line.title),
        url: s(line.url),
        source: s(line.source),
        lang: s(line.lang),
        published: s(line.published),
    }
    .into_item(stem, line_number, at)
}
