//! Report rows one at a time, as CSV text, for a caller that gathers and orders
//! the rows itself: the Spark job of `py/` formats each row where it is made and
//! sorts the lines by the keys `scan` sorts by, so its reports are `scan`'s bytes.

use super::header;
use super::rows::{ratio, ErrorRow, GroupRow, NearDuplicateRow};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::ingest::InputError;
use crate::neardup::verify::Overlap;
use serde::Serialize;

/// The header line of report `name` ([`super::DOCUMENTS`], [`super::PAIRS`],
/// [`super::GROUPS`] or [`super::ERRORS`]), with its line end.
pub fn header_line(name: &str) -> Result<String> {
    let record = match name {
        super::DOCUMENTS => header::<crate::document::Summary>()?,
        super::PAIRS => header::<NearDuplicateRow>()?,
        super::GROUPS => header::<GroupRow>()?,
        super::ERRORS => header::<ErrorRow>()?,
        _ => {
            return Err(Error::InvalidParameter {
                name: "report",
                reason: format!("no rows of {name:?} are formatted one at a time"),
            })
        }
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_byte_record(&record)?;
    finish(w)
}

/// `doc`'s row of `documents.csv`.
pub fn document_line(doc: &Document) -> Result<String> {
    line(doc.summary())
}

/// The row of `pairs.csv` of articles `x` and `y` (ids), `overlap` seen from `x`:
/// the smaller id first, as `scan` orients a pair. Gives the two ids in that order
/// with the line.
pub fn pair_line<'a>(
    x: &'a str,
    y: &'a str,
    estimate: f64,
    overlap: Overlap,
) -> Result<(&'a str, &'a str, String)> {
    let (a, b, o) = if x <= y {
        (x, y, overlap)
    } else {
        let o = Overlap {
            shared: overlap.shared,
            len_a: overlap.len_b,
            len_b: overlap.len_a,
        };
        (y, x, o)
    };
    let row = NearDuplicateRow {
        doc_a: a,
        doc_b: b,
        jaccard_estimate: ratio(estimate),
        jaccard: ratio(o.jaccard()),
        containment_a: ratio(o.containment_a()),
        containment_b: ratio(o.containment_b()),
        shared_shingles: o.shared,
    };
    Ok((a, b, line(row)?))
}

/// A row of `groups.csv`: member `doc_id` of group `group_id` (numbered from 1)
/// of `size` articles.
pub fn group_line(group_id: usize, doc_id: &str, size: usize) -> Result<String> {
    line(GroupRow {
        group_id,
        doc_id,
        size,
    })
}

/// A row of `errors.csv`.
pub fn error_line(error: &InputError) -> Result<String> {
    line(ErrorRow::from(error))
}

fn line(row: impl Serialize) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.serialize(row)?;
    finish(w)
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    // Every field written was a str or a number.
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{write_rows, PAIRS};

    #[test]
    fn a_pair_line_is_the_row_scan_writes_oriented_by_id() {
        let o = Overlap {
            shared: 3,
            len_a: 4,
            len_b: 6,
        };
        let (a, b, got) = pair_line("zeta", "al,pha", 0.5, o).expect("line");
        assert_eq!((a, b), ("al,pha", "zeta"));
        assert_eq!(
            got,
            "\"al,pha\",zeta,0.500000,0.428571,0.500000,0.750000,3\n"
        );
        let mut whole = Vec::new();
        let row = NearDuplicateRow {
            doc_a: "al,pha",
            doc_b: "zeta",
            jaccard_estimate: ratio(0.5),
            jaccard: ratio(3.0 / 7.0),
            containment_a: ratio(0.5),
            containment_b: ratio(0.75),
            shared_shingles: 3,
        };
        write_rows(&mut whole, std::iter::once(row)).expect("written");
        let header = header_line(PAIRS).expect("header");
        assert_eq!(String::from_utf8(whole).expect("UTF-8"), header + &got);
    }

    #[test]
    fn only_the_reports_of_single_rows_have_a_header_here() {
        assert!(header_line(crate::report::DRIFT).is_err());
        assert!(header_line(crate::report::GROUPS)
            .expect("groups")
            .starts_with("group_id,doc_id,size"));
    }
}
