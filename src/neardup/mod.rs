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
use lsh::{candidates, BandKeys, Banding};
use rayon::prelude::*;
use sketch::{Sketch, Sketcher};
use std::collections::hash_map::Entry;
use std::sync::Arc;
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
    /// Sorted by the ids of `a`, then `b`; a group larger than the listing bound
    /// through its first member alone (see [`find_pairs`]).
    pub pairs: Vec<NearDuplicate>,
    /// Documents with identical shingle sets, two or more to a group: each sorted
    /// by id, the groups by their first member's id.
    pub groups: Vec<Vec<usize>>,
    /// Groups of more members than this are listed through their first.
    pub listed: usize,
    /// LSH buckets too crowded to propose pairs ([`lsh::MAX_BUCKET`]).
    pub crowded_buckets: usize,
}

impl PairSearch {
    /// Moves the documents that the first member of a group stands for after all
    /// the others, in their order, renumbers the pairs and groups to match, and
    /// tells how many come before: the documents that passages and drift need.
    ///
    /// A group listed through its first member (more than `listed`) stands for
    /// those of its later members whose text and language are the first's: a copy
    /// holds no passage and no change the first does not. A member of the same
    /// shingles but another text (shingles are words: "$5 million" and "€5
    /// million" are one set) stays, so that what differs is still read.
    pub fn stand_ins_last(&mut self, docs: &mut [Document]) -> usize {
        let mut hidden = vec![false; docs.len()];
        for g in self.groups.iter().filter(|g| g.len() > self.listed) {
            let first = &docs[g[0]];
            for &d in &g[1..] {
                let copy = &docs[d];
                hidden[d] = copy.lang == first.lang
                    && (Arc::ptr_eq(&copy.text, &first.text) || copy.text == first.text);
            }
        }
        let shown = hidden.iter().filter(|&&h| !h).count();
        if shown == docs.len() {
            return shown;
        }
        let mut place = vec![0; docs.len()];
        let (mut front, mut back) = (0, shown);
        for (d, &h) in hidden.iter().enumerate() {
            let next = if h { &mut back } else { &mut front };
            place[d] = *next;
            *next += 1;
        }
        // In place, one cycle of the permutation after another: a second vector
        // of ten million documents would double the memory they take.
        let mut to = place.clone();
        for d in 0..docs.len() {
            while to[d] != d {
                let t = to[d];
                docs.swap(d, t);
                to.swap(d, t);
            }
        }
        for p in &mut self.pairs {
            (p.a, p.b) = (place[p.a], place[p.b]);
        }
        for g in &mut self.groups {
            for d in g.iter_mut() {
                *d = place[*d];
            }
        }
        shown
    }
}

