//! Sentence alignment across articles: which sentences of two articles report the
//! same thing, through paraphrase and translation.
//!
//! Similarity is a weighted Dice coefficient over the sentences' terms (stems and
//! numbers), each term weighted by its inverse sentence frequency in the corpus, so
//! shared rare stems, numbers and names count for much more than shared function
//! words, in any language. Candidates come from an inverted index over pairs of each
//! sentence's rarest terms, never from comparing every sentence with every other.
//! Order is not assumed (articles reorder paragraphs), but it is used where it holds:
//! a weaker match right next to a strong one is accepted (gap filling). A sentence
//! a translator split in two aligns with both halves (one-to-many).

use crate::pipeline::{id_ranks, Document, SentenceTerms};
use ahash::AHashMap;
use rayon::prelude::*;

/// Rarest terms of each sentence that go into the candidate index.
const PREFIX_TERMS: usize = 12;
/// Term pairs expected together in more sentences than this by chance alone
/// (`df1 * df2 / N` for independent terms among `N` sentences) propose no
/// candidates. Two sentences telling the same fact share rare terms (names,
/// figures, uncommon words); a pair of terms that would meet in some sentence by
/// chance anyway says little, and its posting list lengthens with the corpus,
/// which made the candidates grow faster than the corpus. At 1, a pair is kept
/// when less than one sentence of the corpus would hold both by chance. On 4,000
/// peerbench articles this dropped 23% of the alignments, at a median similarity
/// of 0.38 against 0.84 for those kept (sentences of one novel sharing a
/// character's name), and made alignment 10x faster.
const CHANCE_COOCCURRENCE: f64 = 1.0;
/// Term pairs in more sentences than this are too common to propose candidates.
const MAX_POSTINGS: usize = 1000;
/// Similarity at which a single aligned sentence links two articles on its own;
/// below it, two articles need two aligned sentences (a quote reused verbatim
/// counts; a shared topic does not).
const STANDALONE_SIMILARITY: f64 = 0.6;
/// Sentences sharing fewer content terms than this are never aligned.
const MIN_SHARED_TERMS: usize = 3;
/// A neighbour joins an alignment (the other half of a split sentence) when it
/// covers at least this share of the other side's weight that was not yet covered.
const SPLIT_COVERAGE: f64 = 0.15;

/// Knobs of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AlignParams {
    /// Weighted Dice similarity from which two sentences are aligned.
    pub min_similarity: f64,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            min_similarity: DEFAULT_MIN_SIMILARITY,
        }
    }
}

/// Default similarity threshold (see the README for how it was chosen).
pub const DEFAULT_MIN_SIMILARITY: f64 = 0.3;

/// Consecutive sentences `first..=last` of document `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentenceRange {
    pub doc: usize,
    pub first: usize,
    pub last: usize,
}

impl SentenceRange {
    /// The byte span `[start, end)` of these sentences in their document's text.
    pub fn bytes(&self, docs: &[Document]) -> (usize, usize) {
        let s = &docs[self.doc].sentences;
        (s[self.first].start, s[self.last].end)
    }

    /// The text of these sentences.
    pub fn text<'a>(&self, docs: &'a [Document]) -> &'a str {
        let (start, end) = self.bytes(docs);
        &docs[self.doc].text[start..end]
    }
}

/// Two sentence ranges that say the same thing; `docs[a.doc].id < docs[b.doc].id`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alignment {
    pub a: SentenceRange,
    pub b: SentenceRange,
    pub similarity: f64,
}

/// Term weights: inverse sentence frequency over the corpus.
struct Weights {
    df: AHashMap<u64, u32>,
    sentences: f64,
}

