//! dupdrift finds the passages news articles share and flags where a rewrite or a
//! translation changed the meaning.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! ingest ─> normalize ─> tokenize / segment / language (stem) ─> shingle ─> sketch (MinHash, rayon)
//!        ─> lsh (candidate pairs) ─> verify (exact Jaccard)
//!        ─> align (shared sentences) ─> cluster (passages) ─> drift (meaning changes)
//!        ─> report (CSV, run.json)
//! ```
//!
//! [`drift`] has one detector per kind of meaning change, each over two aligned
//! passages; [`explain`] runs align and drift on two whole texts for `compare`.
//! [`gen`] writes synthetic corpora with planted near-duplicates, passages and
//! drift, and the truth about them, for `dupdrift gen`, the tests and benchmarks.
//!
//! [`pipeline`] ties the stages together as library functions over in-memory batches
//! of articles: nothing below the CLI touches files or global state, so the same
//! stages can run wherever the articles come from. [`hash`] holds every hash whose
//! value is persisted or shapes output; it is specified and covered by golden tests.

pub mod align;
pub mod analyze;
pub mod article;
pub mod document;
pub mod drift;
pub mod error;
pub mod gen;
pub mod hash;
pub mod ingest;
pub mod neardup;
pub mod prefetch;
pub mod report;
pub mod text;

pub use article::Article;
pub use document::Document;
pub use error::{Error, Result};
