//! One side of a comparison, prepared once however many pairs it is in: its
//! [`Words`], and for English what grammar reads off them, the verb groups and the
//! negation cues.

use super::cues::{cues, negated, Cue};
use super::verbs::{groups, VerbGroup};
use super::words::Words;
use crate::text::language::Language;
use std::ops::Deref;

/// A text ready for the detectors: its words (which it derefs to: `side.tokens`,
/// `side.is_name(k)`), verb groups and negation cues.
pub struct Side<'a> {
    words: Words<'a>,
    /// Verb groups with their tense and aspect (English only; empty otherwise).
    pub(crate) verbs: Vec<VerbGroup>,
    /// Negation cues (English only; empty otherwise), and whether each token lies
    /// under one: three detectors ask, for every pair the side is in.
    pub(crate) cues: Vec<Cue>,
    pub(crate) negated: Vec<bool>,
}

impl<'a> Side<'a> {
    /// `text` prepared for the detectors of `lang`: tokenized and stemmed, and for
    /// English, its verb groups and negation cues found.
    pub fn new(text: &'a str, lang: Language) -> Side<'a> {
        let words = Words::new(text, lang);
        let (verbs, cues) = if lang.code == "en" {
            (groups(&words), cues(&words))
        } else {
            (Vec::new(), Vec::new())
        };
        let negated = negated(&words, &cues);
        Side {
            words,
            verbs,
            cues,
            negated,
        }
    }
}

impl<'a> Deref for Side<'a> {
    type Target = Words<'a>;

    // Every token a detector reads goes through here: inlined, it costs nothing.
    #[inline]
    fn deref(&self) -> &Words<'a> {
        &self.words
    }
}
