//! Library errors. Per-article problems are not errors of the run: they become rows
//! of `errors.csv` (see [`crate::ingest::InputError`]); these are the ones that stop it.

use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Two sketches built with different parameters cannot be compared.
    #[error("incompatible sketches: {0}")]
    IncompatibleSketch(String),
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