impl Weights {
    fn of(docs: &[Document]) -> Weights {
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

    fn df(&self, term: u64) -> u32 {
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
    fn min_evidence(&self) -> f64 {
        self.sentences.max(2.0).ln()
    }
}

/// A sentence's terms with their weights, and the sum of the weights.
struct Profile {
    /// Sorted, distinct terms, each with its weight: one array, so that scoring a
    /// candidate pair reads one cache line where two arrays would cost two misses.
    terms: Vec<(u64, f64)>,
    norm: f64,
    /// The terms that are numbers.
    numbers: Vec<u64>,
}

impl Profile {
    fn new(sentence: &SentenceTerms, w: &Weights) -> Profile {
        let terms: Vec<(u64, f64)> = sentence.terms.iter().map(|&t| (t, w.weight(t))).collect();
        Profile {
            norm: terms.iter().map(|&(_, weight)| weight).sum(),
            terms,
            numbers: sentence.numbers.clone(),
        }
    }

    /// The profile of several sentences read as one.
    fn union(parts: &[&Profile]) -> Profile {
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
            terms: pairs,
            numbers,
        }
    }

    /// Whether both sides state numbers and none of them agree: such sentences
    /// report different figures, however alike their words (the lines of
    /// earnings tables and dividend notices). They may still align next to a
    /// stronger match, where a changed figure is drift worth reporting.
    fn figures_disagree(&self, other: &Profile) -> bool {
        !self.numbers.is_empty()
            && !other.numbers.is_empty()
            && !self
                .numbers
                .iter()
                .any(|n| other.numbers.binary_search(n).is_ok())
    }

    /// The weight and the number of the terms both profiles have.
    fn shared(&self, other: &Profile) -> (f64, usize) {
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

    /// Weighted Dice: twice the weight shared over the weight of both; 0 when fewer
    /// than [`MIN_SHARED_TERMS`] terms are shared, since one word in common is
    /// chance, however rare the word.
    fn similarity(&self, other: &Profile) -> f64 {
        let (weight, count) = self.shared(other);
        let total = self.norm + other.norm;
        if total > 0.0 && count >= MIN_SHARED_TERMS {
            2.0 * weight / total
        } else {
            0.0
        }
    }

    /// The share of this profile's weight that `other` covers.
    fn covered_by(&self, other: &Profile) -> f64 {
        if self.norm > 0.0 {
            self.shared(other).0 / self.norm
        } else {
            0.0
        }
    }
}

/// Aligns the sentences of every pair of documents that share content.
pub fn align(docs: &[Document], params: &AlignParams) -> Vec<Alignment> {
    let weights = Weights::of(docs);
    let profiles: Vec<Vec<Profile>> = docs
        .par_iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| Profile::new(s, &weights))
                .collect()
        })
        .collect();
    let candidates = candidate_pairs(docs, &weights);

    // Score candidates; group by document pair (smaller id first).
    let rank = id_ranks(docs);
    let partial = params.min_similarity / 2.0;
    let scored: Vec<(DocPair, Scored)> = candidates
        .par_iter()
        .filter_map(|&((d1, s1), (d2, s2))| {
            let ((d1, s1), (d2, s2)) = ((d1 as usize, s1 as usize), (d2 as usize, s2 as usize));
            let ((da, sa), (db, sb)) = if rank[d1] < rank[d2] {
                ((d1, s1), (d2, s2))
            } else {
                ((d2, s2), (d1, s1))
            };
            let sim = profiles[da][sa].similarity(&profiles[db][sb]);
            (sim >= partial).then_some(((da, db), (sa, sb, sim)))
        })
        .collect();
    // Grouped by document pair: sorted in parallel, read as runs of one pair.
    let mut scored = scored;
    scored.par_sort_unstable_by_key(|&(key, (sa, sb, _))| (key, sa, sb));
    let groups: Vec<&[(DocPair, Scored)]> = scored.chunk_by(|x, y| x.0 == y.0).collect();

    let mut out: Vec<Alignment> = groups
        .into_par_iter()
        .flat_map_iter(|group| {
            let (da, db) = group[0].0;
            align_pair(
                &profiles[da],
                &profiles[db],
                group.iter().map(|&(_, cand)| cand).collect(),
                params,
                weights.min_evidence(),
            )
            .into_iter()
            .map(move |(a, b, sim)| Alignment {
                a: SentenceRange {
                    doc: da,
                    first: a.0,
                    last: a.1,
                },
                b: SentenceRange {
                    doc: db,
                    first: b.0,
                    last: b.1,
                },
                similarity: sim,
            })
        })
        .collect();
    out.par_sort_unstable_by_key(|al| (rank[al.a.doc], rank[al.b.doc], al.a.first, al.b.first));
    out
}

