//! Reading the columns of a record batch whatever width Spark gave them (JVM
//! Spark sends `Utf8` and `List`; Sail may send the large and view types), and
//! building the columns handed back.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_schema::DataType;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// A column of strings or bytes, read as bytes.
pub enum Bytes<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Binary(&'a arrow_array::BinaryArray),
    LargeBinary(&'a arrow_array::LargeBinaryArray),
    BinaryView(&'a arrow_array::BinaryViewArray),
    /// A column the batch does not have: every value null.
    Absent,
}

impl<'a> Bytes<'a> {
    /// Column `name` of `batch`; absent (all null) unless `required`.
    pub fn of(batch: &'a RecordBatch, name: &str, required: bool) -> PyResult<Bytes<'a>> {
        let Some(col) = batch.column_by_name(name) else {
            return if required {
                Err(missing(name))
            } else {
                Ok(Bytes::Absent)
            };
        };
        Ok(match col.data_type() {
            DataType::Utf8 => Bytes::Utf8(col.as_string()),
            DataType::LargeUtf8 => Bytes::LargeUtf8(col.as_string()),
            DataType::Utf8View => Bytes::Utf8View(col.as_string_view()),
            DataType::Binary => Bytes::Binary(col.as_binary()),
            DataType::LargeBinary => Bytes::LargeBinary(col.as_binary()),
            DataType::BinaryView => Bytes::BinaryView(col.as_binary_view()),
            DataType::Null => Bytes::Absent,
            other => return Err(wrong(name, "strings or bytes", other)),
        })
    }

    /// Whether the column holds text (so its values are UTF-8 already).
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            Bytes::Utf8(_) | Bytes::LargeUtf8(_) | Bytes::Utf8View(_)
        )
    }

    /// Row `i`, `None` where null.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        fn at<'b, A: Array>(a: &A, i: usize, v: impl FnOnce() -> &'b [u8]) -> Option<&'b [u8]> {
            a.is_valid(i).then(v)
        }
        match self {
            Bytes::Utf8(a) => at(*a, i, || a.value(i).as_bytes()),
            Bytes::LargeUtf8(a) => at(*a, i, || a.value(i).as_bytes()),
            Bytes::Utf8View(a) => at(*a, i, || a.value(i).as_bytes()),
            Bytes::Binary(a) => at(*a, i, || a.value(i)),
            Bytes::LargeBinary(a) => at(*a, i, || a.value(i)),
            Bytes::BinaryView(a) => at(*a, i, || a.value(i)),
            Bytes::Absent => None,
        }
    }

    /// Row `i` as text: `None` where null, invalid UTF-8 replaced (for names).
    pub fn text(&self, i: usize) -> Option<String> {
        self.get(i).map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

/// Column `name` of 64-bit integers (any integer width Spark chose).
pub fn integers(batch: &RecordBatch, name: &str) -> PyResult<Int64Array> {
    let col = batch.column_by_name(name).ok_or_else(|| missing(name))?;
    if !col.data_type().is_integer() {
        return Err(wrong(name, "integers", col.data_type()));
    }
    Ok(to_i64(col))
}

fn to_i64(col: &ArrayRef) -> Int64Array {
    macro_rules! widen {
        ($t:ty) => {
            col.as_primitive::<$t>()
                .iter()
                .map(|v| v.map(|v| v as i64))
                .collect()
        };
    }
    use arrow_array::types::*;
    match col.data_type() {
        DataType::Int64 => col.as_primitive::<Int64Type>().clone(),
        DataType::Int32 => widen!(Int32Type),
        DataType::Int16 => widen!(Int16Type),
        DataType::Int8 => widen!(Int8Type),
        DataType::UInt32 => widen!(UInt32Type),
        DataType::UInt16 => widen!(UInt16Type),
        DataType::UInt8 => widen!(UInt8Type),
        // UInt64 past i64 wraps: positions and counts never get there.
        _ => widen!(UInt64Type),
    }
}

/// Column `name` of lists of 64-bit integers, each row's values.
pub fn integer_lists(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<Vec<i64>>>> {
    let col = batch.column_by_name(name).ok_or_else(|| missing(name))?;
    let rows = |values: Vec<Option<ArrayRef>>| -> PyResult<Vec<Option<Vec<i64>>>> {
        values
            .into_iter()
            .map(|v| {
                v.map(|v| {
                    if !v.data_type().is_integer() {
                        return Err(wrong(name, "lists of integers", col.data_type()));
                    }
                    Ok(to_i64(&v).iter().flatten().collect())
                })
                .transpose()
            })
            .collect()
    };
    match col.data_type() {
        DataType::List(_) => rows(col.as_list::<i32>().iter().collect()),
        DataType::LargeList(_) => rows(col.as_list::<i64>().iter().collect()),
        DataType::ListView(_) => rows(col.as_list_view::<i32>().iter().collect()),
        DataType::LargeListView(_) => rows(col.as_list_view::<i64>().iter().collect()),
        other => Err(wrong(name, "lists of integers", other)),
    }
}

fn missing(name: &str) -> pyo3::PyErr {
    PyValueError::new_err(format!("the batch has no column {name:?}"))
}

fn wrong(name: &str, expected: &str, got: &DataType) -> pyo3::PyErr {
    PyValueError::new_err(format!(
        "column {name:?} holds {got}, where {expected} were expected"
    ))
}

/// Column `name` of 64-bit floats.
pub fn floats(batch: &RecordBatch, name: &str) -> PyResult<arrow_array::Float64Array> {
    let col = batch.column_by_name(name).ok_or_else(|| missing(name))?;
    match col.data_type() {
        DataType::Float64 => Ok(col
            .as_primitive::<arrow_array::types::Float64Type>()
            .clone()),
        other => Err(wrong(name, "doubles", other)),
    }
}

/// Column `name` of lists of structs: each row's list as a batch of the structs'
/// fields (`None` where null), to read with the functions above.
pub fn struct_lists(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<RecordBatch>>> {
    let col = batch.column_by_name(name).ok_or_else(|| missing(name))?;
    let rows: Vec<Option<ArrayRef>> = match col.data_type() {
        DataType::List(_) => col.as_list::<i32>().iter().collect(),
        DataType::LargeList(_) => col.as_list::<i64>().iter().collect(),
        other => return Err(wrong(name, "lists of structs", other)),
    };
    rows.into_iter()
        .map(|row| {
            row.map(|items| match items.as_struct_opt() {
                Some(s) => Ok(RecordBatch::from(s.clone())),
                None => Err(wrong(name, "lists of structs", col.data_type())),
            })
            .transpose()
        })
        .collect()
}
