//! Which sentence pairs are worth scoring, and their scores: an inverted index over
//! pairs of each sentence's rarest terms, never every sentence against every other.

use super::parts::split_lengths;
use super::profile::{dice, Profiles, TermSet};
use super::stats::{min_evidence, term_weight, Weights};
use super::{AlignParams, TermStats};
use crate::document::{Document, SentenceTerms};
use crate::error::{Error, Result};
use crate::prefetch::touch;
use rayon::prelude::*;
use std::ops::Range;

/// Rarest terms of each sentence that go into the candidate index.
pub const PREFIX_TERMS: usize = 12;
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
/// A pair is in at most as many sentences as its rarer term, which the statistics
/// say, so the bound holds in the corpus whatever the batch: at most `sqrt(N)`
/// under [`CHANCE_COOCCURRENCE`] anyway, it bites only past a million sentences.
const MAX_POSTINGS: usize = 1000;
/// Sentences whose index entries one task writes.
const SENTENCES_PER_BLOCK: usize = 4096;
/// Buckets of index entries, each sorted on its own: 40,000 entries a bucket on
/// average on peerbench's 760,000 sentences (the first buckets hold more: a key
/// goes by its smaller term).
const BUCKETS: usize = 256;
/// Tasks that score candidates: many more than threads, so that no thread is
/// left alone with a long last one.
const SCORING_BLOCKS: usize = 1024;

/// Two documents, the one with the smaller id first.
pub(super) type DocPair = (usize, usize);
/// Sentence `a` of the first document, sentence `b` of the second, and their similarity.
pub(super) type Scored = (usize, usize, f64);

/// Every pair of sentences from different documents that share two of their
/// rarest terms and may align on their own strength: at least `min_similarity`,
/// sharing significant weight ([`Weights::min_evidence`]), and no disagreeing
/// figures. Each comes under its document pair, by `rank` of the documents' ids.
///
/// Alignment needs three shared terms anyway, and a pair of terms is far more
/// selective than one: posting lists stay short as the corpus grows, so the cost
/// grows about linearly with it. Each sentence gathers the sentences after it in
/// its posting lists and scores them at once, while its own terms are at hand: the
/// millions of raw pairs are never held or sorted as a whole.
pub(super) fn scored_candidates(
    w: &Weights,
    profiles: &Profiles,
    rank: &[u32],
    params: &AlignParams,
    unindexed: &[bool],
) -> Result<Vec<(DocPair, Scored)>> {
    // Sentences by number are in 32 bits (`align` checked): the posting lists,
    // read at random while scoring, hold them side by side.
    // The index in 64 bits an entry where the numbers fit, as they do for millions
    // of sentences and terms: half the memory of 128 bits, and faster to sort.
    let (term_bits, sentence_bits) = (bits(w.terms()), bits(profiles.len()));
    let (postings, lists) = if 2 * term_bits + sentence_bits <= 64 {
        posting_lists::<u64>(w, profiles, unindexed, term_bits, sentence_bits)?
    } else {
        posting_lists::<u128>(w, profiles, unindexed, 32, 32)?
    };
    // For every sentence of a posting list, where the rest of the list after it
    // starts and ends in `postings`.
    let mut rests: Vec<(u32, u32, u32)> = lists
        .par_iter()
        .flat_map_iter(|&(from, to)| {
            let postings = &postings;
            (from..to - 1).map(move |i| (postings[i as usize], i + 1, to))
        })
        .collect();
    rests.par_sort_unstable_by_key(|r| r.0);

    let scoring = Scoring {
        profiles,
        rank,
        min_similarity: params.min_similarity,
        min_evidence: w.min_evidence(),
    };
    // Each block of sentences is a task of its own. Left to rayon's splitting, the
    // last chunk of sentences was a sixth of the scoring, left to one thread alone.
    Ok(blocks(&rests, SCORING_BLOCKS)
        .into_par_iter()
        .with_max_len(1)
        .map(|block| {
            let mut set = TermSet::default();
            let mut out = Vec::new();
            for rests in block.chunk_by(|x, y| x.0 == y.0) {
                // The lists lie apart: each is touched before any is read.
                touch(
                    rests
                        .iter()
                        .map(|&(_, from, _)| u64::from(postings[from as usize])),
                );
                let later = rests
                    .iter()
                    .flat_map(|&(_, from, to)| &postings[from as usize..to as usize]);
                scoring.score(rests[0].0, later.copied(), &mut set, &mut out);
            }
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        }))
}

