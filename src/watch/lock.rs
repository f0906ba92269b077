//! One watch at a time: an exclusive lock on a file beside the database, taken
//! without waiting and released by the kernel when the process ends, however.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// The lock, held until dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the lock at `path`: `Ok(None)` when another process holds it.
pub fn try_lock(path: &Path) -> std::io::Result<Option<Lock>> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(Lock { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.lock");
        let first = super::try_lock(&path).unwrap();
        assert!(first.is_some());
        assert!(super::try_lock(&path).unwrap().is_none());
        drop(first);
        assert!(super::try_lock(&path).unwrap().is_some());
    }
}
