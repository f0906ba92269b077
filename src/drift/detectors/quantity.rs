//! Quantity: how many or how often changed ("some officials" / "all officials",
//! "met regularly" / "met only once").
//!
//! Quantifiers come from `data/lexicon/en/quantifiers.tsv`, each with what it counts
//! (things or events) and a rank. A quantifier of one side is paired with one of the
//! other side that counts the same way and stands in the same place (the same word
//! after or before it), or is the only one of its sort on each side. Two ranks apart
//! is drift; one rank ("many" / "several") a rewording. Quantifiers that are
//! opposites ("many" / "few") are reported as `antonym`.

use super::{Detector, Languages, Pair};
use crate::drift::facts::classes::Class;
use crate::drift::facts::forms::opposite;
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};
use crate::text::lexicon::quantifiers;

/// A quantifier: token, what it counts, rank.
type Quantifier = (usize, &'static str, u8);

fn of(side: &Side) -> Vec<Quantifier> {
    let list = quantifiers();
    (0..side.tokens.len())
        .filter(|&k| side.is(k, Class::Quantifier))
        .filter_map(|k| {
            list.get(side.tokens[k].norm.as_str())
                .map(|&(class, rank)| (k, class, rank))
        })
        .collect()
}

fn same_place(a: &Side, i: usize, b: &Side, j: usize) -> bool {
    let after =
        i + 1 < a.tokens.len() && j + 1 < b.tokens.len() && a.stems[i + 1] == b.stems[j + 1];
    let before = i > 0 && j > 0 && a.stems[i - 1] == b.stems[j - 1];
    after || before
}

/// The `quantity` detector (see the module's doc).
pub struct Quantity;

impl Detector for Quantity {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Quantity]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (qa, qb) = (of(a), of(b));
        let mut used = vec![false; qb.len()];
        for &(i, class, rank) in &qa {
            let sort = |q: &&Quantifier| q.1 == class;
            let only = qa.iter().filter(sort).count() == 1 && qb.iter().filter(sort).count() == 1;
            let partner = (0..qb.len()).find(|&m| {
                let (j, c, _) = qb[m];
                !used[m] && c == class && (same_place(a, i, b, j) || only)
            });
            let Some(m) = partner else { continue };
            used[m] = true;
            let (j, _, other) = qb[m];
            // Opposites ("many" / "few") are `antonym`'s to report.
            if rank.abs_diff(other) < 2 || opposite(&a.tokens[i].norm, &b.tokens[j].norm) {
                continue;
            }
            out.push(pair.finding(
                DriftKind::Quantity,
                severity::QUANTITY_CHANGED,
                vec![a.span(i)],
                vec![b.span(j)],
                format!("A says \"{}\", B says \"{}\"", a.word(i), b.word(j)),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        few_for_most: Quantity drifts("A few officials resigned.", "Most officials resigned.") == QUANTITY_CHANGED.close;
        occasionally_for_constantly: Quantity drifts("They met occasionally.", "They met constantly.") == QUANTITY_CHANGED.close;
        // Opposites are antonyms, reported once.
        opposites_are_antonyms: Quantity same("They met rarely.", "They met often.");
        one_rank_apart: Quantity same("Many officials resigned.", "Several officials resigned.");
        same_quantifier: Quantity same("Some officials resigned.", "Some officials resigned.");
        // Different sorts of counting are not compared.
        things_and_events: Quantity same("Some officials resigned.", "Officials always resign.");
    }
}
