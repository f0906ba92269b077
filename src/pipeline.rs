//! The stages tied together as library functions over in-memory batches: articles
//! in, [`Document`]s (text statistics + shingles + sketch) out, then near-duplicate
//! pairs over a set of documents. No files, no CLI, no global state.

use crate::article::Article;
use crate::error::Result;
use crate::hash::term_hash;
use crate::ingest::InputError;
use crate::language::{Language, StemCache};
use crate::lexicon::stopwords;
use crate::lsh::{candidates, Banding};
use crate::segment::sentences;
use crate::shingle::shingles_of_hashes;
use crate::sketch::{Sketch, Sketcher};
use crate::tokenize::{tokenize, Token, TokenKind};
use crate::verify::{overlap, Overlap};
use ahash::AHashMap;
use rayon::prelude::*;

/// How an article's language is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageChoice {
    /// The article's own `lang` when it names a known language, else detected.
    Auto,
    /// The same language for every article.
    Fixed(Language),
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
    /// The text as read; every span points into it.
    pub text: String,
    pub sentences: Vec<SentenceTerms>,
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

/// Groups term hashes (in token order; `None` for a word left out) by the sentence
/// their token falls in.
fn sentence_terms(text: &str, tokens: &[Token], terms: &[Option<u64>]) -> Vec<SentenceTerms> {
    let mut out: Vec<SentenceTerms> = sentences(text)
        .into_iter()
        .map(|s| SentenceTerms {
            start: s.start,
            end: s.end,
            terms: Vec::new(),
            numbers: Vec::new(),
        })
        .collect();
    let mut k = 0;
    for (token, &term) in tokens.iter().zip(terms) {
        while k < out.len() && out[k].end <= token.start {
            k += 1;
        }
        if let (Some(s), Some(term)) = (out.get_mut(k), term) {
            s.terms.push(term);
            if token.kind == TokenKind::Number {
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

/// Normalizes, tokenizes, segments, stems, shingles and sketches one article.
pub fn analyze(
    article: &Article,
    choice: LanguageChoice,
    sketcher: &Sketcher,
) -> Result<Document, InputError> {
    analyze_cached(article, choice, sketcher, &mut StemCache::new())
}

/// [`analyze`] with a stem cache kept across the articles one worker analyses.
pub fn analyze_cached(
    article: &Article,
    choice: LanguageChoice,
    sketcher: &Sketcher,
    cache: &mut StemCache,
) -> Result<Document, InputError> {
    let tokens = tokenize(&article.text);
    if tokens.is_empty() {
        return Err(InputError::new(
            article.input.clone(),
            "no words to compare: the text has only punctuation or symbols",
        ));
    }
    let lang = match choice {
        LanguageChoice::Fixed(lang) => lang,
        LanguageChoice::Auto => {
            Language::parse(&article.lang).unwrap_or_else(|| Language::detect(&article.text))
        }
    };
    // Shingles are over the folded words, unstemmed: a copy is a copy whatever
    // language it is taken to be in. Stems serve sentence alignment, where
    // rewording changes inflections.
    let words: Vec<u64> = tokens.iter().map(|t| term_hash(&t.norm)).collect();
    // Alignment terms: stems and numbers; function words are left out (`None`).
    let stop = stopwords(lang);
    let terms: Vec<Option<u64>> = tokens
        .iter()
        .zip(&words)
        .map(|(t, &word)| match t.kind {
            TokenKind::Word if stop.is_some_and(|s| s.contains(t.norm.as_str())) => None,
            TokenKind::Word => Some(term_hash(cache.stem(lang, &t.norm))),
            TokenKind::Number => Some(word),
        })
        .collect();
    let shingles = shingles_of_hashes(&words, sketcher.params().shingle_size);
    let sketch = sketcher.sketch(&shingles);
    Ok(Document {
        id: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        input: article.input.clone(),
        lang,
        sentences: sentence_terms(&article.text, &tokens, &terms),
        text: article.text.clone(),
        tokens: tokens.len(),
        shingles,
        sketch,
    })
}

/// [`analyze`] over a batch in parallel; results in input order.
pub fn analyze_batch(
    articles: &[Article],
    choice: LanguageChoice,
    sketcher: &Sketcher,
) -> Vec<Result<Document, InputError>> {
    articles
        .par_iter()
        .map(|a| analyze(a, choice, sketcher))
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
    pub banding: Banding,
    pub candidates: usize,
    /// Sorted by the ids of `a`, then `b`.
    pub pairs: Vec<NearDuplicate>,
}

/// Candidate pairs by LSH, each verified by exact Jaccard against `threshold`.
///
/// Documents with identical shingle sets (reprints, boilerplate) are grouped first
/// and LSH sees one of each group, so a thousand copies cost one signature in every
/// band instead of half a million bucket pairs per band.
pub fn find_pairs(docs: &[Document], threshold: f64, banding: Banding) -> Result<PairSearch> {
    if let Some(first) = docs.first() {
        for d in docs {
            first.sketch.params().check_compatible(d.sketch.params())?;
        }
    }
    let mut group_of: AHashMap<&[u64], usize> = AHashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let next = groups.len();
        let g = *group_of.entry(d.shingles.as_slice()).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g].push(i);
    }
    let signatures: Vec<&[u64]> = groups.iter().map(|g| docs[g[0]].sketch.mins()).collect();
    let cands = candidates(&signatures, banding);

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
        banding,
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
