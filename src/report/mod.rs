//! The CSV reports of the report contract, and `run.json`.
//!
//! Each file is written to a temporary name and renamed into place, so a reader
//! never sees half a report. Rows are sorted by stable keys and numbers printed
//! with fixed precision: the same input gives the same bytes.

use crate::align::cluster::PassageCluster;
use crate::align::{Alignment, SentenceRange};
use crate::document::Document;
use crate::drift::{evidence_text, DriftFinding};
use crate::error::Result;
use crate::ingest::InputError;
use crate::neardup::NearDuplicate;
use rayon::prelude::*;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

pub const DOCUMENTS: &str = "documents.csv";
pub const PAIRS: &str = "pairs.csv";
pub const ERRORS: &str = "errors.csv";
pub const ALIGNMENTS: &str = "alignments.csv";
pub const PASSAGES: &str = "passages.csv";
pub const DRIFT: &str = "drift.csv";
pub const RUN: &str = "run.json";

/// Fixed precision for every ratio in the reports.
fn ratio(x: f64) -> String {
    format!("{x:.6}")
}

/// Writes `name` in `dir` through a temporary file renamed into place.
fn write_atomic(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut out = BufWriter::new(File::create(&tmp)?);
    fill(&mut out)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&tmp, dir.join(name))?;
    Ok(())
}

/// Writes any rows as `name` in `dir`, with `header`.
pub fn write_csv<R: Serialize>(
    dir: &Path,
    name: &str,
    header: &[&str],
    rows: impl Iterator<Item = R>,
) -> Result<()> {
    write_atomic(dir, name, |out| {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(header)?;
        for row in rows {
            w.serialize(row)?;
        }
        w.flush()?;
        Ok(())
    })
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
fn write_csv_parts<R: Serialize, I: Iterator<Item = R>>(
    dir: &Path,
    name: &str,
    header: &[&str],
    count: usize,
    rows_of: impl Fn(usize) -> I + Sync,
) -> Result<()> {
    let format = |items: std::ops::Range<usize>| -> Result<Vec<u8>> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for row in items.flat_map(&rows_of) {
            w.serialize(row)?;
        }
        Ok(w.into_inner().map_err(|e| e.into_error())?)
    };
    write_atomic(dir, name, |out| {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(&mut *out);
        w.write_record(header)?;
        w.flush()?;
        drop(w);
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

#[derive(Serialize)]
struct DocumentRow<'a> {
    doc_id: &'a str,
    source: &'a str,
    title: &'a str,
    lang: &'a str,
    bytes: usize,
    sentences: usize,
    tokens: usize,
    shingles: usize,
    input: &'a str,
}

/// `documents.csv`: one row per article read, sorted by id.
pub fn write_documents(dir: &Path, docs: &[Document]) -> Result<()> {
    let mut sorted: Vec<&Document> = docs.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let header = [
        "doc_id",
        "source",
        "title",
        "lang",
        "bytes",
        "sentences",
        "tokens",
        "shingles",
        "input",
    ];
    write_csv(
        dir,
        DOCUMENTS,
        &header,
        sorted.into_iter().map(|d| DocumentRow {
            doc_id: &d.id,
            source: &d.source,
            title: &d.title,
            lang: d.lang.code,
            bytes: d.bytes,
            sentences: d.sentence_count,
            tokens: d.tokens,
            shingles: d.shingles.len(),
            input: &d.input,
        }),
    )
}

#[derive(Serialize)]
struct PairRow<'a> {
    doc_a: &'a str,
    doc_b: &'a str,
    jaccard_estimate: String,
    jaccard: String,
    containment_a: String,
    containment_b: String,
    shared_shingles: usize,
}

/// `pairs.csv`: near-duplicate articles, `doc_a < doc_b`, sorted.
pub fn write_pairs(dir: &Path, docs: &[Document], pairs: &[NearDuplicate]) -> Result<()> {
    let header = [
        "doc_a",
        "doc_b",
        "jaccard_estimate",
        "jaccard",
        "containment_a",
        "containment_b",
        "shared_shingles",
    ];
    write_csv(
        dir,
        PAIRS,
        &header,
        pairs.iter().map(|p| PairRow {
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

/// Byte span of a sentence range in its document.
fn span(docs: &[Document], r: &SentenceRange) -> (usize, usize) {
    r.bytes(docs)
}

#[derive(Serialize)]
struct AlignmentRow<'a> {
    doc_a: &'a str,
    start_a: usize,
    end_a: usize,
    doc_b: &'a str,
    start_b: usize,
    end_b: usize,
    similarity: String,
    cluster_id: Option<usize>,
    sentences_a: usize,
    sentences_b: usize,
}

/// `alignments.csv`: aligned sentences (a split sentence spans several on one side).
pub fn write_alignments(
    dir: &Path,
    docs: &[Document],
    alignments: &[Alignment],
    cluster_ids: &[Option<usize>],
) -> Result<()> {
    let header = [
        "doc_a",
        "start_a",
        "end_a",
        "doc_b",
        "start_b",
        "end_b",
        "similarity",
        "cluster_id",
        "sentences_a",
        "sentences_b",
    ];
    write_csv_parts(dir, ALIGNMENTS, &header, alignments.len(), |i| {
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
            }
        })
    })
}

#[derive(Serialize)]
struct PassageRow<'a> {
    cluster_id: usize,
    doc_id: &'a str,
    start: usize,
    end: usize,
    docs_in_cluster: usize,
    text: &'a str,
}

