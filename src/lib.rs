#![warn(missing_docs)]
//! dupdrift finds the passages news articles share and flags where a rewrite or a
//! translation changed the meaning.
//!
//! The pipeline, one folder per stage, data flowing one way:
//!
//! ```text
//! ingest ─> analyze (text: normalize, tokenize, segment, language, stem;
//!                    neardup: shingle, sketch)          articles -> Documents
//!        ─> neardup (lsh candidates, exact verify)      near-duplicate pairs
//!        ─> align (shared sentences, then cluster)     alignments, passages
//!        ─> drift (one detector per kind of change)    findings
//!        ─> report (CSV files, run.json)
//! ```
//!
//! - [`ingest`] reads files and streams (one module per format) into [`Article`]s;
//!   a bad input becomes an [`ingest::InputError`], never a stop.
//! - [`text`] is what every stage reads text with: folding, tokens with byte
//!   spans, sentences, languages and stemmers, word lists.
//! - [`analyze`] turns articles into [`Document`]s (sentences with their terms,
//!   shingles, sketch), in parallel.
//! - [`neardup`] finds near-duplicate documents: MinHash sketches, LSH banding,
//!   exact Jaccard for every candidate.
//! - [`align`] pairs the sentences of different documents that report the same
//!   thing, and [`align::cluster`] links them into passages shared by several.
//! - [`drift`] compares each aligned pair, one detector per kind of meaning change;
//!   [`drift::explain`] runs align and drift on two whole texts.
//! - [`report`] writes the CSV reports.
//! - [`gen`] writes synthetic corpora with planted near-duplicates, passages and
//!   drift, and the truth about them, for `dupdrift gen`, the tests and benchmarks.
//!
//! Every stage is a library function over in-memory batches: nothing in the
//! library touches files except [`ingest`] and [`report`], and none keeps global
//! state, so the same stages can run wherever the articles come from. [`hash`]
//! holds every hash whose value is persisted or shapes output; it is specified and
//! covered by golden tests. [`document`] and [`article`] are the types the stages
//! hand on; they sit below every stage. The command line (`src/cli/`) is part of
//! the binary, not of this library.

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
