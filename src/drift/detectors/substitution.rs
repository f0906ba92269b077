//! Substitution: in an otherwise faithful copy, a content word replaced by one of
//! another meaning that no other kind covers ("officers" / "criminals").
//!
//! The two sides' words are aligned in order (as for `omission`); each stretch one
//! side replaced is compared with what the other side has in its place. A typo or
//! another form of the word, a synonym or a word one step broader or narrower in
//! WordNet ("car" / "vehicle") is rewording; opposites, negations, names, figures,
//! hedges and quantifiers are left to their own kinds. Only close copies are judged:
//! a text reworded throughout has other words everywhere. A word WordNet does not
//! know in place of one it does (another language: "office" / "úřadu") is drift;
//! another English word is only worth a look, as WordNet may hold the two as
//! synonyms further apart than one step.

use super::{Detector, Languages, Pair};
use crate::drift::facts::alignment::{content, near};
use crate::drift::facts::forms::same_sense;
use crate::drift::facts::forms::{bases, opposite};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};
use crate::text::lexicon::synsets;

/// Content words each side may have of its own: more is a rewrite, not a copy.
const MAX_REPLACED: usize = 2;
/// Content words the two sides must share.
const MIN_SHARED: usize = 3;

/// The unaligned tokens of one side, split by the aligned tokens around them: gap
/// `g` holds the tokens after the `g`-th aligned token (gap 0: before the first).
fn gaps(left: &[bool]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for (k, &l) in left.iter().enumerate() {
        if l {
            out.last_mut().expect("one gap at least").push(k);
        } else {
            out.push(Vec::new());
        }
    }
    out
}

/// The `substitution` detector (see the module's doc).
pub struct Substitution;

impl Detector for Substitution {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Substitution]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        // None for texts too long to align word by word.
        let Some(words) = pair.words() else {
            return;
        };
        let (left_a, left_b) = (&words.left_a, &words.left_b);
        let own = |s: &Side, left: &[bool]| {
            (0..s.tokens.len())
                .filter(|&k| left[k] && content(s, k))
                .count()
        };
        if words.shared < MIN_SHARED
            || own(a, left_a) > MAX_REPLACED
            || own(b, left_b) > MAX_REPLACED
        {
            return;
        }
        let (ga, gb) = (gaps(left_a), gaps(left_b));
        // A copy with one word or phrase replaced: every other word kept, in order.
        let changed: Vec<usize> = (0..ga.len().min(gb.len()))
            .filter(|&g| !ga[g].is_empty() || !gb[g].is_empty())
            .collect();
        if changed.len() != 1 {
            return;
        }
        for (xa, xb) in ga.iter().zip(&gb) {
            let words = |s: &Side, g: &[usize]| -> Vec<usize> {
                g.iter().copied().filter(|&k| content(s, k)).collect()
            };
            let (wa, wb) = (words(a, xa), words(b, xb));
            if wa.is_empty() || wb.is_empty() {
                continue; // dropped or added: `omission`'s
            }
            let kin = |i: usize, j: usize| {
                let (x, y) = (&a.tokens[i].norm, &b.tokens[j].norm);
                near(a, i, b, j) || same_sense(&bases(x), &bases(y)) || opposite(x, y)
            };
            if wa.iter().any(|&i| wb.iter().any(|&j| kin(i, j))) {
                continue;
            }
            // A word WordNet does not know in place of one it knows (another language,
            // a garbled word) is clearly not the same; two English words may still be
            // synonyms WordNet puts further apart ("cited" / "put forward"), worth a look.
            let known = |s: &Side, k: usize| s.forms(k).bases.iter().any(|w| synsets().knows(w));
            let foreign = wa.iter().all(|&i| known(a, i)) && wb.iter().all(|&j| !known(b, j));
            out.push(pair.finding(
                DriftKind::Substitution,
                if foreign {
                    severity::SUBSTITUTION_FOREIGN
                } else {
                    severity::SUBSTITUTION_OTHER_WORD
                },
                wa.iter().map(|&k| a.span(k)).collect(),
                wb.iter().map(|&k| b.span(k)).collect(),
                format!(
                    "B replaces \"{}\" with \"{}\"",
                    a.words(&wa, " "),
                    b.words(&wb, " ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    const A: &str = "The three men are officers of the customs and tax office in the city.";
    const ACCIDENT: &str = "The accident occurred near the mountain peak in the morning.";

    drift_cases! {
        another_meaning: Substitution drifts(A, "The three men are criminals of the customs and tax office in the city.") == SUBSTITUTION_OTHER_WORD.close;
        foreign_word: Substitution drifts(A, "The three men are officers of the customs and tax úřadu in the city.") == SUBSTITUTION_FOREIGN.close;
        synonym: Substitution same(ACCIDENT, "The accident happened near the mountain peak in the morning.");
        typo: Substitution same(ACCIDENT, "The accident ocurred near the mountain peak in the morning.");
        rewritten: Substitution same(ACCIDENT, "The crash took place close to the summit early in the day.");
        words_moved: Substitution same(ACCIDENT, "The accident occurred near the peak of the mountain in the morning.");
    }
}
