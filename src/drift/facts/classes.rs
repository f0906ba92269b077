//! Word classes: what detectors ask of every token, many times per comparison,
//! worked out once per word (see `words`) and kept as a bit beside the token. The
//! word lists that serve only to classify words are here too: the verbs of reported
//! speech, and the words that are no content a reader would miss.

use super::calendar::in_calendar;
use super::figures::may_begin_figure;
use super::forms::{unprefixed, Forms};
use crate::text::lexicon::{aspect_markers, connectives, hedges, negation_cues, quantifiers};

/// The classes of a word, each as one bit: kept beside the token (not behind it,
/// where each look would cost a trip to memory).
#[derive(Debug, Clone, Copy)]
pub enum Class {
    /// Months and weekdays (`date`).
    Calendar,
    /// Words that open a negation, "-n't" forms included (`polarity`).
    Negation,
    /// Verbs of reported speech (`attribution`).
    Reporting,
    /// Quantifiers (`quantity`).
    Quantifier,
    /// Hedges and words of certainty (`hedge`).
    Hedge,
    /// Words that may begin a figure (`number`).
    Figure,
    /// Words with an opposite in the short list of opposites (`antonym`).
    Opposed,
    /// Words with an opposite in WordNet (`antonym`).
    OpposedAsContent,
    /// Words with a negative prefix ("unaware": `antonym`).
    Prefixed,
    /// Words whose presence on one side only another detector reports (`omission`).
    OwnedElsewhere,
    /// Connectives and pieces of words, never missed content (`omission`).
    Filler,
}

impl Class {
    pub const ALL: [Class; 11] = [
        Class::Calendar,
        Class::Negation,
        Class::Reporting,
        Class::Quantifier,
        Class::Hedge,
        Class::Figure,
        Class::Opposed,
        Class::OpposedAsContent,
        Class::Prefixed,
        Class::OwnedElsewhere,
        Class::Filler,
    ];

    pub fn bit(self) -> u16 {
        1 << self as u8
    }

    /// Whether word `norm`, of forms `forms`, is of this class.
    pub fn holds(self, norm: &str, forms: &Forms) -> bool {
        match self {
            Class::Calendar => in_calendar(norm),
            Class::Negation => negation_cues().contains_key(norm) || norm.ends_with("n't"),
            Class::Reporting => REPORTING.contains(&norm),
            Class::Quantifier => quantifiers().contains_key(norm),
            Class::Hedge => hedges().contains(norm),
            Class::Figure => may_begin_figure(norm),
            Class::Opposed => forms.opposed(),
            Class::OpposedAsContent => forms.opposed_as_content(),
            Class::Prefixed => unprefixed(norm).is_some(),
            Class::OwnedElsewhere => owned_elsewhere(norm),
            Class::Filler => filler(norm),
        }
    }
}

/// Verbs that introduce reported speech (`attribution` finds speakers beside them,
/// `hedge` takes a claim beside them as attributed, not stated as fact).
pub const REPORTING: [&str; 28] = [
    "citing",
    "cited",
    "quoting",
    "quoted",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "added",
    "adds",
    "announced",
    "wrote",
    "writes",
    "claimed",
    "claims",
    "insisted",
    "argued",
    "warned",
    "explained",
    "noted",
    "tweeted",
    "declared",
    "confirmed",
    "denied",
    "according",
];

/// Words whose presence on one side only another detector reports: negations,
/// hedges, aspect markers.
pub fn owned_elsewhere(w: &str) -> bool {
    negation_cues()
        .get(w)
        .is_some_and(|cues| cues.iter().any(|c| c.len() == 1))
        || w.ends_with("n't")
        || hedges().contains(w)
        || aspect_markers().contains(w)
        || quantifiers().contains_key(w)
}

/// Words that say too little to be missed when left out: connectives, and pieces
/// a tokenizer split off a word ("Kong 's", "do n't"), which are not words.
pub fn filler(w: &str) -> bool {
    w.chars().count() < 3 || !w.starts_with(char::is_alphanumeric) || connectives().contains(w)
}
