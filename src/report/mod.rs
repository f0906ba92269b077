//! The CSV reports of the report contract, and `run.json`.
//!
//! Each report has one row type (in [`rows`]) whose fields are its columns; the
//! header is taken from the type ([`header`]). Each file is written to a temporary
//! name and renamed into place, so a reader never sees half a report. Rows are
//! sorted by stable keys and numbers printed with fixed precision: the same input
//! gives the same bytes.

pub mod html;
pub mod records;
pub mod rows;
pub mod set;
mod write;

pub use rows::offsets;
pub use write::{header, write_csv, write_rows};

use crate::align::cluster::PassageCluster;
use crate::align::{Alignment, SentenceRange};
use crate::document::Document;
use crate::drift::DriftFinding;
use crate::error::Result;
use crate::ingest::InputError;
use crate::neardup::NearDuplicate;
use rows::{
    ratio, AlignmentRow, CounterpartColumn, ErrorRow, FindingColumns, GroupRow, NearDuplicateRow,
    PassagePair, PassageRow,
};
use serde::Serialize;
use std::path::Path;
use write::{write_atomic, write_csv_parts};

/// One row per article read.
pub const DOCUMENTS: &str = "documents.csv";
/// One row per near-duplicate pair of articles.
pub const PAIRS: &str = "pairs.csv";
/// One row per member of a group of identical articles.
pub const GROUPS: &str = "groups.csv";
/// One row per input that could not be read.
pub const ERRORS: &str = "errors.csv";
/// One row per aligned pair of sentence ranges.
pub const ALIGNMENTS: &str = "alignments.csv";
/// One row per member of a passage cluster.
pub const PASSAGES: &str = "passages.csv";
/// One row per meaning change found.
pub const DRIFT: &str = "drift.csv";
/// `dupdrift pairs`: one row per pair scored.
pub const PAIR_SCORES: &str = "pair_scores.csv";
/// The run's parameters, counts and timings.
pub const RUN: &str = "run.json";

/// `documents.csv`: one row per article read, sorted by id.
pub fn write_documents(dir: &Path, docs: &[Document]) -> Result<()> {
    let mut sorted: Vec<&Document> = docs.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    write_csv(dir, DOCUMENTS, sorted.into_iter().map(Document::summary))
}

/// `pairs.csv`: near-duplicate articles, `doc_a < doc_b`, sorted.
pub fn write_pairs(dir: &Path, docs: &[Document], pairs: &[NearDuplicate]) -> Result<()> {
    write_csv(
        dir,
        PAIRS,
        pairs.iter().map(|p| NearDuplicateRow {
            doc_a: &docs[p.a].id,
            doc_b: &docs[p.b].id,
            jaccard_estimate: ratio(p.jaccard_estimate),
            jaccard: ratio(p.overlap.jaccard()),
            containment_a: ratio(p.overlap.containment_a()),
            containment_b: ratio(p.overlap.containment_b()),
            shared_shingles: p.overlap.shared,
        }),
    )
}

/// `groups.csv`: one row per member of each group of articles with identical
/// shingle sets (`groups` as [`crate::neardup::PairSearch::groups`]), numbered
/// from 1 in the order of their first members' ids.
pub fn write_groups(dir: &Path, docs: &[Document], groups: &[Vec<usize>]) -> Result<()> {
    write_csv(
        dir,
        GROUPS,
        groups.iter().enumerate().flat_map(|(k, g)| {
            g.iter().map(move |&d| GroupRow {
                group_id: k + 1,
                doc_id: &docs[d].id,
                size: g.len(),
            })
        }),
    )
}

/// Byte span of a sentence range in its document.
fn span(docs: &[Document], r: &SentenceRange) -> (usize, usize) {
    r.bytes(docs)
}

/// `alignments.csv`: aligned sentences (a split sentence spans several on one side).
pub fn write_alignments(
    dir: &Path,
    docs: &[Document],
    alignments: &[Alignment],
    cluster_ids: &[Option<usize>],
) -> Result<()> {
    write_csv_parts(dir, ALIGNMENTS, alignments.len(), |i| {
        let (al, cluster_id) = (&alignments[i], cluster_ids[i]);
        std::iter::once({
            let (start_a, end_a) = span(docs, &al.a);
            let (start_b, end_b) = span(docs, &al.b);
            AlignmentRow {
                doc_a: &docs[al.a.doc].id,
                start_a,
                end_a,
                doc_b: &docs[al.b.doc].id,
                start_b,
                end_b,
                similarity: ratio(al.similarity),
                cluster_id,
                sentences_a: al.a.last - al.a.first + 1,
                sentences_b: al.b.last - al.b.first + 1,
                counterpart: ratio(al.counterpart),
            }
        })
    })
}

/// `passages.csv`: one row per member of each cluster.
pub fn write_passages(dir: &Path, docs: &[Document], clusters: &[PassageCluster]) -> Result<()> {
    write_csv_parts(dir, PASSAGES, clusters.len(), |i| {
        let c = &clusters[i];
        c.passages.iter().map(move |p| {
            let (start, end) = span(
                docs,
                &SentenceRange {
                    doc: p.doc,
                    first: p.first,
                    last: p.last,
                },
            );
            PassageRow {
                cluster_id: c.id,
                doc_id: &docs[p.doc].id,
                start,
                end,
                docs_in_cluster: c.docs,
                text: &docs[p.doc].text[start..end],
            }
        })
    })
}

/// `drift.csv`: the meaning changes found in each alignment, in alignment order,
/// each with its alignment's counterpart confidence.
pub fn write_drift(
    dir: &Path,
    docs: &[Document],
    alignments: &[Alignment],
    findings: &[Vec<DriftFinding>],
) -> Result<()> {
    write_csv_parts(dir, DRIFT, alignments.len(), |i| {
        let (al, found) = (&alignments[i], &findings[i]);
        let (a, b) = (span(docs, &al.a), span(docs, &al.b));
        let place = (&docs[al.a.doc].id, &docs[al.b.doc].id);
        let (text_a, text_b) = (al.a.text(docs), al.b.text(docs));
        found.iter().map(move |f| {
            (
                PassagePair::new(place.0, a, place.1, b),
                FindingColumns::new(f, (text_a, a.0), (text_b, b.0)),
                CounterpartColumn::new(al.counterpart),
            )
        })
    })
}

/// `errors.csv`: every input that could not be read, in the order met.
pub fn write_errors(dir: &Path, errors: &[InputError]) -> Result<()> {
    write_csv(dir, ERRORS, errors.iter().map(ErrorRow::from))
}

/// `run.json`: what was run, with which parameters, and what it cost.
pub fn write_run(dir: &Path, run: &impl Serialize) -> Result<()> {
    write_atomic(dir, RUN, |out| {
        serde_json::to_writer_pretty(&mut *out, run)?;
        out.write_all(b"\n")?;
        Ok(())
    })
}
