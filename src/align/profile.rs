//! What alignment knows of a sentence: its terms, each weighted by how rare it is
//! in the corpus (by the statistics passed in, see [`super::stats`]), kept for all
//! sentences in flat arrays.

use super::parts::prefix_sums;
use super::stats::{Weights, FREE};
use crate::document::Document;
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;

/// Sentences sharing fewer content terms than this are never aligned.
pub(super) const MIN_SHARED_TERMS: usize = 3;

/// Every sentence's weighted terms, the sentences numbered across documents
/// (document 0's first, then document 1's...), in flat arrays: scoring millions of
/// candidate pairs then reads two places per sentence, not a chain of four pointers.
pub(super) struct Profiles<'a> {
    /// The number of each document's first sentence, and the number of sentences.
    first: Vec<usize>,
    /// The document of each sentence.
    owner: Vec<u32>,
    /// Where each sentence's terms start in `terms` with the sum of their weights,
    /// and where the last one's end: side by side, one read of memory for both
    /// while scoring (each of millions of candidates is a random read).
    heads: Vec<(usize, f64)>,
    /// Each sentence's terms by number, sorted and distinct: a quarter of the
    /// bytes of hashes beside weights, for the random reads of scoring.
    terms: Vec<u32>,
    /// The weight of each term by number.
    weight: &'a [f64],
    /// Where each sentence's numbers start in `numbers`, and where the last one's end.
    number_start: Vec<usize>,
    /// Each sentence's terms that are numbers, sorted and distinct.
    numbers: Vec<u64>,
}

impl<'a> Profiles<'a> {
    /// The profiles of `docs`' sentences, whose terms `terms` holds by number (all
    /// sentences' one after the other, as [`Weights::new`] gives them).
    pub fn new(docs: &'a [Document], w: &'a Weights, terms: Vec<u32>) -> Profiles<'a> {
        let first = prefix_sums(docs.iter().map(|d| d.sentences.len()));
        // `align` checked that document numbers fit in 32 bits.
        let owner = (0..docs.len() as u32)
            .flat_map(|d| std::iter::repeat_n(d, docs[d as usize].sentences.len()))
            .collect();
        let sentences = || docs.iter().flat_map(|d| d.sentences.iter());
        let start = prefix_sums(sentences().map(|s| s.terms.len()));
        let number_start = prefix_sums(sentences().map(|s| s.numbers.len()));
        let numbers = docs
            .par_iter()
            .flat_map_iter(|d| d.sentences.iter().flat_map(|s| s.numbers.iter().copied()))
            .collect();
        let weight = w.weights();
        let heads = (0..start.len())
            .into_par_iter()
            .map(|g| {
                let norm = match start.get(g + 1) {
                    Some(&end) => terms[start[g]..end]
                        .iter()
                        .map(|&t| weight[t as usize])
                        .sum(),
                    None => 0.0,
                };
                (start[g], norm)
            })
            .collect();
        Profiles {
            first,
            owner,
            heads,
            terms,
            weight,
            number_start,
            numbers,
        }
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.heads.len() - 1
    }

    /// The number of document `d`'s first sentence.
    pub fn first(&self, d: usize) -> usize {
        self.first[d]
    }

    /// The document and the sentence within it of sentence number `g`.
    pub fn locate(&self, g: usize) -> (usize, usize) {
        let d = self.owner[g] as usize;
        (d, g - self.first[d])
    }

    /// The terms of sentence number `g`, by number.
    pub fn terms(&self, g: usize) -> &[u32] {
        &self.terms[self.span(g)]
    }

    /// The weight of each term by number.
    pub fn weights(&self) -> &'a [f64] {
        self.weight
    }

    /// Where the terms of sentence number `g` are in [`Profiles::arena`].
    pub fn span(&self, g: usize) -> Range<usize> {
        self.heads[g].0..self.heads[g + 1].0
    }

    /// The terms of all sentences, one after the other.
    pub fn arena(&self) -> &[u32] {
        &self.terms
    }

    /// The sum of the term weights of sentence number `g`.
    pub fn norm(&self, g: usize) -> f64 {
        self.heads[g].1
    }

    /// Sentence `s` of document `d`.
    pub fn profile(&self, d: usize, s: usize) -> Profile<'_> {
        let g = self.first[d] + s;
        Profile {
            terms: Cow::Borrowed(self.terms(g)),
            weight: self.weight,
            norm: self.norm(g),
            numbers: Cow::Borrowed(&self.numbers[self.number_start[g]..self.number_start[g + 1]]),
        }
    }

    /// The sentences of document `d`.
    pub fn of_doc(&self, d: usize) -> Vec<Profile<'_>> {
        (0..self.first[d + 1] - self.first[d])
            .map(|s| self.profile(d, s))
            .collect()
    }
}

/// A sentence's terms with their weights, and the sum of the weights; or the same
/// of several sentences read as one.
pub(super) struct Profile<'a> {
    /// Sorted, distinct terms by number.
    terms: Cow<'a, [u32]>,
    /// The weight of each term by number.
    weight: &'a [f64],
    norm: f64,
    /// The terms that are numbers.
    numbers: Cow<'a, [u64]>,
}