/// `rests` (sorted by sentence) in about `n` blocks of similar length, each
/// holding whole runs of one sentence.
fn blocks(rests: &[(u32, u32, u32)], n: usize) -> Vec<&[(u32, u32, u32)]> {
    let mut out = Vec::with_capacity(n);
    let mut rest = rests;
    let step = rests.len().div_ceil(n).max(1);
    while !rest.is_empty() {
        let mut cut = step.min(rest.len());
        while cut < rest.len() && rest[cut].0 == rest[cut - 1].0 {
            cut += 1;
        }
        let (block, tail) = rest.split_at(cut);
        out.push(block);
        rest = tail;
    }
    out
}

/// Bits that hold the numbers below `n`.
fn bits(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// An entry of the index: the key of a term pair above a sentence's number (in
/// the low `sentence_bits` bits), so that entries sort by key, then sentence.
trait Entry: Copy + Ord + Send + Sync + Default {
    fn new(key: u64, sentence: u32, sentence_bits: u32) -> Self;
    fn key(self, sentence_bits: u32) -> u64;
    fn sentence(self, sentence_bits: u32) -> u32;
}

impl Entry for u64 {
    fn new(key: u64, sentence: u32, sentence_bits: u32) -> u64 {
        key << sentence_bits | u64::from(sentence)
    }
    fn key(self, sentence_bits: u32) -> u64 {
        self >> sentence_bits
    }
    fn sentence(self, sentence_bits: u32) -> u32 {
        (self & ((1 << sentence_bits) - 1)) as u32
    }
}

impl Entry for u128 {
    fn new(key: u64, sentence: u32, sentence_bits: u32) -> u128 {
        u128::from(key) << sentence_bits | u128::from(sentence)
    }
    fn key(self, sentence_bits: u32) -> u64 {
        (self >> sentence_bits) as u64
    }
    fn sentence(self, sentence_bits: u32) -> u32 {
        (self & ((1 << sentence_bits) - 1)) as u32
    }
}

/// The usable posting lists of the index over pairs of each sentence's rarest
/// terms, keys of `term_bits` bits a term: the sentences of all lists side by
/// side (a quarter of the entries' bytes or less, read at random while scoring),
/// and where each list starts and ends among them. Sentences `unindexed` are
/// left out.
fn posting_lists<E: Entry>(
    w: &Weights,
    profiles: &Profiles,
    unindexed: &[bool],
    term_bits: u32,
    sentence_bits: u32,
) -> Result<PostingLists> {
    // Entries (key of a term pair, sentence) are sorted: each run of one key is a
    // posting list. They are first dealt into buckets by the smaller term of the
    // key, so that sorting them is one task a bucket, and reading the lists out
    // too, each in a bucket small enough for the cache.
    let buckets = BUCKETS.min(w.terms()).max(1);
    let bucket = |key: u64| ((key >> term_bits) as usize * buckets) / w.terms().max(1);
    let sentence_blocks: Vec<Range<usize>> = (0..profiles.len())
        .step_by(SENTENCES_PER_BLOCK)
        .map(|first| first..(first + SENTENCES_PER_BLOCK).min(profiles.len()))
        .collect();
    // Counted first, then written in place: collected, they would be held twice.
    let counts: Vec<Vec<usize>> = sentence_blocks
        .par_iter()
        .map(|sentences| {
            let mut n = vec![0; buckets];
            for g in sentences.clone().filter(|&g| !unindexed[g]) {
                for_each_key(profiles.terms(g), w, term_bits, |key| n[bucket(key)] += 1);
            }
            n
        })
        .collect();
    let sizes: Vec<usize> = (0..buckets)
        .map(|b| counts.iter().map(|n| n[b]).sum())
        .collect();
    let mut entries: Vec<E> = vec![E::default(); sizes.iter().sum()];
    // Each block's share of each bucket, bucket by bucket, block by block: where
    // the block writes its entries, in the order of its sentences.
    let mut shares: Vec<Vec<std::slice::IterMut<E>>> =
        sentence_blocks.iter().map(|_| Vec::new()).collect();
    let lengths = (0..buckets).flat_map(|b| counts.iter().map(move |n| n[b]));
    for (i, share) in split_lengths(&mut entries, lengths).into_iter().enumerate() {
        shares[i % counts.len()].push(share.iter_mut());
    }
    sentence_blocks
        .into_par_iter()
        .zip(shares)
        .for_each(|(sentences, mut slots)| {
            for g in sentences.filter(|&g| !unindexed[g]) {
                for_each_key(profiles.terms(g), w, term_bits, |key| {
                    // Counted above, key by key from the same terms: never short.
                    let slot = slots[bucket(key)].next().expect("counted");
                    *slot = E::new(key, g as u32, sentence_bits);
                });
            }
        });
    let lists: Vec<PostingLists> = split_lengths(&mut entries, sizes)
        .into_par_iter()
        .with_max_len(1)
        .map(|part| {
            part.sort_unstable();
            let (mut postings, mut lists) = (Vec::new(), Vec::new());
            for run in part.chunk_by(|x, y| x.key(sentence_bits) == y.key(sentence_bits)) {
                // Longer only where the statistics undercount the batch's terms.
                if (2..=MAX_POSTINGS).contains(&run.len()) {
                    // Cut short past 32 bits, but then `total` below is too.
                    let from = postings.len() as u32;
                    postings.extend(run.iter().map(|e| e.sentence(sentence_bits)));
                    lists.push((from, postings.len() as u32));
                }
            }
            (postings, lists)
        })
        .collect();
    drop(entries);
    // Positions among all postings are 32-bit: the sum must fit before any is added.
    let total: usize = lists.iter().map(|l| l.0.len()).sum();
    if total > u32::MAX as usize {
        return Err(Error::TooLarge {
            what: "postings in the candidate index",
            limit: u64::from(u32::MAX),
        });
    }
    let mut postings = Vec::with_capacity(total);
    let mut all = Vec::with_capacity(lists.iter().map(|l| l.1.len()).sum());
    for (part, part_lists) in lists {
        let at = postings.len() as u32;
        all.extend(
            part_lists
                .into_iter()
                .map(|(from, to)| (at + from, at + to)),
        );
        postings.extend(part);
    }
    Ok((postings, all))
}

/// Sentences of posting lists side by side, and where each list starts and ends.
type PostingLists = (Vec<u32>, Vec<(u32, u32)>);

/// What scoring a sentence against its candidates reads.
struct Scoring<'a> {
    profiles: &'a Profiles<'a>,
    rank: &'a [u32],
    min_similarity: f64,
    min_evidence: f64,
}

