//! Reading memory ahead of its use: loads with no dependence between them are
//! issued together, so that their cache misses overlap, where the work that
//! follows (each step waiting on the one before) would meet them one by one.

/// Reads `values`, each indexed out of memory by the caller, and drops them:
/// what matters is that they are read, all at once, before the work that uses them.
pub fn touch(values: impl IntoIterator<Item = u64>) {
    std::hint::black_box(values.into_iter().fold(0, |t, v| t ^ v));
}