/// Groups of identical documents up to this many members are listed pair by
/// pair; a larger group through its first member.
pub const DEFAULT_LISTED_GROUP: usize = 32;

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
/// and the search sees one of each group, so a thousand copies cost one signature
/// in every band instead of half a million bucket pairs per band. A group of up to
/// `listed` members is listed pair by pair, and each member paired with every
/// document near its group. A larger group is listed through its first member (by
/// id): one pair of it with each other member, and its pairs with other documents
/// through it alone, so the pairs grow with the distinct documents, not with the
/// square of the copies; [`PairSearch::groups`] names every member.
///
/// `sketcher` (the one the documents were analysed with: its shingle size) makes
/// the signatures. They are not kept with the documents, a kilobyte each: the
/// search holds their band keys while it runs, and the estimate of a pair found
/// sketches its two sides again.
pub fn find_pairs(
    docs: &[Document],
    sketcher: &Sketcher,
    threshold: f64,
    search: Search,
    listed: usize,
) -> Result<PairSearch> {
    let rank = id_ranks(docs);
    let groups = identical_groups(docs, &rank);
    let first_of = |g: usize| &docs[groups[g][0]];
    let mut crowded_buckets = 0;
    let cands = match search {
        Search::Lsh(banding) => {
            if banding.bands * banding.rows > sketcher.params().permutations {
                return Err(crate::error::Error::InvalidParameter {
                    name: "banding",
                    reason: format!(
                        "{} bands of {} rows need more slots than the {} permutations",
                        banding.bands,
                        banding.rows,
                        sketcher.params().permutations
                    ),
                });
            }
            let keys = BandKeys::of(groups.len(), banding, |g| {
                sketcher.sketch(&first_of(g).shingles)
            });
            let found = candidates(&keys);
            crowded_buckets = found.crowded_buckets;
            found.pairs
        }
        Search::Exact => {
            let sets: Vec<&[u64]> = (0..groups.len())
                .map(|g| &first_of(g).shingles[..])
                .collect();
            crate::neardup::exact::candidates(&sets, threshold)
        }
    };
    // The members a group is listed with in pairs beyond itself.
    let shown =
        |g: &[usize]| -> std::ops::Range<usize> { 0..if g.len() <= listed { g.len() } else { 1 } };

    let copies = groups.par_iter().flat_map_iter(|g| {
        let o = docs[g[0]].shingles.len();
        let overlap = Overlap {
            shared: o,
            len_a: o,
            len_b: o,
        };
        // Each member with those after it, or only the first with the others.
        let firsts = shown(g);
        firsts.flat_map(move |k| {
            g[k + 1..]
                .iter()
                .map(move |&y| oriented(docs, g[k], y, 1.0, overlap))
        })
    });
    let verified: Vec<(u32, u32, Overlap)> = cands
        .par_iter()
        .filter_map(|&(g1, g2)| {
            let o = overlap(
                &first_of(g1 as usize).shingles,
                &first_of(g2 as usize).shingles,
            );
            (o.jaccard() >= threshold).then_some((g1, g2, o))
        })
        .collect();
    // The groups in a pair, sketched once each for the estimates.
    let mut sketched: Vec<u32> = verified.iter().flat_map(|&(g1, g2, _)| [g1, g2]).collect();
    sketched.par_sort_unstable();
    sketched.dedup();
    let sketches: Vec<Sketch> = sketched
        .par_iter()
        .map(|&g| sketcher.sketch(&first_of(g as usize).shingles))
        .collect();
    let sketch_of = |g: u32| {
        sketches[sketched
            .binary_search(&g)
            .expect("each group of a pair sketched")]
        .mins()
    };
    let similar = verified.par_iter().flat_map_iter(|&(g1, g2, overlap)| {
        let (m1, m2) = (&groups[g1 as usize], &groups[g2 as usize]);
        let estimate = sketch::slot_agreement(sketch_of(g1), sketch_of(g2));
        let (s1, s2) = (&m1[shown(m1)], &m2[shown(m2)]);
        s1.iter().flat_map(move |&x| {
            s2.iter()
                .map(move |&y| oriented(docs, x, y, estimate, overlap))
        })
    });
    let mut pairs: Vec<NearDuplicate> = copies.chain(similar).collect();
    pairs.par_sort_unstable_by_key(|p| (rank[p.a], rank[p.b]));
    let mut groups: Vec<Vec<usize>> = groups.into_iter().filter(|g| g.len() > 1).collect();
    groups.par_sort_unstable_by_key(|g| rank[g[0]]);
    Ok(PairSearch {
        search,
        candidates: cands.len(),
        pairs,
        groups,
        listed,
        crowded_buckets,
    })
}

