//! The stages tied together as library functions over in-memory batches: articles
//! in, [`Document`]s (text statistics + shingles + sketch) out, then near-duplicate
//! pairs over a set of documents. No files, no CLI, no global state.

use crate::article::Article;
use crate::error::Result;
use crate::hash::term_hash;
use crate::ingest::InputError;
use crate::language::{ByLanguage, Language, StemCache};
use crate::lexicon::stopwords;
use crate::lsh::{candidates, Banding};
use crate::normalize::fold_into;
use crate::segment::{sentences, Sentence};
use crate::shingle::shingles_of_hashes;
use crate::sketch::{Sketch, Sketcher};
use crate::tokenize::{spans, Span, TokenKind};
use crate::verify::{overlap, Overlap};
use ahash::AHashMap;
use rayon::prelude::*;
use std::cell::RefCell;
use xxhash_rust::xxh3::xxh3_64;

/// How an article's language is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageChoice {
    /// The article's own `lang` when it names a known language, else detected.
    Auto,
    /// The same language for every article.
    Fixed(Language),
}

/// How much of an article the analysis keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// What the pair search needs: statistics, shingles and sketch. The text and
    /// the sentences' terms are dropped, which saves the stemming and most memory.
    Pairs,
    /// Everything, for sentence alignment and drift too.
    Full,
}

/// One article with what the later stages need: its sentences with their terms,
/// its shingle set and its sketch.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub title: String,
    pub input: String,
    pub lang: Language,
    /// The text as read; every span points into it. Empty at [`Depth::Pairs`].
    pub text: String,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// The sentences with their terms. Empty at [`Depth::Pairs`].
    pub sentences: Vec<SentenceTerms>,
    /// Number of sentences, at every depth.
    pub sentence_count: usize,
    pub tokens: usize,
    /// Sorted, distinct shingle hashes.
    pub shingles: Vec<u64>,
    pub sketch: Sketch,
}

/// A sentence and the distinct terms (hashes of stems and numbers) it contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceTerms {
    /// Byte span `[start, end)` in the document text.
    pub start: usize,
    pub end: usize,
    /// Sorted, distinct term hashes.
    pub terms: Vec<u64>,
    /// The terms that are numbers (a subset of `terms`), sorted and distinct.
    pub numbers: Vec<u64>,
}

/// Groups term hashes (one per token span; `None` for a word left out) by the
/// sentence their token falls in.
fn sentence_terms(
    sentences: &[Sentence],
    spans: &[Span],
    terms: &[Option<u64>],
) -> Vec<SentenceTerms> {
    let mut out: Vec<SentenceTerms> = sentences
        .iter()
        .map(|s| SentenceTerms {
            start: s.start,
            end: s.end,
            terms: Vec::new(),
            numbers: Vec::new(),
        })
        .collect();
    let mut k = 0;
    for (span, &term) in spans.iter().zip(terms) {
        while k < out.len() && out[k].end <= span.start {
            k += 1;
        }
        if let (Some(s), Some(term)) = (out.get_mut(k), term) {
            s.terms.push(term);
            if span.kind == TokenKind::Number {
                s.numbers.push(term);
            }
        }
    }
    for s in &mut out {
        s.terms.sort_unstable();
        s.terms.dedup();
        s.numbers.sort_unstable();
        s.numbers.dedup();
    }
    out
}

/// The term hash of the folded form of the token at `span`; `scratch` may be
/// overwritten. Most tokens of prose are short and ASCII: those are read as one
/// 16-byte word and lower-cased in it, eight bits a letter at once.
#[inline]
fn folded_hash(text: &str, span: Span, scratch: &mut String) -> u64 {
    const ONES: u128 = u128::MAX / 0xff; // 0x0101..01
    const HIGH: u128 = ONES * 0x80;
    let n = span.end - span.start;
    if let Some(window) = text.as_bytes().get(span.start..span.start + 16) {
        if n <= 16 {
            let mut w = u128::from_le_bytes(window.try_into().unwrap_or_default());
            if n < 16 {
                w &= (1u128 << (8 * n)) - 1;
            }
            if w & HIGH == 0 {
                // Per byte, with no carry between bytes (all are below 0x80): the
                // high bit of x + 0x3f is x >= 'A', that of x + 0x25 is x > 'Z'.
                let upper = w.wrapping_add(ONES * 0x3f) & !w.wrapping_add(ONES * 0x25) & HIGH;
                let lower = w | (upper >> 2);
                return xxh3_64(&lower.to_le_bytes()[..n]);
            }
        }
    }
    fold_into(&text[span.start..span.end], scratch);
    term_hash(scratch)
}

