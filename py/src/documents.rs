//! An analysed document in Arrow columns and back: what alignment and drift read
//! of it (its id, language, text and sentences with their terms), so that the
//! job analyses each article once and hands the analysis on through Parquet.
//!
//! The sentences are flat lists of longs: `spans` (start, end of each sentence),
//! `term_counts` and `terms` (each sentence's terms, one after the other), and
//! `number_counts` and `numbers` likewise. Hashes are unsigned, Spark's longs
//! signed: the same 64 bits.

use crate::columns::{integer_lists, Bytes};
use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field};
use dupdrift::document::SentenceTerms;
use dupdrift::text::language::Language;
use dupdrift::Document;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::sync::Arc;

/// The columns, in Spark's DDL, with the names given them here.
pub const DDL: &str = "lang STRING, text STRING, spans ARRAY<BIGINT>, \
    term_counts ARRAY<BIGINT>, terms ARRAY<BIGINT>, number_counts ARRAY<BIGINT>, \
    numbers ARRAY<BIGINT>";

const LISTS: [&str; 5] = ["spans", "term_counts", "terms", "number_counts", "numbers"];

/// The items of a list of longs, named as Spark names them.
pub fn element() -> Arc<Field> {
    Arc::new(Field::new("element", DataType::Int64, true))
}

/// A new list-of-longs builder.
pub fn longs() -> ListBuilder<Int64Builder> {
    ListBuilder::new(Int64Builder::new()).with_field(element())
}

/// Builds the document columns row by row.
pub struct Writer {
    lang: StringBuilder,
    text: StringBuilder,
    lists: [ListBuilder<Int64Builder>; 5],
}

impl Writer {
    pub fn new() -> Writer {
        Writer {
            lang: StringBuilder::new(),
            text: StringBuilder::new(),
            lists: std::array::from_fn(|_| longs()),
        }
    }

    /// `doc`'s row; `None` for a row without a document (an error, or a run of
    /// the pair stage alone).
    pub fn push(&mut self, doc: Option<&Document>) {
        let Some(doc) = doc else {
            self.lang.append_null();
            self.text.append_null();
            for l in &mut self.lists {
                l.append_null();
            }
            return;
        };
        self.lang.append_value(doc.lang.code);
        self.text.append_value(&doc.text);
        let [spans, term_counts, terms, number_counts, numbers] = &mut self.lists;
        for s in doc.sentences.iter() {
            spans.values().append_slice(&[s.start as i64, s.end as i64]);
            term_counts.values().append_value(s.terms.len() as i64);
            terms
                .values()
                .extend(s.terms.iter().map(|&t| Some(t as i64)));
            number_counts.values().append_value(s.numbers.len() as i64);
            numbers
                .values()
                .extend(s.numbers.iter().map(|&t| Some(t as i64)));
        }
        for l in &mut self.lists {
            l.append(true);
        }
    }

    /// The columns with their fields, in the order of [`DDL`].
    pub fn finish(mut self) -> Vec<(Field, ArrayRef)> {
        let mut out: Vec<(Field, ArrayRef)> = vec![
            (
                Field::new("lang", DataType::Utf8, true),
                Arc::new(self.lang.finish()),
            ),
            (
                Field::new("text", DataType::Utf8, true),
                Arc::new(self.text.finish()),
            ),
        ];
        for (name, l) in LISTS.iter().zip(&mut self.lists) {
            out.push((
                Field::new(*name, DataType::List(element()), true),
                Arc::new(l.finish()),
            ));
        }
        out
    }
}

/// Reads documents from the columns of [`Writer`] (each name after `prefix`) and
/// `id`.
pub struct Reader<'a> {
    ids: Bytes<'a>,
    langs: Bytes<'a>,
    texts: Bytes<'a>,
    lists: Vec<Vec<Option<Vec<i64>>>>,
}

impl<'a> Reader<'a> {
    pub fn new(batch: &'a RecordBatch, id: &str, prefix: &str) -> PyResult<Reader<'a>> {
        let named = |n: &str| format!("{prefix}{n}");
        Ok(Reader {
            ids: Bytes::of(batch, id, true)?,
            langs: Bytes::of(batch, &named("lang"), true)?,
            texts: Bytes::of(batch, &named("text"), true)?,
            lists: LISTS
                .iter()
                .map(|n| integer_lists(batch, &named(n)))
                .collect::<PyResult<_>>()?,
        })
    }

    /// The document of row `i`.
    pub fn document(&self, i: usize) -> PyResult<Document> {
        let missing = || PyValueError::new_err(format!("row {i} holds no analysed document"));
        let id = self.ids.text(i).ok_or_else(missing)?;
        let text = self.texts.text(i).ok_or_else(missing)?;
        let lang = self.langs.text(i).ok_or_else(missing)?;
        let list = |k: usize| self.lists[k][i].as_deref().ok_or_else(missing);
        let (spans, term_counts, terms) = (list(0)?, list(1)?, list(2)?);
        let (number_counts, numbers) = (list(3)?, list(4)?);
        let mut sentences = Vec::with_capacity(term_counts.len());
        let (mut t, mut n) = (0usize, 0usize);
        for (k, (&tc, &nc)) in term_counts.iter().zip(number_counts).enumerate() {
            let (tc, nc) = (tc as usize, nc as usize);
            let (Some(ts), Some(ns), Some(span)) = (
                terms.get(t..t + tc),
                numbers.get(n..n + nc),
                spans.get(2 * k..2 * k + 2),
            ) else {
                return Err(PyValueError::new_err(format!(
                    "row {i}: the sentence lists do not agree"
                )));
            };
            sentences.push(SentenceTerms {
                start: span[0] as usize,
                end: span[1] as usize,
                terms: ts.iter().map(|&v| v as u64).collect(),
                numbers: ns.iter().map(|&v| v as u64).collect(),
            });
            (t, n) = (t + tc, n + nc);
        }
        let bad_span = sentences.iter().any(|s| {
            s.start > s.end
                || s.end > text.len()
                || !text.is_char_boundary(s.start)
                || !text.is_char_boundary(s.end)
        });
        if bad_span {
            return Err(PyValueError::new_err(format!(
                "row {i}: a sentence span is not within the text"
            )));
        }
        Ok(Document {
            id,
            source: String::new(),
            title: String::new(),
            url: String::new(),
            input: String::new(),
            lang: Language::parse(&lang).unwrap_or(Language::UNDETERMINED),
            bytes: text.len(),
            sentence_count: sentences.len(),
            tokens: 0,
            text: text.into(),
            sentences: sentences.into(),
            shingles: Arc::from(Vec::new()),
        })
    }
}
