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
use super::severity::Graded;
use super::{DriftFinding, DriftKind, Span};
use crate::text::language::Language;
use std::cell::OnceCell;
use std::collections::BTreeMap;

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
    /// Whether a close copy, and whether one side only adds words (see
    /// [`Pair::close_copy`], [`Pair::only_added`]).
    close: OnceCell<(bool, bool)>,
}

impl<'p, 'a> Pair<'p, 'a> {
    pub fn new(a: &'p Side<'a>, b: &'p Side<'a>, lang: Language) -> Pair<'p, 'a> {
        Pair {
            a,
            b,
            lang,
            words: OnceCell::new(),
            close: OnceCell::new(),
        }
    }

    /// The word-by-word alignment of the two sides (`omission`, `substitution`),
    /// aligned at most once per pair; `None` for texts too long to align.
    pub fn words(&self) -> Option<&WordAlignment> {
        self.words
            .get_or_init(|| word_alignment(self.a, self.b))
            .as_ref()
    }

    /// A finding of `kind` with this evidence, at the severity `g` gives it here
    /// (see [`Pair::grade`]).
    pub fn finding(
        &self,
        kind: DriftKind,
        g: Graded,
        evidence_a: Vec<Span>,
        evidence_b: Vec<Span>,
        explanation: String,
    ) -> DriftFinding {
        DriftFinding {
            kind,
            severity: self.grade(g),
            evidence_a,
            evidence_b,
            explanation,
        }
    }

    /// The severity `g` gives a finding here: its `close` value in a close copy,
    /// its `free` value in a free rendition (see [`Pair::close_copy`]).
    pub fn grade(&self, g: Graded) -> f64 {
        if g.close == g.free || self.close_copy() {
            g.close
        } else {
            g.free
        }
    }

    /// Whether the two sides are a close copy of each other: the same words in the
    /// same order but in one place (a word or a run of words replaced, added or
    /// dropped, or a word in another form), or in one place more per [`PLACES_PER`]
    /// content words of the two, and no more than one content word in
    /// [`REWORDED_SHARE`] put for another.
    /// A detail one side adds or drops in a close copy was changed; in a free
    /// rendition (a translation, a rewrite, where words differ throughout)
    /// translators leave details out and choose another tense or another word for
    /// the same thing.
    pub fn close_copy(&self) -> bool {
        self.closeness().0
    }

    /// Whether the two sides are the same words but for words one of them adds, in
    /// one place or several, with nothing moved, reworded or inflected otherwise:
    /// what the other leaves out it dropped, however many places it took.
    pub fn only_added(&self) -> bool {
        self.closeness().1
    }

    fn closeness(&self) -> (bool, bool) {
        *self.close.get_or_init(|| {
            let Some(w) = self.words() else {
                return (false, false);
            };
            let content = |s: &Side| s.content.iter().filter(|&&c| c).count();
            let all = content(self.a) + content(self.b);
            let places = changed_places(self.a, &w.left_a, self.b, &w.left_b);
            // Words put for others: a word added or dropped is no rewording.
            let reworded: usize = places.iter().map(|(x, y)| x.len().min(y.len())).sum();
            let close = places.len() <= 1 + all / PLACES_PER && reworded * REWORDED_SHARE <= all;
            let by_a = places.iter().all(|(_, y)| y.is_empty());
            let by_b = places.iter().all(|(x, _)| x.is_empty());
            (close, by_a || by_b)
        })
    }
}

/// A close copy puts another word for at most one content word in this many of
/// the two sides' (see [`Pair::close_copy`]): one long stretch reworded is no copy,
/// where a long name dropped or put for a short one is one change.
const REWORDED_SHARE: usize = 4;

/// Content words per changed place beyond the first that a close copy may have
/// (see [`Pair::close_copy`]).
const PLACES_PER: usize = 40;

