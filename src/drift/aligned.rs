//! Drift over a corpus's alignments: each distinct pair of texts compared once.

use super::{compare_sides, DriftFinding, Side};
use crate::align::Alignment;
use crate::pipeline::Document;
use ahash::AHashMap;
use rayon::prelude::*;

/// Distinct text pairs compared together.
const PAIRS_PER_CHUNK: usize = 1 << 14;

/// The findings of every alignment, in the order of `alignments`.
///
/// Findings depend on the two texts and their language alone (spans are offsets
/// into each text), so each distinct pair of texts is compared once, and each
/// distinct text prepared once per chunk of pairs: copies of one article align
/// the same sentence pairs again and again. Texts that are the same say the same
/// thing and are not compared at all. A pair is read in the language of its first
/// article, as `compare` reads it.
pub fn findings_of(docs: &[Document], alignments: &[Alignment]) -> Vec<Vec<DriftFinding>> {
    // Each distinct (text, language) by number, in order of first appearance.
    let mut texts: Vec<(&str, &str)> = Vec::new();
    let mut numbers: AHashMap<(&str, &str), u32> = AHashMap::new();
    let mut number = |text, lang| {
        *numbers.entry((text, lang)).or_insert_with(|| {
            texts.push((text, lang));
            texts.len() as u32 - 1
        })
    };
    // The numbers of each alignment's two texts, `None` where the texts are equal.
    let pairs: Vec<Option<(u32, u32)>> = alignments
        .iter()
        .map(|al| {
            let (a, b) = (al.a.text(docs), al.b.text(docs));
            let lang = docs[al.a.doc].lang.code;
            (a != b).then(|| (number(a, lang), number(b, lang)))
        })
        .collect();
    let mut distinct: Vec<(u32, u32)> = pairs.iter().flatten().copied().collect();
    distinct.par_sort_unstable();
    distinct.dedup();

    let langs: AHashMap<&str, _> = docs.iter().map(|d| (d.lang.code, d.lang)).collect();
    // In chunks, so that the prepared texts of one chunk (a few kilobytes each) are
    // freed before the next is prepared: the same memory serves every chunk,
    // where fresh memory costs the kernel a page fault per page.
    let found: Vec<Vec<DriftFinding>> = distinct
        .chunks(PAIRS_PER_CHUNK)
        .flat_map(|chunk| {
            let mut needed: Vec<u32> = chunk.iter().flat_map(|&(a, b)| [a, b]).collect();
            needed.sort_unstable();
            needed.dedup();
            let sides: Vec<Side> = needed
                .par_iter()
                .map(|&n| {
                    let (text, lang) = texts[n as usize];
                    Side::new(text, langs[lang])
                })
                .collect();
            let side = |n| &sides[needed.partition_point(|&x| x < n)];
            let found: Vec<Vec<DriftFinding>> = chunk
                .par_iter()
                .map(|&(a, b)| compare_sides(side(a), side(b), langs[texts[a as usize].1]))
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
