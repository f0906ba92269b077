//! dupdrift's stages over Arrow record batches, for Spark's `mapInArrow`: the
//! native part of the `dupdrift_spark` package (`py/python/dupdrift_spark`).
//!
//! Each function takes a `pyarrow.RecordBatch` and gives one, through the Arrow C
//! Data Interface (no Python object per row), and runs the library's own code for
//! the step: the job between them only shuffles, joins and sorts. Each returns
//! the columns its `*_DDL` constant names, the schema `mapInArrow` is given.
//! Settings come as the JSON of `scan`'s flags (see `settings.rs`).

mod align;
mod articles;
mod clusters;
mod columns;
mod documents;
mod lines;
mod pairs;
mod settings;

use arrow_array::RecordBatch;
use arrow_pyarrow::PyArrowType;
use dupdrift::report::set::Staging;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use settings::Stage;
use std::path::PathBuf;

type Batch = PyArrowType<RecordBatch>;

/// An error of the library or of Arrow, for Python.
fn to_py(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(e.to_string())
}

thread_local! {
    /// One worker thread for the library's parallel loops, per calling thread.
    static POOL: rayon::ThreadPool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a thread for the library's loops");
}

/// Runs `f` on the batch without holding the GIL, so that the workers of one
/// process analyse side by side, each batch on one thread.
///
/// Spark runs as many tasks at once as there are cores: the library's loops
/// run sequentially within a task, on a pool of one thread entered once a
/// batch. Called from outside any pool, every parallel loop of the library
/// (a dozen for one pair of documents aligned) would wait for a thread to
/// wake, which made aligning pair by pair several times slower.
fn detached(
    py: Python<'_>,
    batch: Batch,
    f: impl FnOnce(&RecordBatch) -> PyResult<RecordBatch> + Send,
) -> PyResult<Batch> {
    let batch = batch.0;
    py.detach(|| POOL.with(|pool| pool.install(|| f(&batch))))
        .map(PyArrowType)
}

/// Articles (`position`, `id`, `text`, …) -> analysed documents or errors.
#[pyfunction]
fn analyze(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| articles::analyze(b, &stage))
}

/// Buckets (`members`) -> candidate pairs (`g1`, `g2`).
#[pyfunction]
fn bucket(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, pairs::bucket)
}

/// Candidates with both shingle sets -> verified pairs.
#[pyfunction]
fn verify(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| pairs::verify(b, &stage))
}

/// Pairs of articles -> `pairs.csv` rows.
#[pyfunction]
fn pair_lines(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, pairs::pair_lines)
}

/// Group members -> `groups.csv` rows.
#[pyfunction]
fn group_lines(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, lines::group_lines)
}

/// Inputs not read -> `errors.csv` rows.
#[pyfunction]
fn error_lines(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, lines::error_lines)
}

/// Documents -> their distinct terms with the sentences holding each.
#[pyfunction]
fn doc_terms(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, align::doc_terms)
}

/// Documents with their terms' frequencies -> sentences under the key of their terms.
#[pyfunction]
fn copy_keys(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::copy_keys(b, &stage))
}

/// Copies of each sentence -> pairs proposed, copies left out of the index.
#[pyfunction]
fn copy_proposals(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::copy_proposals(b, &stage))
}

/// Documents with their terms' frequencies -> candidate index keys.
#[pyfunction]
fn index_keys(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::index_keys(b, &stage))
}

/// Documents with their terms' frequencies -> one row per sentence.
#[pyfunction]
fn sentence_rows(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::sentence_rows(b, &stage))
}

/// Candidate sentence pairs -> the document pairs of those that may align.
#[pyfunction]
fn scored_pairs(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::scored_pairs(b, &stage))
}

/// Pairs of documents -> alignments with their drift rows.
#[pyfunction]
fn align_pairs(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| align::align_pairs(b, &stage))
}

/// Alignments of connected parts -> their clusters.
#[pyfunction]
fn cluster_parts(py: Python<'_>, batch: Batch, settings: &str) -> PyResult<Batch> {
    let stage = Stage::parse(settings)?;
    detached(py, batch, |b| clusters::clusters(b, stage.min_docs))
}

/// Alignments with their clusters -> `alignments.csv` rows.
#[pyfunction]
fn alignment_lines(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, clusters::alignment_lines)
}

/// Passages with their articles' texts -> `passages.csv` rows.
#[pyfunction]
fn passage_lines(py: Python<'_>, batch: Batch) -> PyResult<Batch> {
    detached(py, batch, clusters::passage_lines)
}

