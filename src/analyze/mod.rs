//! Articles in, [`Document`]s out: each article's text segmented into sentences,
//! its words folded and stemmed into terms, its shingles hashed (at the shingle
//! size of the pair search's sketcher, which sketches them when it needs to), in
//! parallel over in-memory batches. No files, no CLI, no global state.

use crate::article::Article;
use crate::document::{Document, SentenceTerms};
use crate::hash::term_hash;
use crate::ingest::InputError;
use crate::neardup::shingle::shingles_of_hashes;
use crate::neardup::sketch::Sketcher;
use crate::text::language::{ByLanguage, Language, StemCache};
use crate::text::lexicon::stopwords;
use crate::text::normalize::fold_into;
use crate::text::segment::{sentences, Sentence};
use crate::text::tokenize::{spans, Span, TokenKind};
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

impl LanguageChoice {
    /// `auto` (any case), or a language name or code; `None` for what is neither.
    pub fn parse(s: &str) -> Option<LanguageChoice> {
        if s.eq_ignore_ascii_case("auto") {
            Some(LanguageChoice::Auto)
        } else {
            Language::parse(s).map(LanguageChoice::Fixed)
        }
    }
}

/// How much of an article the analysis keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// What the pair search needs: statistics and shingles. The text and
    /// the sentences' terms are dropped, which saves the stemming and most memory.
    Pairs,
    /// Everything, for sentence alignment and drift too.
    Full,
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

/// Normalizes, tokenizes, segments, stems and shingles one article.
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
    let segments = sentences(text);
    let sentence_count = segments.len();
    let sentences = if full {
        sentence_terms(&segments, &kept, &terms)
    } else {
        Vec::new()
    };
    Ok(Document {
        bytes: text.len(),
        text: if full { article.text.into() } else { "".into() },
        id: article.id,
        source: article.source,
        title: article.title,
        url: article.url,
        input: article.input,
        lang,
        sentences: sentences.into(),
        sentence_count,
        tokens: words.len(),
        shingles: shingles.into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold;

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
