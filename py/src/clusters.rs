//! Passage clusters of one connected part of the aligned sentences at a time,
//! as `scan` clusters them among all, and the report rows that need the cluster
//! ids: `alignments.csv` and `passages.csv`.

use crate::align::batch_of;
use crate::columns::{floats, integer_lists, integers, Bytes};
use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_schema::DataType;
use dupdrift::align::cluster::cluster_by;
use dupdrift::align::{Alignment, SentenceRange};
use dupdrift::report::records::{alignment_line, passage_line};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The columns of [`clusters`], in Spark's DDL: an alignment (`doc_a`, `a_first`,
/// `doc_b`, `b_first`) and the key of its cluster, or a passage of a cluster
/// (`doc_b` null: `doc_a` from `a_first` to `p_last`, in a cluster of `docs`
/// articles). A cluster's key is its first passage's article and sentence: the
/// clusters' ids are the ranks of their keys.
pub const CLUSTERS_DDL: &str = "doc_a STRING, a_first BIGINT, doc_b STRING, b_first BIGINT, \
    key_doc STRING, key_first BIGINT, p_last BIGINT, docs BIGINT";

/// Clusters the alignments of each part (`part`: all its rows in the batch), in
/// the order of `doc_a`, `doc_b`, `a_first`, `b_first` as `scan` orders
/// alignments, the documents of a part in the order of their `pos_a`/`pos_b`
/// (`scan`'s reading order), with their numbers of sentences `sents_a`/`sents_b`.
pub fn clusters(batch: &RecordBatch, min_docs: usize) -> PyResult<RecordBatch> {
    let batch = &sorted_by_part(batch)?;
    let parts = integers(batch, "part")?;
    let al = Places::of(batch)?;
    let col = |n| integers(batch, n);
    let (pos_a, pos_b, sents_a, sents_b) = (
        col("pos_a")?,
        col("pos_b")?,
        col("sents_a")?,
        col("sents_b")?,
    );
    let similarity = floats(batch, "similarity")?;
    let mut out = Rows::default();
    let n = batch.num_rows();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && parts.value(end) == parts.value(start) {
            end += 1;
        }
        // The part's documents in reading order.
        let mut docs: BTreeMap<(i64, String), usize> = BTreeMap::new();
        for i in start..end {
            let (a, b) = (
                al.ids_a.text(i).unwrap_or_default(),
                al.ids_b.text(i).unwrap_or_default(),
            );
            docs.insert((pos_a.value(i), a), sents_a.value(i) as usize);
            docs.insert((pos_b.value(i), b), sents_b.value(i) as usize);
        }
        let order: Vec<(&str, usize)> = docs.iter().map(|((_, id), &s)| (id.as_str(), s)).collect();
        let index: BTreeMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(k, (id, _))| (*id, k))
            .collect();
        let ids: Vec<&str> = order.iter().map(|(id, _)| *id).collect();
        let sentences: Vec<usize> = order.iter().map(|(_, s)| *s).collect();
        let mut alignments = Vec::with_capacity(end - start);
        for i in start..end {
            let (a, b) = (
                al.ids_a.text(i).unwrap_or_default(),
                al.ids_b.text(i).unwrap_or_default(),
            );
            let range = |doc: &str, first: i64, last: i64| SentenceRange {
                doc: index[doc],
                first: first as usize,
                last: last as usize,
            };
            alignments.push(Alignment {
                a: range(&a, al.a_first.value(i), al.a_last.value(i)),
                b: range(&b, al.b_first.value(i), al.b_last.value(i)),
                similarity: similarity.value(i),
                counterpart: 0.0,
            });
        }
        let (found, of_alignment) = cluster_by(&ids, &sentences, &alignments, min_docs);
        let key = |c: usize| {
            let first = found[c - 1].passages[0];
            (ids[first.doc], first.first as i64)
        };
        for (al, c) in alignments.iter().zip(of_alignment) {
            let k = c.map(key);
            out.push(
                [Some(ids[al.a.doc]), Some(ids[al.b.doc]), k.map(|k| k.0)],
                [
                    Some(al.a.first as i64),
                    Some(al.b.first as i64),
                    k.map(|k| k.1),
                    None,
                    None,
                ],
            );
        }
        for c in &found {
            let k = key(c.id);
            for p in &c.passages {
                out.push(
                    [Some(ids[p.doc]), None, Some(k.0)],
                    [
                        Some(p.first as i64),
                        None,
                        Some(k.1),
                        Some(p.last as i64),
                        Some(c.docs as i64),
                    ],
                );
            }
        }
        start = end;
    }
    out.finish()
}

