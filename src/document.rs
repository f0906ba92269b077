//! An article analysed for the stages after it: its sentences with their terms
//! and its shingle set. Every stage from the pair search on reads it.

use crate::article::Article;
use crate::text::language::Language;
use ahash::AHashMap;
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// One article with what the later stages need: its sentences with their terms
/// and its shingle set. (Its MinHash sketch, a kilobyte, is made by the pair
/// search when it needs it, not kept: ten million headlines are read.)
#[derive(Debug, Clone)]
pub struct Document {
    /// The article's id, unique within a run.
    pub id: String,
    /// The outlet or feed, as the article names it.
    pub source: String,
    /// The headline.
    pub title: String,
    /// The page it was published at, as the input names it (empty when not).
    pub url: String,
    /// Where it was read: a path, or `path:line`.
    pub input: String,
    /// The language its words were stemmed in.
    pub lang: Language,
    /// The text as read; every span points into it. Empty at [`crate::analyze::Depth::Pairs`].
    /// Shared, with the sentences and shingles, by copies of one text.
    pub text: Arc<str>,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// The sentences with their terms. Empty at [`crate::analyze::Depth::Pairs`].
    pub sentences: Arc<[SentenceTerms]>,
    /// Number of sentences, at every depth.
    pub sentence_count: usize,
    /// Number of word and number tokens.
    pub tokens: usize,
    /// Sorted, distinct shingle hashes.
    pub shingles: Arc<[u64]>,
}

/// What a document is, in a few numbers: one row of `documents.csv`, whose
/// columns are its field names.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary<'a> {
    /// The article's id.
    pub doc_id: &'a str,
    /// The outlet or feed.
    pub source: &'a str,
    /// The headline.
    pub title: &'a str,
    /// The language's code (`und` when undetermined).
    pub lang: &'a str,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of tokens.
    pub tokens: usize,
    /// Number of distinct shingles.
    pub shingles: usize,
    /// Where it was read: a path, or `path:line`.
    pub input: &'a str,
}

impl Document {
    /// The distinct terms of all its sentences, sorted.
    pub fn distinct_terms(&self) -> Vec<u64> {
        let mut terms: Vec<u64> = self
            .sentences
            .iter()
            .flat_map(|s| s.terms.iter().copied())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// Its [`Summary`].
    pub fn summary(&self) -> Summary<'_> {
        Summary {
            doc_id: &self.id,
            source: &self.source,
            title: &self.title,
            lang: self.lang.code,
            bytes: self.bytes,
            sentences: self.sentence_count,
            tokens: self.tokens,
            shingles: self.shingles.len(),
            input: &self.input,
        }
    }
}

/// The analyses of the distinct contents read so far, for later copies to share:
/// a hundred thousand reprints of one article are analysed once and hold its
/// text, sentences and shingles once.
///
/// A content is an article's text with the language its record names (which,
/// with the same settings, decide its whole analysis), known by a 128-bit hash;
/// each is remembered as the position of its first document among those read.
#[derive(Debug, Default)]
pub struct SharedContents {
    seen: AHashMap<u128, u32>,
}

impl SharedContents {
    /// The key of `article`'s content.
    pub fn key(article: &Article) -> u128 {
        crate::hash::content_key(&article.text, &article.lang)
    }

    /// `article` as a document made from the analysis of an earlier one of its
    /// content among `docs`, without analysing it again (its fields are taken);
    /// `None`, and `article` untouched, when there is none.
    pub fn copy(&self, article: &mut Article, docs: &[Document]) -> Option<Document> {
        let c = &docs[*self.seen.get(&Self::key(article))? as usize];
        let take = std::mem::take::<String>;
        Some(Document {
            id: take(&mut article.id),
            source: take(&mut article.source),
            title: take(&mut article.title),
            url: take(&mut article.url),
            input: take(&mut article.input),
            lang: c.lang,
            text: Arc::clone(&c.text),
            bytes: c.bytes,
            sentences: Arc::clone(&c.sentences),
            sentence_count: c.sentence_count,
            tokens: c.tokens,
            shingles: Arc::clone(&c.shingles),
        })
    }

    /// Remembers `doc`, of content `key`, which is about to be `docs[docs.len()]`,
    /// for later copies; or, a copy of one analysed beside it, gives it that
    /// analysis to share.
    pub fn remember(&mut self, key: u128, doc: &mut Document, docs: &[Document]) {
        match self.seen.entry(key) {
            Entry::Occupied(c) => {
                let c = &docs[*c.get() as usize];
                doc.text = Arc::clone(&c.text);
                doc.sentences = Arc::clone(&c.sentences);
                doc.shingles = Arc::clone(&c.shingles);
            }
            Entry::Vacant(slot) => {
                slot.insert(docs.len() as u32);
            }
        }
    }
}

/// A sentence and the distinct terms (hashes of stems and numbers) it contains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceTerms {
    /// Byte span `[start, end)` in the document text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// Sorted, distinct term hashes.
    pub terms: Vec<u64>,
    /// The terms that are numbers (a subset of `terms`), sorted and distinct.
    pub numbers: Vec<u64>,
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
