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
//! - [`watch`] is `dupdrift watch`: sources read into an index in SQLite, the
//!   stages above run over it, only what no earlier run reported written out.
//! - [`gen`] writes synthetic corpora with planted near-duplicates, passages and
//!   drift, and the truth about them, for `dupdrift gen`, the tests and benchmarks.
//!
//! # Example
//!
//! Two versions of a story, read into documents, checked for near-duplicates, and
//! compared sentence by aligned sentence for changes of meaning:
//!
//! ```
//! use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
//! use dupdrift::drift::explain::drift_between;
//! use dupdrift::neardup::{find_pairs, lsh::Banding, sketch::SketchParams, Search};
//! use dupdrift::neardup::sketch::Sketcher;
//! use dupdrift::Article;
//!
//! # fn main() -> dupdrift::Result<()> {
//! let a = "The minister arrived in Brussels on Monday for two days of talks. \
//!          The government has already warned about security breaches, she said.";
//! let b = "The minister arrived in Brussels on Monday for two days of talks. \
//!          The government has not warned about security breaches, she said.";
//! let article = |id: &str, text: &str| Article {
//!     id: id.into(),
//!     text: text.into(),
//!     ..Article::default()
//! };
//!
//! // Near-duplicates: word 5-shingles, MinHash, LSH, exact Jaccard.
//! let params = SketchParams::new(5, 128, SketchParams::DEFAULT_SEED)?;
//! let sketcher = Sketcher::new(params);
//! let docs: Vec<_> = analyze_batch(
//!     vec![article("a", a), article("b", b)],
//!     LanguageChoice::Auto,
//!     &sketcher,
//!     Depth::Full,
//! )
//! .into_iter()
//! .map(|d| d.expect("both articles have text"))
//! .collect();
//! let banding = Banding::for_threshold(0.5, 128)?;
//! let search = find_pairs(&docs, &sketcher, 0.5, Search::Lsh(banding), 32)?;
//! let pair = &search.pairs[0];
//! println!("{} ~ {}: jaccard {:.2}", docs[pair.a].id, docs[pair.b].id, pair.overlap.jaccard());
//!
//! // Drift: the sentences aligned, each aligned pair read by every detector.
//! let findings = drift_between(a, b, docs[0].lang);
//! let first = &findings[0];
//! println!("{} {:.2}: {}", first.kind.name(), first.severity, first.explanation);
//! assert_eq!(first.kind.name(), "polarity");
//! # Ok(())
//! # }
//! ```
//!
//! Every stage is a library function over in-memory batches: nothing in the
//! library touches files except [`ingest`] and [`report`], and none keeps state
//! that changes its results (only per-thread memos of stems and words), so the
//! same stages can run wherever the articles come from: `py/` (a crate of its
//! own) runs them on Apache Spark, over Arrow record batches, with the same
//! answers. [`hash`] holds every hash
//! whose value is persisted or shapes output; it is specified and covered by
//! golden tests. [`document`] and [`article`] are the types the stages hand on;
//! they sit below every stage. The command line (`src/cli/`) is part of
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
pub(crate) mod prefetch;
pub mod report;
pub mod text;
pub mod watch;

pub use article::Article;
pub use document::Document;
pub use error::{Error, Result};
