//! Library errors. Per-article problems are not errors of the run: they become rows
//! of `errors.csv` (see [`crate::ingest::InputError`]); these are the ones that stop it.

use thiserror::Error;

#[derive(Debug, Error)]
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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
