//! Order: the same words in another order, so that who did what to whom can no
//! longer be read off ("Police fired tear gas at the crowd" / "The crowd fired
//! police at tear gas"), or the passage is scrambled.
//!
//! A rewrite moves whole phrases, which keeps most neighbouring words together; a
//! scramble keeps almost none. Both sides must use nearly the same words, so that a
//! paraphrase (other words, other order) is never read as one.

use super::{Detector, Languages, Pair};
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};
use ahash::AHashMap;

/// Share of each side's words the other must use.
const SAME_WORDS: f64 = 0.8;
/// Share of neighbouring word pairs kept next to each other, below which the order
/// is lost.
const KEPT_NEIGHBOURS: f64 = 0.35;
/// Words needed before an order means anything.
const MIN_WORDS: usize = 6;

/// The `order` detector (see the module's doc).
pub struct Order;

impl Detector for Order {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Order]
    }

    fn languages(&self) -> Languages {
        Languages::Any
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (n, m) = (a.tokens.len(), b.tokens.len());
        if n < MIN_WORDS || m < MIN_WORDS {
            return;
        }
        // At most every word of A is in B: sides of unequal length cannot qualify.
        if (n as f64) < SAME_WORDS * n.max(m) as f64 {
            return;
        }
        // Where each stem stands in B (stems said once on each side only).
        let mut at_b: AHashMap<u64, (usize, usize)> = AHashMap::with_capacity(m);
        for (j, s) in b.stems.iter().enumerate() {
            let e = at_b.entry(*s).or_insert((j, 0));
            e.1 += 1;
        }
        let found = a.stems.iter().filter(|&s| at_b.contains_key(s)).count();
        if (found as f64) < SAME_WORDS * n.max(m) as f64 {
            return;
        }
        let mut count_a: AHashMap<u64, usize> = AHashMap::with_capacity(n);
        for s in &a.stems {
            *count_a.entry(*s).or_insert(0) += 1;
        }
        let place: Vec<Option<usize>> = a
            .stems
            .iter()
            .map(|s| {
                let once_in_a = count_a.get(s) == Some(&1);
                at_b.get(s)
                    .filter(|&&(_, c)| c == 1 && once_in_a)
                    .map(|&(j, _)| j)
            })
            .collect();
        let (mut pairs, mut kept) = (0usize, 0usize);
        for w in place.windows(2) {
            if let [Some(x), Some(y)] = w {
                pairs += 1;
                kept += usize::from(*y == x + 1);
            }
        }
        if pairs < MIN_WORDS || kept as f64 >= KEPT_NEIGHBOURS * pairs as f64 {
            return;
        }
        out.push(pair.finding(DriftKind::Order, severity::ORDER_SCRAMBLED, vec![(0, a.text.len())], vec![(0, b.text.len())], format!(
                "the same words in another order: {kept} of {pairs} neighbouring words stay together"
            )));
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    const A: &str = "Two months ago, Locklear was out of a specialist clinic in Arizona after being hospitalized.";

    drift_cases! {
        scrambled: Order drifts(A, "Ago, being clinic of out Locklear Arizona after a was two specialist months hospitalized in.") == ORDER_SCRAMBLED.close;
        phrase_moved: Order same(A, "Locklear was out of a specialist clinic in Arizona two months ago, after being hospitalized.");
        same_order: Order same(A, A);
    }
}
