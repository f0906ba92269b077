//! Passages and clusters: aligned sentences chained into passages, and passages
//! linked across all articles ("this passage appears in these N articles").
//!
//! Sentences are nodes; every alignment joins the sentences on its two sides, and
//! two alignments of the same pair of articles that follow each other on both sides
//! (a passage) join too. Each connected group is a cluster; its members are the runs
//! of consecutive sentences it holds in each article.

use crate::align::{Alignment, SentenceRange};
use crate::pipeline::Document;
use ahash::AHashMap;

/// One member of a cluster: consecutive sentences of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub doc: usize,
    pub first: usize,
    pub last: usize,
}

/// A passage told by several articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageCluster {
    /// 1-based, in order of the first member's document id and position.
    pub id: usize,
    /// Sorted by document id, then position.
    pub passages: Vec<Passage>,
    /// Distinct documents among the passages.
    pub docs: usize,
}

/// The clusters with at least `min_docs` documents, and for each alignment the id
/// of its cluster (`None` when that cluster is too small).
pub fn cluster(
    docs: &[Document],
    alignments: &[Alignment],
    min_docs: usize,
) -> (Vec<PassageCluster>, Vec<Option<usize>>) {
    // Global index of each document's first sentence.
    let mut offset = Vec::with_capacity(docs.len() + 1);
    offset.push(0);
    for d in docs {
        offset.push(offset.last().copied().unwrap_or(0) + d.sentences.len());
    }
    let node = |doc: usize, s: usize| offset[doc] + s;
    let mut sets = DisjointSets::new(offset.last().copied().unwrap_or(0));
    let join_range = |sets: &mut DisjointSets, r: &SentenceRange, to: usize| {
        for s in r.first..=r.last {
            sets.union(node(r.doc, s), to);
        }
    };
    for al in alignments {
        let root = node(al.a.doc, al.a.first);
        join_range(&mut sets, &al.a, root);
        join_range(&mut sets, &al.b, root);
    }
    // Chain alignments that continue each other on both sides into one passage.
    let mut by_pair: AHashMap<(usize, usize), Vec<&Alignment>> = AHashMap::new();
    for al in alignments {
        by_pair.entry((al.a.doc, al.b.doc)).or_default().push(al);
    }
    for list in by_pair.values_mut() {
        list.sort_by_key(|al| (al.a.first, al.b.first));
        for w in list.windows(2) {
            let (p, n) = (w[0], w[1]);
            let follows_a = n.a.first == p.a.last + 1;
            let follows_b = n.b.first > p.b.last && n.b.first <= p.b.last + 2;
            if follows_a && follows_b {
                sets.union(node(p.a.doc, p.a.first), node(n.a.doc, n.a.first));
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
            sentences.sort_by(|x, y| (&docs[x.0].id, x.1).cmp(&(&docs[y.0].id, y.1)));
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
        let key = |c: &PassageCluster| {
            c.passages
                .first()
                .map(|p| (docs[p.doc].id.clone(), p.first))
        };
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
            id_of_root
                .get(&sets.find(node(al.a.doc, al.a.first)))
                .copied()
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

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
            size: vec![1; n],
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

    fn union(&mut self, x: usize, y: usize) {
        let (mut x, mut y) = (self.find(x), self.find(y));
        if x == y {
            return;
        }
        if self.size[x] < self.size[y] {
            std::mem::swap(&mut x, &mut y);
        }
        self.parent[y] = x;
        self.size[x] += self.size[y];
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
    fn disjoint_sets_join() {
        let mut s = DisjointSets::new(5);
        s.union(0, 1);
        s.union(3, 4);
        s.union(1, 4);
        assert_eq!(s.find(0), s.find(3));
        assert_ne!(s.find(0), s.find(2));
    }
}
