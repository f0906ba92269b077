//! Quantity: how many or how often changed ("some officials" / "all officials",
//! "met regularly" / "met only once").
//!
//! Quantifiers come from `data/lexicon/en/quantifiers.tsv`, each with what it counts
//! (things or events) and a rank. A quantifier of one side is paired with one of the
//! other side that counts the same way and stands in the same place (the same word
//! after or before it), or is the only one of its sort on each side. Two ranks apart
//! is drift; one rank ("many" / "several") a rewording. Quantifiers that are
//! opposites ("many" / "few") are reported as `antonym`.

use super::antonym::opposite;
use super::side::{Class, Side};
use super::{DriftFinding, DriftKind};
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

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let (qa, qb) = (of(a), of(b));
    let mut used = vec![false; qb.len()];
    let mut out = Vec::new();
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
        out.push(DriftFinding {
            kind: DriftKind::Quantity,
            severity: 0.6,
            evidence_a: vec![a.span(i)],
            evidence_b: vec![b.span(j)],
            explanation: format!("A says \"{}\", B says \"{}\"", a.word(i), b.word(j)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn quantity(a: &str, b: &str) -> usize {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .iter()
            .filter(|f| f.kind == DriftKind::Quantity)
            .count()
    }

    #[test]
    fn another_quantity_is_drift_a_near_one_is_not() {
        assert_eq!(
            quantity("A few officials resigned.", "Most officials resigned."),
            1
        );
        assert_eq!(
            quantity("They met occasionally.", "They met constantly."),
            1
        );
        // Opposites are antonyms, reported once.
        assert_eq!(quantity("They met rarely.", "They met often."), 0);
        assert_eq!(
            quantity("Many officials resigned.", "Several officials resigned."),
            0
        );
        assert_eq!(
            quantity("Some officials resigned.", "Some officials resigned."),
            0
        );
        // Different sorts of counting are not compared.
        assert_eq!(
            quantity("Some officials resigned.", "Officials always resign."),
            0
        );
    }
}
