//! Exact all-pairs search: every pair of shingle sets whose Jaccard similarity
//! reaches a threshold, found by prefix filtering (Chaudhuri et al. 2006; Bayardo
//! et al. 2007) instead of comparing all pairs.
//!
//! Order each set's elements by how rare they are in the collection, rarest first.
//! If `J(x, y) >= t`, then `|x ∩ y| >= t |x|`, so `x` and `y` share an element
//! within the first `|x| - ⌈t |x|⌉ + 1` elements of `x` and the like prefix of `y`.
//! Only pairs sharing a prefix element are candidates; the rest cannot reach `t`.
//! Rare elements make the prefixes' posting lists short, so the search is fast on
//! prose, and it is exact: the truth the sketch-based search is measured against.

use ahash::AHashMap;
use rayon::prelude::*;

/// Pairs `(i, j)`, `i < j`, of sets that may reach Jaccard `threshold`: a superset
/// of those that do, sorted and without repeats. Each set must be sorted and
/// without repeats; `threshold` must be in (0, 1].
pub fn candidates(sets: &[&[u64]], threshold: f64) -> Vec<(u32, u32)> {
    let mut frequency: AHashMap<u64, u32> = AHashMap::new();
    for set in sets {
        for &x in *set {
            *frequency.entry(x).or_default() += 1;
        }
    }
    // Each set's prefix, rarest elements first (ties by value, so the order is
    // the same global order in every set).
    let prefixes: Vec<Vec<u64>> = sets
        .par_iter()
        .map(|set| {
            let mut ranked: Vec<(u32, u64)> = set.iter().map(|&x| (frequency[&x], x)).collect();
            ranked.sort_unstable();
            ranked.truncate(prefix_len(set.len(), threshold));
            ranked.into_iter().map(|(_, x)| x).collect()
        })
        .collect();
    drop(frequency);
    let mut postings: AHashMap<u64, Vec<u32>> = AHashMap::new();
    for (i, prefix) in prefixes.iter().enumerate() {
        for &x in prefix {
            postings.entry(x).or_default().push(i as u32);
        }
    }
    let mut pairs: Vec<(u32, u32)> = prefixes
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, prefix)| {
            let len = sets[i].len() as f64;
            let mut found: Vec<(u32, u32)> = prefix
                .iter()
                .flat_map(|x| &postings[x])
                .filter(|&&j| j as usize > i)
                // A set much larger or smaller cannot reach the threshold.
                .filter(|&&j| {
                    let other = sets[j as usize].len() as f64;
                    other >= threshold * len && len >= threshold * other
                })
                .map(|&j| (i as u32, j))
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        })
        .collect();
    pairs.par_sort_unstable();
    pairs
}

/// Length of the prefix of a set of `len` elements: `len - ⌈t len⌉ + 1`.
fn prefix_len(len: usize, threshold: f64) -> usize {
    if len == 0 {
        return 0;
    }
    // The product can come out a hair above an integer it equals.
    let needed = (threshold * len as f64 - 1e-9).ceil().max(1.0) as usize;
    (len + 1).saturating_sub(needed).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neardup::verify::overlap;

    /// Deterministic sets that overlap in every degree: windows of one sequence
    /// with private elements mixed in, and copies of some with a few changes.
    fn sets() -> Vec<Vec<u64>> {
        let mut state = 7u64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state >> 33
        };
        let mut sets: Vec<Vec<u64>> = (0..80)
            .map(|_| {
                let len = 1 + next() % 40;
                let offset = next() % 60;
                (0..len)
                    .map(|k| {
                        if next() % 4 == 0 {
                            1000 + next() % 5000
                        } else {
                            offset + k
                        }
                    })
                    .collect()
            })
            .collect();
        for i in 0..40 {
            let mut copy = sets[i].clone();
            for _ in 0..next() % 6 {
                let at = (next() as usize) % copy.len();
                copy[at] = 10_000 + next() % 5000;
            }
            sets.push(copy);
        }
        for s in &mut sets {
            s.sort_unstable();
            s.dedup();
        }
        sets
    }

    #[test]
    fn finds_every_pair_brute_force_finds() {
        let sets = sets();
        let views: Vec<&[u64]> = sets.iter().map(Vec::as_slice).collect();
        for threshold in [0.1, 0.3, 0.5, 0.8, 1.0] {
            let found = candidates(&views, threshold);
            let mut expected = 0;
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    if overlap(&sets[i], &sets[j]).jaccard() >= threshold {
                        expected += 1;
                        assert!(
                            found.binary_search(&(i as u32, j as u32)).is_ok(),
                            "t={threshold}: missed ({i}, {j})"
                        );
                    }
                }
            }
            assert!(expected > 0, "t={threshold}: the fixture has true pairs");
            // At high thresholds, prefix filtering prunes most pairs.
            if threshold >= 0.5 {
                assert!(found.len() < sets.len() * (sets.len() - 1) / 2 / 4);
            }
        }
    }

    #[test]
    fn prefix_lengths() {
        assert_eq!(prefix_len(10, 0.8), 3);
        assert_eq!(prefix_len(10, 1.0), 1);
        assert_eq!(prefix_len(10, 0.5), 6);
        assert_eq!(prefix_len(1, 0.5), 1);
        assert_eq!(prefix_len(0, 0.5), 0);
    }
}