/// Words remembered before a thread's term memo starts over, bounding its memory
/// (checked before each article; each language read also holds a front cache of
/// 256 KB).
const TERM_MEMO_ENTRIES: usize = 1 << 20;
/// Slots of the small cache in front of a language's memo: the most frequent words
/// of a language fill most of a text, and 16,384 of them fit the processor's
/// second-level cache where the memo of all words does not.
const FRONT_SLOTS: usize = 1 << 14;
/// Words whose front-cache slots are touched at once (see [`analyze_to`]).
const TOUCHED_WORDS: usize = 64;
/// A cached term that stands for a function word (no term).
const NO_TERM: u64 = u64::MAX;

/// One language's alignment term of every word a thread has met, by the word's
/// hash: a word's stem is looked up by a number instead of worked out from its
/// letters again (news repeats its words). In front, a cache of the last word seen
/// at each slot (by the word's low bits) as (word, term or [`NO_TERM`]), 0 for none.
struct LangMemo {
    terms: AHashMap<u64, Option<u64>>,
    front: Box<[(u64, u64)]>,
}

impl Default for LangMemo {
    fn default() -> Self {
        LangMemo {
            terms: AHashMap::new(),
            front: vec![(0, 0); FRONT_SLOTS].into_boxed_slice(),
        }
    }
}

impl LangMemo {
    /// Runs `f` with the thread's memo of `lang`'s words.
    fn with_thread_memo<R>(lang: Language, f: impl FnOnce(&mut LangTerms) -> R) -> R {
        thread_local! {
            static MEMO: RefCell<ByLanguage<LangMemo>> =
                RefCell::new(ByLanguage::new(TERM_MEMO_ENTRIES));
        }
        MEMO.with_borrow_mut(|memo| {
            let (memo, entries) = memo.part(lang, LangMemo::default);
            f(&mut LangTerms {
                lang,
                memo,
                entries,
            })
        })
    }
}

/// One language's memo in use, and the count of entries of the thread's memo.
struct LangTerms<'m> {
    lang: Language,
    memo: &'m mut LangMemo,
    entries: &'m mut usize,
}

impl LangTerms<'_> {
    /// Reads the front-cache slot of each of `words`, so that it is at hand when
    /// [`LangTerms::term`] asks.
    fn touch(&self, words: &[u64]) {
        crate::prefetch::touch(
            words
                .iter()
                .map(|&word| self.memo.front[word as usize & (FRONT_SLOTS - 1)].0),
        );
    }

    /// The term of the word whose folded form hashes to `word` (`None` for a
    /// function word); `folded` gives that form when the word is new.
    fn term<'a>(&mut self, word: u64, folded: impl FnOnce() -> &'a str) -> Option<u64> {
        let slot = word as usize & (FRONT_SLOTS - 1);
        let (cached, term) = self.memo.front[slot];
        if cached == word && word != 0 {
            return (term != NO_TERM).then_some(term);
        }
        let term = self.lookup(word, folded);
        // The term NO_TERM itself (a chance in 2^64) is never cached.
        if term != Some(NO_TERM) {
            self.memo.front[slot] = (word, term.unwrap_or(NO_TERM));
        }
        term
    }

    fn lookup<'a>(&mut self, word: u64, folded: impl FnOnce() -> &'a str) -> Option<u64> {
        if let Some(&term) = self.memo.terms.get(&word) {
            return term;
        }
        let (lang, norm) = (self.lang, folded());
        let term = if stopwords(lang).is_some_and(|s| s.contains(norm)) {
            None
        } else {
            Some(StemCache::with_thread_cache(|stems| {
                term_hash(stems.stem(lang, norm))
            }))
        };
        self.memo.terms.insert(word, term);
        *self.entries += 1;
        term
    }
}

/// Normalizes, tokenizes, segments, stems, shingles and sketches one article.
pub fn analyze(
    article: &Article,
    choice: LanguageChoice,
    sketcher: &Sketcher,
) -> Result<Document, InputError> {
    analyze_to(article.clone(), choice, sketcher, Depth::Full)
}

