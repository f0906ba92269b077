//! Passages and clusters: aligned sentences chained into passages, and passages
//! linked across all articles ("this passage appears in these N articles").
//!
//! Sentences are nodes; every alignment joins the sentences on its two sides, and
//! two alignments of the same pair of articles that follow each other on both sides
//! (a passage) join too. Each connected group is a cluster; its members are the runs
//! of consecutive sentences it holds in each article.

use crate::align::Alignment;
use crate::document::Document;
use ahash::AHashMap;

/// One member of a cluster: consecutive sentences of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Passage {
    /// Index of the document in the slice aligned.
    pub doc: usize,
    /// Its first sentence.
    pub first: usize,
    /// Its last sentence (inclusive).
    pub last: usize,
}

/// A passage told by several articles.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PassageCluster {
    /// 1-based, in order of the first member's document id and position.
    pub id: usize,
    /// Sorted by document id, then position.
    pub passages: Vec<Passage>,
    /// Distinct documents among the passages.
    pub docs: usize,
}

/// The clusters with at least `min_docs` documents, and for each alignment the id
/// of its cluster (`None` when that cluster is too small, or when the alignment
/// was left out of clustering).
///
/// A cluster holds at most one passage per document: a link that would put two
/// separate places of one article into one cluster is refused. Links are made
/// strongest first, so a chance or template match cannot chain unrelated passages
/// through a third article.
///
/// # Panics
/// When an alignment is not of `docs`: they must be the documents aligned.
pub fn cluster(
    docs: &[Document],
    alignments: &[Alignment],
    min_docs: usize,
) -> (Vec<PassageCluster>, Vec<Option<usize>>) {
    let ids: Vec<&str> = docs.iter().map(|d| &*d.id).collect();
    let sentences: Vec<usize> = docs.iter().map(|d| d.sentences.len()).collect();
    cluster_by(&ids, &sentences, alignments, min_docs)
}

/// [`cluster`] of documents known by their `ids` and numbers of `sentences` alone.
///
/// The links of a cluster are made within a connected part of the sentences
/// (sentences joined by alignments, and alignments of one pair of documents
/// that follow each other): each such part clusters the same on its own as among
/// all, given its documents in the same order and its alignments in the same
/// order. A distributed job clusters part by part.
pub fn cluster_by(
    ids: &[&str],
    sentences: &[usize],
    alignments: &[Alignment],
    min_docs: usize,
) -> (Vec<PassageCluster>, Vec<Option<usize>>) {
    // Global index of each document's first sentence.
    let mut offset = Vec::with_capacity(sentences.len() + 1);
    offset.push(0);
    for n in sentences {
        offset.push(offset.last().copied().unwrap_or(0) + n);
    }
    let node = |doc: usize, s: usize| offset[doc] + s;
    let mut sets = DisjointSets::new(offset.last().copied().unwrap_or(0));

    let mut order: Vec<usize> = (0..alignments.len()).collect();
    order.sort_by(|&x, &y| {
        alignments[y]
            .similarity
            .total_cmp(&alignments[x].similarity)
            .then(x.cmp(&y))
    });
    for &k in &order {
        let al = &alignments[k];
        let nodes: Vec<(usize, (usize, usize))> = [&al.a, &al.b]
            .into_iter()
            .flat_map(|r| (r.first..=r.last).map(move |s| (r.doc, s)))
            .map(|(d, s)| (node(d, s), (d, s)))
            .collect();
        sets.union_all(&nodes);
    }
    // Chain alignments that continue each other on both sides into one passage.
    let mut by_pair: AHashMap<(usize, usize), Vec<&Alignment>> = AHashMap::new();
    for al in alignments {
        by_pair.entry((al.a.doc, al.b.doc)).or_default().push(al);
    }
    let mut pairs: Vec<_> = by_pair.into_iter().collect();
    pairs.sort_unstable_by_key(|(key, _)| *key);
    for (_, mut list) in pairs {
        list.sort_by_key(|al| (al.a.first, al.b.first));
        for w in list.windows(2) {
            let (p, n) = (w[0], w[1]);
            let follows_a = n.a.first == p.a.last + 1;
            let follows_b = n.b.first > p.b.last && n.b.first <= p.b.last + 2;
            if follows_a && follows_b {
                let x = (node(p.a.doc, p.a.first), (p.a.doc, p.a.first));
                let y = (node(n.a.doc, n.a.first), (n.a.doc, n.a.first));
                sets.union_all(&[x, y]);
            }
        }
    }

    // Group the aligned sentences by cluster.
    let mut members: AHashMap<usize, Vec<(usize, usize)>> = AHashMap::new();
    let mut seen = vec![false; sets.len()];
    for al in alignments {
        for r in [&al.a, &al.b] {
            for s in r.first..=r.last {
                let n = node(r.doc, s);
                if !std::mem::replace(&mut seen[n], true) {
                    members.entry(sets.find(n)).or_default().push((r.doc, s));
                }
            }
        }
    }
    let mut clusters: Vec<(usize, PassageCluster)> = members
        .into_iter()
        .map(|(root, mut sentences)| {
            sentences.sort_by(|x, y| (ids[x.0], x.1).cmp(&(ids[y.0], y.1)));
            let passages = runs(&sentences);
            let mut ids: Vec<usize> = passages.iter().map(|p| p.doc).collect();
            ids.dedup();
            (
                root,
                PassageCluster {
                    id: 0,
                    docs: ids.len(),
                    passages,
                },
            )
        })
        .filter(|(_, c)| c.docs >= min_docs)
        .collect();
    clusters.sort_by(|(_, x), (_, y)| {
        let key = |c: &PassageCluster| c.passages.first().map(|p| (ids[p.doc], p.first));
        key(x).cmp(&key(y))
    });
    let mut id_of_root = AHashMap::new();
    for (k, (root, c)) in clusters.iter_mut().enumerate() {
        c.id = k + 1;
        id_of_root.insert(*root, c.id);
    }
    let ids = alignments
        .iter()
        .map(|al| {
            let root = sets.find(node(al.a.doc, al.a.first));
            (root == sets.find(node(al.b.doc, al.b.first)))
                .then(|| id_of_root.get(&root).copied())
                .flatten()
        })
        .collect();
    (clusters.into_iter().map(|(_, c)| c).collect(), ids)
}

