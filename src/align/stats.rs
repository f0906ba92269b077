//! Corpus statistics that weigh terms, and their dense form for one batch.
//!
//! [`TermStats`] is a value the caller builds and passes to [`super::align`]: over
//! the batch itself (as `scan` does), over a corpus the batch belongs to, or merged
//! from the statistics of partitions. A term then weighs the same, and proposes
//! the same candidates, whatever batch its sentences are aligned in.

use crate::document::Document;
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

/// How rare each term is in a corpus: the number of sentences, and for each term
/// (a hash of [`crate::document::SentenceTerms::terms`]) the number of sentences
/// that hold it. Counts add up, so the statistics of partitions merged are those
/// of the whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermStats {
    sentences: u64,
    df: AHashMap<u64, u64>,
}

impl TermStats {
    /// The statistics of no sentence.
    pub fn new() -> TermStats {
        TermStats::default()
    }

    /// The statistics of these documents' sentences.
    pub fn of(docs: &[Document]) -> TermStats {
        docs.par_iter()
            .fold(TermStats::new, |mut stats, d| {
                stats.add(d);
                stats
            })
            .reduce(TermStats::new, |mut a, b| {
                a.merge(b);
                a
            })
    }

    /// Statistics read back from their counts (see [`TermStats::counts`]), as a
    /// stored index or an aggregate over partitions holds them: `sentences`, and
    /// for each term the sentences holding it. Counts of a term given twice add up.
    /// A count above `sentences` is an error: no term is in more sentences than
    /// there are.
    pub fn from_counts(
        sentences: u64,
        counts: impl IntoIterator<Item = (u64, u64)>,
    ) -> Result<TermStats> {
        let mut stats = TermStats {
            sentences,
            df: AHashMap::new(),
        };
        for (term, n) in counts {
            let count = stats.df.entry(term).or_default();
            *count = count.saturating_add(n);
            if *count > sentences {
                return Err(Error::InvalidParameter {
                    name: "term counts",
                    reason: format!(
                        "term {term:#x} is counted in {count} sentences, of {sentences}"
                    ),
                });
            }
        }
        stats.df.retain(|_, n| *n > 0);
        Ok(stats)
    }

    /// Adds one document's sentences.
    pub fn add(&mut self, doc: &Document) {
        self.sentences = self.sentences.saturating_add(doc.sentences.len() as u64);
        for s in doc.sentences.iter() {
            // A sentence's terms are distinct: each counts the sentence once.
            for &t in &s.terms {
                let n = self.df.entry(t).or_default();
                *n = n.saturating_add(1);
            }
        }
    }

    /// Adds the counts of `other`, statistics of other sentences (another partition
    /// of the corpus): the result is the statistics of both.
    pub fn merge(&mut self, mut other: TermStats) {
        // The smaller map goes into the larger one.
        if other.df.len() > self.df.len() {
            std::mem::swap(self, &mut other);
        }
        self.sentences = self.sentences.saturating_add(other.sentences);
        for (t, n) in other.df {
            let count = self.df.entry(t).or_default();
            *count = count.saturating_add(n);
        }
    }

    /// The number of sentences.
    pub fn sentences(&self) -> u64 {
        self.sentences
    }

    /// The number of sentences that hold `term` (0 for a term never seen).
    pub fn df(&self, term: u64) -> u64 {
        self.df.get(&term).copied().unwrap_or(0)
    }

    /// The number of distinct terms.
    pub fn terms(&self) -> usize {
        self.df.len()
    }

    /// Each term with the number of sentences that hold it, in no particular order.
    pub fn counts(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.df.iter().map(|(&t, &n)| (t, n))
    }
}

/// `n`, checked to fit the 32 bits alignment numbers `what` in.
pub(super) fn fits_u32(n: u64, what: &'static str) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::TooLarge {
        what,
        limit: u64::from(u32::MAX),
    })
}

/// Term weights for one batch: inverse sentence frequency by the statistics passed
/// in, in flat arrays by a dense term number. The batch's terms that the statistics
/// know are numbered in the order of their hashes, those they do not know after
/// them, again by hash: lists sorted by number are sorted the same way in any batch,
/// so sums over them are added in the same order, to the bit.
pub(super) struct Weights {
    /// Each term's number.
    ids: AHashMap<u64, u32>,
    /// By term number: the number of sentences of the corpus holding the term
    /// (0 for a term the statistics do not know), and its weight.
    df: Vec<u32>,
    weight: Vec<f64>,
    /// Number of sentences in the corpus.
    pub sentences: f64,
}

/// No term has this number: [`Weights::new`] numbers fewer terms.
pub(super) const FREE: u32 = u32::MAX;

impl Weights {
    /// The weights of the terms of `docs` by `stats`, and those terms by number,
    /// all sentences' one after the other.
    pub fn new(stats: &TermStats, docs: &[Document]) -> Result<(Weights, Vec<u32>)> {
        let occurrences: usize = docs
            .par_iter()
            .map(|d| d.sentences.iter().map(|s| s.terms.len()).sum::<usize>())
            .sum();
        // Numbering all the terms of the statistics needs no pass over the batch
        // (statistics of the batch itself, as in `scan`); statistics of a corpus far
        // larger than the batch would cost more than the batch's own terms.
        Weights::numbered(stats, docs, stats.terms() <= occurrences)
    }

