//! Library errors. Per-article problems are not errors of the run: they become rows
//! of `errors.csv` (see [`crate::ingest::InputError`]); these are the ones that stop it.

use std::path::PathBuf;
use thiserror::Error;

/// What stops a library call. Each variant holds what a message needs as fields,
/// so a caller can act on it without reading the text.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A report file could not be written (nothing of it is left half-written).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// Reading or writing a stream failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A CSV record could not be written.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// A JSON value could not be written.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Two sketches built with different parameters cannot be compared.
    #[error("incompatible sketches: {parameter} {a} against {b}")]
    IncompatibleSketch {
        /// The first parameter that differs ("seed", "permutations"...).
        parameter: &'static str,
        /// Its value in the first sketch.
        a: String,
        /// Its value in the other.
        b: String,
    },
    /// A parameter is out of its range.
    #[error("invalid {name}: {reason}")]
    InvalidParameter {
        /// The parameter, as a user knows it ("threshold", "shingle size").
        name: &'static str,
        /// What is wrong with the value given.
        reason: String,
    },
    /// The input holds more of something than a stage can number: alignment keeps
    /// sentences, terms and postings in 32 bits, half the memory of 64 where its
    /// random reads are.
    #[error("too large: more {what} than {limit}")]
    TooLarge {
        /// What there is too much of ("sentences", "distinct terms"...).
        what: &'static str,
        /// The most there may be.
        limit: u64,
    },
}

/// A library result: [`enum@Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;
