//! One row type per report: its fields, in order, are the report's columns, and
//! [`super::header`] names them from the type. The drift rows of `scan` and `pairs`
//! share their finding columns: a row is a tuple of the columns naming the texts
//! compared and [`FindingColumns`] (csv writes a tuple of structs as one record, and
//! its header as the fields of each struct in turn; it cannot flatten a field).

use crate::drift::{evidence_text, DriftFinding, Span};
use crate::ingest::InputError;
use serde::Serialize;

/// Fixed precision for every ratio in the reports.
pub(super) fn ratio(x: f64) -> String {
    format!("{x:.6}")
}

/// Evidence spans as `start-end` offsets into the document, `;`-separated.
pub fn offsets(base: usize, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|(s, e)| format!("{}-{}", base + s, base + e))
        .collect::<Vec<_>>()
        .join(";")
}

/// One row of `pairs.csv`: two near-duplicate articles.
#[derive(Serialize, Default)]
pub(super) struct NearDuplicateRow<'a> {
    pub doc_a: &'a str,
    pub doc_b: &'a str,
    pub jaccard_estimate: String,
    pub jaccard: String,
    pub containment_a: String,
    pub containment_b: String,
    pub shared_shingles: usize,
}

/// One row of `groups.csv`: a member of a group of identical articles.
#[derive(Serialize, Default)]
pub(super) struct GroupRow<'a> {
    pub group_id: usize,
    pub doc_id: &'a str,
    pub size: usize,
}

/// One row of `alignments.csv`: two aligned sentence ranges.
#[derive(Serialize, Default)]
pub(super) struct AlignmentRow<'a> {
    pub doc_a: &'a str,
    pub start_a: usize,
    pub end_a: usize,
    pub doc_b: &'a str,
    pub start_b: usize,
    pub end_b: usize,
    pub similarity: String,
    pub cluster_id: Option<usize>,
    pub sentences_a: usize,
    pub sentences_b: usize,
    /// The confidence that the two sides render one statement.
    pub counterpart: String,
}

/// One row of `passages.csv`: a member of a passage cluster.
#[derive(Serialize, Default)]
pub(super) struct PassageRow<'a> {
    pub cluster_id: usize,
    pub doc_id: &'a str,
    pub start: usize,
    pub end: usize,
    pub docs_in_cluster: usize,
    pub text: &'a str,
}

/// The columns of a `scan` drift row that name the aligned passages: each side's
/// document and byte span.
#[derive(Serialize, Default)]
pub struct PassagePair<'a> {
    doc_a: &'a str,
    start_a: usize,
    end_a: usize,
    doc_b: &'a str,
    start_b: usize,
    end_b: usize,
}

impl<'a> PassagePair<'a> {
    /// The passages `start..end` of documents `doc_a` and `doc_b`.
    pub fn new(
        doc_a: &'a str,
        (start_a, end_a): Span,
        doc_b: &'a str,
        (start_b, end_b): Span,
    ) -> Self {
        PassagePair {
            doc_a,
            start_a,
            end_a,
            doc_b,
            start_b,
            end_b,
        }
    }
}

/// The column of a `pairs` drift or score row that names the pair.
#[derive(Serialize, Default)]
pub struct PairId<'a> {
    pair_id: &'a str,
}

impl<'a> PairId<'a> {
    /// The pair of the input line whose id is `pair_id`.
    pub fn new(pair_id: &'a str) -> Self {
        PairId { pair_id }
    }
}

/// The columns of a drift row that describe one finding between two texts.
#[derive(Serialize, Default)]
pub struct FindingColumns<'a> {
    kind: &'static str,
    severity: String,
    evidence_a: String,
    evidence_b: String,
    text_a: &'a str,
    text_b: &'a str,
    explanation: &'a str,
    evidence_spans_a: String,
    evidence_spans_b: String,
}

