//! Articles in, analysed documents out: what each later stage needs of an
//! article, one row each, or the reason it could not be read.

use crate::columns::{integers, Bytes};
use crate::documents::{element, longs, Writer};
use crate::settings::Stage;
use arrow_array::builder::{BinaryBuilder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dupdrift::analyze::{analyze_to, Depth};
use dupdrift::article::Article;
use dupdrift::hash::content_key;
use dupdrift::hash::shingle_set_key;
use dupdrift::ingest::{article_too_large, checked, decode_text, InputError, Item};
use dupdrift::neardup::lsh::{band_keys, short_key};
use dupdrift::report::records::document_line;
use dupdrift::Document;
use pyo3::PyResult;
use std::sync::Arc;

/// The columns [`analyze`] gives, as Spark's DDL names them (the Python side
/// passes this to `mapInArrow`).
/// The document's own columns (`documents::DDL`) follow, filled when the stages
/// after the pairs run, with `text_key`: the key of its text and language.
pub const SCHEMA_DDL: &str = "position BIGINT, id STRING, input STRING, error STRING, \
    set_key BINARY, shingles ARRAY<BIGINT>, band_keys ARRAY<BIGINT>, document_line STRING, \
    text_key BINARY";

fn base_fields() -> Vec<Field> {
    let list = || DataType::List(element());
    vec![
        Field::new("position", DataType::Int64, false),
        Field::new("id", DataType::Utf8, true),
        Field::new("input", DataType::Utf8, false),
        Field::new("error", DataType::Utf8, true),
        Field::new("set_key", DataType::Binary, true),
        Field::new("shingles", list(), true),
        Field::new("band_keys", list(), true),
        Field::new("document_line", DataType::Utf8, true),
        Field::new("text_key", DataType::Binary, true),
    ]
}

/// Analyses each row of `batch`: `position` (its place in the input, which orders
/// duplicate ids and groups as `scan`'s reading order does), `id` and `text`
/// (strings, or bytes read as `scan` reads a file's), and optionally `title`,
/// `url`, `source`, `lang`, `published` and `input` (the name errors give; the
/// position where there is none). An article without an id is named after its
/// input, as `scan` names a record by its line.
pub fn analyze(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let positions = integers(batch, "position")?;
    let ids = Bytes::of(batch, "id", true)?;
    let texts = Bytes::of(batch, "text", true)?;
    let field = |name| Bytes::of(batch, name, false);
    let (titles, urls, sources) = (field("title")?, field("url")?, field("source")?);
    let (langs, published, inputs) = (field("lang")?, field("published")?, field("input")?);

    let n = batch.num_rows();
    let mut out = Columns::with_capacity(n);
    for i in 0..n {
        let position = positions.value(i);
        let input = inputs.text(i).unwrap_or_else(|| format!("row {position}"));
        let text = match texts.get(i) {
            None => Ok(String::new()),
            Some(bytes) if bytes.len() as u64 > stage.limits.article_bytes => {
                Err(article_too_large(bytes.len() as u64, stage.limits))
            }
            Some(bytes) if texts.is_text() => Ok(std::str::from_utf8(bytes)
                .expect("a string column")
                .to_string()),
            Some(bytes) => decode_text(bytes.to_vec()),
        };
        let id = match ids.get(i).map(String::from_utf8_lossy) {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            _ => input.clone(),
        };
        let analysed = text
            .map_err(|reason| InputError::new(input.clone(), reason))
            .and_then(|text| {
                let article = Article {
                    id,
                    text,
                    title: titles.text(i).unwrap_or_default(),
                    url: urls.text(i).unwrap_or_default(),
                    source: sources.text(i).unwrap_or_default(),
                    lang: langs.text(i).unwrap_or_default(),
                    published: published.text(i).unwrap_or_default(),
                    input: input.clone(),
                };
                match checked(article) {
                    Item::Article(a) => analyze_to(a, stage.language, &stage.sketcher, stage.depth),
                    Item::Error(e) => Err(e),
                    Item::Skipped(_) => unreachable!("an article is never skipped"),
                }
            });
        match analysed {
            Ok(doc) => out.document(position, &doc, stage)?,
            Err(e) => out.error(position, &e),
        }
    }
    out.finish()
}

/// The output columns, row by row.
struct Columns {
    position: Int64Builder,
    id: StringBuilder,
    input: StringBuilder,
    error: StringBuilder,
    set_key: BinaryBuilder,
    shingles: ListBuilder<Int64Builder>,
    band_keys: ListBuilder<Int64Builder>,
    document_line: StringBuilder,
    text_key: BinaryBuilder,
    documents: Writer,
}

impl Columns {
    fn with_capacity(n: usize) -> Columns {
        Columns {
            position: Int64Builder::with_capacity(n),
            id: StringBuilder::new(),
            input: StringBuilder::new(),
            error: StringBuilder::new(),
            set_key: BinaryBuilder::new(),
            shingles: longs(),
            band_keys: longs(),
            document_line: StringBuilder::new(),
            text_key: BinaryBuilder::new(),
            documents: Writer::new(),
        }
    }

    fn document(&mut self, position: i64, doc: &Document, stage: &Stage) -> PyResult<()> {
        self.position.append_value(position);
        self.id.append_value(&doc.id);
        self.input.append_value(&doc.input);
        self.error.append_null();
        self.set_key
            .append_value(shingle_set_key(&doc.shingles).to_le_bytes());
        // Hashes are unsigned; Spark has only signed longs: the same 64 bits.
        self.shingles
            .values()
            .append_slice(bytemuck_i64(&doc.shingles).as_slice());
        self.shingles.append(true);
        let sketch = stage.sketcher.sketch(&doc.shingles);
        for key in band_keys(sketch.mins(), stage.banding) {
            self.band_keys
                .values()
                .append_value(i64::from(short_key(key)));
        }
        self.band_keys.append(true);
        let line = document_line(doc).map_err(crate::to_py)?;
        self.document_line.append_value(line);
        if stage.depth == Depth::Full {
            let key = content_key(&doc.text, doc.lang.code);
            self.text_key.append_value(key.to_le_bytes());
            self.documents.push(Some(doc));
        } else {
            self.text_key.append_null();
            self.documents.push(None);
        }
        Ok(())
    }

    fn error(&mut self, position: i64, e: &InputError) {
        self.position.append_value(position);
        self.id.append_null();
        self.input.append_value(&e.input);
        self.error.append_value(&e.reason);
        self.set_key.append_null();
        self.shingles.append_null();
        self.band_keys.append_null();
        self.document_line.append_null();
        self.text_key.append_null();
        self.documents.push(None);
    }

    fn finish(mut self) -> PyResult<RecordBatch> {
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(self.position.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.input.finish()),
            Arc::new(self.error.finish()),
            Arc::new(self.set_key.finish()),
            Arc::new(self.shingles.finish()),
            Arc::new(self.band_keys.finish()),
            Arc::new(self.document_line.finish()),
            Arc::new(self.text_key.finish()),
        ];
        let mut fields = base_fields();
        for (field, column) in self.documents.finish() {
            fields.push(field);
            columns.push(column);
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
    }
}

/// The same bits as signed integers.
fn bytemuck_i64(values: &[u64]) -> Vec<i64> {
    values.iter().map(|&v| v as i64).collect()
}