/// The places where two aligned sides differ. A change is a gap between
/// consecutive words the alignment pairs (or before the first, after the last)
/// that leaves over a content word on either side, or a word paired in another
/// form ("include" / "included", "is demanding" / "demands"). Changes with no
/// shared content word between them are one place ("the Ministry of Interior" /
/// "the Institute of Health"), and the same change made again is the same place
/// ("Uber ... Uber" / "Lyft ... Lyft").
fn changed_places<'s>(
    a: &'s Side,
    left_a: &[bool],
    b: &'s Side,
    left_b: &[bool],
) -> Vec<Place<'s>> {
    // Positions: 2g for the gap before paired word g, 2n + 1 for paired word n;
    // each with the words it changes on either side.
    let mut changes: Changes<'s> = BTreeMap::new();
    let (pa, pb) = (
        left_over(a, left_a, &mut changes, false),
        left_over(b, left_b, &mut changes, true),
    );
    let shared_content: Vec<bool> = pa
        .iter()
        .zip(&pb)
        .map(|(&i, &j)| a.content[i] || b.content[j])
        .collect();
    for (n, (&i, &j)) in pa.iter().zip(&pb).enumerate() {
        if shared_content[n] && a.tokens[i].norm != b.tokens[j].norm {
            let change = changes.entry(2 * n + 1).or_default();
            change.0.push(a.tokens[i].norm.as_str());
            change.1.push(b.tokens[j].norm.as_str());
        }
    }
    // Merge changes that no shared content word separates (a changed one between
    // them is a change of its own, met before in this order).
    let mut places: Vec<Place> = Vec::new();
    let mut last: Option<usize> = None;
    for (&pos, (wa, wb)) in &changes {
        let separated = last.is_none_or(|prev| {
            (prev + 1..pos)
                .filter(|p| p % 2 == 1)
                .any(|p| shared_content[p / 2])
        });
        match places.last_mut() {
            Some(place) if !separated => {
                place.0.extend(wa);
                place.1.extend(wb);
            }
            _ => places.push((wa.clone(), wb.clone())),
        }
        last = Some(pos);
    }
    for place in &mut places {
        place.0.sort_unstable();
        place.1.sort_unstable();
    }
    places.sort_unstable();
    places.dedup();
    places
}

/// A place two sides differ in: the content words of side A and of side B it
/// changes, sorted.
type Place<'s> = (Vec<&'s str>, Vec<&'s str>);

/// Changes by position (see [`changed_places`]), each with the words of side A and
/// of side B it changes.
type Changes<'s> = BTreeMap<usize, Place<'s>>;

/// Records the content words side `s` leaves over, under the position of their
/// gap, in `changes` (side B's words if `b_side`); returns the tokens it pairs.
fn left_over<'s>(
    s: &'s Side,
    left: &[bool],
    changes: &mut Changes<'s>,
    b_side: bool,
) -> Vec<usize> {
    let mut paired = Vec::new();
    for (k, &l) in left.iter().enumerate() {
        if !l {
            paired.push(k);
        } else if s.content[k] {
            let change = changes.entry(2 * paired.len()).or_default();
            let words = if b_side { &mut change.1 } else { &mut change.0 };
            words.push(s.tokens[k].norm.as_str());
        }
    }
    paired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &str, b: &str) -> bool {
        let en = Language::parse("en").expect("English");
        let (a, b) = (Side::new(a, en), Side::new(b, en));
        Pair::new(&a, &b, en).close_copy()
    }

    #[test]
    fn a_copy_changed_in_one_place_is_close_a_translation_is_free() {
        let a = "Officials in Brussels said on Monday that the talks with Britain had failed.";
        assert!(close(a, a));
        assert!(close(
            a,
            "Officials in Brussels said on Monday that the talks with Norway had failed."
        ));
        assert!(close(
            a,
            "Officials said on Monday that the talks with Britain had failed."
        ));
        assert!(!close(
            a,
            "The negotiations with the British collapsed, EU officials announced at the start of the week."
        ));
        // A word in another form is a change of its own: with one more change, a
        // short sentence is a rendition.
        assert!(close(
            "The places where the prince stayed include Oman and Qatar.",
            "The places where the prince stayed included Oman and Qatar."
        ));
        assert!(!close(
            "The locations where the prince stayed include Oman and Qatar.",
            "The places where the prince stayed included Oman and Qatar."
        ));
        // Changed in three places of a short sentence: no longer a copy.
        assert!(!close(
            "The mayor opened the new bridge on Friday.",
            "The governor closed the old bridge on Sunday."
        ));
    }

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
