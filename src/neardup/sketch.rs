//! MinHash sketches: a fixed-size summary of a shingle set whose slot agreement
//! estimates the Jaccard similarity of two sets.

use crate::error::{Error, Result};
use crate::hash::{fmix64, splitmix64, HASH_NAME};

/// Everything that must match for two sketches to be comparable.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SketchParams {
    /// Words per shingle.
    pub shingle_size: usize,
    /// Number of MinHash permutations (signature length).
    pub permutations: usize,
    /// Seed from which the permutation keys are derived.
    pub seed: u64,
    /// The hash scheme (see [`crate::hash`]).
    pub hash: &'static str,
}

impl SketchParams {
    /// The seed used unless the user gives one.
    pub const DEFAULT_SEED: u64 = 0x6475_7064_7269_6674; // "dupdrift"

    /// Validated parameters; a zero size or count is an error.
    pub fn new(shingle_size: usize, permutations: usize, seed: u64) -> Result<Self> {
        if shingle_size == 0 {
            return Err(Error::InvalidParameter {
                name: "shingle size",
                reason: "must be at least 1".into(),
            });
        }
        if permutations == 0 {
            return Err(Error::InvalidParameter {
                name: "permutations",
                reason: "at least 1 is needed".into(),
            });
        }
        Ok(SketchParams {
            shingle_size,
            permutations,
            seed,
            hash: HASH_NAME,
        })
    }

    /// Checks that sketches built with `self` and `other` may be compared.
    pub fn check_compatible(&self, other: &SketchParams) -> Result<()> {
        if self == other {
            Ok(())
        } else {
            let differs = |parameter, a: &dyn std::fmt::Display, b: &dyn std::fmt::Display| {
                Err(Error::IncompatibleSketch {
                    parameter,
                    a: a.to_string(),
                    b: b.to_string(),
                })
            };
            let (x, y) = (self, other);
            if x.shingle_size != y.shingle_size {
                differs("shingle size", &x.shingle_size, &y.shingle_size)
            } else if x.permutations != y.permutations {
                differs("permutations", &x.permutations, &y.permutations)
            } else if x.seed != y.seed {
                differs("seed", &x.seed, &y.seed)
            } else {
                differs("hash", &x.hash, &y.hash)
            }
        }
    }
}

/// Builds sketches for one set of parameters.
///
/// One-permutation MinHash with optimal densification (Shrivastava, ICML 2017):
/// each shingle is hashed once and kept as the minimum of the bin its hash falls
/// in; a bin no shingle fell in borrows the minimum of a filled bin, picked by a
/// probe sequence fixed by the seed and the bin, so every set picks alike. Two
/// sets agree in a slot with probability equal to their Jaccard similarity, as
/// with k independent permutations, at the cost of one hash per shingle instead
/// of k.
#[derive(Debug, Clone)]
pub struct Sketcher {
    params: SketchParams,
    /// Key of the one permutation.
    key: u64,
    /// Key of the densification probes.
    probe_key: u64,
}

impl Sketcher {
    /// A sketcher for `params`.
    pub fn new(params: SketchParams) -> Self {
        let keys = splitmix64(params.seed, 2);
        Sketcher {
            params,
            key: keys[0],
            probe_key: keys[1],
        }
    }

    /// The parameters its sketches carry.
    pub fn params(&self) -> &SketchParams {
        &self.params
    }

    /// The MinHash signature of a set of shingle hashes.
    pub fn sketch(&self, shingles: &[u64]) -> Sketch {
        let bins = self.params.permutations;
        let mut mins = vec![EMPTY; bins];
        for &x in shingles {
            let h = fmix64(x ^ self.key);
            let m = &mut mins[bin(h, bins)];
            *m = (*m).min(h);
        }
        self.densify(&mut mins);
        Sketch {
            params: self.params.clone(),
            mins: mins.into(),
        }
    }

    /// Fills every empty bin from a filled one; leaves an empty set's bins empty.
    fn densify(&self, mins: &mut [u64]) {
        let filled: Vec<bool> = mins.iter().map(|&m| m != EMPTY).collect();
        let mut values = mins.iter().filter(|&&m| m != EMPTY);
        let Some(&first) = values.next() else {
            return; // the empty set
        };
        if values.all(|&m| m == first) {
            // One value (a text of one shingle) is what every probe finds: the
            // probes, some `bins` of them per empty bin when one bin is filled,
            // would cost more than the rest of a short article's analysis.
            mins.fill(first);
            return;
        }
        if filled.iter().all(|&f| f) {
            return;
        }
        for i in 0..mins.len() {
            if filled[i] {
                continue;
            }
            let base = self.probe_key ^ ((i as u64) << 32);
            for attempt in 0u64.. {
                let donor = bin(fmix64(base ^ attempt), mins.len());
                if filled[donor] {
                    mins[i] = mins[donor];
                    break;
                }
            }
        }
    }
}

/// What an empty bin holds before densification.
const EMPTY: u64 = u64::MAX;

