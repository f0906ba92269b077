//! Sentence alignment and drift between the job's shuffles: the corpus
//! statistics' parts, the verbatim copies of each sentence, the candidate index
//! keys, and the alignment of one pair of documents with its drift findings.
//!
//! Each function reads documents as `documents.rs` wrote them, beside `dfs`: the
//! document's distinct terms (`term`) and the number of the corpus's sentences
//! holding each (`df`) (the corpus is every document aligned; its number of
//! sentences comes in the settings).

use crate::columns::{integer_lists, integers, struct_lists, Bytes};
use crate::documents::{longs, Reader};
use crate::settings::Stage;
use ahash::AHashMap;
use arrow_array::builder::{
    BinaryBuilder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dupdrift::align::verbatim::proposals;
use dupdrift::align::{align_with_copies, may_align, sentence_keys, TermStats, PREFIX_TERMS};
use dupdrift::document::SentenceTerms;
use dupdrift::drift::findings_of;
use dupdrift::report::records::drift_lines;
use dupdrift::Document;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The columns of [`doc_terms`], in Spark's DDL.
pub const DOC_TERMS_DDL: &str = "id STRING, term BIGINT, n BIGINT";

/// Each document's distinct terms with the number of its sentences holding each:
/// summed over the corpus, the statistics' document frequencies.
pub fn doc_terms(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let docs = Reader::new(batch, "id", "")?;
    let (mut ids, mut terms, mut counts) = (
        StringBuilder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    for i in 0..batch.num_rows() {
        let doc = docs.document(i)?;
        let mut n: BTreeMap<u64, i64> = BTreeMap::new();
        for s in doc.sentences.iter() {
            for &t in &s.terms {
                *n.entry(t).or_default() += 1;
            }
        }
        for (t, c) in n {
            ids.append_value(&doc.id);
            terms.append_value(t as i64);
            counts.append_value(c);
        }
    }
    batch_of(
        &[
            ("id", DataType::Utf8),
            ("term", DataType::Int64),
            ("n", DataType::Int64),
        ],
        vec![
            Arc::new(ids.finish()),
            Arc::new(terms.finish()),
            Arc::new(counts.finish()),
        ],
    )
}

/// The statistics of the corpus as far as the batch's documents need them: the
/// corpus's sentences and the frequencies in each prefix's `dfs` (a list of
/// `term`, `df`). A term's frequency is the corpus's, the same in every row that
/// lists it; one map for the batch costs far less than one for each row.
fn batch_stats(batch: &RecordBatch, prefixes: &[&str], sentences: u64) -> PyResult<TermStats> {
    let mut df: AHashMap<u64, u64> = AHashMap::new();
    for p in prefixes {
        for pairs in struct_lists(batch, &format!("{p}dfs"))?.iter().flatten() {
            let (terms, counts) = (integers(pairs, "term")?, integers(pairs, "df")?);
            for k in 0..pairs.num_rows() {
                given(&mut df, terms.value(k), counts.value(k))?;
            }
        }
    }
    TermStats::from_counts(sentences, df).map_err(crate::to_py)
}

/// Files `term`'s frequency `n` in `df`, where it must agree with any given before.
fn given(df: &mut AHashMap<u64, u64>, term: i64, n: i64) -> PyResult<()> {
    let (t, n) = (term as u64, n as u64);
    if *df.entry(t).or_insert(n) != n {
        return Err(PyValueError::new_err(format!(
            "term {t:#x} is given two frequencies in one batch"
        )));
    }
    Ok(())
}

/// The columns of [`copy_keys`], in Spark's DDL.
pub const COPY_KEYS_DDL: &str = "key BINARY, id STRING, s BIGINT, dfs ARRAY<BIGINT>";

/// Every sentence of at least two terms, under the key of its terms (sentences of
/// the same terms meet under one key), with the frequency of each of its terms.
pub fn copy_keys(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let docs = Reader::new(batch, "id", "")?;
    let stats = batch_stats(batch, &[""], stage.sentences)?;
    let (mut keys, mut ids, mut ss) = (
        BinaryBuilder::new(),
        StringBuilder::new(),
        Int64Builder::new(),
    );
    let mut dfs = longs();
    for i in 0..batch.num_rows() {
        let doc = docs.document(i)?;
        for (k, s) in doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.terms.len() >= 2)
        {
            keys.append_value(dupdrift::hash::shingle_set_key(&s.terms).to_le_bytes());
            ids.append_value(&doc.id);
            ss.append_value(k as i64);
            dfs.values()
                .extend(s.terms.iter().map(|&t| Some(stats.df(t) as i64)));
            dfs.append(true);
        }
    }
    let list = DataType::List(crate::documents::element());
    batch_of(
        &[
            ("key", DataType::Binary),
            ("id", DataType::Utf8),
            ("s", DataType::Int64),
            ("dfs", list),
        ],
        vec![
            Arc::new(keys.finish()),
            Arc::new(ids.finish()),
            Arc::new(ss.finish()),
            Arc::new(dfs.finish()),
        ],
    )
}

/// The columns of [`copy_proposals`], in Spark's DDL: a pair of copies to align
/// (`id_b` set), or a copy left out of the index (`id_b` null).
pub const PROPOSALS_DDL: &str = "id_a STRING, sa BIGINT, id_b STRING, sb BIGINT";

/// What the corpus decides about each sentence's copies (`copies`: a list of
/// `id`, `s`; `dfs`: its terms' frequencies), as `scan` decides it.
pub fn copy_proposals(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let groups = struct_lists(batch, "copies")?;
    let dfs = integer_lists(batch, "dfs")?;
    let (mut id_a, mut sa, mut id_b, mut sb) = (
        StringBuilder::new(),
        Int64Builder::new(),
        StringBuilder::new(),
        Int64Builder::new(),
    );
    for (group, df) in groups.iter().zip(&dfs) {
        let (Some(group), Some(df)) = (group, df) else {
            continue;
        };
        let (ids, ss) = (Bytes::of(group, "id", true)?, integers(group, "s")?);
        let mut copies: Vec<(String, i64)> = (0..group.num_rows())
            .map(|k| (ids.text(k).unwrap_or_default(), ss.value(k)))
            .collect();
        copies.sort_unstable();
        // Equal keys for copies in one document: its place among the ids.
        let mut docs = Vec::with_capacity(copies.len());
        for (k, c) in copies.iter().enumerate() {
            let same = k > 0 && copies[k - 1].0 == c.0;
            let last = docs.last().copied().unwrap_or(0);
            docs.push(if same { last } else { last + u64::from(k > 0) });
        }
        let df: Vec<u64> = df.iter().map(|&d| d as u64).collect();
        let decided = proposals(&df, stage.sentences, &docs, stage.align.listed);
        for (k, l) in decided.pairs {
            id_a.append_value(&copies[k].0);
            sa.append_value(copies[k].1);
            id_b.append_value(&copies[l].0);
            sb.append_value(copies[l].1);
        }
        for k in decided.unindexed {
            id_a.append_value(&copies[k].0);
            sa.append_value(copies[k].1);
            id_b.append_null();
            sb.append_null();
        }
    }
    batch_of(
        &[
            ("id_a", DataType::Utf8),
            ("sa", DataType::Int64),
            ("id_b", DataType::Utf8),
            ("sb", DataType::Int64),
        ],
        vec![
            Arc::new(id_a.finish()),
            Arc::new(sa.finish()),
            Arc::new(id_b.finish()),
            Arc::new(sb.finish()),
        ],
    )
}

/// The columns of [`index_keys`], in Spark's DDL.
pub const INDEX_KEYS_DDL: &str = "id STRING, s BIGINT, key BIGINT";

/// The keys under which the candidate index files each sentence of each
/// document (but those `unindexed`): two sentences sharing one are scored.
pub fn index_keys(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let docs = Reader::new(batch, "id", "")?;
    let stats = batch_stats(batch, &[""], stage.sentences)?;
    let unindexed = integer_lists(batch, "unindexed")?;
    let (mut ids, mut ss, mut keys) = (
        StringBuilder::new(),
        Int64Builder::new(),
        Int64Builder::new(),
    );
    for (i, skip) in unindexed.iter().enumerate() {
        let doc = docs.document(i)?;
        let skip = sorted(skip.as_deref());
        for (s, key) in sentence_keys(&doc, &stats, PREFIX_TERMS, false, &skip) {
            ids.append_value(&doc.id);
            ss.append_value(s as i64);
            keys.append_value(key as i64);
        }
    }
    batch_of(
        &[
            ("id", DataType::Utf8),
            ("s", DataType::Int64),
            ("key", DataType::Int64),
        ],
        vec![
            Arc::new(ids.finish()),
            Arc::new(ss.finish()),
            Arc::new(keys.finish()),
        ],
    )
}

/// The columns of [`sentence_rows`], in Spark's DDL.
pub const SENTENCES_DDL: &str =
    "id STRING, s BIGINT, terms ARRAY<BIGINT>, numbers ARRAY<BIGINT>, dfs ARRAY<BIGINT>";

/// Each sentence of each document: its terms, numbers, and terms' frequencies.
pub fn sentence_rows(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let docs = Reader::new(batch, "id", "")?;
    let stats = batch_stats(batch, &[""], stage.sentences)?;
    let (mut ids, mut ss) = (StringBuilder::new(), Int64Builder::new());
    let (mut terms, mut numbers, mut dfs) = (longs(), longs(), longs());
    for i in 0..batch.num_rows() {
        let doc = docs.document(i)?;
        for (k, s) in doc.sentences.iter().enumerate() {
            ids.append_value(&doc.id);
            ss.append_value(k as i64);
            terms
                .values()
                .extend(s.terms.iter().map(|&t| Some(t as i64)));
            terms.append(true);
            numbers
                .values()
                .extend(s.numbers.iter().map(|&t| Some(t as i64)));
            numbers.append(true);
            dfs.values()
                .extend(s.terms.iter().map(|&t| Some(stats.df(t) as i64)));
            dfs.append(true);
        }
    }
    let list = || DataType::List(crate::documents::element());
    batch_of(
        &[
            ("id", DataType::Utf8),
            ("s", DataType::Int64),
            ("terms", list()),
            ("numbers", list()),
            ("dfs", list()),
        ],
        vec![
            Arc::new(ids.finish()),
            Arc::new(ss.finish()),
            Arc::new(terms.finish()),
            Arc::new(numbers.finish()),
            Arc::new(dfs.finish()),
        ],
    )
}

/// The columns of [`scored_pairs`], in Spark's DDL.
pub const SCORED_DDL: &str = "id_a STRING, id_b STRING";

/// The document pairs (`id_a`, `id_b`) of the candidate sentence pairs (each
/// side's `terms`, `numbers` and `dfs` after `a_` and `b_`) that pass the
/// index's scoring ([`may_align`]).
pub fn scored_pairs(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let (ids_a, ids_b) = (
        Bytes::of(batch, "id_a", true)?,
        Bytes::of(batch, "id_b", true)?,
    );
    let side = |p: &str| -> PyResult<[Vec<Option<Vec<i64>>>; 3]> {
        Ok([
            integer_lists(batch, &format!("{p}terms"))?,
            integer_lists(batch, &format!("{p}numbers"))?,
            integer_lists(batch, &format!("{p}dfs"))?,
        ])
    };
    let (a, b) = (side("a_")?, side("b_")?);
    let mut df = AHashMap::new();
    for l in [&a, &b] {
        for (terms, dfs) in l[0].iter().zip(&l[2]) {
            let (terms, dfs) = (terms.as_deref(), dfs.as_deref());
            for (&t, &n) in terms
                .unwrap_or_default()
                .iter()
                .zip(dfs.unwrap_or_default())
            {
                given(&mut df, t, n)?;
            }
        }
    }
    let stats = TermStats::from_counts(stage.sentences, df).map_err(crate::to_py)?;
    let (mut out_a, mut out_b) = (StringBuilder::new(), StringBuilder::new());
    let unsigned = |v: &Option<Vec<i64>>| -> Vec<u64> {
        v.as_deref()
            .unwrap_or_default()
            .iter()
            .map(|&x| x as u64)
            .collect()
    };
    for i in 0..batch.num_rows() {
        let sentence = |l: &[Vec<Option<Vec<i64>>>; 3]| SentenceTerms {
            start: 0,
            end: 0,
            terms: unsigned(&l[0][i]),
            numbers: unsigned(&l[1][i]),
        };
        let (sa, sb) = (sentence(&a), sentence(&b));
        if may_align(&sa, &sb, &stats, stage.align.min_similarity) {
            out_a.append_option(ids_a.text(i));
            out_b.append_option(ids_b.text(i));
        }
    }
    batch_of(
        &[("id_a", DataType::Utf8), ("id_b", DataType::Utf8)],
        vec![Arc::new(out_a.finish()), Arc::new(out_b.finish())],
    )
}

/// The columns of [`align_pairs`], in Spark's DDL.
pub const ALIGNED_DDL: &str = "doc_a STRING, doc_b STRING, a_first BIGINT, a_last BIGINT, \
    b_first BIGINT, b_last BIGINT, start_a BIGINT, end_a BIGINT, start_b BIGINT, end_b BIGINT, \
    similarity DOUBLE, counterpart DOUBLE, follows BIGINT, drift_lines ARRAY<STRING>, \
    anchor BIGINT, links ARRAY<BIGINT>";

/// Aligns each pair of documents (`a_…` and `b_…`, `a_id` < `b_id`) as `scan`
/// aligns them in the corpus: with the corpus's statistics and its verbatim
/// copies (`copies`: `sa`, `sb`; `a_unindexed`, `b_unindexed`), then reads each
/// alignment for drift. Each alignment comes with its byte spans, its drift rows,
/// and `follows`: the first sentence on side a of the alignment before it when
/// the two continue each other on both sides (they are one passage). For the
/// connected parts that clustering works in: `anchor`, a node for the first
/// sentence of side a, and `links`, the nodes it is joined to (every other
/// sentence of both sides, and the anchor of the alignment it follows).
pub fn align_pairs(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let (a_docs, b_docs) = (
        Reader::new(batch, "a_id", "a_")?,
        Reader::new(batch, "b_id", "b_")?,
    );
    let stats = batch_stats(batch, &["a_", "b_"], stage.sentences)?;
    let copies = struct_lists(batch, "copies")?;
    let (a_skip, b_skip) = (
        integer_lists(batch, "a_unindexed")?,
        integer_lists(batch, "b_unindexed")?,
    );
    let mut out = Aligned::new();
    for i in 0..batch.num_rows() {
        let docs = [a_docs.document(i)?, b_docs.document(i)?];
        if docs[0].id >= docs[1].id {
            return Err(PyValueError::new_err("a pair not ordered by id"));
        }
        let mut given = Vec::new();
        if let Some(c) = &copies[i] {
            let (sa, sb) = (integers(c, "sa")?, integers(c, "sb")?);
            for k in 0..c.num_rows() {
                given.push(((0, sa.value(k) as usize), (1, sb.value(k) as usize)));
            }
        }
        let unindexed: Vec<(usize, usize)> = [&a_skip[i], &b_skip[i]]
            .iter()
            .enumerate()
            .flat_map(|(d, s)| sorted(s.as_deref()).into_iter().map(move |s| (d, s)))
            .collect();
        let alignments = align_with_copies(&docs, &stats, &stage.align, &given, &unindexed)
            .map_err(crate::to_py)?;
        let findings = findings_of(&docs, &alignments);
        out.push(&docs, &alignments, &findings)?;
    }
    out.finish()
}

/// The rows of [`align_pairs`].
struct Aligned {
    ids: [StringBuilder; 2],
    numbers: [Int64Builder; 8],
    scores: [Float64Builder; 2],
    follows: Int64Builder,
    drift: ListBuilder<StringBuilder>,
    anchor: Int64Builder,
    links: ListBuilder<Int64Builder>,
}

impl Aligned {
    fn new() -> Aligned {
        Aligned {
            ids: Default::default(),
            numbers: Default::default(),
            scores: Default::default(),
            follows: Int64Builder::new(),
            anchor: Int64Builder::new(),
            links: longs(),
            drift: ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new(
                "element",
                DataType::Utf8,
                true,
            ))),
        }
    }

    fn push(
        &mut self,
        docs: &[Document],
        alignments: &[dupdrift::align::Alignment],
        findings: &[Vec<dupdrift::drift::DriftFinding>],
    ) -> PyResult<()> {
        let mut before: Option<&dupdrift::align::Alignment> = None;
        for (al, found) in alignments.iter().zip(findings) {
            self.ids[0].append_value(&docs[al.a.doc].id);
            self.ids[1].append_value(&docs[al.b.doc].id);
            let (a, b) = (al.a.bytes(docs), al.b.bytes(docs));
            let values = [
                al.a.first, al.a.last, al.b.first, al.b.last, a.0, a.1, b.0, b.1,
            ];
            for (column, v) in self.numbers.iter_mut().zip(values) {
                column.append_value(v as i64);
            }
            self.scores[0].append_value(al.similarity);
            self.scores[1].append_value(al.counterpart);
            // As `cluster` chains the alignments of one pair, sorted by first
            // sentences (as `align` gives them).
            let follows = before.filter(|p| {
                al.a.first == p.a.last + 1 && al.b.first > p.b.last && al.b.first <= p.b.last + 2
            });
            self.follows
                .append_option(follows.map(|p| p.a.first as i64));
            let (id_a, id_b) = (&docs[al.a.doc].id, &docs[al.b.doc].id);
            self.anchor.append_value(node(id_a, al.a.first));
            let links = (al.a.first + 1..=al.a.last)
                .map(|s| node(id_a, s))
                .chain((al.b.first..=al.b.last).map(|s| node(id_b, s)))
                .chain(follows.map(|p| node(id_a, p.a.first)));
            self.links.values().extend(links.map(Some));
            self.links.append(true);
            before = Some(al);
            for line in drift_lines(docs, al, found).map_err(crate::to_py)? {
                self.drift.values().append_value(line);
            }
            self.drift.append(true);
        }
        Ok(())
    }

    fn finish(mut self) -> PyResult<RecordBatch> {
        let mut fields: Vec<(&str, DataType)> =
            vec![("doc_a", DataType::Utf8), ("doc_b", DataType::Utf8)];
        let mut columns: Vec<ArrayRef> = self
            .ids
            .iter_mut()
            .map(|c| Arc::new(c.finish()) as ArrayRef)
            .collect();
        let names = [
            "a_first", "a_last", "b_first", "b_last", "start_a", "end_a", "start_b", "end_b",
        ];
        for (name, c) in names.into_iter().zip(&mut self.numbers) {
            fields.push((name, DataType::Int64));
            columns.push(Arc::new(c.finish()));
        }
        for (name, c) in ["similarity", "counterpart"]
            .into_iter()
            .zip(&mut self.scores)
        {
            fields.push((name, DataType::Float64));
            columns.push(Arc::new(c.finish()));
        }
        fields.push(("follows", DataType::Int64));
        columns.push(Arc::new(self.follows.finish()));
        let strings = Arc::new(Field::new("element", DataType::Utf8, true));
        fields.push(("drift_lines", DataType::List(strings)));
        columns.push(Arc::new(self.drift.finish()));
        fields.push(("anchor", DataType::Int64));
        columns.push(Arc::new(self.anchor.finish()));
        fields.push(("links", DataType::List(crate::documents::element())));
        columns.push(Arc::new(self.links.finish()));
        batch_of(&fields, columns)
    }
}

/// A node for sentence `s` of document `id`. Two sentences that share one by
/// chance only put two parts together, which cluster the same together as apart.
fn node(id: &str, s: usize) -> i64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (id, s).hash(&mut h);
    h.finish() as i64
}

/// A list of sentence numbers, sorted.
fn sorted(list: Option<&[i64]>) -> Vec<usize> {
    let mut out: Vec<usize> = list
        .unwrap_or_default()
        .iter()
        .map(|&s| s as usize)
        .collect();
    out.sort_unstable();
    out
}

/// A batch of `columns` under `fields` (nullable, as Spark reads them).
pub fn batch_of(fields: &[(&str, DataType)], columns: Vec<ArrayRef>) -> PyResult<RecordBatch> {
    let fields: Vec<Field> = fields
        .iter()
        .map(|(n, t)| Field::new(*n, t.clone(), true))
        .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
}
