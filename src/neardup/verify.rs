//! Exact set overlap of two shingle sets: every candidate is verified with it, so a
//! reported pair's `jaccard` is the true value, never an estimate.

/// Sizes of two sets and of their intersection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Overlap {
    /// Shingles the two sets share.
    pub shared: usize,
    /// Size of the first set.
    pub len_a: usize,
    /// Size of the second set.
    pub len_b: usize,
}

impl Overlap {
    /// |A ∩ B| / |A ∪ B|; 0 for two empty sets.
    pub fn jaccard(&self) -> f64 {
        let union = self.len_a + self.len_b - self.shared;
        ratio(self.shared, union)
    }

    /// |A ∩ B| / |A|: how much of A appears in B.
    pub fn containment_a(&self) -> f64 {
        ratio(self.shared, self.len_a)
    }

    /// |A ∩ B| / |B|: how much of B appears in A.
    pub fn containment_b(&self) -> f64 {
        ratio(self.shared, self.len_b)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Overlap of two sorted sets without repeats, by one merge pass.
pub fn overlap(a: &[u64], b: &[u64]) -> Overlap {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Overlap {
        shared,
        len_a: a.len(),
        len_b: b.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_overlap() {
        let o = overlap(&[1, 2, 3, 4], &[3, 4, 5]);
        assert_eq!(
            o,
            Overlap {
                shared: 2,
                len_a: 4,
                len_b: 3
            }
        );
        assert_eq!(o.jaccard(), 2.0 / 5.0);
        assert_eq!(o.containment_a(), 0.5);
        assert_eq!(o.containment_b(), 2.0 / 3.0);
        assert_eq!(overlap(&[], &[]).jaccard(), 0.0);
    }
}