impl<'a> Profile<'a> {
    /// The profile of several sentences read as one.
    pub fn union(parts: &[Profile<'a>]) -> Profile<'a> {
        let mut terms: Vec<u32> = parts.iter().flat_map(|p| p.terms.iter().copied()).collect();
        terms.sort_unstable();
        terms.dedup();
        let mut numbers: Vec<u64> = parts
            .iter()
            .flat_map(|p| p.numbers.iter().copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let weight = parts.first().map_or(&[][..], |p| p.weight);
        Profile {
            norm: terms.iter().map(|&t| weight[t as usize]).sum(),
            terms: Cow::Owned(terms),
            weight,
            numbers: Cow::Owned(numbers),
        }
    }

    /// Whether both sides state numbers and none of them agree: such sentences
    /// report different figures, however alike their words (the lines of
    /// earnings tables and dividend notices). They may still align next to a
    /// stronger match, where a changed figure is drift worth reporting.
    pub fn figures_disagree(&self, other: &Profile) -> bool {
        !self.numbers.is_empty()
            && !other.numbers.is_empty()
            && !self
                .numbers
                .iter()
                .any(|n| other.numbers.binary_search(n).is_ok())
    }

    /// The weight and the number of the terms both profiles have.
    pub fn shared(&self, other: &Profile) -> (f64, usize) {
        let (mut i, mut j, mut weight, mut count) = (0, 0, 0.0, 0);
        while i < self.terms.len() && j < other.terms.len() {
            match self.terms[i].cmp(&other.terms[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    weight += self.weight[self.terms[i] as usize];
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (weight, count)
    }

    /// Weighted Dice (see [`dice`]).
    pub fn similarity(&self, other: &Profile) -> f64 {
        dice(self.shared(other), self.norm + other.norm)
    }

    /// The share of this profile's weight that `other` covers.
    pub fn covered_by(&self, other: &Profile) -> f64 {
        if self.norm > 0.0 {
            self.shared(other).0 / self.norm
        } else {
            0.0
        }
    }
}

/// Weighted Dice: twice the weight shared over `total`, the weight of both; 0 when
/// fewer than [`MIN_SHARED_TERMS`] terms are shared, since one word in common is
/// chance, however rare the word.
pub(super) fn dice((weight, count): (f64, usize), total: f64) -> f64 {
    if total > 0.0 && count >= MIN_SHARED_TERMS {
        2.0 * weight / total
    } else {
        0.0
    }
}

/// One sentence's terms and their weights in an open-addressing hash table, to
/// score it against all its candidates: a lookup per term of the other sentence
/// costs less than a merge of two sorted lists, whose branches no processor
/// predicts, and a term found brings its weight from this small table.
#[derive(Default)]
pub(super) struct TermSet {
    /// Terms at their hashed slot or the next free one after it.
    slots: Vec<u32>,
    /// The weight of the term in each slot.
    weights: Vec<f64>,
    /// Slot of a term: its top bits after a multiplication (`32 - log2(slots)`).
    shift: u32,
}

impl TermSet {
    /// Fills the set with these distinct terms, at most half the slots used.
    pub fn fill(&mut self, terms: &[u32], weight: &[f64]) {
        // Up to 32 bits of slots: fewer than 2^32 terms are numbered, so one of
        // 2^32 slots is always free, and the shift below stays in range.
        let bits = (2 * terms.len())
            .next_power_of_two()
            .trailing_zeros()
            .clamp(3, 32);
        self.slots.clear();
        self.slots.resize(1 << bits, FREE);
        self.weights.clear();
        self.weights.resize(1 << bits, 0.0);
        self.shift = 32 - bits;
        let mask = self.slots.len() - 1;
        for &term in terms {
            let mut i = self.slot(term);
            while self.slots[i] != FREE {
                i = (i + 1) & mask;
            }
            self.slots[i] = term;
            self.weights[i] = weight[term as usize];
        }
    }

    fn slot(&self, term: u32) -> usize {
        (term.wrapping_mul(0x9e37_79b9) >> self.shift) as usize
    }

    /// The weight of `term`, if it is in the set.
    fn weight(&self, term: u32) -> Option<f64> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(term);
        loop {
            match self.slots[i] {
                t if t == term => return Some(self.weights[i]),
                FREE => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// What these terms share with the set's, as [`Profile::shared`] counts it: the
    /// same weights, added in the same (term) order, so the same sum to the bit.
    pub fn shared(&self, terms: &[u32]) -> (f64, usize) {
        let (mut sum, mut count) = (0.0, 0);
        for &term in terms {
            if let Some(w) = self.weight(term) {
                sum += w;
                count += 1;
            }
        }
        (sum, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WEIGHT: [f64; 40] = {
        let mut w = [0.0; 40];
        let mut t = 0;
        while t < 40 {
            w[t] = 1.0 + (t % 7) as f64;
            t += 1;
        }
        w
    };

    fn profile(terms: &[u32]) -> Profile<'static> {
        let mut terms = terms.to_vec();
        terms.sort_unstable();
        terms.dedup();
        Profile {
            norm: terms.iter().map(|&t| WEIGHT[t as usize]).sum(),
            terms: Cow::Owned(terms),
            weight: &WEIGHT,
            numbers: Cow::Owned(Vec::new()),
        }
    }

    proptest! {
        // Few distinct terms: they collide in the set's slots.
        #[test]
        fn a_term_set_shares_what_a_merge_shares(
            a in prop::collection::vec(0u32..40, 0..30),
            b in prop::collection::vec(0u32..40, 0..30),
        ) {
            let (a, b) = (profile(&a), profile(&b));
            let mut set = TermSet::default();
            set.fill(&a.terms, &WEIGHT);
            prop_assert_eq!(set.shared(&b.terms), a.shared(&b));
        }
    }
}