/// Analyses one article, keeping what `depth` asks for.
pub fn analyze_to(
    article: Article,
    choice: LanguageChoice,
    sketcher: &Sketcher,
    depth: Depth,
) -> Result<Document, InputError> {
    let text = article.text.as_str();
    let lang = match choice {
        LanguageChoice::Fixed(lang) => lang,
        LanguageChoice::Auto => {
            Language::parse(&article.lang).unwrap_or_else(|| Language::detect(text))
        }
    };
    // Shingles are over the folded words, unstemmed: a copy is a copy whatever
    // language it is taken to be in. Stems serve sentence alignment, where
    // rewording changes inflections; function words are left out of it (`None`).
    let full = depth == Depth::Full;
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 5);
    let mut kept: Vec<Span> = Vec::new();
    let mut terms: Vec<Option<u64>> = Vec::new();
    let mut norm = String::new();
    for span in spans(text) {
        words.push(folded_hash(text, span, &mut norm));
        if full {
            kept.push(span);
        }
    }
    if full {
        LangMemo::with_thread_memo(lang, |memo| {
            // By blocks of words, each word's place in the front cache touched
            // before any is read: with no dependence between words, their cache
            // misses overlap instead of coming one after another.
            for (spans, words) in kept.chunks(TOUCHED_WORDS).zip(words.chunks(TOUCHED_WORDS)) {
                memo.touch(words);
                terms.extend(
                    spans
                        .iter()
                        .zip(words)
                        .map(|(span, &word)| match span.kind {
                            TokenKind::Word => memo.term(word, || {
                                fold_into(&text[span.start..span.end], &mut norm);
                                &norm
                            }),
                            TokenKind::Number => Some(word),
                        }),
                );
            }
        });
    }
    if words.is_empty() {
        return Err(InputError::new(
            article.input,
            "no words to compare: the text has only punctuation or symbols",
        ));
    }
    let shingles = shingles_of_hashes(&words, sketcher.params().shingle_size);
    let sketch = sketcher.sketch(&shingles);
    let segments = sentences(text);
    let sentence_count = segments.len();
    let sentences = if full {
        sentence_terms(&segments, &kept, &terms)
    } else {
        Vec::new()
    };
    Ok(Document {
        bytes: text.len(),
        text: if full { article.text } else { String::new() },
        id: article.id,
        source: article.source,
        title: article.title,
        input: article.input,
        lang,
        sentences,
        sentence_count,
        tokens: words.len(),
        shingles,
        sketch,
    })
}

/// [`analyze_to`] over a batch in parallel; results in input order.
pub fn analyze_batch(
    articles: Vec<Article>,
    choice: LanguageChoice,
    sketcher: &Sketcher,
    depth: Depth,
) -> Vec<Result<Document, InputError>> {
    articles
        .into_par_iter()
        .map(|a| analyze_to(a, choice, sketcher, depth))
        .collect()
}

/// Two documents whose exact shingle Jaccard reaches the threshold.
/// `a` and `b` index the document slice; `docs[a].id < docs[b].id`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearDuplicate {
    pub a: usize,
    pub b: usize,
    pub jaccard_estimate: f64,
    pub overlap: Overlap,
}

/// The outcome of the pair search, with what it cost.
#[derive(Debug, Clone)]
pub struct PairSearch {
    pub search: Search,
    pub candidates: usize,
    /// Sorted by the ids of `a`, then `b`.
    pub pairs: Vec<NearDuplicate>,
}

/// How candidate pairs are found; either way each is verified exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Banded MinHash sketches: fast, and misses a pair at the threshold with
    /// probability at most [`crate::lsh::MISS_AT_THRESHOLD`].
    Lsh(Banding),
    /// Prefix filtering over the shingle sets ([`crate::exact`]): every pair,
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
            crate::exact::candidates(&sets, threshold)
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
            crate::sketch::slot_agreement(docs[r1].sketch.mins(), docs[r2].sketch.mins());
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

/// Each document's position in the order of ids: comparing ranks orders pairs
/// as the reports do, without comparing strings.
pub fn id_ranks(docs: &[Document]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.par_sort_by(|&x, &y| docs[x].id.cmp(&docs[y].id));
    let mut rank = vec![0u32; docs.len()];
    for (r, &d) in order.iter().enumerate() {
        rank[d] = r as u32;
    }
    rank
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
    use crate::normalize::fold;

    #[test]
    fn folded_hash_agrees_with_folding_then_hashing() {
        let text = "The U.S. Senate's NATO-led vote: 1,500 ZZyzx AbCdEfGhIjKlMnOp \
                    Qrstuvwxyzabcdefgh [x] @Z Caf\u{e9} \u{201C}\u{0130}stanbul\u{201D} ok";
        let mut scratch = String::new();
        let spans: Vec<Span> = spans(text).collect();
        assert!(spans.len() > 10);
        for span in spans {
            let raw = &text[span.start..span.end];
            assert_eq!(
                folded_hash(text, span, &mut scratch),
                term_hash(&fold(raw)),
                "{raw}"
            );
        }
        // Every ASCII byte value, at every length up to the window.
        let all: String = (0u8..128).map(char::from).collect();
        for start in 0..100 {
            for len in 1..=16 {
                let span = Span {
                    start,
                    end: start + len,
                    kind: TokenKind::Word,
                };
                let raw = &all[start..start + len];
                assert_eq!(folded_hash(&all, span, &mut scratch), term_hash(&fold(raw)));
            }
        }
    }
}
