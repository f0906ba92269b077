//! The rows of the reports that need no stage of their own: groups, errors
//! (duplicate ids among them), each formatted as `scan` formats it.

use crate::columns::{integers, Bytes};
use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use dupdrift::ingest::InputError;
use dupdrift::report::records::{error_line, group_line};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use std::sync::Arc;

/// The columns of [`group_lines`], in Spark's DDL.
pub const GROUP_DDL: &str = "group_id BIGINT, doc_id STRING, line STRING";

/// The `groups.csv` row of each member `doc_id` of group `group_id` of `size`.
pub fn group_lines(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let (groups, sizes) = (integers(batch, "group_id")?, integers(batch, "size")?);
    let ids = Bytes::of(batch, "doc_id", true)?;
    let mut lines = StringBuilder::new();
    let mut doc_ids = StringBuilder::new();
    for i in 0..batch.num_rows() {
        let id = ids
            .text(i)
            .ok_or_else(|| PyValueError::new_err("a group member without its id"))?;
        let line = group_line(groups.value(i) as usize, &id, sizes.value(i) as usize)
            .map_err(crate::to_py)?;
        lines.append_value(line);
        doc_ids.append_value(id);
    }
    let mut fields = vec![Field::new("group_id", DataType::Int64, false)];
    fields.extend(["doc_id", "line"].map(|n| Field::new(n, DataType::Utf8, false)));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(groups),
        Arc::new(doc_ids.finish()),
        Arc::new(lines.finish()),
    ];
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
}

/// The columns of [`error_lines`], in Spark's DDL.
pub const ERROR_DDL: &str = "position BIGINT, line STRING";

/// The `errors.csv` row of each input that could not be read: `input` and
/// `reason`, or, where `first_input` is set, a duplicate of id `id` first read
/// from there. `position` is passed on to order them by.
pub fn error_lines(batch: &RecordBatch) -> PyResult<RecordBatch> {
    let positions = integers(batch, "position")?;
    let inputs = Bytes::of(batch, "input", true)?;
    let reasons = Bytes::of(batch, "reason", false)?;
    let ids = Bytes::of(batch, "id", false)?;
    let firsts = Bytes::of(batch, "first_input", false)?;
    let mut lines = StringBuilder::new();
    for i in 0..batch.num_rows() {
        let input = inputs.text(i).unwrap_or_default();
        let error = match (firsts.text(i), ids.text(i)) {
            (Some(first), Some(id)) => InputError::duplicate_id(input, &id, &first),
            _ => InputError::new(input, reasons.text(i).unwrap_or_default()),
        };
        lines.append_value(error_line(&error).map_err(crate::to_py)?);
    }
    let fields = vec![
        Field::new("position", DataType::Int64, false),
        Field::new("line", DataType::Utf8, false),
    ];
    let columns: Vec<ArrayRef> = vec![Arc::new(positions), Arc::new(lines.finish())];
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
}

/// A batch of string `columns` under `names`.
pub fn batch(names: &[&str], columns: Vec<ArrayRef>) -> PyResult<RecordBatch> {
    let fields: Vec<Field> = names
        .iter()
        .map(|n| Field::new(*n, DataType::Utf8, false))
        .collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(crate::to_py)
}