/// Runs of consecutive sentences of one document, from sorted `(doc, sentence)`.
fn runs(sentences: &[(usize, usize)]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for &(doc, s) in sentences {
        match out.last_mut() {
            Some(p) if p.doc == doc && p.last + 1 == s => p.last = s,
            _ => out.push(Passage {
                doc,
                first: s,
                last: s,
            }),
        }
    }
    out
}

/// Union-find over sentences, where each group also knows the span of sentences it
/// holds in each document, and refuses a union that would hold two separate spans
/// of one document.
struct DisjointSets {
    parent: Vec<usize>,
    /// For each root that grew beyond one sentence: document -> (first, last).
    spans: AHashMap<usize, AHashMap<usize, (usize, usize)>>,
}

/// Two runs of one document that overlap or touch make one run.
fn joinable(x: (usize, usize), y: (usize, usize)) -> Option<(usize, usize)> {
    (x.0 <= y.1 + 1 && y.0 <= x.1 + 1).then(|| (x.0.min(y.0), x.1.max(y.1)))
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
            spans: AHashMap::new(),
        }
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn span_count(&self, root: usize) -> usize {
        self.spans.get(&root).map_or(1, |m| m.len())
    }

    /// Joins the groups of all `nodes` (each with its `(doc, sentence)`) if together
    /// they hold one run of sentences per document; otherwise joins nothing.
    /// The largest group absorbs the others, so the cost stays near linear.
    fn union_all(&mut self, nodes: &[(usize, (usize, usize))]) -> bool {
        let mut roots: Vec<(usize, (usize, usize))> =
            nodes.iter().map(|&(n, at)| (self.find(n), at)).collect();
        roots.sort_unstable_by_key(|r| r.0);
        roots.dedup_by_key(|r| r.0);
        if roots.len() < 2 {
            return true;
        }
        let Some(&(top, _)) = roots.iter().max_by_key(|(r, _)| (self.span_count(*r), *r)) else {
            return true;
        };
        // What the smaller groups hold, merged, checked among themselves...
        let mut extra: AHashMap<usize, (usize, usize)> = AHashMap::new();
        for &(root, (doc, s)) in roots.iter().filter(|(r, _)| *r != top) {
            let held: Vec<(usize, (usize, usize))> = match self.spans.get(&root) {
                Some(m) => m.iter().map(|(&d, &r)| (d, r)).collect(),
                None => vec![(doc, (s, s))],
            };
            for (d, run) in held {
                let joined = match extra.get(&d) {
                    Some(&have) => joinable(have, run),
                    None => Some(run),
                };
                let Some(joined) = joined else { return false };
                extra.insert(d, joined);
            }
        }
        // ...then against the largest group.
        let top_at = roots
            .iter()
            .find(|(r, _)| *r == top)
            .map(|&(_, at)| at)
            .unwrap_or_default();
        let mut base = self.spans.remove(&top).unwrap_or_else(|| {
            let mut m = AHashMap::new();
            m.insert(top_at.0, (top_at.1, top_at.1));
            m
        });
        let fits = extra.iter().all(|(d, &run)| {
            base.get(d)
                .is_none_or(|&have| joinable(have, run).is_some())
        });
        if fits {
            for (d, run) in extra {
                let joined = base.get(&d).map_or(Some(run), |&have| joinable(have, run));
                base.insert(d, joined.unwrap_or(run));
            }
            for &(root, _) in &roots {
                if root != top {
                    self.spans.remove(&root);
                    self.parent[root] = top;
                }
            }
        }
        self.spans.insert(top, base);
        fits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_on_gaps_and_documents() {
        let got = runs(&[(0, 1), (0, 2), (0, 4), (1, 4)]);
        assert_eq!(
            got,
            vec![
                Passage {
                    doc: 0,
                    first: 1,
                    last: 2
                },
                Passage {
                    doc: 0,
                    first: 4,
                    last: 4
                },
                Passage {
                    doc: 1,
                    first: 4,
                    last: 4
                },
            ]
        );
    }

    #[test]
    fn groups_hold_one_run_per_document() {
        // Sentences 0..3 of doc 0 are nodes 0..3, sentences 0..3 of doc 1 nodes 4..7.
        let at = |n: usize| (n, (n / 4, n % 4));
        let mut s = DisjointSets::new(8);
        assert!(s.union_all(&[at(0), at(4)]));
        assert!(s.union_all(&[at(1), at(5)]));
        // Touching runs: 0-1 of doc 0 and 4-5 of doc 1 become one group.
        assert!(s.union_all(&[at(0), at(1)]));
        assert_eq!(s.find(0), s.find(5));
        // Sentence 3 of doc 0 is not next to 0-1: refused, nothing joined.
        assert!(!s.union_all(&[at(3), at(6), at(0)]));
        assert_ne!(s.find(3), s.find(0));
        assert_ne!(s.find(6), s.find(0));
    }
}