impl Scoring<'_> {
    /// Scores sentence `x` against the `later` sentences (by number, repeats
    /// allowed) that share a posting list with it, keeping those of other documents
    /// that may align; `set` is room for `x`'s terms.
    fn score(
        &self,
        x: u32,
        later: impl Iterator<Item = u32>,
        set: &mut TermSet,
        out: &mut Vec<(DocPair, Scored)>,
    ) {
        let profiles = self.profiles;
        let (dx, sx) = profiles.locate(x as usize);
        let next_doc = profiles.first(dx + 1) as u32;
        let mut ys: Vec<u32> = later.filter(|&y| y >= next_doc).collect();
        ys.sort_unstable();
        ys.dedup();
        set.fill(profiles.terms(x as usize), profiles.weights());
        let norm_x = profiles.norm(x as usize);
        // Each candidate's terms are a cache miss or two away. Where they are is
        // read for all candidates first, then both ends of their terms: with no
        // dependence between candidates, the misses overlap instead of coming one
        // after another (align 15% faster on peerbench, the second end 6% more).
        let spans: Vec<(Range<usize>, f64)> = ys
            .iter()
            .map(|&y| (profiles.span(y as usize), profiles.norm(y as usize)))
            .collect();
        // A sentence's terms often straddle two cache lines.
        let arena = profiles.arena();
        touch(spans.iter().flat_map(|(span, _)| {
            [span.start, span.end.wrapping_sub(1)]
                .map(|at| u64::from(arena.get(at).copied().unwrap_or(0)))
        }));
        for (y, (span, norm_y)) in ys.into_iter().map(|y| y as usize).zip(spans) {
            let shared = set.shared(&profiles.arena()[span]);
            let sim = dice(shared, norm_x + norm_y);
            if !(sim >= self.min_similarity && shared.0 >= self.min_evidence) {
                continue;
            }
            let (dy, sy) = profiles.locate(y);
            let (a, b) = if self.rank[dx] < self.rank[dy] {
                ((dx, sx), (dy, sy))
            } else {
                ((dy, sy), (dx, sx))
            };
            let (pa, pb) = (profiles.profile(a.0, a.1), profiles.profile(b.0, b.1));
            if !pa.figures_disagree(&pb) {
                out.push(((a.0, b.0), (a.1, b.1, sim)));
            }
        }
    }
}