/// A document and a sentence in it, as 32-bit indices: the candidate lists are the
/// largest thing alignment holds, and half the width is half the memory and sorting.
type SentenceKey = (u32, u32);
/// Two documents, the one with the smaller id first.
type DocPair = (usize, usize);
/// Sentence `a` of the first document, sentence `b` of the second, and their similarity.
type Scored = (usize, usize, f64);

/// Pairs of sentences from different documents that share two of their rarest
/// terms. Alignment needs [`MIN_SHARED_TERMS`] shared terms anyway, and a pair of
/// terms is far more selective than one: posting lists stay short as the corpus
/// grows, so the cost grows about linearly with it.
fn candidate_pairs(docs: &[Document], w: &Weights) -> Vec<(SentenceKey, SentenceKey)> {
    // (key of a term pair, sentence): sorted, each run of one key is a posting list.
    let mut entries: Vec<(u64, SentenceKey)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, doc)| {
            doc.sentences
                .iter()
                .enumerate()
                .flat_map(move |(s, sentence)| {
                    // Terms in one sentence only cannot match anything.
                    let mut rare: Vec<(u32, u64)> = sentence
                        .terms
                        .iter()
                        .map(|&t| (w.df(t), t))
                        .filter(|&(df, _)| df >= 2)
                        .collect();
                    rare.sort_unstable();
                    rare.truncate(PREFIX_TERMS);
                    let keys: Vec<(u64, SentenceKey)> = rare
                        .iter()
                        .enumerate()
                        .flat_map(|(k, &(df1, t1))| {
                            rare[k + 1..]
                                .iter()
                                .filter(move |&&(df2, _)| {
                                    f64::from(df1) * f64::from(df2)
                                        <= CHANCE_COOCCURRENCE * w.sentences
                                })
                                .map(move |&(_, t2)| pair_key(t1, t2))
                        })
                        .map(|key| (key, (d as u32, s as u32)))
                        .collect();
                    keys
                })
        })
        .collect();
    entries.par_sort_unstable();
    let lists: Vec<&[(u64, SentenceKey)]> = entries
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|l| l.len() >= 2 && l.len() <= MAX_POSTINGS)
        .collect();
    let mut pairs: Vec<(SentenceKey, SentenceKey)> = lists
        .par_iter()
        .flat_map_iter(|list| {
            list.iter().enumerate().flat_map(move |(i, &(_, x))| {
                list[i + 1..]
                    .iter()
                    .filter(move |y| y.1 .0 != x.0)
                    .map(move |&(_, y)| (x.min(y), x.max(y)))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// A key for an unordered pair of terms (in memory only; a collision merely adds a
/// candidate, which scoring then rejects).
fn pair_key(t1: u64, t2: u64) -> u64 {
    let (lo, hi) = (t1.min(t2), t1.max(t2));
    crate::hash::fmix64(lo ^ hi.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Inclusive sentence range within one document.
type Span = (usize, usize);

/// One-to-one alignment by descending similarity among pairs whose shared weight
/// is significant (`min_evidence`), then neighbours joined where a sentence was
/// split in two on either side, and gaps between aligned sentences filled.
fn align_pair(
    a: &[Profile],
    b: &[Profile],
    mut cands: Vec<Scored>,
    params: &AlignParams,
    min_evidence: f64,
) -> Vec<(Span, Span, f64)> {
    cands.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut chosen: Vec<(Span, Span, f64)> = Vec::new();
    for &(i, j, sim) in &cands {
        if sim >= params.min_similarity
            && !used_a[i]
            && !used_b[j]
            && a[i].shared(&b[j]).0 >= min_evidence
            && !a[i].figures_disagree(&b[j])
        {
            used_a[i] = true;
            used_b[j] = true;
            chosen.push(((i, i), (j, j), sim));
        }
    }
    // Corroboration: one moderate match is all two articles have in common by
    // chance more often than not (a topic, a stock phrase); two matches, or one
    // near-verbatim, show they tell the same story.
    let corroborated = chosen.len() >= 2 || chosen.iter().any(|c| c.2 >= STANDALONE_SIMILARITY);
    if !corroborated {
        return Vec::new();
    }
    let partial = params.min_similarity / 2.0;
    for (sa, sb, sim) in &mut chosen {
        (*sb, *sim) = extend(b, *sb, &mut used_b, &union(a, *sa), *sim, partial);
        (*sa, *sim) = extend(a, *sa, &mut used_a, &union(b, *sb), *sim, partial);
    }
    fill_gaps(a, b, &mut chosen, &mut used_a, &mut used_b, partial);
    chosen.sort_by_key(|&(sa, sb, _)| (sa, sb));
    chosen
}

/// Aligns the sentences right before or after an alignment on both sides when they
/// share at least `partial`: within a paragraph, rewrites keep the order, so a
/// weaker match next to a strong one is the same fact reworded.
fn fill_gaps(
    a: &[Profile],
    b: &[Profile],
    chosen: &mut Vec<(Span, Span, f64)>,
    used_a: &mut [bool],
    used_b: &mut [bool],
    partial: f64,
) {
    let mut k = 0;
    while k < chosen.len() {
        let (sa, sb, _) = chosen[k];
        let before = sa.0.checked_sub(1).zip(sb.0.checked_sub(1));
        let after = Some((sa.1 + 1, sb.1 + 1)).filter(|&(i, j)| i < a.len() && j < b.len());
        for (i, j) in before.into_iter().chain(after) {
            if used_a[i] || used_b[j] {
                continue;
            }
            let sim = a[i].similarity(&b[j]);
            if sim >= partial {
                used_a[i] = true;
                used_b[j] = true;
                chosen.push(((i, i), (j, j), sim));
            }
        }
        k += 1;
    }
}

/// Grows `span` by unused neighbours, one at a time, while a neighbour covers at
/// least [`SPLIT_COVERAGE`] more of `fixed`'s weight and itself shares at least
/// `partial` with it: the other half of a sentence split in two.
fn extend(
    profiles: &[Profile],
    mut span: Span,
    used: &mut [bool],
    fixed: &Profile,
    mut sim: f64,
    partial: f64,
) -> (Span, f64) {
    loop {
        let covered = fixed.covered_by(&union(profiles, span));
        let mut best: Option<(Span, f64)> = None;
        for n in neighbours(span, profiles.len()) {
            if used[n] || profiles[n].similarity(fixed) < partial {
                continue;
            }
            let grown = (span.0.min(n), span.1.max(n));
            let gain = fixed.covered_by(&union(profiles, grown)) - covered;
            if gain >= SPLIT_COVERAGE && best.is_none_or(|(_, g)| gain > g) {
                best = Some((grown, gain));
            }
        }
        let Some((grown, _)) = best else {
            return (span, sim);
        };
        for flag in &mut used[grown.0..=grown.1] {
            *flag = true;
        }
        span = grown;
        sim = union(profiles, span).similarity(fixed);
    }
}

fn neighbours(span: Span, len: usize) -> impl Iterator<Item = usize> {
    let before = span.0.checked_sub(1);
    let after = (span.1 + 1 < len).then_some(span.1 + 1);
    before.into_iter().chain(after)
}

fn union(profiles: &[Profile], span: Span) -> Profile {
    let parts: Vec<&Profile> = profiles[span.0..=span.1].iter().collect();
    Profile::union(&parts)
}