/// `passages.csv`: one row per member of each cluster.
pub fn write_passages(dir: &Path, docs: &[Document], clusters: &[PassageCluster]) -> Result<()> {
    let header = [
        "cluster_id",
        "doc_id",
        "start",
        "end",
        "docs_in_cluster",
        "text",
    ];
    write_csv_parts(dir, PASSAGES, &header, clusters.len(), |i| {
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

#[derive(Serialize)]
struct DriftRow<'a> {
    doc_a: &'a str,
    start_a: usize,
    end_a: usize,
    doc_b: &'a str,
    start_b: usize,
    end_b: usize,
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

/// Evidence spans as `start-end` offsets into the document, `;`-separated.
pub fn offsets(base: usize, spans: &[crate::drift::Span]) -> String {
    spans
        .iter()
        .map(|(s, e)| format!("{}-{}", base + s, base + e))
        .collect::<Vec<_>>()
        .join(";")
}

/// `drift.csv`: the meaning changes found in each alignment, in alignment order.
pub fn write_drift(
    dir: &Path,
    docs: &[Document],
    alignments: &[Alignment],
    findings: &[Vec<DriftFinding>],
) -> Result<()> {
    let header = [
        "doc_a",
        "start_a",
        "end_a",
        "doc_b",
        "start_b",
        "end_b",
        "kind",
        "severity",
        "evidence_a",
        "evidence_b",
        "text_a",
        "text_b",
        "explanation",
        "evidence_spans_a",
        "evidence_spans_b",
    ];
    write_csv_parts(dir, DRIFT, &header, alignments.len(), |i| {
        let (al, found) = (&alignments[i], &findings[i]);
        let (start_a, end_a) = span(docs, &al.a);
        let (start_b, end_b) = span(docs, &al.b);
        let (text_a, text_b) = (al.a.text(docs), al.b.text(docs));
        found.iter().map(move |f| DriftRow {
            doc_a: &docs[al.a.doc].id,
            start_a,
            end_a,
            doc_b: &docs[al.b.doc].id,
            start_b,
            end_b,
            kind: f.kind.name(),
            severity: ratio(f.severity),
            evidence_a: evidence_text(text_a, &f.evidence_a),
            evidence_b: evidence_text(text_b, &f.evidence_b),
            text_a,
            text_b,
            explanation: &f.explanation,
            evidence_spans_a: offsets(start_a, &f.evidence_a),
            evidence_spans_b: offsets(start_b, &f.evidence_b),
        })
    })
}

#[derive(Serialize)]
struct ErrorRow<'a> {
    input: &'a str,
    reason: &'a str,
}

/// `errors.csv`: every input that could not be read, in the order met.
pub fn write_errors(dir: &Path, errors: &[InputError]) -> Result<()> {
    write_csv(
        dir,
        ERRORS,
        &["input", "reason"],
        errors.iter().map(|e| ErrorRow {
            input: &e.input,
            reason: &e.reason,
        }),
    )
}

/// `run.json`: what was run, with which parameters, and what it cost.
pub fn write_run(dir: &Path, run: &impl Serialize) -> Result<()> {
    write_atomic(dir, RUN, |out| {
        serde_json::to_writer_pretty(&mut *out, run)?;
        out.write_all(b"\n")?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        item: usize,
        text: String,
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

    #[test]
    fn parts_formatted_side_by_side_make_the_bytes_of_one_pass() {
        let dir = tempfile::tempdir().expect("temporary directory");
        // More items than one window of parts, ending inside a part.
        let count = ITEMS_PER_PART * PARTS_PER_THREAD * rayon::current_num_threads() * 2 + 77;
        let header = ["item", "text"];
        write_csv(dir.path(), "one.csv", &header, (0..count).flat_map(rows_of))
            .expect("written in one pass");
        write_csv_parts(dir.path(), "parts.csv", &header, count, rows_of)
            .expect("written in parts");
        let read = |name: &str| std::fs::read(dir.path().join(name)).expect("read back");
        let one = read("one.csv");
        assert!(one.len() > 100_000);
        assert_eq!(read("parts.csv"), one);
    }
}