/// Whether sentences `a` and `b` of a corpus of `stats` pass the scoring that the
/// candidate index gives them: similar enough (`min_similarity`), sharing the
/// weight of evidence alignment needs, no disagreeing figures. Only document
/// pairs with such a sentence pair (or a verbatim copy) are aligned, so a job
/// that finds candidate sentences itself keeps the document pairs to align with
/// it. The weights are summed in another order than the index sums them: a
/// pair within a rounding error of a bound passes, and alignment decides it.
pub fn may_align(
    a: &SentenceTerms,
    b: &SentenceTerms,
    stats: &TermStats,
    min_similarity: f64,
) -> bool {
    const SLACK: f64 = 1e-9;
    let n = stats.sentences() as f64;
    let weight = |t: u64| term_weight(u32::try_from(stats.df(t)).unwrap_or(u32::MAX), n);
    let norm = |s: &SentenceTerms| s.terms.iter().map(|&t| weight(t)).sum::<f64>();
    let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].cmp(&b.terms[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight(a.terms[i]);
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let sim = dice((shared, count), norm(a) + norm(b));
    let disagree = !a.numbers.is_empty()
        && !b.numbers.is_empty()
        && !a.numbers.iter().any(|x| b.numbers.binary_search(x).is_ok());
    sim >= min_similarity - SLACK && shared >= min_evidence(n) - SLACK && !disagree
}

/// Gives `f` the key of each pair of a sentence's rarest terms that would rarely
/// meet by chance: the two term numbers side by side, `term_bits` bits each.
/// Which pairs, by the corpus statistics alone: the same in any batch.
fn for_each_key(terms: &[u32], w: &Weights, term_bits: u32, mut f: impl FnMut(u64)) {
    let rare = terms.iter().map(|&t| (u64::from(w.df(t)), t)).collect();
    // Terms in one sentence of the corpus only cannot match anything.
    rare_pairs(rare, w.sentences, PREFIX_TERMS, false, |t1, t2| {
        f(u64::from(t1.min(t2)) << term_bits | u64::from(t1.max(t2)))
    });
}

/// Gives `f` each pair of the `prefix` rarest of a sentence's terms, given with
/// the sentences of the corpus (of `sentences`) that hold them, that would rarely
/// meet by chance: the pairs the candidate index is keyed by. Terms of this
/// sentence alone (`df` 1) are left out unless `unique` (a stored index, where
/// they are what a later article will match).
fn rare_pairs<T: Copy + Ord>(
    mut rare: Vec<(u64, T)>,
    sentences: f64,
    prefix: usize,
    unique: bool,
    mut f: impl FnMut(T, T),
) {
    // Terms the statistics do not know (0) are new to the corpus, the rarest
    // there are.
    rare.retain(|&(df, _)| unique || df != 1);
    rare.sort_unstable();
    rare.truncate(prefix);
    for (k, &(df1, t1)) in rare.iter().enumerate() {
        // Sorted: `df1` is the rarer term's, and bounds the pairs' postings.
        if df1 as usize > MAX_POSTINGS {
            break;
        }
        for &(df2, t2) in &rare[k + 1..] {
            if rare_together(df1, df2, sentences) {
                f(t1, t2);
            }
        }
    }
}

/// Whether two terms in `df1 <= df2` of the corpus's `sentences` are a pair
/// that proposes candidates: its postings bounded, and fewer than
/// [`CHANCE_COOCCURRENCE`] sentences expected to hold both by chance.
pub(super) fn rare_together(df1: u64, df2: u64, sentences: f64) -> bool {
    df1 as usize <= MAX_POSTINGS && df1 as f64 * df2 as f64 <= CHANCE_COOCCURRENCE * sentences
}

/// The keys ([`crate::hash::term_pair_key`]) of the term pairs under which the
/// candidate search of [`super::align`] files the sentences of `doc`, each
/// sentence's `prefix` rarest terms by `stats`; sorted, without repeats. With
/// `stored`, the keys a stored index files `doc` under, terms of its own alone
/// included: a later document may share them.
///
/// Two sentences are scored only when they share such a pair among their
/// [`PREFIX_TERMS`] rarest, so an index of every document's keys tells which
/// stored documents a new one may align with, without holding them all: keys of
/// the new document's sentences at the full prefix, looked up among keys stored
/// at a shorter one (less to store; the rarest terms, the names and figures two
/// renditions share, come first).
pub fn index_keys(doc: &Document, stats: &TermStats, prefix: usize, stored: bool) -> Vec<u64> {
    let mut keys: Vec<u64> = sentence_keys(doc, stats, prefix, stored, &[])
        .into_iter()
        .map(|(_, key)| key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// [`index_keys`] of each sentence of `doc` but those numbered in `unindexed`
/// (sorted: the copies of a sentence that [`super::verbatim::proposals`] leaves
/// out of the index), as (sentence, key), in the order of the sentences.
pub fn sentence_keys(
    doc: &Document,
    stats: &TermStats,
    prefix: usize,
    stored: bool,
    unindexed: &[usize],
) -> Vec<(usize, u64)> {
    let sentences = stats.sentences() as f64;
    let mut keys = Vec::new();
    for (k, s) in doc.sentences.iter().enumerate() {
        if unindexed.binary_search(&k).is_ok() {
            continue;
        }
        let rare = s.terms.iter().map(|&t| (stats.df(t), t)).collect();
        rare_pairs(rare, sentences, prefix, stored, |t1, t2| {
            keys.push((k, crate::hash::term_pair_key(t1, t2)))
        });
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::TermStats;
    use crate::analyze::{analyze, LanguageChoice};
    use crate::document::Document;
    use crate::gen::fixture::planted_passages;
    use crate::neardup::sketch::{SketchParams, Sketcher};
    use crate::text::language::Language;

    #[test]
    fn entries_pack_keys_above_sentences_in_order() {
        let (term_bits, sentence_bits) = (7, 5);
        let key = |t1: u64, t2: u64| t1 << term_bits | t2;
        let mut packed: Vec<u64> = [(3, 9, 4), (3, 9, 1), (2, 127, 31), (3, 10, 0)]
            .iter()
            .map(|&(t1, t2, g)| u64::new(key(t1, t2), g, sentence_bits))
            .collect();
        packed.sort_unstable();
        let read: Vec<(u64, u32)> = packed
            .iter()
            .map(|e| (e.key(sentence_bits), e.sentence(sentence_bits)))
            .collect();
        assert_eq!(
            read,
            [
                (key(2, 127), 31),
                (key(3, 9), 1),
                (key(3, 9), 4),
                (key(3, 10), 0)
            ]
        );
        let wide = u128::new(u64::MAX, u32::MAX, 32);
        assert_eq!((wide.key(32), wide.sentence(32)), (u64::MAX, u32::MAX));
    }

    #[test]
    fn the_index_is_the_same_in_64_and_128_bits() {
        let en = Language::parse("en").expect("English");
        let sketcher = Sketcher::new(SketchParams::new(5, 1, 1).expect("sketch parameters"));
        let (articles, _) = planted_passages(7, 40, 120);
        let docs: Vec<Document> = articles
            .iter()
            .map(|a| analyze(a, LanguageChoice::Fixed(en), &sketcher).expect("analyses"))
            .collect();
        let (w, terms) = Weights::new(&TermStats::of(&docs), &docs).expect("small corpus");
        let profiles = Profiles::new(&docs, &w, terms);
        let (term_bits, sentence_bits) = (bits(w.terms()), bits(profiles.len()));
        let none = vec![false; profiles.len()];
        let narrow =
            posting_lists::<u64>(&w, &profiles, &none, term_bits, sentence_bits).expect("fits");
        let wide = posting_lists::<u128>(&w, &profiles, &none, 32, 32).expect("fits");
        assert!(narrow.1.len() > 10, "{} posting lists", narrow.1.len());
        assert_eq!(narrow, wide);

        // Sorted in buckets, the lists are those of one sort of all entries.
        let mut all: Vec<(u64, u32)> = Vec::new();
        for g in 0..profiles.len() {
            for_each_key(profiles.terms(g), &w, term_bits, |key| {
                all.push((key, g as u32))
            });
        }
        all.sort_unstable();
        let lists: Vec<Vec<u32>> = all
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|run| (2..=MAX_POSTINGS).contains(&run.len()))
            .map(|run| run.iter().map(|e| e.1).collect())
            .collect();
        let (postings, bounds) = narrow;
        let read: Vec<Vec<u32>> = bounds
            .iter()
            .map(|&(from, to)| postings[from as usize..to as usize].to_vec())
            .collect();
        assert_eq!(read, lists);
    }

    #[test]
    fn scoring_blocks_hold_whole_runs_of_a_sentence() {
        let rests: Vec<(u32, u32, u32)> = [0, 0, 0, 1, 2, 2, 2, 2, 3, 5, 5]
            .iter()
            .map(|&x| (x, 0, 0))
            .collect();
        for n in [1, 2, 3, 7, 100] {
            let blocks = blocks(&rests, n);
            assert_eq!(blocks.concat(), rests, "{n} blocks");
            assert!(blocks.iter().all(|b| !b.is_empty()));
            for pair in blocks.windows(2) {
                assert_ne!(pair[0].last().unwrap().0, pair[1][0].0, "{n} blocks");
            }
            assert!(blocks.len() <= n.max(1), "{} blocks for {n}", blocks.len());
        }
        assert!(blocks(&[], 8).is_empty());
    }
}
