//! What was planted, as rows of the truth files: tab-separated, with a header, one
//! file per kind of plant. Texts in cells never hold a tab or a line break; a cell
//! with a quotation mark is quoted as CSV quotes it (`"` around, inner `"` doubled),
//! so Python's `csv.DictReader(f, delimiter="\t")` reads every row back.

use crate::drift::DriftKind;
use crate::error::Result;
use std::io::Write;

/// How a near-duplicate pair was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PairKind {
    /// An exact reprint.
    Copy,
    /// A reprint with words replaced, added and dropped.
    Edited,
    /// A reprint with one sentence changed (see `truth_drift.tsv`).
    Drift,
}

impl PairKind {
    /// The name used in `truth_pairs.tsv`.
    pub fn name(self) -> &'static str {
        match self {
            PairKind::Copy => "copy",
            PairKind::Edited => "edited",
            PairKind::Drift => "drift",
        }
    }
}

/// A planted near-duplicate: `doc_b` was made from `doc_a`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTruth {
    /// The original.
    pub doc_a: String,
    /// The copy made from it.
    pub doc_b: String,
    /// How the copy was made.
    pub kind: PairKind,
    /// Words edited, per word of `doc_a` (0 for an exact reprint).
    pub edit_rate: f64,
}

/// One copy of a planted passage: its byte span in the article's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PassageTruth {
    /// The passage's number, shared by every article that tells it.
    pub passage: u32,
    /// The article holding this copy of it.
    pub doc: String,
    /// Start of its byte span in the article's text.
    pub start: usize,
    /// End of its byte span (exclusive).
    pub end: usize,
}

/// A planted change of one sentence: `doc_b` is `doc_a` with the sentence at
/// `start_a..end_a` rewritten as the one at `start_b..end_b`.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftTruth {
    /// The original.
    pub doc_a: String,
    /// The copy with one sentence changed.
    pub doc_b: String,
    /// The kind of meaning change; `None` for a rewording that keeps the meaning.
    pub kind: Option<DriftKind>,
    /// Byte span of the sentence in `doc_a`.
    pub start_a: usize,
    /// End of that span (exclusive).
    pub end_a: usize,
    /// Byte span of the changed sentence in `doc_b`.
    pub start_b: usize,
    /// End of that span (exclusive).
    pub end_b: usize,
    /// The sentence as `doc_a` has it.
    pub sentence_a: String,
    /// The sentence as `doc_b` has it.
    pub sentence_b: String,
    /// What changed, briefly ("Monday -> Thursday", "negation added").
    pub change: String,
}

impl DriftTruth {
    /// The kind's name in reports, `none` for a rewording.
    pub fn kind_name(&self) -> &'static str {
        self.kind.map_or("none", DriftKind::name)
    }
}

/// Everything planted in a corpus.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// Every planted near-duplicate pair (`truth_pairs.tsv`).
    pub pairs: Vec<PairTruth>,
    /// Every copy of a planted passage (`truth_passages.tsv`).
    pub passages: Vec<PassageTruth>,
    /// Every changed sentence (`truth_drift.tsv`).
    pub drift: Vec<DriftTruth>,
}

impl Truth {
    /// Rows in file order: pairs and drift by their documents, passages by passage
    /// then document.
    pub fn sort(&mut self) {
        self.pairs
            .sort_by(|x, y| (&x.doc_a, &x.doc_b).cmp(&(&y.doc_a, &y.doc_b)));
        self.passages.sort();
        self.drift
            .sort_by(|x, y| (&x.doc_a, &x.doc_b).cmp(&(&y.doc_a, &y.doc_b)));
    }
}

/// A tab-separated writer with the quoting of Python's `csv` module and of
/// spreadsheets: a cell holding a quotation mark is quoted, its marks doubled.
fn tsv(w: impl Write) -> csv::Writer<impl Write> {
    csv::WriterBuilder::new().delimiter(b'\t').from_writer(w)
}

fn cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Writes `truth_pairs.tsv`: a header row, then one row per pair.
pub fn write_pairs(w: impl Write, rows: &[PairTruth]) -> Result<()> {
    let mut w = tsv(w);
    w.write_record(["doc_a", "doc_b", "kind", "edit_rate"])?;
    for r in rows {
        let rate = format!("{:.4}", r.edit_rate);
        w.write_record([&r.doc_a, &r.doc_b, r.kind.name(), &rate])?;
    }
    Ok(w.flush()?)
}

/// Writes `truth_passages.tsv`: a header row, then one row per passage copy.
pub fn write_passages(w: impl Write, rows: &[PassageTruth]) -> Result<()> {
    let mut w = tsv(w);
    w.write_record(["passage", "doc_id", "start", "end"])?;
    for r in rows {
        let (p, s, e) = (
            r.passage.to_string(),
            r.start.to_string(),
            r.end.to_string(),
        );
        w.write_record([&p, &r.doc, &s, &e])?;
    }
    Ok(w.flush()?)
}

/// Writes `truth_drift.tsv`: a header row, then one row per changed sentence.
pub fn write_drift(w: impl Write, rows: &[DriftTruth]) -> Result<()> {
    let mut w = tsv(w);
    w.write_record([
        "doc_a",
        "doc_b",
        "kind",
        "start_a",
        "end_a",
        "start_b",
        "end_b",
        "sentence_a",
        "sentence_b",
        "change",
    ])?;
    for r in rows {
        w.write_record([
            r.doc_a.as_str(),
            &r.doc_b,
            r.kind_name(),
            &r.start_a.to_string(),
            &r.end_a.to_string(),
            &r.start_b.to_string(),
            &r.end_b.to_string(),
            &cell(&r.sentence_a),
            &cell(&r.sentence_b),
            &cell(&r.change),
        ])?;
    }
    Ok(w.flush()?)
}
