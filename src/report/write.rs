//! Writing CSV rows into a report file: the header taken from the row type, the file
//! written to a temporary name and renamed into place.

use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes `name` in `dir` through a temporary file renamed into place; on failure
/// the temporary file is removed and `name` is left as it was.
pub(super) fn write_atomic(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let path = dir.join(name);
    let at = |source: std::io::Error| Error::Write {
        path: path.clone(),
        source,
    };
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut out = BufWriter::new(File::create(&tmp).map_err(at)?);
    let written = fill(&mut out)
        .map_err(|e| match e {
            Error::Io(e) => at(e),
            Error::Csv(e) if e.is_io_error() => at(e.into()),
            Error::Json(e) if e.is_io() => at(e.into()),
            other => other,
        })
        .and_then(|()| {
            out.into_inner()
                .map_err(|e| at(e.into_error()))?
                .sync_all()
                .map_err(at)?;
            std::fs::rename(&tmp, &path).map_err(at)
        });
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The header of rows of type `R`: the names of its fields (of the fields of each
/// struct in turn, for a tuple of structs), as csv writes them before a first row.
///
/// csv names the columns only when it serializes a row, so the header comes from a
/// default row written with its header and read back: a report with no rows still
/// gets its columns, and they are the ones a row of the type fills.
pub fn header<R: Serialize + Default>() -> Result<csv::ByteRecord> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.serialize(R::default())?;
    let written = w.into_inner().map_err(|e| e.into_error())?;
    let mut header = csv::ByteRecord::new();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(written.as_slice())
        .read_byte_record(&mut header)?;
    Ok(header)
}

/// A CSV writer that leaves the header to [`header`].
fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out)
}

/// Writes `rows` as `name` in `dir`, under the header of their type.
pub fn write_csv<R: Serialize + Default>(
    dir: &Path,
    name: &str,
    rows: impl Iterator<Item = R>,
) -> Result<()> {
    write_atomic(dir, name, |out| write_rows(out, rows))
}

/// Writes the header of `R`, then `rows`, to `out`.
pub fn write_rows<R: Serialize + Default>(
    out: impl Write,
    rows: impl Iterator<Item = R>,
) -> Result<()> {
    let mut w = writer(out);
    w.write_byte_record(&header::<R>()?)?;
    for row in rows {
        w.serialize(row)?;
    }
    w.flush()?;
    Ok(())
}

/// Items whose rows one task formats.
const ITEMS_PER_PART: usize = 1024;
/// Parts formatted at once, per thread: enough to keep every thread busy while
/// the formatted parts held at a time stay a few megabytes.
const PARTS_PER_THREAD: usize = 4;

/// [`write_csv`] of the rows of items `0..count` (`rows_of(i)` gives item `i`'s, any
/// number): the items are formatted in parts side by side, a window of parts at a
/// time, and the parts written in order, so the file holds the same bytes as one
/// formatted row after row (a CSV record does not depend on the records before).
pub(super) fn write_csv_parts<R: Serialize + Default, I: Iterator<Item = R>>(
    dir: &Path,
    name: &str,
    count: usize,
    rows_of: impl Fn(usize) -> I + Sync,
) -> Result<()> {
    let format = |items: std::ops::Range<usize>| -> Result<Vec<u8>> {
        let mut w = writer(Vec::new());
        for row in items.flat_map(&rows_of) {
            w.serialize(row)?;
        }
        Ok(w.into_inner().map_err(|e| e.into_error())?)
    };
    write_atomic(dir, name, |out| {
        write_rows(&mut *out, std::iter::empty::<R>())?;
        let window = ITEMS_PER_PART * PARTS_PER_THREAD * rayon::current_num_threads();
        for start in (0..count).step_by(window) {
            let end = (start + window).min(count);
            let parts: Vec<Result<Vec<u8>>> = (start..end)
                .into_par_iter()
                .step_by(ITEMS_PER_PART)
                .map(|first| format(first..(first + ITEMS_PER_PART).min(end)))
                .collect();
            for part in parts {
                out.write_all(&part?)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_neither_the_report_nor_its_temporary_file() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(dir.path().join("old.csv"), "kept\n").expect("writes");
        let failed = write_atomic(dir.path(), "old.csv", |w| {
            w.write_all(b"half a report")?;
            Err(std::io::Error::other("disk full").into())
        });
        assert!(
            matches!(&failed, Err(Error::Write { path, .. }) if path.ends_with("old.csv")),
            "{failed:?}"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["old.csv"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("old.csv")).expect("reads"),
            "kept\n"
        );
    }

    #[derive(Serialize, Default)]
    struct Row {
        item: usize,
        text: String,
    }

    #[derive(Serialize, Default)]
    struct Place<'a> {
        doc: &'a str,
        start: Option<usize>,
    }

    /// Item `i`'s rows: none, one or two, some needing quotes.
    fn rows_of(i: usize) -> impl Iterator<Item = Row> {
        (0..i % 3).map(move |k| Row {
            item: i,
            text: if k == 1 {
                format!("\"{i}\", again")
            } else {
                i.to_string()
            },
        })
    }

    fn written<R: Serialize + Default>(rows: Vec<R>) -> String {
        let mut out = Vec::new();
        write_rows(&mut out, rows.into_iter()).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_header_names_the_fields_in_order_even_with_no_rows() {
        assert_eq!(written(Vec::<Row>::new()), "item,text\n");
        // A tuple of structs: the fields of one, then of the other.
        assert_eq!(written(Vec::<(Place, Row)>::new()), "doc,start,item,text\n");
    }

    #[test]
    fn the_header_is_the_one_csv_writes_before_a_first_row() {
        let row = || {
            (
                Place {
                    doc: "a,b",
                    start: Some(3),
                },
                Row {
                    item: 7,
                    text: "x\ny".into(),
                },
            )
        };
        let mut by_csv = csv::Writer::from_writer(Vec::new());
        by_csv.serialize(row()).expect("serialized");
        let by_csv = String::from_utf8(by_csv.into_inner().expect("flushed")).expect("UTF-8");
        assert_eq!(written(vec![row()]), by_csv);
        assert_eq!(by_csv, "doc,start,item,text\n\"a,b\",3,7,\"x\ny\"\n");
    }

    #[test]
    fn parts_formatted_side_by_side_make_the_bytes_of_one_pass() {
        let dir = tempfile::tempdir().expect("temporary directory");
        // More items than one window of parts, ending inside a part.
        let count = ITEMS_PER_PART * PARTS_PER_THREAD * rayon::current_num_threads() * 2 + 77;
        write_csv(dir.path(), "one.csv", (0..count).flat_map(rows_of))
            .expect("written in one pass");
        write_csv_parts(dir.path(), "parts.csv", count, rows_of).expect("written in parts");
        let read = |name: &str| std::fs::read(dir.path().join(name)).expect("read back");
        let one = read("one.csv");
        assert!(one.len() > 100_000);
        assert!(one.starts_with(b"item,text\n"));
        assert_eq!(read("parts.csv"), one);
    }
}
