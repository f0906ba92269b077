//! An article analysed for the stages after it: its sentences with their terms,
//! its shingle set and its sketch. Every stage from the pair search on reads it.

use crate::neardup::sketch::Sketch;
use crate::text::language::Language;
use rayon::prelude::*;

/// One article with what the later stages need: its sentences with their terms,
/// its shingle set and its sketch.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article's id, unique within a run.
    pub id: String,
    /// The outlet or feed, as the article names it.
    pub source: String,
    /// The headline.
    pub title: String,
    /// Where it was read: a path, or `path:line`.
    pub input: String,
    /// The language its words were stemmed in.
    pub lang: Language,
    /// The text as read; every span points into it. Empty at [`crate::analyze::Depth::Pairs`].
    pub text: String,
    /// Length of the text in bytes.
    pub bytes: usize,
    /// The sentences with their terms. Empty at [`crate::analyze::Depth::Pairs`].
    pub sentences: Vec<SentenceTerms>,
    /// Number of sentences, at every depth.
    pub sentence_count: usize,
    /// Number of word and number tokens.
    pub tokens: usize,
    /// Sorted, distinct shingle hashes.
    pub shingles: Vec<u64>,
    /// The MinHash sketch of the shingle set.
    pub sketch: Sketch,
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
