//! The stages tied together as library functions over in-memory batches: articles
//! in, [`Document`]s (text statistics + shingles + sketch) out, then near-duplicate
//! pairs over a set of documents. No files, no CLI, no global state.

use crate::article::Article;
use crate::error::Result;
use crate::hash::term_hash;
use crate::ingest::InputError;
use crate::language::{Language, StemCache};
use crate::lsh::{candidates, Banding};
use crate::segment::sentences;
use crate::shingle::shingles_of_hashes;
use crate::sketch::{Sketch, Sketcher};
use crate::tokenize::{tokenize, TokenKind};
use crate::verify::{overlap, Overlap};
use rayon::prelude::*;

/// How an article's language is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageChoice {
    /// The article's own `lang` when it names a known language, else detected.
    Auto,
    /// The same language for every article.
    Fixed(Language),
}

/// One article reduced to what the article-level stages need; the text is dropped.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub source: String,
    pub title: String,
    pub input: String,
    pub lang: Language,
    /// Length of the text in bytes.
    pub bytes: usize,
    pub sentences: usize,
    pub tokens: usize,
    /// Sorted, distinct shingle hashes.
    pub shingles: Vec<u64>,
    pub sketch: Sketch,
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
    let terms: Vec<u64> = tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Word => term_hash(cache.stem(lang, &t.norm)),
            TokenKind::Number => term_hash(&t.norm),
        })
        .collect();
    let shingles = shingles_of_hashes(&terms, sketcher.params().shingle_size);
    let sketch = sketcher.sketch(&shingles);
    Ok(Document {
        id: article.id.clone(),
        source: article.source.clone(),
        title: article.title.clone(),
        input: article.input.clone(),
        lang,
        bytes: article.text.len(),
        sentences: sentences(&article.text).len(),
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
pub fn find_pairs(docs: &[Document], threshold: f64, banding: Banding) -> Result<PairSearch> {
    if let Some(first) = docs.first() {
        for d in docs {
            first.sketch.params().check_compatible(d.sketch.params())?;
        }
    }
    let signatures: Vec<&[u64]> = docs.iter().map(|d| d.sketch.mins()).collect();
    let cands = candidates(&signatures, banding);
    let mut pairs: Vec<NearDuplicate> = cands
        .par_iter()
        .filter_map(|&(i, j)| {
            let (i, j) = (i as usize, j as usize);
            let (a, b) = if docs[i].id <= docs[j].id {
                (i, j)
            } else {
                (j, i)
            };
            let overlap = overlap(&docs[a].shingles, &docs[b].shingles);
            (overlap.jaccard() >= threshold).then(|| NearDuplicate {
                a,
                b,
                jaccard_estimate: crate::sketch::slot_agreement(
                    docs[a].sketch.mins(),
                    docs[b].sketch.mins(),
                ),
                overlap,
            })
        })
        .collect();
    pairs.par_sort_unstable_by(|x, y| {
        (&docs[x.a].id, &docs[x.b].id).cmp(&(&docs[y.a].id, &docs[y.b].id))
    });
    Ok(PairSearch {
        banding,
        candidates: cands.len(),
        pairs,
    })
}
