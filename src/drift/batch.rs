//! Many pairs of texts scored at once: each distinct text prepared once, the pairs
//! compared in parallel. `findings_of` (a corpus's alignments) and `dupdrift pairs`
//! (pairs given explicitly) both score so.

use super::{compare_sides, DriftFinding, Side};
use crate::text::language::Language;
use ahash::AHashMap;
use rayon::prelude::*;

/// The findings of each pair `(a, b, lang)`, in the order of `pairs`, as
/// [`super::compare`] finds them.
///
/// Pairs repeat their texts (one original against many rewrites, copies of one
/// article aligned again and again), so each distinct text is prepared once, in
/// the language of the pairs it is in. Texts are prepared in parallel, the pairs
/// compared in parallel, and the prepared texts freed in parallel: they hold many
/// small strings, which every thread frees faster than one.
pub fn score_pairs(pairs: &[(&str, &str, Language)]) -> Vec<Vec<DriftFinding>> {
    // Each distinct (text, language) by number, in order of first appearance.
    let mut texts: Vec<(&str, Language)> = Vec::new();
    let mut numbers: AHashMap<(&str, &str), usize> = AHashMap::new();
    let mut number = |text, lang: Language| {
        *numbers.entry((text, lang.code)).or_insert_with(|| {
            texts.push((text, lang));
            texts.len() - 1
        })
    };
    let numbered: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(a, b, lang)| (number(a, lang), number(b, lang)))
        .collect();
    let sides: Vec<Side> = texts
        .par_iter()
        .map(|&(text, lang)| Side::new(text, lang))
        .collect();
    let found = numbered
        .par_iter()
        .zip(pairs)
        .map(|(&(a, b), &(_, _, lang))| compare_sides(&sides[a], &sides[b], lang))
        .collect();
    sides.into_par_iter().for_each(drop);
    found
}
