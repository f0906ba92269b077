//! What alignment knows of a sentence: its terms, each weighted by how rare it is
//! in the corpus, kept for all sentences in flat arrays.

use crate::pipeline::Document;
use ahash::AHashMap;
use rayon::prelude::*;
use std::borrow::Cow;

/// Sentences sharing fewer content terms than this are never aligned.
const MIN_SHARED_TERMS: usize = 3;

/// Term weights: inverse sentence frequency over the corpus.
pub(super) struct Weights {
    df: AHashMap<u64, u32>,
    /// Number of sentences in the corpus.
    pub sentences: f64,
}

impl Weights {
    pub fn of(docs: &[Document]) -> Weights {
        let df = docs
            .par_iter()
            .fold(AHashMap::new, |mut df: AHashMap<u64, u32>, d| {
                for s in &d.sentences {
                    for &t in &s.terms {
                        *df.entry(t).or_default() += 1;
                    }
                }
                df
            })
            .reduce(AHashMap::new, |mut a, b| {
                for (t, n) in b {
                    *a.entry(t).or_default() += n;
                }
                a
            });
        let sentences = docs.iter().map(|d| d.sentences.len()).sum::<usize>() as f64;
        Weights { df, sentences }
    }

    pub fn df(&self, term: u64) -> u32 {
        self.df.get(&term).copied().unwrap_or(1)
    }

    fn weight(&self, term: u64) -> f64 {
        ((self.sentences + 1.0) / self.df(term) as f64).ln()
    }

    /// The shared weight two sentences need before they are aligned on their own
    /// strength: `ln N` for `N` sentences. Were terms independent, two given sentences
    /// would share terms of total weight `W` by chance with probability `e^-2W`, so
    /// among the `N^2/2` pairs of the corpus fewer than one pair would reach `ln N`
    /// by chance. Template lines ("Shr 12 cts vs 15 cts") share only common words
    /// and stay below it, however similar they look.
    pub fn min_evidence(&self) -> f64 {
        self.sentences.max(2.0).ln()
    }
}

/// Every sentence's weighted terms, the sentences numbered across documents
/// (document 0's first, then document 1's...), in flat arrays: scoring millions of
/// candidate pairs then reads two places per sentence, not a chain of four pointers.
pub(super) struct Profiles<'a> {
    docs: &'a [Document],
    /// The number of each document's first sentence, and the number of sentences.
    first: Vec<usize>,
    /// The document of each sentence.
    owner: Vec<u32>,
    /// Where each sentence's terms start in `terms`, and where the last one's end.
    start: Vec<usize>,
    /// Each sentence's terms, sorted and distinct, each beside its weight.
    terms: Vec<(u64, f64)>,
    /// The sum of each sentence's term weights.
    norm: Vec<f64>,
}

impl<'a> Profiles<'a> {
    pub fn new(docs: &'a [Document], w: &Weights) -> Profiles<'a> {
        let first = prefix_sums(docs.iter().map(|d| d.sentences.len()));
        let owner = (0..docs.len() as u32)
            .flat_map(|d| std::iter::repeat_n(d, docs[d as usize].sentences.len()))
            .collect();
        let sentences = docs.iter().flat_map(|d| &d.sentences);
        let start = prefix_sums(sentences.map(|s| s.terms.len()));
        // Filled document by document in parallel, each in its own part.
        let mut terms = vec![(0, 0.0); *start.last().unwrap_or(&0)];
        let mut parts = Vec::with_capacity(docs.len());
        let mut rest = terms.as_mut_slice();
        for (d, doc) in docs.iter().enumerate() {
            let len = start[first[d + 1]] - start[first[d]];
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
            parts.push((part, doc));
            rest = tail;
        }
        parts.into_par_iter().for_each(|(part, doc)| {
            let doc_terms = doc.sentences.iter().flat_map(|s| &s.terms);
            for (slot, &t) in part.iter_mut().zip(doc_terms) {
                *slot = (t, w.weight(t));
            }
        });
        let norm = (0..start.len() - 1)
            .into_par_iter()
            .map(|g| terms[start[g]..start[g + 1]].iter().map(|t| t.1).sum())
            .collect();
        Profiles {
            docs,
            first,
            owner,
            start,
            terms,
            norm,
        }
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.norm.len()
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

    /// The terms of sentence number `g`, with their weights.
    pub fn terms(&self, g: usize) -> &[(u64, f64)] {
        &self.terms[self.start[g]..self.start[g + 1]]
    }

    /// The sum of the term weights of sentence number `g`.
    pub fn norm(&self, g: usize) -> f64 {
        self.norm[g]
    }

    /// Sentence `s` of document `d`.
    pub fn profile(&self, d: usize, s: usize) -> Profile<'_> {
        let g = self.first[d] + s;
        Profile {
            terms: Cow::Borrowed(self.terms(g)),
            norm: self.norm[g],
            numbers: Cow::Borrowed(&self.docs[d].sentences[s].numbers),
        }
    }

    /// The sentences of document `d`.
    pub fn of_doc(&self, d: usize) -> Vec<Profile<'_>> {
        (0..self.first[d + 1] - self.first[d])
            .map(|s| self.profile(d, s))
            .collect()
    }
}

