//! Sentence alignment across articles: which sentences of two articles report the
//! same thing, through paraphrase and translation.
//!
//! Similarity is a weighted Dice coefficient over the sentences' terms (stems and
//! numbers), each term weighted by its inverse sentence frequency in the corpus, so
//! shared rare stems, numbers and names count for much more than shared function
//! words, in any language. Candidates come from an inverted index over pairs of each
//! sentence's rarest terms, never from comparing every sentence with every other.
//!
//! The corpus is what the caller says it is: [`align`] takes a [`TermStats`] (the
//! number of sentences and how many hold each term), built from the documents
//! aligned, from a larger corpus they belong to, or merged from partitions. All it
//! reads of the corpus comes from there, never from the batch: with the same
//! statistics, two documents align the same in any batch. A term the statistics do
//! not know weighs as one seen once.
//! Order is not assumed (articles reorder paragraphs), but it is used where it holds:
//! a weaker match right next to a strong one is accepted (gap filling). A sentence
//! a translator split in two aligns with both halves (one-to-many).

mod candidates;
pub mod cluster;
pub mod counterpart;
mod parts;
mod profile;
mod stats;
pub mod verbatim;

use crate::document::{id_ranks, Document};
use crate::error::Result;
pub use candidates::{index_keys, may_align, sentence_keys, PREFIX_TERMS};
use candidates::{scored_candidates, DocPair, Scored};
use profile::{Profile, Profiles};
use rayon::prelude::*;
pub use stats::TermStats;
use stats::{fits_u32, Weights};

/// Similarity at which a single aligned sentence links two articles on its own;
/// below it, two articles need two aligned sentences (a quote reused verbatim
/// counts; a shared topic does not).
const STANDALONE_SIMILARITY: f64 = 0.6;
/// A neighbour joins an alignment (the other half of a split sentence) when it
/// covers at least this share of the other side's weight that was not yet covered.
const SPLIT_COVERAGE: f64 = 0.15;

/// Knobs of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AlignParams {
    /// Weighted Dice similarity from which two sentences are aligned.
    pub min_similarity: f64,
    /// Copies of one sentence (the same terms) in up to this many places are
    /// aligned pair by pair; more, each with the first copy by document id.
    pub listed: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            min_similarity: DEFAULT_MIN_SIMILARITY,
            listed: crate::neardup::DEFAULT_LISTED_GROUP,
        }
    }
}

/// Default similarity threshold (see the README for how it was chosen).
pub const DEFAULT_MIN_SIMILARITY: f64 = 0.3;

/// Consecutive sentences `first..=last` of document `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct SentenceRange {
    /// Index of the document in the slice aligned.
    pub doc: usize,
    /// Its first sentence.
    pub first: usize,
    /// Its last sentence (inclusive).
    pub last: usize,
}

impl SentenceRange {
    /// The byte span `[start, end)` of these sentences in their document's text.
    ///
    /// # Panics
    /// When the range is not of `docs`: `docs` must be the documents aligned.
    pub fn bytes(&self, docs: &[Document]) -> (usize, usize) {
        let s = &docs[self.doc].sentences;
        (s[self.first].start, s[self.last].end)
    }

    /// The text of these sentences.
    ///
    /// # Panics
    /// As [`SentenceRange::bytes`].
    pub fn text<'a>(&self, docs: &'a [Document]) -> &'a str {
        let (start, end) = self.bytes(docs);
        &docs[self.doc].text[start..end]
    }
}

/// Two sentence ranges that say the same thing; `docs[a.doc].id < docs[b.doc].id`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Alignment {
    /// The sentences of the document with the smaller id.
    pub a: SentenceRange,
    /// The sentences of the other document.
    pub b: SentenceRange,
    /// The weighted Dice coefficient of their terms, in [0, 1].
    pub similarity: f64,
    /// The confidence, in [0, 1], that the two sides render one statement, not
    /// merely share a topic, names or a template (see [`counterpart`]).
    pub counterpart: f64,
}

