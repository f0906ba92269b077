//! Every severity a detector gives, by kind and by the evidence that earns it, in
//! one table to read (and calibrate) as a whole. 0.5 and above is worth a reader's
//! look; 0.9 is a plain contradiction, 0.3 a hint.
//!
//! Detectors name these and write no severity of their own. The entries follow the
//! order of `DriftKind`, from polarity to order.

/// A negation on one side that the other states plainly ("signed" / "never signed").
pub const POLARITY_NEGATED: f64 = 0.9;

/// Perfect or progressive differ between two groups of the same verb in the same
/// tense ("fired" / "was firing").
pub const ASPECT_CHANGED: f64 = 0.5;
/// Only the perfect differs, and either in the past ("had formed" / "formed",
/// which English uses for each other) or under a negation on both sides.
pub const ASPECT_PERFECT_ONLY: f64 = 0.4;

/// Tenses differ between two groups of the same verb ("take" / "took").
pub const TENSE_CHANGED: f64 = 0.6;

/// Figures on both sides that no figure of the other side answers ("$1.8 billion"
/// / "$2.1 billion").
pub const NUMBER_CHANGED: f64 = 0.9;
/// Figures on one side only ("five ministers" / "ministers").
pub const NUMBER_ONE_SIDE: f64 = 0.6;
/// The same value in another unit ("5%" / "5 points"): translators mix these up.
pub const NUMBER_OTHER_UNIT: f64 = 0.4;

/// Another month or weekday on each side ("Monday" / "Tuesday").
pub const DATE_CHANGED: f64 = 0.9;
/// A month or weekday on one side only: detail left out.
pub const DATE_ONE_SIDE: f64 = 0.4;

/// Names on each side that the other does not spell ("Paris" / "London").
pub const ENTITY_SWAPPED: f64 = 0.85;
/// Names on one side only, the other having no pronoun more.
pub const ENTITY_DROPPED: f64 = 0.6;
/// Names on one side only where the other has a pronoun more, which most likely
/// stands for them ("Peskov said" / "he said").
pub const ENTITY_PRONOUN: f64 = 0.3;
/// A capital on one side for its country on the other ("Moscow" / "Russia"), no
/// other name differing: a metonym, most often the same fact.
pub const ENTITY_METONYM: f64 = 0.3;

/// A quote carried over with a few words changed while the text around it was
/// copied: a misquote.
pub const QUOTE_ALTERED_IN_COPY: f64 = 0.6;
/// A quote carried over with a few words changed where the text around it was
/// reworded too: most likely translated.
pub const QUOTE_ALTERED_IN_TRANSLATION: f64 = 0.45;
/// A quote carried over with more words changed: worded anew.
pub const QUOTE_REWORDED: f64 = 0.3;

/// Speakers swapped, both named on each side ("Peskov said Putin" / "Putin said
/// Peskov").
pub const ATTRIBUTION_SWAPPED: f64 = 0.7;

/// A hedge on one side that the other states as fact, unattributed.
pub const HEDGE_ONE_SIDE: f64 = 0.6;
/// A hedge on one side where the other attributes the claim ("the prosecutor
/// said"): not stated as fact there either.
pub const HEDGE_ATTRIBUTED: f64 = 0.4;
/// A certainty marker ("certainly") on one side only.
pub const HEDGE_CERTAINTY: f64 = 0.4;

/// Quantifiers two ranks apart or more ("a few" / "most").
pub const QUANTITY_CHANGED: f64 = 0.6;

/// A word replaced by its opposite ("support" / "oppose", "aware" / "unaware").
pub const ANTONYM_OPPOSITE: f64 = 0.7;

/// Content one side states and the other, otherwise the same words, leaves out
/// (omission) or adds (addition).
pub const OMISSION_LEFT_OUT: f64 = 0.5;

/// In a close copy, a word WordNet knows replaced by one it does not (another
/// language, a garbled word: "office" / "úřadu").
pub const SUBSTITUTION_FOREIGN: f64 = 0.5;
/// In a close copy, an English word replaced by another that WordNet does not
/// relate to it: possibly synonyms further apart than one step.
pub const SUBSTITUTION_OTHER_WORD: f64 = 0.4;

/// A statement turned into a question, or back.
pub const MOOD_QUESTION: f64 = 0.6;

/// The same words in another order, few neighbours kept together.
pub const ORDER_SCRAMBLED: f64 = 0.6;
