//! Word k-shingles: every run of k consecutive terms, as a set of stable hashes.

use crate::hash::{shingle_hash, term_hash};

/// The set of k-shingle hashes of `terms`, sorted and without repeats.
///
/// A text shorter than k terms gives one shingle of all its terms, so a short
/// article still matches its own copies. No terms give the empty set.
pub fn shingles<S: AsRef<str>>(terms: &[S], k: usize) -> Vec<u64> {
    let hashes: Vec<u64> = terms.iter().map(|t| term_hash(t.as_ref())).collect();
    shingles_of_hashes(&hashes, k)
}

/// As [`shingles`], from term hashes already computed.
pub fn shingles_of_hashes(hashes: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if hashes.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<u64> = if hashes.len() < k {
        vec![shingle_hash(hashes)]
    } else {
        hashes.windows(k).map(shingle_hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_distinct_windows() {
        let terms = ["a", "b", "c", "a", "b", "c"];
        // abc, bca, cab, abc: three distinct 3-shingles.
        assert_eq!(shingles(&terms, 3).len(), 3);
        assert_eq!(shingles(&terms, 1).len(), 3);
        assert_eq!(shingles(&terms[..2], 5).len(), 1);
        assert!(shingles::<&str>(&[], 5).is_empty());
    }

    #[test]
    fn order_matters() {
        assert_ne!(shingles(&["a", "b"], 2), shingles(&["b", "a"], 2));
    }
}