/// Every document in one group of those with identical shingle sets, each group
/// sorted by `rank`, the groups in the input order of their first documents read.
fn identical_groups(docs: &[Document], rank: &[u32]) -> Vec<Vec<usize>> {
    let mut by_set: AHashMap<&[u64], usize> = AHashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        match by_set.entry(&d.shingles[..]) {
            Entry::Occupied(g) => groups[*g.get()].push(i),
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
        .par_iter_mut()
        .for_each(|g| g.sort_unstable_by_key(|&d| rank[d]));
    groups
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, LanguageChoice};
    use crate::neardup::sketch::{SketchParams, Sketcher};
    use crate::Article;

    /// 40 copies of one story under ids c00..c39, a rewrite of it, and another story.
    fn docs() -> Vec<Document> {
        let story = "The minister arrived in Brussels on Monday for two days of talks \
                     with her counterparts about the budget and the border.";
        let rewrite = "The minister arrived in Brussels on Monday for two days of talks \
                       with her counterparts about the budget and the harbour.";
        let other = "Heavy rain flooded the lower town overnight and closed the bridge.";
        let sketcher = sketcher();
        let mut texts: Vec<(String, &str)> = (0..40).map(|i| (format!("c{i:02}"), story)).collect();
        texts.push(("rewrite".into(), rewrite));
        texts.push(("other".into(), other));
        // Read in reverse, so the groups' order is not the input order.
        texts
            .into_iter()
            .rev()
            .map(|(id, text)| {
                let article = Article {
                    id,
                    text: text.into(),
                    ..Article::default()
                };
                analyze(&article, LanguageChoice::Auto, &sketcher).expect("text")
            })
            .collect()
    }

    fn sketcher() -> Sketcher {
        Sketcher::new(SketchParams::new(3, 64, 1).expect("parameters"))
    }

    fn named(docs: &[Document], pairs: &[NearDuplicate]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|p| (docs[p.a].id.clone(), docs[p.b].id.clone()))
            .collect()
    }

    #[test]
    fn a_group_past_the_bound_is_listed_through_its_first_member() {
        let docs = docs();
        let all =
            find_pairs(&docs, &sketcher(), 0.5, Search::Exact, usize::MAX).expect("compatible");
        assert_eq!(all.pairs.len(), 40 * 39 / 2 + 40);
        let mut some = find_pairs(&docs, &sketcher(), 0.5, Search::Exact, 32).expect("compatible");
        let mut expected: Vec<(String, String)> = (1..40)
            .map(|i| ("c00".to_string(), format!("c{i:02}")))
            .collect();
        expected.insert(39, ("c00".into(), "rewrite".into()));
        assert_eq!(named(&docs, &some.pairs), expected);
        assert_eq!(some.groups.len(), 1);
        let ids: Vec<&str> = some.groups[0].iter().map(|&d| &*docs[d].id).collect();
        assert_eq!(ids, (0..40).map(|i| format!("c{i:02}")).collect::<Vec<_>>());

        // The 39 copies c00 stands for go last; the pairs still name the same ids.
        let mut moved = docs.clone();
        let shown = some.stand_ins_last(&mut moved);
        assert_eq!(shown, 3);
        let mut front: Vec<&str> = moved[..shown].iter().map(|d| &*d.id).collect();
        front.sort_unstable();
        assert_eq!(front, ["c00", "other", "rewrite"]);
        assert_eq!(named(&moved, &some.pairs), expected);
        assert_eq!(moved[some.groups[0][0]].id, "c00");
        assert_eq!(some.groups[0].len(), 40);
    }

    #[test]
    fn a_member_of_the_same_shingles_but_another_text_is_not_stood_for() {
        let mut docs = docs();
        // c07 with a currency sign the shingles (words) do not see.
        let sketcher = sketcher();
        let at = docs.iter().position(|d| d.id == "c07").expect("c07");
        let text = docs[at].text.replace("budget", "$budget");
        let article = Article {
            id: "c07".into(),
            text,
            ..Article::default()
        };
        docs[at] = analyze(&article, LanguageChoice::Auto, &sketcher).expect("text");
        let mut search = find_pairs(&docs, &sketcher, 0.5, Search::Exact, 32).expect("compatible");
        assert_eq!(search.groups[0].len(), 40, "one set of shingles");
        let shown = search.stand_ins_last(&mut docs);
        let mut front: Vec<&str> = docs[..shown].iter().map(|d| &*d.id).collect();
        front.sort_unstable();
        assert_eq!(front, ["c00", "c07", "other", "rewrite"]);
    }
}