impl<'a> FindingColumns<'a> {
    /// Finding `f` between `text_a` and `text_b`, whose spans are reported as offsets
    /// from `base_a` and `base_b` (where each text starts in its document).
    pub fn new(
        f: &'a DriftFinding,
        (text_a, base_a): (&'a str, usize),
        (text_b, base_b): (&'a str, usize),
    ) -> Self {
        FindingColumns {
            kind: f.kind.name(),
            severity: ratio(f.severity),
            evidence_a: evidence_text(text_a, &f.evidence_a),
            evidence_b: evidence_text(text_b, &f.evidence_b),
            text_a,
            text_b,
            explanation: &f.explanation,
            evidence_spans_a: offsets(base_a, &f.evidence_a),
            evidence_spans_b: offsets(base_b, &f.evidence_b),
        }
    }
}

/// The last column of a drift row: the confidence that the two texts render one
/// statement (`Alignment::counterpart`, or for `pairs` the pair's own).
#[derive(Serialize, Default)]
pub struct CounterpartColumn {
    counterpart: String,
}

impl CounterpartColumn {
    /// The column of a confidence in [0, 1].
    pub fn new(confidence: f64) -> Self {
        CounterpartColumn {
            counterpart: ratio(confidence),
        }
    }
}

/// One row of `scan`'s `drift.csv`: a meaning change in an alignment.
pub type ScanDriftRow<'a> = (PassagePair<'a>, FindingColumns<'a>, CounterpartColumn);

/// One row of `pairs`'s `drift.csv`: a meaning change in an explicit pair.
pub type PairDriftRow<'a> = (PairId<'a>, FindingColumns<'a>, CounterpartColumn);

/// The columns of a `pair_scores.csv` row after the pair's id.
#[derive(Serialize, Default)]
pub struct PairScore {
    max_severity: String,
    kinds: String,
}

impl PairScore {
    /// The score of a pair with findings `found`: the highest severity (0 for none)
    /// and the distinct kinds, sorted, `;`-separated.
    pub fn new(found: &[DriftFinding]) -> Self {
        let mut kinds: Vec<&str> = found.iter().map(|f| f.kind.name()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        PairScore {
            max_severity: ratio(found.iter().map(|f| f.severity).fold(0.0, f64::max)),
            kinds: kinds.join(";"),
        }
    }
}

/// One row of `pair_scores.csv`: one pair, findings or not.
pub type PairScoreRow<'a> = (PairId<'a>, PairScore);

/// One row of `errors.csv`: an input that could not be read.
#[derive(Serialize, Default)]
pub(super) struct ErrorRow<'a> {
    input: &'a str,
    reason: &'a str,
}

impl<'a> From<&'a InputError> for ErrorRow<'a> {
    fn from(e: &'a InputError) -> Self {
        ErrorRow {
            input: &e.input,
            reason: &e.reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::header;
    use super::*;

    fn names<R: Serialize + Default>() -> String {
        let h = header::<R>().expect("header");
        h.iter()
            .map(|f| std::str::from_utf8(f).expect("UTF-8"))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The report contract (README, "Reports"): these names must not change.
    #[test]
    fn the_headers_are_the_columns_of_the_report_contract() {
        let finding = "kind,severity,evidence_a,evidence_b,text_a,text_b,explanation,\
                       evidence_spans_a,evidence_spans_b";
        assert_eq!(
            names::<crate::document::Summary>(),
            "doc_id,source,title,lang,bytes,sentences,tokens,shingles,input"
        );
        assert_eq!(
            names::<NearDuplicateRow>(),
            "doc_a,doc_b,jaccard_estimate,jaccard,containment_a,containment_b,shared_shingles"
        );
        assert_eq!(
            names::<AlignmentRow>(),
            "doc_a,start_a,end_a,doc_b,start_b,end_b,similarity,cluster_id,sentences_a,sentences_b,\
             counterpart"
        );
        assert_eq!(
            names::<PassageRow>(),
            "cluster_id,doc_id,start,end,docs_in_cluster,text"
        );
        assert_eq!(
            names::<ScanDriftRow>(),
            format!("doc_a,start_a,end_a,doc_b,start_b,end_b,{finding},counterpart")
        );
        assert_eq!(
            names::<PairDriftRow>(),
            format!("pair_id,{finding},counterpart")
        );
        assert_eq!(names::<PairScoreRow>(), "pair_id,max_severity,kinds");
        assert_eq!(names::<ErrorRow>(), "input,reason");
    }

    #[test]
    fn a_score_takes_the_worst_severity_and_each_kind_once() {
        let finding = |kind, severity| DriftFinding {
            kind,
            severity,
            evidence_a: vec![],
            evidence_b: vec![],
            explanation: String::new(),
        };
        use crate::drift::DriftKind::{Number, Polarity};
        let score = PairScore::new(&[
            finding(Polarity, 0.4),
            finding(Number, 0.9),
            finding(Polarity, 0.7),
        ]);
        assert_eq!(score.max_severity, "0.900000");
        assert_eq!(score.kinds, "number;polarity");
        let none = PairScore::new(&[]);
        assert_eq!(
            (none.max_severity.as_str(), none.kinds.as_str()),
            ("0.000000", "")
        );
    }
}