/// The columns that place an alignment: its two articles and sentence ranges.
struct Places<'a> {
    ids_a: Bytes<'a>,
    ids_b: Bytes<'a>,
    a_first: Int64Array,
    a_last: Int64Array,
    b_first: Int64Array,
    b_last: Int64Array,
}

impl<'a> Places<'a> {
    fn of(batch: &'a RecordBatch) -> PyResult<Places<'a>> {
        Ok(Places {
            ids_a: Bytes::of(batch, "doc_a", true)?,
            ids_b: Bytes::of(batch, "doc_b", true)?,
            a_first: integers(batch, "a_first")?,
            a_last: integers(batch, "a_last")?,
            b_first: integers(batch, "b_first")?,
            b_last: integers(batch, "b_last")?,
        })
    }
}

/// `batch` sorted by part, then as `scan` orders alignments.
fn sorted_by_part(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let parts = integers(batch, "part")?;
    let (ids_a, ids_b) = (
        Bytes::of(batch, "doc_a", true)?,
        Bytes::of(batch, "doc_b", true)?,
    );
    let (a_first, b_first) = (integers(batch, "a_first")?, integers(batch, "b_first")?);
    let mut order: Vec<u32> = (0..batch.num_rows() as u32).collect();
    order.sort_by_key(|&i| {
        let i = i as usize;
        (
            parts.value(i),
            ids_a.get(i),
            ids_b.get(i),
            a_first.value(i),
            b_first.value(i),
        )
    });
    let take = arrow_array::UInt32Array::from(order);
    let columns = batch
        .columns()
        .iter()
        .map(|c| arrow_select::take::take(c, &take, None))
        .collect::<Result<Vec<_>, _>>()
        .map_err(crate::to_py)?;
    RecordBatch::try_new(batch.schema(), columns).map_err(crate::to_py)
}

#[derive(Default)]
struct Rows {
    strings: [StringBuilder; 3],
    numbers: [Int64Builder; 5],
}

impl Rows {
    /// `doc_a`, `doc_b`, `key_doc`; `a_first`, `b_first`, `key_first`, `p_last`, `docs`.
    fn push(&mut self, strings: [Option<&str>; 3], numbers: [Option<i64>; 5]) {
        for (c, v) in self.strings.iter_mut().zip(strings) {
            c.append_option(v);
        }
        for (c, v) in self.numbers.iter_mut().zip(numbers) {
            c.append_option(v);
        }
    }

    fn finish(mut self) -> PyResult<RecordBatch> {
        let [doc_a, doc_b, key_doc] = &mut self.strings;
        let [a_first, b_first, key_first, p_last, docs] = &mut self.numbers;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(doc_a.finish()),
            Arc::new(a_first.finish()),
            Arc::new(doc_b.finish()),
            Arc::new(b_first.finish()),
            Arc::new(key_doc.finish()),
            Arc::new(key_first.finish()),
            Arc::new(p_last.finish()),
            Arc::new(docs.finish()),
        ];
        let (s, l) = (DataType::Utf8, DataType::Int64);
        batch_of(
            &[
                ("doc_a", s.clone()),
                ("a_first", l.clone()),
                ("doc_b", s.clone()),
                ("b_first", l.clone()),
                ("key_doc", s),
                ("key_first", l.clone()),
                ("p_last", l.clone()),
                ("docs", l),
            ],
            columns,
        )
    }
}

/// The columns of [`alignment_lines`] and [`passage_lines`], in Spark's DDL.
pub const LINES_DDL: &str = "doc_a STRING, doc_b STRING, a BIGINT, b BIGINT, line STRING";