/// `0`, then the running totals of `counts`.
fn prefix_sums(counts: impl Iterator<Item = usize>) -> Vec<usize> {
    std::iter::once(0)
        .chain(counts.scan(0, |total, n| {
            *total += n;
            Some(*total)
        }))
        .collect()
}

/// A sentence's terms with their weights, and the sum of the weights; or the same
/// of several sentences read as one.
pub(super) struct Profile<'a> {
    /// Sorted, distinct terms, each with its weight: one array, so that scoring a
    /// candidate pair reads one cache line where two arrays would cost two misses.
    terms: Cow<'a, [(u64, f64)]>,
    norm: f64,
    /// The terms that are numbers.
    numbers: Cow<'a, [u64]>,
}

impl Profile<'_> {
    /// The profile of several sentences read as one.
    pub fn union(parts: &[Profile]) -> Profile<'static> {
        let mut pairs: Vec<(u64, f64)> =
            parts.iter().flat_map(|p| p.terms.iter().copied()).collect();
        pairs.sort_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        let mut numbers: Vec<u64> = parts
            .iter()
            .flat_map(|p| p.numbers.iter().copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        Profile {
            norm: pairs.iter().map(|&(_, weight)| weight).sum(),
            terms: Cow::Owned(pairs),
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
            match self.terms[i].0.cmp(&other.terms[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    weight += self.terms[i].1;
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

/// One sentence's terms in an open-addressing hash set, to score it against all
/// its candidates: a lookup per term of the other sentence costs less than a merge
/// of two sorted lists, whose branches no processor predicts.
#[derive(Default)]
pub(super) struct TermSet {
    /// Terms at their hashed slot or the next free one after it; 0 is a free slot.
    slots: Vec<u64>,
    /// Slot of a term: its top bits after a multiplication (`64 - log2(slots)`).
    shift: u32,
    /// Whether the term 0, which cannot sit in a slot, is in the set.
    zero: bool,
}

impl TermSet {
    /// Fills the set with these distinct terms, at most half the slots used.
    pub fn fill(&mut self, terms: &[(u64, f64)]) {
        let bits = (2 * terms.len())
            .next_power_of_two()
            .trailing_zeros()
            .max(3);
        self.slots.clear();
        self.slots.resize(1 << bits, 0);
        self.shift = 64 - bits;
        self.zero = false;
        let mask = self.slots.len() - 1;
        for &(term, _) in terms {
            if term == 0 {
                self.zero = true;
                continue;
            }
            let mut i = self.slot(term);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = term;
        }
    }

    fn slot(&self, term: u64) -> usize {
        (term.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn contains(&self, term: u64) -> bool {
        if term == 0 {
            return self.zero;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(term);
        loop {
            match self.slots[i] {
                t if t == term => return true,
                0 => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// What these terms share with the set's, as [`Profile::shared`] counts it: the
    /// same weights, added in the same (term) order, so the same sum to the bit.
    pub fn shared(&self, terms: &[(u64, f64)]) -> (f64, usize) {
        let (mut weight, mut count) = (0.0, 0);
        for &(term, w) in terms {
            if self.contains(term) {
                weight += w;
                count += 1;
            }
        }
        (weight, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn profile(terms: &[u64]) -> Profile<'static> {
        let mut terms: Vec<(u64, f64)> = terms.iter().map(|&t| (t, 1.0 + t as f64 % 7.0)).collect();
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        Profile {
            norm: terms.iter().map(|t| t.1).sum(),
            terms: Cow::Owned(terms),
            numbers: Cow::Owned(Vec::new()),
        }
    }

    proptest! {
        // Small term values collide in the set's slots and include 0, the free mark.
        #[test]
        fn a_term_set_shares_what_a_merge_shares(
            a in prop::collection::vec(0u64..40, 0..30),
            b in prop::collection::vec(0u64..40, 0..30),
        ) {
            let (a, b) = (profile(&a), profile(&b));
            let mut set = TermSet::default();
            set.fill(&a.terms);
            prop_assert_eq!(set.shared(&b.terms), a.shared(&b));
        }
    }
}