/// A report directory written as a set: the files go into `dir`, a hidden
/// directory beside `out`, and `commit` puts it in `out`'s place in one step, as
/// `scan` does; dropped uncommitted, it is removed and `out` left as it was.
#[pyclass(unsendable)]
struct ReportSet {
    staging: Option<Staging>,
}

#[pymethods]
impl ReportSet {
    /// Checks that `out` can take a new set (missing, or holding only reports)
    /// and creates the staging directory: an unwritable place fails here.
    #[new]
    fn new(out: PathBuf) -> PyResult<Self> {
        let staging = Staging::begin(&out).map_err(to_py)?;
        Ok(ReportSet {
            staging: Some(staging),
        })
    }

    /// Where to write the files.
    #[getter]
    fn dir(&self) -> PyResult<PathBuf> {
        Ok(self.open()?.dir().to_path_buf())
    }

    /// Replaces `out` with the files written.
    fn commit(&mut self) -> PyResult<()> {
        self.open()?;
        self.staging.take().expect("open").commit().map_err(to_py)
    }

    /// Removes the files written; `out` is left as it was.
    fn abandon(&mut self) {
        self.staging.take();
    }
}

impl ReportSet {
    fn open(&self) -> PyResult<&Staging> {
        self.staging
            .as_ref()
            .ok_or_else(|| PyRuntimeError::new_err("the report set was committed or abandoned"))
    }
}

/// The header line of report `name` (`pairs.csv`, …).
#[pyfunction]
fn header(name: &str) -> PyResult<String> {
    dupdrift::report::records::header_line(name).map_err(to_py)
}

#[pymodule]
fn _dupdrift(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(bucket, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(pair_lines, m)?)?;
    m.add_function(wrap_pyfunction!(group_lines, m)?)?;
    m.add_function(wrap_pyfunction!(error_lines, m)?)?;
    m.add_function(wrap_pyfunction!(header, m)?)?;
    m.add_class::<ReportSet>()?;
    for f in [
        wrap_pyfunction!(doc_terms, m)?,
        wrap_pyfunction!(copy_keys, m)?,
        wrap_pyfunction!(copy_proposals, m)?,
        wrap_pyfunction!(index_keys, m)?,
        wrap_pyfunction!(sentence_rows, m)?,
        wrap_pyfunction!(scored_pairs, m)?,
        wrap_pyfunction!(align_pairs, m)?,
        wrap_pyfunction!(cluster_parts, m)?,
        wrap_pyfunction!(alignment_lines, m)?,
        wrap_pyfunction!(passage_lines, m)?,
    ] {
        m.add_function(f)?;
    }
    m.add("DOC_TERMS_DDL", align::DOC_TERMS_DDL)?;
    m.add("COPY_KEYS_DDL", align::COPY_KEYS_DDL)?;
    m.add("PROPOSALS_DDL", align::PROPOSALS_DDL)?;
    m.add("INDEX_KEYS_DDL", align::INDEX_KEYS_DDL)?;
    m.add("SENTENCES_DDL", align::SENTENCES_DDL)?;
    m.add("SCORED_DDL", align::SCORED_DDL)?;
    m.add("ALIGNED_DDL", align::ALIGNED_DDL)?;
    m.add("CLUSTERS_DDL", clusters::CLUSTERS_DDL)?;
    m.add("LINES_DDL", clusters::LINES_DDL)?;
    m.add(
        "ANALYZE_DDL",
        format!("{}, {}", articles::SCHEMA_DDL, documents::DDL),
    )?;
    m.add("BUCKET_DDL", pairs::BUCKET_DDL)?;
    m.add("VERIFY_DDL", pairs::VERIFY_DDL)?;
    m.add("PAIR_LINES_DDL", pairs::LINES_DDL)?;
    m.add("GROUP_LINES_DDL", lines::GROUP_DDL)?;
    m.add("ERROR_LINES_DDL", lines::ERROR_DDL)?;
    m.add("MAX_BUCKET", dupdrift::neardup::lsh::MAX_BUCKET)?;
    m.add(
        "DEFAULT_SEED",
        dupdrift::neardup::sketch::SketchParams::DEFAULT_SEED,
    )?;
    m.add(
        "DEFAULT_LISTED_GROUP",
        dupdrift::neardup::DEFAULT_LISTED_GROUP,
    )?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