/// Aligns the sentences of every pair of documents that share content, terms
/// weighted by `stats`: those of `docs` themselves, or of a corpus they are part
/// of. With the same statistics, two documents align the same whatever other
/// documents are aligned beside them.
///
/// Fails with [`crate::Error::TooLarge`] past 2^32 documents, sentences, distinct
/// terms or candidate index entries, or sentences holding one term.
pub fn align(docs: &[Document], stats: &TermStats, params: &AlignParams) -> Result<Vec<Alignment>> {
    aligned(docs, stats, params, |profiles, weights, rank| {
        // Sentences repeated word for word are proposed on their own, however many
        // copies: the index keeps only term pairs rare enough not to meet by chance.
        verbatim::copies(profiles, weights, rank, params.listed)
    })
}

/// A sentence by its document's index and its own number.
pub type SentenceAt = (usize, usize);

/// [`align`] with the verbatim copies among `docs` decided by the caller, as they
/// are in a corpus `docs` are part of: `copies` (sentence `(doc, sentence)` with
/// sentence, by index in `docs`) are proposed, and sentences `unindexed` leave the
/// candidate index (see [`verbatim::proposals`]). With the corpus's statistics and
/// its decisions about their copies, two documents align alone as they align in
/// the corpus: a distributed job aligns pair by pair.
pub fn align_with_copies(
    docs: &[Document],
    stats: &TermStats,
    params: &AlignParams,
    copies: &[(SentenceAt, SentenceAt)],
    unindexed: &[SentenceAt],
) -> Result<Vec<Alignment>> {
    aligned(docs, stats, params, |profiles, _, rank| {
        let mut given = verbatim::Copies {
            pairs: Vec::with_capacity(copies.len()),
            unindexed: vec![false; profiles.len()],
        };
        for &((da, sa), (db, sb)) in copies {
            match rank[da].cmp(&rank[db]) {
                std::cmp::Ordering::Less => given.pairs.push(((da, db), (sa, sb, 1.0))),
                std::cmp::Ordering::Greater => given.pairs.push(((db, da), (sb, sa, 1.0))),
                std::cmp::Ordering::Equal => {}
            }
        }
        for &(d, s) in unindexed {
            given.unindexed[profiles.first(d) + s] = true;
        }
        given
    })
}

/// [`align`], the verbatim copies given by `copies` of the sentences' profiles.
fn aligned(
    docs: &[Document],
    stats: &TermStats,
    params: &AlignParams,
    copies: impl FnOnce(&Profiles, &Weights, &[u32]) -> verbatim::Copies,
) -> Result<Vec<Alignment>> {
    // Documents and sentences are numbered in 32 bits (and terms, by `Weights`).
    fits_u32(docs.len() as u64, "documents")?;
    let sentences = docs.iter().map(|d| d.sentences.len() as u64).sum();
    fits_u32(sentences, "sentences")?;
    let (weights, terms) = Weights::new(stats, docs)?;
    let profiles = Profiles::new(docs, &weights, terms);
    let rank = id_ranks(docs);
    let copies = copies(&profiles, &weights, &rank);
    let mut scored = scored_candidates(&weights, &profiles, &rank, params, &copies.unindexed)?;
    scored.extend(copies.pairs);
    // Grouped by document pair: sorted in parallel, read as runs of one pair.
    scored.par_sort_unstable_by_key(|&(key, (sa, sb, _))| (key, sa, sb));
    // Runs of one first document, each split into runs of one pair: the first
    // document's profiles are made once for all its pairs.
    let firsts: Vec<&[(DocPair, Scored)]> = scored.chunk_by(|x, y| x.0 .0 == y.0 .0).collect();

    // Each pair of documents aligned, then the confidence of each alignment found.
    let aligned: Vec<(usize, usize, Vec<Aligned>)> = firsts
        .into_par_iter()
        .flat_map_iter(|run| {
            let da = run[0].0 .0;
            let a = profiles.of_doc(da);
            let mut out = Vec::new();
            for group in run.chunk_by(|x, y| x.0 == y.0) {
                let db = group[0].0 .1;
                let cands = group.iter().map(|&(_, cand)| cand).collect();
                let aligned = align_pair(&a, &profiles.of_doc(db), cands, params);
                if !aligned.is_empty() {
                    out.push((da, db, aligned));
                }
            }
            out
        })
        .collect();
    let memo = counterpart::Memo::new(docs);
    let mut out: Vec<Alignment> = aligned
        .into_par_iter()
        .flat_map_iter(|(da, db, aligned)| {
            let confidence = counterparts(docs, &profiles, &memo, (da, db), &aligned);
            aligned
                .into_iter()
                .zip(confidence)
                .filter(|&(_, counterpart)| counterpart >= counterpart::MIN_REPORTED)
                .map(move |((a, b, sim), counterpart)| Alignment {
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
                    counterpart,
                })
        })
        .collect();
    out.par_sort_unstable_by_key(|al| (rank[al.a.doc], rank[al.b.doc], al.a.first, al.b.first));
    Ok(out)
}

