//! The detectors, one module each, and the one table that lists them.
//!
//! A detector reads a [`Pair`] of prepared sides and pushes its findings. It may
//! use the shared facts (`drift::facts`), its ancestors' items and the severity
//! table, never another detector: what two detectors share is a fact.

mod antonym;
mod aspect;
mod attribution;
mod date;
mod entity;
mod hedge;
mod mood;
mod number;
mod omission;
mod order;
mod polarity;
mod quantity;
mod quote;
mod substitution;
mod tense;

use super::facts::alignment::{word_alignment, WordAlignment};
use super::facts::side::Side;
use super::{DriftFinding, DriftKind};
use crate::text::language::Language;
use std::cell::OnceCell;

/// Every detector, in the order `compare_sides` runs them. The order matters:
/// findings are sorted by severity and kind with a stable sort, so findings of
/// equal severity and kind keep the order they were found in.
pub static REGISTRY: &[&dyn Detector] = &[
    // Figures, capitals, quotation marks and word order: any language.
    &number::Number,
    &date::Date,
    &entity::Entity,
    &quote::Quote,
    &mood::Mood,
    &order::Order,
    // Word lists of a language: English so far.
    &polarity::Polarity,
    &tense::Tense,
    &aspect::Aspect,
    &antonym::Antonym,
    &omission::Omission,
    &hedge::Hedge,
    &attribution::Attribution,
    &quantity::Quantity,
    &substitution::Substitution,
];

/// One kind of meaning change (or a few, found together), read off two sides.
pub trait Detector: Sync {
    /// The kinds of the findings it pushes.
    fn kinds(&self) -> &'static [DriftKind];
    /// The languages it reads.
    fn languages(&self) -> Languages;
    /// Pushes onto `out` what changed from `pair.a` to `pair.b`.
    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>);
}

/// The languages a detector reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Languages {
    /// Any: it reads figures, capitals, punctuation or word order.
    Any,
    /// English only: it needs English word lists, or the verb groups and negation
    /// cues prepared for English sides only.
    English,
}

impl Languages {
    pub fn admit(self, lang: Language) -> bool {
        self == Languages::Any || lang.code == "en"
    }
}

/// Two prepared sides compared in one language, and what more than one detector
/// reads of the pair, worked out on first need.
pub struct Pair<'p, 'a> {
    pub a: &'p Side<'a>,
    pub b: &'p Side<'a>,
    pub lang: Language,
    words: OnceCell<Option<WordAlignment>>,
}

impl<'p, 'a> Pair<'p, 'a> {
    pub fn new(a: &'p Side<'a>, b: &'p Side<'a>, lang: Language) -> Pair<'p, 'a> {
        Pair {
            a,
            b,
            lang,
            words: OnceCell::new(),
        }
    }

    /// The word-by-word alignment of the two sides (`omission`, `substitution`),
    /// aligned at most once per pair; `None` for texts too long to align.
    pub fn words(&self) -> Option<&WordAlignment> {
        self.words
            .get_or_init(|| word_alignment(self.a, self.b))
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_one_detector() {
        let kinds: Vec<DriftKind> = REGISTRY.iter().flat_map(|d| d.kinds()).copied().collect();
        let mut distinct = kinds.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), kinds.len(), "a kind has two detectors");
        assert_eq!(distinct.len(), 16, "a kind has no detector");
    }

    #[test]
    fn detectors_run_in_the_order_reports_were_made_in() {
        // Findings of equal severity and kind keep this order (see REGISTRY).
        let order: Vec<&str> = REGISTRY.iter().map(|d| d.kinds()[0].name()).collect();
        assert_eq!(
            order,
            [
                "number",
                "date",
                "entity",
                "quote",
                "mood",
                "order",
                "polarity",
                "tense",
                "aspect",
                "antonym",
                "omission",
                "hedge",
                "attribution",
                "quantity",
                "substitution"
            ]
        );
    }
}
