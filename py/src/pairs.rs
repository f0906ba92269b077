//! The pair search between the job's shuffles: the pairs an LSH bucket proposes,
//! the exact verification of a candidate, and the rows of `pairs.csv`.

use crate::columns::{integer_lists, integers, Bytes};
use crate::settings::Stage;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dupdrift::neardup::lsh::bucket_pairs;
use dupdrift::neardup::verify::{overlap, Overlap};
use dupdrift::report::records::pair_line;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::sync::Arc;

/// The columns of [`bucket`], in Spark's DDL.
pub const BUCKET_DDL: &str = "g1 BIGINT, g2 BIGINT";

/// The candidate pairs of each bucket, a row of `members` (the groups, by the
/// position of their first article, whose keys met in one band): every pair, or
/// in a bucket past the crowding bound the first with each other, as `scan`.
pub fn bucket(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let (mut g1, mut g2) = (Int64Builder::new(), Int64Builder::new());
    for members in integer_lists(batch, "members")?.into_iter().flatten() {
        let mut members = members;
        members.sort_unstable();
        members.dedup();
        bucket_pairs(&members, |a, b| {
            g1.append_value(a);
            g2.append_value(b);
        });
    }
    let schema = Schema::new(vec![
        Field::new("g1", DataType::Int64, false),
        Field::new("g2", DataType::Int64, false),
    ]);
    let columns: Vec<ArrayRef> = vec![Arc::new(g1.finish()), Arc::new(g2.finish())];
    RecordBatch::try_new(Arc::new(schema), columns).map_err(crate::to_py)
}

/// The columns of [`verify`], in Spark's DDL.
pub const VERIFY_DDL: &str =
    "g1 BIGINT, g2 BIGINT, shared BIGINT, len1 BIGINT, len2 BIGINT, estimate DOUBLE";

/// Each candidate `g1`, `g2` with the shingle sets of both (`shingles1`,
/// `shingles2`) whose exact Jaccard reaches the threshold, with its overlap seen
/// from `g1` and the MinHash estimate.
pub fn verify(batch: &RecordBatch, stage: &Stage) -> PyResult<RecordBatch> {
    let (c1, c2) = (integers(batch, "g1")?, integers(batch, "g2")?);
    let (s1, s2) = (
        integer_lists(batch, "shingles1")?,
        integer_lists(batch, "shingles2")?,
    );
    let mut out: [Int64Builder; 5] = Default::default();
    let mut estimates = Float64Builder::new();
    for i in 0..batch.num_rows() {
        let (Some(a), Some(b)) = (&s1[i], &s2[i]) else {
            return Err(PyValueError::new_err("a candidate without its shingles"));
        };
        let (a, b) = (unsigned(a), unsigned(b));
        let o = overlap(&a, &b);
        if o.jaccard() < stage.threshold {
            continue;
        }
        let (x, y) = (stage.sketcher.sketch(&a), stage.sketcher.sketch(&b));
        let estimate = x.jaccard_estimate(&y).map_err(crate::to_py)?;
        let values = [
            c1.value(i),
            c2.value(i),
            o.shared as i64,
            o.len_a as i64,
            o.len_b as i64,
        ];
        for (column, v) in out.iter_mut().zip(values) {
            column.append_value(v);
        }
        estimates.append_value(estimate);
    }
    let mut columns: Vec<ArrayRef> = out
        .iter_mut()
        .map(|c| Arc::new(c.finish()) as ArrayRef)
        .collect();
    columns.push(Arc::new(estimates.finish()));
    let mut fields: Vec<Field> = ["g1", "g2", "shared", "len1", "len2"]
        .into_iter()
        .map(|n| Field::new(n, DataType::Int64, false))
        .collect();
    fields.push(Field::new("estimate", DataType::Float64, false));
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
}

/// The columns of [`pair_lines`], in Spark's DDL.
pub const LINES_DDL: &str = "doc_a STRING, doc_b STRING, line STRING";

/// The `pairs.csv` row of each pair of articles `x`, `y` (ids), with `estimate`
/// and the overlap `shared`, `len_x`, `len_y` seen from `x`: the smaller id first
/// as `doc_a`, the two ids given beside the line to sort by.
pub fn pair_lines(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let (xs, ys) = (Bytes::of(batch, "x", true)?, Bytes::of(batch, "y", true)?);
    let shared = integers(batch, "shared")?;
    let (len_x, len_y) = (integers(batch, "len_x")?, integers(batch, "len_y")?);
    let estimates = crate::columns::floats(batch, "estimate")?;
    let (mut a, mut b, mut lines) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    for i in 0..batch.num_rows() {
        let (Some(x), Some(y)) = (xs.text(i), ys.text(i)) else {
            return Err(PyValueError::new_err("a pair without its ids"));
        };
        let o = Overlap {
            shared: shared.value(i) as usize,
            len_a: len_x.value(i) as usize,
            len_b: len_y.value(i) as usize,
        };
        let (first, second, line) =
            pair_line(&x, &y, estimates.value(i), o).map_err(crate::to_py)?;
        a.append_value(first);
        b.append_value(second);
        lines.append_value(line);
    }
    crate::lines::batch(
        &["doc_a", "doc_b", "line"],
        vec![
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(lines.finish()),
        ],
    )
}

/// A list of longs as the hashes they hold.
fn unsigned(values: &[i64]) -> Vec<u64> {
    values.iter().map(|&v| v as u64).collect()
}