/// The confidence of each alignment of documents `da` and `db`, `aligned` sorted
/// by their first sides (see [`counterpart`]).
fn counterparts(
    docs: &[Document],
    profiles: &Profiles,
    memo: &counterpart::Memo,
    (da, db): (usize, usize),
    aligned: &[(Span, Span, f64)],
) -> Vec<f64> {
    let (a, b) = (&docs[da], &docs[db]);
    let (pa, pb) = (profiles.of_doc(da), profiles.of_doc(db));
    let evidence: Vec<counterpart::Evidence> = aligned
        .iter()
        .map(|&(sa, sb, _)| {
            if range_text(a, sa) == range_text(b, sb) {
                // The same words: all explained, no figure or name the other lacks.
                return counterpart::Evidence::default();
            }
            let (ua, ub) = (union(&pa, sa), union(&pb, sb));
            let (side_a, side_b) = (memo.side(da, sa.0, sa.1), memo.side(db, sb.0, sb.1));
            counterpart::Evidence::of((&ua, &side_a), (&ub, &side_b), || {
                (memo.terms(da), memo.terms(db))
            })
        })
        .collect();
    let neighbours = counterpart::neighbours(aligned, &evidence);
    let coverage = counterpart::coverage(aligned, pa.len(), pb.len());
    evidence
        .iter()
        .zip(neighbours)
        .map(|(e, n)| counterpart::confidence(e, n, coverage))
        .collect()
}

/// The text of sentences `span` of `doc`.
fn range_text(doc: &Document, span: Span) -> &str {
    &doc.text[doc.sentences[span.0].start..doc.sentences[span.1].end]
}

/// Inclusive sentence range within one document.
type Span = (usize, usize);
/// Two sentence ranges aligned, and their similarity.
type Aligned = counterpart::Aligned<f64>;

/// One-to-one alignment by descending similarity among the candidates that
/// [`scored_candidates`] kept (similar enough, with significant shared weight, no
/// disagreeing figures), then neighbours joined where a sentence was split in two
/// on either side, and gaps between aligned sentences filled.
fn align_pair(
    a: &[Profile],
    b: &[Profile],
    mut cands: Vec<Scored>,
    params: &AlignParams,
) -> Vec<(Span, Span, f64)> {
    cands.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut chosen: Vec<(Span, Span, f64)> = Vec::new();
    for &(i, j, sim) in &cands {
        if !used_a[i] && !used_b[j] {
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

fn union<'a>(profiles: &[Profile<'a>], span: Span) -> Profile<'a> {
    Profile::union(&profiles[span.0..=span.1])
}
