//! Report rows one at a time, as CSV text, for a caller that gathers and orders
//! the rows itself: the Spark job of `py/` formats each row where it is made and
//! sorts the lines by the keys `scan` sorts by, so its reports are `scan`'s bytes.

use super::header;
use super::rows::{
    ratio, AlignmentRow, CounterpartColumn, ErrorRow, FindingColumns, GroupRow, NearDuplicateRow,
    PassagePair, PassageRow,
};
use crate::align::Alignment;
use crate::document::Document;
use crate::drift::DriftFinding;
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
        super::ALIGNMENTS => header::<AlignmentRow>()?,
        super::PASSAGES => header::<PassageRow>()?,
        super::DRIFT => header::<super::rows::ScanDriftRow>()?,
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

/// The row of `alignments.csv` of an alignment of articles `ids`: the byte
/// `spans` and numbers of `sentences` of its two sides, their `similarity` and
/// `counterpart` confidence, and its cluster.
pub fn alignment_line(
    ids: (&str, &str),
    spans: [(usize, usize); 2],
    sentences: (usize, usize),
    similarity: f64,
    counterpart: f64,
    cluster_id: Option<usize>,
) -> Result<String> {
    let [(start_a, end_a), (start_b, end_b)] = spans;
    line(AlignmentRow {
        doc_a: ids.0,
        start_a,
        end_a,
        doc_b: ids.1,
        start_b,
        end_b,
        similarity: ratio(similarity),
        cluster_id,
        sentences_a: sentences.0,
        sentences_b: sentences.1,
        counterpart: ratio(counterpart),
    })
}

/// The rows of `drift.csv` of the findings `found` in alignment `al` among `docs`.
pub fn drift_lines(
    docs: &[Document],
    al: &Alignment,
    found: &[DriftFinding],
) -> Result<Vec<String>> {
    let (a, b) = (al.a.bytes(docs), al.b.bytes(docs));
    let (text_a, text_b) = (al.a.text(docs), al.b.text(docs));
    let pair = || PassagePair::new(&docs[al.a.doc].id, a, &docs[al.b.doc].id, b);
    found
        .iter()
        .map(|f| {
            line((
                pair(),
                FindingColumns::new(f, (text_a, a.0), (text_b, b.0)),
                CounterpartColumn::new(al.counterpart),
            ))
        })
        .collect()
}

/// A row of `passages.csv`: the bytes `start..end` of `text`, article `doc_id`'s,
/// a member of cluster `cluster_id` of `docs_in_cluster` articles.
pub fn passage_line(
    cluster_id: usize,
    doc_id: &str,
    (start, end): (usize, usize),
    docs_in_cluster: usize,
    text: &str,
) -> Result<String> {
    line(PassageRow {
        cluster_id,
        doc_id,
        start,
        end,
        docs_in_cluster,
        text,
    })
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
        assert!(header_line(crate::report::PAIR_SCORES).is_err());
        assert!(header_line(crate::report::GROUPS)
            .expect("groups")
            .starts_with("group_id,doc_id,size"));
    }
}