    /// [`Weights::new`], numbering all terms of `stats` or only the batch's.
    fn numbered(
        stats: &TermStats,
        docs: &[Document],
        all_of_stats: bool,
    ) -> Result<(Weights, Vec<u32>)> {
        let (mut known, unknown): (Vec<(u64, u64)>, Vec<u64>) = if all_of_stats {
            (stats.counts().collect(), Vec::new())
        } else {
            let distinct = batch_terms(docs, |_| true);
            let (known, unknown): (Vec<u64>, Vec<u64>) =
                distinct.into_iter().partition(|&t| stats.df(t) > 0);
            let known = known.into_iter().map(|t| (t, stats.df(t))).collect();
            (known, unknown)
        };
        known.par_sort_unstable();
        let mut w = Weights {
            ids: AHashMap::with_capacity(known.len()),
            df: Vec::with_capacity(known.len()),
            weight: Vec::with_capacity(known.len()),
            sentences: stats.sentences() as f64,
        };
        for (t, n) in known {
            w.push(t, fits_u32(n, "sentences holding one term")?)?;
        }
        w.push_unknown(unknown)?;
        let (terms, missed) = w.number(docs);
        if !missed {
            return Ok((w, terms));
        }
        // Terms of the batch the statistics do not know: numbered after the rest.
        let ids = &w.ids;
        w.push_unknown(batch_terms(docs, |t| !ids.contains_key(&t)))?;
        let (terms, _) = w.number(docs);
        Ok((w, terms))
    }

    /// Numbers `term`, held by `df` sentences of the corpus.
    fn push(&mut self, term: u64, df: u32) -> Result<()> {
        // At most `FREE` terms come this far, numbered below it.
        let id = self.df.len() as u32;
        if id == FREE {
            return Err(Error::TooLarge {
                what: "distinct terms",
                limit: u64::from(FREE),
            });
        }
        self.ids.insert(term, id);
        self.df.push(df);
        self.weight.push(term_weight(df, self.sentences));
        Ok(())
    }

    /// Numbers these terms the statistics do not know, in the order of their hashes.
    fn push_unknown(&mut self, mut terms: Vec<u64>) -> Result<()> {
        terms.par_sort_unstable();
        terms.into_iter().try_for_each(|t| self.push(t, 0))
    }

    /// The terms of all sentences of `docs` by number, and whether some term had
    /// no number ([`FREE`] in its place).
    fn number(&self, docs: &[Document]) -> (Vec<u32>, bool) {
        let lengths: Vec<usize> = docs
            .iter()
            .map(|d| d.sentences.iter().map(|s| s.terms.len()).sum())
            .collect();
        let mut terms = vec![FREE; lengths.iter().sum()];
        // Filled document by document in parallel, each in its own part.
        let parts = super::parts::split_lengths(&mut terms, lengths);
        let missed = parts
            .into_par_iter()
            .zip(docs)
            .map(|(part, doc)| {
                let doc_terms = doc.sentences.iter().flat_map(|s| &s.terms);
                let mut missed = false;
                for (slot, t) in part.iter_mut().zip(doc_terms) {
                    match self.ids.get(t) {
                        Some(&id) => *slot = id,
                        None => missed = true,
                    }
                }
                missed
            })
            .reduce(|| false, |a, b| a || b);
        (terms, missed)
    }

    /// The number of terms.
    pub fn terms(&self) -> usize {
        self.df.len()
    }

    /// The number of sentences of the corpus holding term number `id` (0 for a
    /// term the statistics do not know).
    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    /// The weight of each term by number.
    pub fn weights(&self) -> &[f64] {
        &self.weight
    }

    /// The shared weight two sentences need before they are aligned on their own
    /// strength: `ln N` for `N` sentences. Were terms independent, two given sentences
    /// would share terms of total weight `W` by chance with probability `e^-2W`, so
    /// among the `N^2/2` pairs of the corpus fewer than one pair would reach `ln N`
    /// by chance. Template lines ("Shr 12 cts vs 15 cts") share only common words
    /// and stay below it, however similar they look.
    pub fn min_evidence(&self) -> f64 {
        min_evidence(self.sentences)
    }
}

/// The weight of a term held by `df` of a corpus's `sentences`: its inverse
/// sentence frequency. A term the statistics do not know weighs as one seen once.
pub(super) fn term_weight(df: u32, sentences: f64) -> f64 {
    ((sentences + 1.0) / f64::from(df.max(1))).ln()
}

/// [`Weights::min_evidence`] for a corpus of `sentences`.
pub(super) fn min_evidence(sentences: f64) -> f64 {
    sentences.max(2.0).ln()
}

