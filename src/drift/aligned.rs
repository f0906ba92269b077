//! Drift over a corpus's alignments: each distinct pair of texts compared once.

use super::{compare_sides, DriftFinding, Side};
use crate::align::Alignment;
use crate::pipeline::Document;
use rayon::prelude::*;

/// Distinct text pairs compared together.
const PAIRS_PER_CHUNK: usize = 1 << 14;

/// The findings of every alignment, in the order of `alignments`.
///
/// Findings depend on the two texts and their language alone (spans are offsets
/// into each text), so each distinct pair of texts is compared once, and each
/// distinct text prepared once (or once per chunk of pairs): reprinted sentences are most alignments between
/// copies, and copies of one article align the same sentence pairs again and
/// again. Texts that are the same say the same thing and are not compared at all.
/// A pair is read in the language of its first article, as `compare` reads it.
pub fn findings_of(docs: &[Document], alignments: &[Alignment]) -> Vec<Vec<DriftFinding>> {
    // (text a, text b, language) of each alignment, `None` where the texts are equal.
    let pairs: Vec<Option<(&str, &str, &str)>> = alignments
        .par_iter()
        .map(|al| {
            let (a, b) = (al.a.text(docs), al.b.text(docs));
            (a != b).then_some((a, b, docs[al.a.doc].lang.code))
        })
        .collect();
    let mut distinct: Vec<(&str, &str, &str)> = pairs.iter().flatten().copied().collect();
    distinct.par_sort_unstable();
    distinct.dedup();
    let langs: ahash::AHashMap<&str, _> = docs.iter().map(|d| (d.lang.code, d.lang)).collect();
    // In chunks, so that the prepared texts of one chunk (a few kilobytes each) are
    // freed before the next is prepared: the same memory serves every chunk,
    // where fresh memory costs the kernel a page fault per page.
    let found: Vec<Vec<DriftFinding>> = distinct
        .chunks(PAIRS_PER_CHUNK)
        .flat_map(|chunk| {
            let mut texts: Vec<(&str, &str)> = chunk
                .iter()
                .flat_map(|&(a, b, lang)| [(a, lang), (b, lang)])
                .collect();
            texts.par_sort_unstable();
            texts.dedup();
            let sides: Vec<Side> = texts
                .par_iter()
                .map(|&(text, lang)| Side::new(text, langs[lang]))
                .collect();
            let side = |text, lang| &sides[texts.partition_point(|&x| x < (text, lang))];
            let found: Vec<Vec<DriftFinding>> = chunk
                .par_iter()
                .map(|&(a, b, lang)| compare_sides(side(a, lang), side(b, lang), langs[lang]))
                .collect();
            // Many small strings: freed by every thread, not one.
            sides.into_par_iter().for_each(drop);
            found
        })
        .collect();
    pairs
        .par_iter()
        .map(|pair| match pair {
            Some(pair) => found[distinct.partition_point(|x| x < pair)].clone(),
            None => Vec::new(),
        })
        .collect()
}