/// The bin of a hash among `bins`: its high bits, scaled (no modulo bias).
#[inline]
fn bin(h: u64, bins: usize) -> usize {
    ((u128::from(h) * bins as u128) >> 64) as usize
}

/// A MinHash signature together with the parameters it was built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    params: SketchParams,
    /// Shared by the copies of one text (see [`crate::document::Document::share`]).
    mins: std::sync::Arc<[u64]>,
}

impl Sketch {
    /// The parameters it was built with: two sketches compare only when these agree.
    pub fn params(&self) -> &SketchParams {
        &self.params
    }

    /// The signature: one minimum per permutation.
    pub fn mins(&self) -> &[u64] {
        &self.mins
    }

    /// The fraction of agreeing slots: an unbiased estimate of the Jaccard similarity.
    pub fn jaccard_estimate(&self, other: &Sketch) -> Result<f64> {
        self.params.check_compatible(&other.params)?;
        Ok(slot_agreement(&self.mins, &other.mins))
    }
}

impl AsRef<[u64]> for Sketch {
    fn as_ref(&self) -> &[u64] {
        &self.mins
    }
}

/// Fraction of positions where two equal-length signatures agree.
pub(crate) fn slot_agreement(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sketcher(perms: usize, seed: u64) -> Sketcher {
        Sketcher::new(SketchParams::new(5, perms, seed).expect("valid"))
    }

    #[test]
    fn identical_sets_agree_everywhere() {
        let s = sketcher(64, 1);
        let set: Vec<u64> = (0..100).collect();
        assert_eq!(
            s.sketch(&set).jaccard_estimate(&s.sketch(&set)).ok(),
            Some(1.0)
        );
    }

    #[test]
    fn disjoint_sets_barely_agree() {
        let s = sketcher(128, 1);
        let a: Vec<u64> = (0..500).collect();
        let b: Vec<u64> = (1000..1500).collect();
        let est = s
            .sketch(&a)
            .jaccard_estimate(&s.sketch(&b))
            .expect("compatible");
        assert!(est < 0.05, "{est}");
    }

    #[test]
    fn agreement_estimates_jaccard() {
        // |A ∩ B| = 600, |A ∪ B| = 1000: J = 0.6, small sets (densified) too.
        for (n, shift) in [(800, 200), (8, 2)] {
            let a: Vec<u64> = (0..n).collect();
            let b: Vec<u64> = (shift..n + shift).collect();
            let truth = (n - shift) as f64 / (n + shift) as f64;
            let seeds = 200;
            let mean = (0..seeds)
                .map(|seed| {
                    let s = sketcher(128, seed);
                    s.sketch(&a).jaccard_estimate(&s.sketch(&b)).expect("same")
                })
                .sum::<f64>()
                / seeds as f64;
            assert!((mean - truth).abs() < 0.02, "n={n}: {mean} vs {truth}");
        }
    }

    #[test]
    fn every_bin_is_filled_unless_the_set_is_empty() {
        let s = sketcher(128, 3);
        assert!(s.sketch(&[42]).mins().iter().all(|&m| m != EMPTY));
        assert!(s.sketch(&[]).mins().iter().all(|&m| m == EMPTY));
    }

    #[test]
    fn densification_borrows_as_the_probes_define() {
        // The probe sequence spelled out, for sets small enough to leave most bins
        // empty: one shingle (the shortcut), several in one bin, several spread.
        let s = sketcher(128, 9);
        for set in [vec![42], vec![1, 2], vec![5, 6, 7, 8, 9], (0..40).collect()] {
            let mut mins = vec![EMPTY; 128];
            for &x in &set {
                let h = fmix64(x ^ s.key);
                mins[bin(h, 128)] = mins[bin(h, 128)].min(h);
            }
            let filled = mins.clone();
            for (i, m) in mins.iter_mut().enumerate().filter(|(_, m)| **m == EMPTY) {
                let base = s.probe_key ^ ((i as u64) << 32);
                *m = (0u64..)
                    .map(|attempt| filled[bin(fmix64(base ^ attempt), 128)])
                    .find(|&donor| donor != EMPTY)
                    .expect("a filled bin");
            }
            assert_eq!(s.sketch(&set).mins(), &mins[..], "{set:?}");
        }
    }

    #[test]
    fn refuses_incompatible_sketches() {
        let a = sketcher(64, 1).sketch(&[1, 2, 3]);
        let b = sketcher(64, 2).sketch(&[1, 2, 3]);
        let c = sketcher(32, 1).sketch(&[1, 2, 3]);
        assert!(matches!(
            a.jaccard_estimate(&b),
            Err(Error::IncompatibleSketch {
                parameter: "seed",
                ..
            })
        ));
        assert!(matches!(
            a.jaccard_estimate(&c),
            Err(Error::IncompatibleSketch { parameter: "permutations", ref a, ref b })
                if a == "64" && b == "32"
        ));
    }

    #[test]
    fn rejects_zero_parameters() {
        assert!(SketchParams::new(0, 128, 0).is_err());
        assert!(SketchParams::new(5, 0, 0).is_err());
    }
}
