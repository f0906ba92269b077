//! Drift over a corpus's alignments: each distinct pair of texts compared once.

use super::{compare_sides, DriftFinding, Side};
use crate::align::Alignment;
use crate::pipeline::Document;
use rayon::prelude::*;

/// The findings of every alignment, in the order of `alignments`.
///
/// Findings depend on the two texts and their language alone (spans are offsets
/// into each text), so each distinct pair of texts is compared once, and each
/// distinct text prepared once: reprinted sentences are most alignments between
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
    let mut texts: Vec<(&str, &str)> = distinct
        .iter()
        .flat_map(|&(a, b, lang)| [(a, lang), (b, lang)])
        .collect();
    texts.par_sort_unstable();
    texts.dedup();
    let langs: ahash::AHashMap<&str, _> = docs.iter().map(|d| (d.lang.code, d.lang)).collect();
    let sides: Vec<Side> = texts
        .par_iter()
        .map(|&(text, lang)| Side::new(text, langs[lang]))
        .collect();
    let side = |text, lang| &sides[texts.partition_point(|&x| x < (text, lang))];
    let found: Vec<Vec<DriftFinding>> = distinct
        .par_iter()
        .map(|&(a, b, lang)| compare_sides(side(a, lang), side(b, lang), langs[lang]))
        .collect();
    // Millions of small strings: freed by every thread, not one.
    sides.into_par_iter().for_each(drop);
    pairs
        .par_iter()
        .map(|pair| match pair {
            Some(pair) => found[distinct.partition_point(|x| x < pair)].clone(),
            None => Vec::new(),
        })
        .collect()
}