/// The distinct terms of `docs`' sentences that `keep` keeps.
fn batch_terms(docs: &[Document], keep: impl Fn(u64) -> bool + Sync) -> Vec<u64> {
    docs.par_iter()
        .fold(AHashSet::new, |mut set, d| {
            let terms = d.sentences.iter().flat_map(|s| s.terms.iter().copied());
            set.extend(terms.filter(|&t| keep(t)));
            set
        })
        .reduce(AHashSet::new, |a, b| {
            let (mut big, small) = if a.len() < b.len() { (b, a) } else { (a, b) };
            big.extend(small);
            big
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze_batch, Depth, LanguageChoice};
    use crate::gen::Generator;
    use crate::neardup::sketch::{SketchParams, Sketcher};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// 120 generated articles, analysed once for all tests.
    fn corpus() -> &'static [Document] {
        static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
        DOCS.get_or_init(|| {
            let generator = Generator::new(120, 3);
            let articles = (0..120).map(|i| generator.article(i).article).collect();
            let sketcher = Sketcher::new(SketchParams::new(5, 1, 1).expect("sketch parameters"));
            analyze_batch(articles, LanguageChoice::Auto, &sketcher, Depth::Full)
                .into_iter()
                .map(|d| d.expect("generated text analyses"))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn statistics_of_parts_merged_are_those_of_the_whole(
            part in prop::collection::vec(0usize..3, 120),
        ) {
            let docs = corpus();
            let mut merged = TermStats::new();
            for p in 0..3 {
                let docs: Vec<Document> = docs
                    .iter()
                    .zip(&part)
                    .filter(|&(_, &q)| q == p)
                    .map(|(d, _)| d.clone())
                    .collect();
                merged.merge(TermStats::of(&docs));
            }
            prop_assert_eq!(merged, TermStats::of(docs));
        }
    }

    #[test]
    fn statistics_read_back_from_their_counts_are_the_same() {
        let stats = TermStats::of(corpus());
        assert!(stats.terms() > 1000 && stats.sentences() > 1000);
        let back = TermStats::from_counts(stats.sentences(), stats.counts()).expect("valid");
        assert_eq!(back, stats);
        let twice = TermStats::from_counts(3, [(7, 1), (9, 0), (7, 2)]).expect("valid");
        assert_eq!((twice.df(7), twice.df(9), twice.terms()), (3, 0, 1));
        assert!(TermStats::from_counts(2, [(7, 3)]).is_err());
    }

    #[test]
    fn counts_past_32_bits_are_an_error() {
        assert_eq!(
            fits_u32(u64::from(u32::MAX), "sentences").ok(),
            Some(u32::MAX)
        );
        let err = fits_u32(1 << 32, "sentences").expect_err("too large");
        assert!(matches!(
            err,
            Error::TooLarge {
                what: "sentences",
                ..
            }
        ));
        let stats = TermStats::from_counts(1 << 33, [(7, 1 << 32)]).expect("valid");
        let docs = corpus();
        let mut doc = docs[0].clone();
        let mut sentences = doc.sentences.to_vec();
        sentences[0].terms = vec![7];
        doc.sentences = sentences.into();
        assert!(Weights::new(&stats, &[doc]).is_err());
    }

    /// The terms of `docs` as weighted by `w`: hash, number, corpus count, weight.
    fn weighed(docs: &[Document], w: &Weights, terms: &[u32]) -> Vec<(u64, u32, u32, u64)> {
        let hashes = docs
            .iter()
            .flat_map(|d| d.sentences.iter())
            .flat_map(|s| &s.terms);
        hashes
            .zip(terms)
            .map(|(&t, &id)| (t, id, w.df(id), w.weights()[id as usize].to_bits()))
            .collect()
    }

    #[test]
    fn a_batch_is_numbered_alike_from_the_statistics_or_from_its_own_terms() {
        let docs = corpus();
        let (old, batch) = docs.split_at(80);
        // Statistics that know some terms of the batch only, and more besides.
        let stats = TermStats::of(old);
        let (a, terms_a) = Weights::numbered(&stats, batch, true).expect("fits");
        let (b, terms_b) = Weights::numbered(&stats, batch, false).expect("fits");
        let (a, b) = (weighed(batch, &a, &terms_a), weighed(batch, &b, &terms_b));
        assert!(a.iter().any(|t| t.2 == 0) && a.iter().any(|t| t.2 > 1));
        // The same counts and weights; numbers differ, but not their order.
        let strip = |v: &[(u64, u32, u32, u64)]| -> Vec<(u64, u32, u64)> {
            v.iter().map(|&(t, _, df, w)| (t, df, w)).collect()
        };
        assert_eq!(strip(&a), strip(&b));
        let order = |v: &[(u64, u32, u32, u64)]| -> Vec<u64> {
            let mut by_number = v.to_vec();
            by_number.sort_by_key(|t| t.1);
            by_number.dedup_by_key(|t| t.1);
            by_number.iter().map(|t| t.0).collect()
        };
        assert_eq!(order(&a), order(&b));
        // Known terms first, by hash; then the unknown ones, by hash.
        let mut expected: Vec<(bool, u64)> = a.iter().map(|t| (t.2 == 0, t.0)).collect();
        expected.sort_unstable();
        expected.dedup();
        let expected: Vec<u64> = expected.into_iter().map(|(_, t)| t).collect();
        assert_eq!(order(&a), expected);
    }
}
