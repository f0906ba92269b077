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
use super::stats::Weights;
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
                if !rare_but_for_copies(profiles.terms(group[0]), group.len(), w) {
                    continue;
                }
                propose(profiles, rank, &group, listed, &mut pairs, &mut unindexed);
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

/// Whether a sentence of `terms` in `copies` sentences would propose candidates
/// were its copies one sentence: its two rarest terms, each counted in `copies - 1`
/// sentences fewer, pass the index's chance bound.
fn rare_but_for_copies(terms: &[u32], copies: usize, w: &Weights) -> bool {
    let mut df: Vec<u64> = terms
        .iter()
        .map(|&t| u64::from(w.df(t)).saturating_sub(copies as u64 - 1).max(1))
        .collect();
    df.sort_unstable();
    df.len() >= 2 && rare_together(df[0], df[1], w.sentences)
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

/// The candidate pairs of one sentence's copies `group` (in document id order):
/// every pair of copies in different documents while there are at most `listed`,
/// else each copy with the first; those later copies leave the index.
fn propose(
    profiles: &Profiles,
    rank: &[u32],
    group: &[usize],
    listed: usize,
    pairs: &mut Candidates,
    unindexed: &mut Vec<u32>,
) {
    let located: Vec<(usize, usize)> = group.iter().map(|&g| profiles.locate(g)).collect();
    let firsts = if group.len() <= listed {
        located.len()
    } else {
        unindexed.extend(group[1..].iter().map(|&g| g as u32));
        1
    };
    for (k, &(da, sa)) in located[..firsts].iter().enumerate() {
        for &(db, sb) in &located[k + 1..] {
            // Sorted by rank: `da` has the smaller id, unless both are one document.
            if rank[da] < rank[db] {
                pairs.push(((da, db), (sa, sb, 1.0)));
            }
        }
    }
}
