//! Locality-sensitive hashing over MinHash signatures: split each signature into
//! bands of rows; articles that agree on every row of some band become candidates.
//!
//! A pair with Jaccard `j` becomes a candidate with probability `1 - (1 - j^r)^b`.
//! Every candidate is verified exactly afterwards, so a false candidate costs only
//! time while a missed pair is lost for good: the banding is chosen for recall.

use crate::error::{Error, Result};
use crate::hash::band_key;
use rayon::prelude::*;

/// The chance of missing a pair whose Jaccard sits exactly at the threshold.
pub const MISS_AT_THRESHOLD: f64 = 0.01;

/// How signatures are cut: `bands` bands of `rows` slots each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Banding {
    /// Number of bands `b`.
    pub bands: usize,
    /// Rows (signature slots) per band `r`.
    pub rows: usize,
}

impl Banding {
    /// The banding for a Jaccard `threshold` over signatures of `permutations` slots:
    /// the most rows per band (fewest false candidates) that still miss a pair at the
    /// threshold with probability at most [`MISS_AT_THRESHOLD`].
    pub fn for_threshold(threshold: f64, permutations: usize) -> Result<Banding> {
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(Error::InvalidParameter {
                name: "threshold",
                reason: format!("must be in (0, 1], got {threshold}"),
            });
        }
        if permutations == 0 {
            return Err(Error::InvalidParameter {
                name: "permutations",
                reason: "at least 1 is needed".into(),
            });
        }
        let best = (1..=permutations)
            .rev()
            .map(|rows| Banding {
                bands: permutations / rows,
                rows,
            })
            .find(|b| b.candidate_probability(threshold) >= 1.0 - MISS_AT_THRESHOLD);
        Ok(best.unwrap_or(Banding {
            bands: permutations,
            rows: 1,
        }))
    }

    /// Probability that a pair with Jaccard `j` becomes a candidate.
    pub fn candidate_probability(&self, j: f64) -> f64 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// The key of each band of `signature`, in band order: what a stored index files
/// a document under, to find its candidates as [`candidates`] would.
pub fn band_keys(signature: &[u64], banding: Banding) -> Vec<u64> {
    (0..banding.bands)
        .map(|band| {
            band_key(
                band,
                &signature[band * banding.rows..(band + 1) * banding.rows],
            )
        })
        .collect()
}

/// The 32 bits of a band key that [`BandKeys`] keeps (and the Spark job buckets
/// by): the low ones, as even as all 64 in an xxh3 hash.
pub fn short_key(key: u64) -> u32 {
    key as u32
}

/// Members past which a bucket of one band proposes each member with its first
/// alone, not every pair. A bucket that large holds documents agreeing on a band
/// through what they all carry (a boilerplate line in 50,000 articles fills one
/// slot in 5% of them at one row a band), or a family of near-copies of one
/// story: its pairs would be millions, nearly all below the threshold in the
/// first case. The first member keeps a family together (each member paired
/// with it, where the two reach the threshold), and pairs within it are still
/// found through the bands that are not crowded.
pub const MAX_BUCKET: usize = 1000;

/// The pairs one bucket proposes, its `members` sorted: every pair, or past
/// [`MAX_BUCKET`] members the first with each other. Tells whether it was crowded.
/// (The Spark job of `py/` buckets its band keys with it as well.)
pub fn bucket_pairs<T: Copy>(members: &[T], mut pair: impl FnMut(T, T)) -> bool {
    if members.len() > MAX_BUCKET {
        for &b in &members[1..] {
            pair(members[0], b);
        }
        return true;
    }
    for (x, &a) in members.iter().enumerate() {
        for &b in &members[x + 1..] {
            pair(a, b);
        }
    }
    false
}

/// The candidate pairs of a set of signatures, and what was left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// Pairs `(i, j)`, `i < j`, of signatures that share at least one band (in a
    /// crowded bucket, the first member with each other); sorted, without repeats.
    pub pairs: Vec<(u32, u32)>,
    /// Buckets of more than [`MAX_BUCKET`] signatures, which proposed each
    /// member with their first only.
    pub crowded_buckets: usize,
}

/// The band keys of many signatures, for [`candidates`]: 32 bits of each key,
/// document after document. A kilobyte sketch of 128 slots leaves 168 bytes
/// (42 bands), so ten million headlines fit in memory. The cut bits cost no
/// recall (equal bands keep equal keys) and no precision (every candidate is
/// verified), only unrelated documents whose keys meet by chance: some n^2 / 2^33
/// pairs a band, 49 candidates in all among 100,000 documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BandKeys {
    bands: usize,
    keys: Vec<u32>,
}

