//! Sentences repeated word for word across documents (a wire passage reprinted
//! by many outlets), aligned whatever their number.
//!
//! The candidate index leaves out term pairs common enough to meet by chance, and
//! a sentence reprinted by more outlets than the square root of the corpus's
//! sentences has only such pairs: it would align with none of its copies. Copies
//! are found here instead, as sentences with the same terms, and proposed to the
//! alignment directly when the sentence is rare apart from its copies: its two
//! rarest terms would pass the index's chance bound were the copies counted once.
//! A template line ("Pay April 30") repeats in unrelated reports, but its terms are
//! common in other lines too, and it stays unproposed, as it was. Up to [`super::AlignParams::listed`] copies are proposed
//! pair by pair; past that each copy is proposed with the first one (by document
//! id) only, and the other copies leave the candidate index, so the pairs grow
//! with the copies, not with their square, and one cluster still links them all.

use super::candidates::{rare_together, DocPair, Scored};
use super::profile::{Profiles, MIN_SHARED_TERMS};
use super::stats::{min_evidence, term_weight, Weights};
use ahash::AHasher;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};

/// Candidate pairs under their document pair.
type Candidates = Vec<(DocPair, Scored)>;

/// The copies found: candidate pairs to align, and the sentences the candidate
/// index leaves out (the later copies of a sentence proposed through its first).
pub(super) struct Copies {
    /// Under their document pair by rank, as [`super::candidates::scored_candidates`] gives them.
    pub pairs: Candidates,
    /// By sentence number.
    pub unindexed: Vec<bool>,
}

/// Sentences of at least [`MIN_SHARED_TERMS`] terms weighing `min_evidence` or
/// more (what any aligned pair must share) that have the same terms as a
/// sentence of another document and are rare apart from those copies, as
/// candidate pairs of similarity 1.
pub(super) fn copies(profiles: &Profiles, w: &Weights, rank: &[u32], listed: usize) -> Copies {
    let n = profiles.len();
    let min_evidence = w.min_evidence();
    // (hash of the terms, rank of the document, sentence number): sorted, each run
    // of one hash holds the candidates for one sentence's copies, in id order.
    let mut keyed: Vec<(u64, u32, u32)> = (0..n)
        .into_par_iter()
        .filter(|&g| {
            profiles.terms(g).len() >= MIN_SHARED_TERMS && profiles.norm(g) >= min_evidence
        })
        .map(|g| {
            let mut h = AHasher::default();
            profiles.terms(g).hash(&mut h);
            (h.finish(), rank[profiles.locate(g).0], g as u32)
        })
        .collect();
    keyed.par_sort_unstable();
    let runs: Vec<&[(u64, u32, u32)]> = keyed
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() > 1)
        .collect();
    let found: Vec<(Candidates, Vec<u32>)> = runs
        .into_par_iter()
        .map(|run| {
            let mut pairs = Vec::new();
            let mut unindexed = Vec::new();
            let sentences: Vec<usize> = run.iter().map(|&(_, _, g)| g as usize).collect();
            // A hash shared by different terms (a chance in 2^64) splits the run.
            for group in same_terms(profiles, &sentences) {
                propose(
                    profiles,
                    w,
                    rank,
                    &group,
                    listed,
                    &mut pairs,
                    &mut unindexed,
                );
            }
            (pairs, unindexed)
        })
        .collect();
    let mut copies = Copies {
        pairs: Vec::new(),
        unindexed: vec![false; n],
    };
    for (pairs, unindexed) in found {
        copies.pairs.extend(pairs);
        for g in unindexed {
            copies.unindexed[g as usize] = true;
        }
    }
    copies
}

/// Whether terms held by `df` sentences each, of `sentences`, in `copies`
/// sentences would propose candidates were the copies one sentence: its two
/// rarest terms, each counted in `copies - 1` sentences fewer, pass the index's
/// chance bound.
fn rare_apart(df: impl Iterator<Item = u64>, copies: usize, sentences: f64) -> bool {
    let mut df: Vec<u64> = df
        .map(|n| n.saturating_sub(copies as u64 - 1).max(1))
        .collect();
    df.sort_unstable();
    df.len() >= 2 && rare_together(df[0], df[1], sentences)
}

/// What a corpus decides about one sentence's copies: the pairs of copies
/// proposed, and the copies left out of the candidate index; both by the
/// copies' places in the list given to [`proposals`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposals {
    /// Pairs of copies in different documents, each `(k, l)` with `k < l`.
    pub pairs: Vec<(usize, usize)>,
    /// Copies proposed through the first alone.
    pub unindexed: Vec<usize>,
}

/// The decision `align` makes on one sentence's copies in a corpus, found by a caller that
/// gathered its copies itself (the sentences of the corpus with the same terms):
/// `df`, the number of the corpus's `sentences` holding each of its terms, in the
/// order of the terms' hashes; `docs`, a key of each copy's document, the copies
/// sorted by document id and then position. Nothing is proposed for a sentence
/// too slight to align, or common apart from its copies.
pub fn proposals(df: &[u64], sentences: u64, docs: &[u64], listed: usize) -> Proposals {
    let n = sentences as f64;
    // The sum in the order `Profiles` sums it (terms by number, numbered in the
    // order of their hashes), so that it is the same number.
    let norm: f64 = df.iter().map(|&d| term_weight(d as u32, n)).sum();
    let slight = df.len() < MIN_SHARED_TERMS || norm < min_evidence(n);
    if docs.len() < 2 || slight || !rare_apart(df.iter().copied(), docs.len(), n) {
        return Proposals::default();
    }
    let mut out = Proposals::default();
    let firsts = if docs.len() <= listed {
        docs.len()
    } else {
        out.unindexed.extend(1..docs.len());
        1
    };
    for k in 0..firsts {
        for l in k + 1..docs.len() {
            if docs[k] != docs[l] {
                out.pairs.push((k, l));
            }
        }
    }
    out
}

/// `sentences` parted by their terms, each part in the order given.
fn same_terms(profiles: &Profiles, sentences: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &g in sentences {
        match groups
            .iter_mut()
            .find(|group| profiles.terms(group[0]) == profiles.terms(g))
        {
            Some(group) => group.push(g),
            None => groups.push(vec![g]),
        }
    }
    groups
}

/// The candidate pairs of one sentence's copies `group` (in document id order),
/// and the copies that leave the index, as [`proposals`] decides.
fn propose(
    profiles: &Profiles,
    w: &Weights,
    rank: &[u32],
    group: &[usize],
    listed: usize,
    pairs: &mut Candidates,
    unindexed: &mut Vec<u32>,
) {
    let df: Vec<u64> = profiles
        .terms(group[0])
        .iter()
        .map(|&t| u64::from(w.df(t)))
        .collect();
    let located: Vec<(usize, usize)> = group.iter().map(|&g| profiles.locate(g)).collect();
    let docs: Vec<u64> = located.iter().map(|&(d, _)| u64::from(rank[d])).collect();
    let decided = proposals(&df, w.sentences as u64, &docs, listed);
    for (k, l) in decided.pairs {
        let ((da, sa), (db, sb)) = (located[k], located[l]);
        pairs.push(((da, db), (sa, sb, 1.0)));
    }
    unindexed.extend(decided.unindexed.into_iter().map(|k| group[k] as u32));
}
