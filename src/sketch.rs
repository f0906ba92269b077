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
    pub const DEFAULT_SEED: u64 = 0x6475_7064_7269_6674; // "dupdrift"

    pub fn new(shingle_size: usize, permutations: usize, seed: u64) -> Result<Self> {
        if shingle_size == 0 {
            return Err(Error::InvalidParameter(
                "the shingle size must be at least 1".into(),
            ));
        }
        if permutations == 0 {
            return Err(Error::InvalidParameter(
                "at least 1 permutation is needed".into(),
            ));
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
            Err(Error::IncompatibleSketch(format!("{self:?} vs {other:?}")))
        }
    }
}

/// Builds sketches for one set of parameters; holds the permutation keys.
#[derive(Debug, Clone)]
pub struct Sketcher {
    params: SketchParams,
    keys: Vec<u64>,
}

impl Sketcher {
    pub fn new(params: SketchParams) -> Self {
        let keys = splitmix64(params.seed, params.permutations);
        Sketcher { params, keys }
    }

    pub fn params(&self) -> &SketchParams {
        &self.params
    }

    /// The MinHash signature of a set of shingle hashes.
    pub fn sketch(&self, shingles: &[u64]) -> Sketch {
        let mut mins = vec![u64::MAX; self.keys.len()];
        for &x in shingles {
            for (m, &key) in mins.iter_mut().zip(&self.keys) {
                *m = (*m).min(fmix64(x ^ key));
            }
        }
        Sketch {
            params: self.params.clone(),
            mins,
        }
    }
}

/// A MinHash signature together with the parameters it was built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    params: SketchParams,
    mins: Vec<u64>,
}

impl Sketch {
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
    fn refuses_incompatible_sketches() {
        let a = sketcher(64, 1).sketch(&[1, 2, 3]);
        let b = sketcher(64, 2).sketch(&[1, 2, 3]);
        let c = sketcher(32, 1).sketch(&[1, 2, 3]);
        assert!(matches!(
            a.jaccard_estimate(&b),
            Err(Error::IncompatibleSketch(_))
        ));
        assert!(matches!(
            a.jaccard_estimate(&c),
            Err(Error::IncompatibleSketch(_))
        ));
    }

    #[test]
    fn rejects_zero_parameters() {
        assert!(SketchParams::new(0, 128, 0).is_err());
        assert!(SketchParams::new(5, 0, 0).is_err());
    }
}