impl BandKeys {
    /// The keys of `signatures`, each of at least `bands * rows` slots, cut as
    /// `banding` says; `signature(i)` gives the `i`th, in parallel.
    pub fn of<F, S>(count: usize, banding: Banding, signature: F) -> BandKeys
    where
        F: Fn(usize) -> S + Sync,
        S: AsRef<[u64]>,
    {
        let mut keys = vec![0u32; count * banding.bands];
        if banding.bands > 0 {
            keys.par_chunks_mut(banding.bands)
                .enumerate()
                .for_each(|(doc, out)| {
                    let sig = signature(doc);
                    for (key, k) in band_keys(sig.as_ref(), banding).into_iter().zip(out) {
                        *k = short_key(key);
                    }
                });
        }
        BandKeys {
            bands: banding.bands,
            keys,
        }
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.keys.len().checked_div(self.bands).unwrap_or(0)
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The pairs of documents whose keys agree in at least one band, a bucket of
/// more than [`MAX_BUCKET`] through its first member.
pub fn candidates(keys: &BandKeys) -> Candidates {
    let n = keys.len();
    let per_band: Vec<(Vec<(u32, u32)>, usize)> = (0..keys.bands)
        .into_par_iter()
        .map(|band| {
            // Sorting the keys puts each bucket's members side by side.
            let mut keyed: Vec<(u32, u32)> = (0..n)
                .map(|doc| (keys.keys[doc * keys.bands + band], doc as u32))
                .collect();
            keyed.sort_unstable();
            let mut pairs = Vec::new();
            let mut crowded = 0;
            let mut members = Vec::new();
            for bucket in keyed.chunk_by(|x, y| x.0 == y.0).filter(|b| b.len() > 1) {
                // Sorted by document within the key.
                members.clear();
                members.extend(bucket.iter().map(|&(_, doc)| doc));
                if bucket_pairs(&members, |a, b| pairs.push((a, b))) {
                    crowded += 1;
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            (pairs, crowded)
        })
        .collect();
    let crowded_buckets = per_band.iter().map(|(_, c)| c).sum();
    let mut pairs: Vec<(u32, u32)> = per_band.into_iter().flat_map(|(p, _)| p).collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    Candidates {
        pairs,
        crowded_buckets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding_meets_the_miss_target() {
        for t in [0.3, 0.5, 0.8, 0.95] {
            let b = Banding::for_threshold(t, 128).expect("valid");
            assert!(b.bands * b.rows <= 128);
            assert!(b.candidate_probability(t) >= 0.99, "{t}: {b:?}");
            // One more row per band would miss the target: the choice is the tightest.
            let tighter = Banding {
                bands: 128 / (b.rows + 1),
                rows: b.rows + 1,
            };
            assert!(tighter.candidate_probability(t) < 0.99, "{t}: {b:?}");
        }
        assert_eq!(
            Banding::for_threshold(1.0, 128).ok(),
            Some(Banding {
                bands: 1,
                rows: 128
            })
        );
        assert!(Banding::for_threshold(0.0, 128).is_err());
        assert!(Banding::for_threshold(1.5, 128).is_err());
    }

    #[test]
    fn finds_pairs_sharing_a_band() {
        let a = [1u64, 2, 3, 4];
        let b = [1u64, 2, 9, 9];
        let c = [7u64, 7, 3, 4];
        let d = [5u64, 6, 7, 8];
        let sigs: Vec<&[u64]> = vec![&a, &b, &c, &d];
        let banding = Banding { bands: 2, rows: 2 };
        let got = candidates(&BandKeys::of(sigs.len(), banding, |i| sigs[i]));
        assert_eq!(got.pairs, vec![(0, 1), (0, 2)]);
        assert_eq!(got.crowded_buckets, 0);
        // Stored keys agree where the bands do, as the candidates say.
        let keys: Vec<Vec<u64>> = sigs.iter().map(|s| band_keys(s, banding)).collect();
        assert_eq!(keys[0][0], keys[1][0]);
        assert_eq!(keys[0][1], keys[2][1]);
        assert_ne!(keys[0][0], keys[2][0]);
        assert!(keys[3].iter().all(|k| !keys[0].contains(k)));
    }

    #[test]
    fn a_crowded_bucket_proposes_its_members_with_its_first() {
        // Every signature shares slot 0; pairs 2k and 2k + 1 share slot 1 too.
        let sigs: Vec<[u64; 2]> = (0..MAX_BUCKET as u64 + 2)
            .map(|i| [7, 100 + i / 2])
            .collect();
        let banding = Banding { bands: 2, rows: 1 };
        let got = candidates(&BandKeys::of(sigs.len(), banding, |i| sigs[i]));
        assert_eq!(got.crowded_buckets, 1);
        let mut expected: Vec<(u32, u32)> = (0..sigs.len() as u32 / 2)
            .map(|k| (2 * k, 2 * k + 1))
            .chain((1..sigs.len() as u32).map(|b| (0, b)))
            .collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(got.pairs, expected);
    }
}