/// The `alignments.csv` row of each alignment with its `cluster_id` (or null),
/// with its sort keys.
pub fn alignment_lines(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let al = Places::of(batch)?;
    let col = |n| integers(batch, n);
    let (start_a, end_a, start_b, end_b) = (
        col("start_a")?,
        col("end_a")?,
        col("start_b")?,
        col("end_b")?,
    );
    let cluster = col("cluster_id")?;
    let (similarity, counterpart) = (floats(batch, "similarity")?, floats(batch, "counterpart")?);
    let mut out = Lines::default();
    for i in 0..batch.num_rows() {
        let (a, b) = (
            al.ids_a.text(i).unwrap_or_default(),
            al.ids_b.text(i).unwrap_or_default(),
        );
        let u = |c: &Int64Array| c.value(i) as usize;
        let line = alignment_line(
            (&a, &b),
            [(u(&start_a), u(&end_a)), (u(&start_b), u(&end_b))],
            (
                u(&al.a_last) - u(&al.a_first) + 1,
                u(&al.b_last) - u(&al.b_first) + 1,
            ),
            similarity.value(i),
            counterpart.value(i),
            cluster.is_valid(i).then(|| u(&cluster)),
        )
        .map_err(crate::to_py)?;
        out.push(&a, &b, al.a_first.value(i), al.b_first.value(i), line);
    }
    out.finish()
}

/// The `passages.csv` row of each passage (`doc_a`, sentences `a_first` to
/// `p_last`, of cluster `cluster_id` of `docs` articles), its text cut from the
/// article's `text` at its sentences' `spans`; `doc_b` is the cluster's id in
/// the sort keys.
pub fn passage_lines(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let ids = Bytes::of(batch, "doc_a", true)?;
    let texts = Bytes::of(batch, "text", true)?;
    let spans = integer_lists(batch, "spans")?;
    let col = |n| integers(batch, n);
    let (first, last, cluster, docs) = (
        col("a_first")?,
        col("p_last")?,
        col("cluster_id")?,
        col("docs")?,
    );
    let mut out = Lines::default();
    for i in 0..batch.num_rows() {
        let (id, text) = (
            ids.text(i).unwrap_or_default(),
            texts.text(i).unwrap_or_default(),
        );
        let spans = spans[i].as_deref().unwrap_or_default();
        let (f, l) = (first.value(i) as usize, last.value(i) as usize);
        let (Some(&start), Some(&end)) = (spans.get(2 * f), spans.get(2 * l + 1)) else {
            return Err(PyValueError::new_err(format!(
                "passage {id}:{f}-{l} past its article's sentences"
            )));
        };
        let (start, end) = (start as usize, end as usize);
        let passage = text
            .get(start..end)
            .ok_or_else(|| PyValueError::new_err("a passage outside its text"))?;
        let line = passage_line(
            cluster.value(i) as usize,
            &id,
            (start, end),
            docs.value(i) as usize,
            passage,
        )
        .map_err(crate::to_py)?;
        out.push(&id, "", cluster.value(i), first.value(i), line);
    }
    out.finish()
}

#[derive(Default)]
struct Lines {
    ids: [StringBuilder; 2],
    keys: [Int64Builder; 2],
    lines: StringBuilder,
}

impl Lines {
    fn push(&mut self, a: &str, b: &str, ka: i64, kb: i64, line: String) {
        self.ids[0].append_value(a);
        self.ids[1].append_value(b);
        self.keys[0].append_value(ka);
        self.keys[1].append_value(kb);
        self.lines.append_value(line);
    }

    fn finish(mut self) -> PyResult<RecordBatch> {
        let [a, b] = &mut self.ids;
        let [ka, kb] = &mut self.keys;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(ka.finish()),
            Arc::new(kb.finish()),
            Arc::new(self.lines.finish()),
        ];
        batch_of(
            &[
                ("doc_a", DataType::Utf8),
                ("doc_b", DataType::Utf8),
                ("a", DataType::Int64),
                ("b", DataType::Int64),
                ("line", DataType::Utf8),
            ],
            columns,
        )
    }
}
