//! Near-duplicate articles: word shingles, MinHash sketches, LSH banding for
//! candidate pairs, each candidate verified by exact Jaccard (or every pair at the
//! threshold by prefix filtering, `exact`).

pub mod exact;
pub mod lsh;
pub mod shingle;
pub mod sketch;
pub mod verify;

use crate::document::{id_ranks, Document};
use crate::error::Result;
use ahash::AHashMap;
use lsh::{candidates, Banding};
use rayon::prelude::*;
use verify::{overlap, Overlap};

/// Two documents whose exact shingle Jaccard reaches the threshold.
/// `a` and `b` index the document slice; `docs[a].id < docs[b].id`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct NearDuplicate {
    /// Index of the document with the smaller id.
    pub a: usize,
    /// Index of the other document.
    pub b: usize,
    /// The MinHash estimate of their Jaccard similarity.
    pub jaccard_estimate: f64,
    /// Their exact overlap, seen from `a`.
    pub overlap: Overlap,
}

/// The outcome of the pair search, with what it cost.
#[derive(Debug, Clone)]
pub struct PairSearch {
    /// How the candidates were found.
    pub search: Search,
    /// Candidate pairs verified (groups of identical documents count once).
    pub candidates: usize,
    /// Sorted by the ids of `a`, then `b`.
    pub pairs: Vec<NearDuplicate>,
}

/// How candidate pairs are found; either way each is verified exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Banded MinHash sketches: fast, and misses a pair at the threshold with
    /// probability at most [`crate::neardup::lsh::MISS_AT_THRESHOLD`].
    Lsh(Banding),
    /// Prefix filtering over the shingle sets ([`crate::neardup::exact`]): every pair,
    /// at the cost of a table of every shingle.
    Exact,
}

/// Candidate pairs by `search`, each verified by exact Jaccard against `threshold`.
///
/// Documents with identical shingle sets (reprints, boilerplate) are grouped first
/// and LSH sees one of each group, so a thousand copies cost one signature in every
/// band instead of half a million bucket pairs per band.
pub fn find_pairs(docs: &[Document], threshold: f64, search: Search) -> Result<PairSearch> {
    if let Some(first) = docs.first() {
        for d in docs {
            first.sketch.params().check_compatible(d.sketch.params())?;
        }
    }
    // Identical sets have identical sketches: the sketch (a kilobyte) finds the
    // groups' candidates, and only documents that share one compare their sets.
    let mut by_sketch: AHashMap<(usize, &[u64]), Vec<usize>> = AHashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let same_sketch = by_sketch
            .entry((d.shingles.len(), d.sketch.mins()))
            .or_default();
        match same_sketch
            .iter()
            .find(|&&g| docs[groups[g][0]].shingles == d.shingles)
        {
            Some(&g) => groups[g].push(i),
            None => {
                same_sketch.push(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    let cands = match search {
        Search::Lsh(banding) => {
            let signatures: Vec<&[u64]> = groups.iter().map(|g| docs[g[0]].sketch.mins()).collect();
            candidates(&signatures, banding)
        }
        Search::Exact => {
            let sets: Vec<&[u64]> = groups
                .iter()
                .map(|g| docs[g[0]].shingles.as_slice())
                .collect();
            crate::neardup::exact::candidates(&sets, threshold)
        }
    };

    let copies = groups.par_iter().flat_map_iter(|g| {
        let o = docs[g[0]].shingles.len();
        let overlap = Overlap {
            shared: o,
            len_a: o,
            len_b: o,
        };
        g.iter().enumerate().flat_map(move |(k, &x)| {
            g[k + 1..]
                .iter()
                .map(move |&y| oriented(docs, x, y, 1.0, overlap))
        })
    });
    let similar = cands.par_iter().flat_map_iter(|&(g1, g2)| {
        let (r1, r2) = (groups[g1 as usize][0], groups[g2 as usize][0]);
        let overlap = overlap(&docs[r1].shingles, &docs[r2].shingles);
        let keep = overlap.jaccard() >= threshold;
        let estimate =
            crate::neardup::sketch::slot_agreement(docs[r1].sketch.mins(), docs[r2].sketch.mins());
        let (m1, m2) = (&groups[g1 as usize], &groups[g2 as usize]);
        m1.iter().filter(move |_| keep).flat_map(move |&x| {
            m2.iter()
                .map(move |&y| oriented(docs, x, y, estimate, overlap))
        })
    });
    let mut pairs: Vec<NearDuplicate> = copies.chain(similar).collect();
    let rank = id_ranks(docs);
    pairs.par_sort_unstable_by_key(|p| (rank[p.a], rank[p.b]));
    Ok(PairSearch {
        search,
        candidates: cands.len(),
        pairs,
    })
}

/// The pair with the smaller id first, its overlap seen from that side.
fn oriented(docs: &[Document], x: usize, y: usize, estimate: f64, o: Overlap) -> NearDuplicate {
    let (a, b, overlap) = if docs[x].id <= docs[y].id {
        (x, y, o)
    } else {
        (
            y,
            x,
            Overlap {
                shared: o.shared,
                len_a: o.len_b,
                len_b: o.len_a,
            },
        )
    };
    NearDuplicate {
        a,
        b,
        jaccard_estimate: estimate,
        overlap,
    }
}
