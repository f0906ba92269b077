//! Every severity a detector gives, by kind, by the evidence that earns it and by
//! how close the two renditions are, in one table to read (and calibrate) as a
//! whole. 0.5 and above means a careful editor comparing the two versions would
//! call it a change of meaning; 0.9 is a plain contradiction, 0.3 a hint.
//!
//! Each entry has two values (see [`Graded`]): one for a close copy, where all
//! but the evidence was carried over word for word, so that whatever differs was
//! changed; one for a free rendition (a translation, a rewrite), where translators
//! drop details, choose another tense or another word for the same thing, and
//! only a contradiction still means a change. Detectors name these entries and
//! write no severity of their own; `Pair::grade` picks the value. The entries
//! follow the order of `DriftKind`, from polarity to order.

/// A severity in a close copy and in a free rendition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Graded {
    /// Where the two sides are the same words but for the evidence.
    pub close: f64,
    /// Where words differ throughout.
    pub free: f64,
}

impl Graded {
    /// This severity where the pair is known to be a copy: its `close` value
    /// whatever else the pair's closeness says.
    pub const fn copied(self) -> Graded {
        flat(self.close)
    }
}

/// The same severity however close the renditions are.
const fn flat(severity: f64) -> Graded {
    Graded {
        close: severity,
        free: severity,
    }
}

/// A negation on one side that the other states plainly ("signed" / "never signed").
pub const POLARITY_NEGATED: Graded = flat(0.9);
/// A negation whose scope shares words with the other side, but not the word it
/// bears on: in a free rendition, most likely the same statement worded otherwise
/// ("can't wait for the season" / "is eagerly awaiting the season").
pub const POLARITY_SCOPE_ONLY: Graded = Graded {
    close: 0.9,
    free: 0.4,
};

/// Perfect or progressive differ between two groups of the same verb in the same
/// tense ("fired" / "was firing"): in a free rendition, a translator's choice.
pub const ASPECT_CHANGED: Graded = Graded {
    close: 0.5,
    free: 0.3,
};
/// Only the perfect differs, and either in the past ("had formed" / "formed",
/// which English uses for each other) or under a negation on both sides.
pub const ASPECT_PERFECT_ONLY: Graded = Graded {
    close: 0.4,
    free: 0.25,
};

/// What happened against what will happen ("took" / "will take"): another time
/// however freely the sentence was rendered.
pub const TENSE_TIMELINE: Graded = flat(0.7);
/// Present against past, or a conditional against either ("is" / "was", "would
/// be" / "is"): in a free rendition translators shift these for a description, a
/// headline or reported speech.
pub const TENSE_CHANGED: Graded = Graded {
    close: 0.6,
    free: 0.35,
};

/// Figures on both sides that no figure of the other side answers ("$1.8 billion"
/// / "$2.1 billion").
pub const NUMBER_CHANGED: Graded = flat(0.9);
/// Figures on one side only ("five ministers" / "ministers"): dropped from a close
/// copy, a detail left out of a free rendition.
pub const NUMBER_ONE_SIDE: Graded = Graded {
    close: 0.6,
    free: 0.35,
};
/// The same value in another unit ("5%" / "5 points"): translators mix these up.
pub const NUMBER_OTHER_UNIT: Graded = Graded {
    close: 0.4,
    free: 0.3,
};

/// Another month or weekday on each side ("Monday" / "Tuesday").
pub const DATE_CHANGED: Graded = flat(0.9);
/// A month or weekday on one side only: detail left out.
pub const DATE_ONE_SIDE: Graded = Graded {
    close: 0.4,
    free: 0.3,
};

/// Names on each side that the other does not spell ("Paris" / "London").
pub const ENTITY_SWAPPED: Graded = Graded {
    close: 0.85,
    free: 0.6,
};
/// Names on each side that the other does not spell, in different places of a
/// free rendition: details each side chose.
pub const ENTITY_ELSEWHERE: Graded = flat(0.35);
/// Names each side lacks in a free rendition, all of them common words capitalised
/// ("Minister" / "Secretary", "Publicity Bureau" / "Propaganda Department"): a
/// description of an institution or a title, worded otherwise.
pub const ENTITY_DESCRIBED: Graded = flat(0.3);
/// Names on one side only, the other having no pronoun more: dropped from a close
/// copy, a detail left out of a free rendition.
pub const ENTITY_DROPPED: Graded = Graded {
    close: 0.6,
    free: 0.35,
};
/// Names on one side only where the other has a pronoun more, which most likely
/// stands for them ("Peskov said" / "he said").
pub const ENTITY_PRONOUN: Graded = Graded {
    close: 0.3,
    free: 0.2,
};
/// A capital on one side for its country on the other ("Moscow" / "Russia"), no
/// other name differing: a metonym, most often the same fact.
pub const ENTITY_METONYM: Graded = flat(0.3);

/// A quote carried over with a few words changed while the text around it was
/// copied: a misquote.
pub const QUOTE_ALTERED_IN_COPY: Graded = flat(0.6);
/// A quote carried over with a few words changed or added where the text around
/// it was reworded too: most likely translated, the words not WordNet's synonyms
/// but often the same claim ("pleased to announce" / "happy to report").
pub const QUOTE_ALTERED_IN_TRANSLATION: Graded = flat(0.45);
/// A quote carried over with a few words swapped for their synonyms: worth a look.
pub const QUOTE_SYNONYMS: Graded = flat(0.35);
/// A quote carried over with more words changed: worded anew.
pub const QUOTE_REWORDED: Graded = flat(0.3);

/// Speakers swapped, both named on each side ("Peskov said Putin" / "Putin said
/// Peskov").
pub const ATTRIBUTION_SWAPPED: Graded = flat(0.7);

/// A hedge on one side that the other states as fact, unattributed.
pub const HEDGE_ONE_SIDE: Graded = flat(0.6);
/// A hedge on one side where the other attributes the claim ("the prosecutor
/// said"): not stated as fact there either.
pub const HEDGE_ATTRIBUTED: Graded = flat(0.4);
/// A certainty marker ("certainly") on one side only.
pub const HEDGE_CERTAINTY: Graded = Graded {
    close: 0.4,
    free: 0.3,
};

/// Quantifiers two ranks apart or more ("a few" / "most").
pub const QUANTITY_CHANGED: Graded = flat(0.6);

/// A word replaced by its opposite in the same place of the sentence ("support"
/// / "oppose", "aware" / "unaware"): a word next to it carried over.
pub const ANTONYM_OPPOSITE: Graded = flat(0.7);
/// Opposites that fill no common place of the two sentences ("given" / "took"
/// far apart): most likely each says something else.
pub const ANTONYM_ELSEWHERE: Graded = flat(0.3);

/// Content one side states and the other, otherwise the same words, leaves out
/// (omission) or adds (addition): in a close copy a drop, where the words were
/// also moved or changed elsewhere a detail the rendition left out.
pub const OMISSION_LEFT_OUT: Graded = Graded {
    close: 0.5,
    free: 0.3,
};

/// In a close copy, a word WordNet knows replaced by one it does not (another
/// language, a garbled word: "office" / "úřadu").
pub const SUBSTITUTION_FOREIGN: Graded = flat(0.5);
/// In a close copy, an English word replaced by another that WordNet does not
/// relate to it: possibly synonyms further apart than one step.
pub const SUBSTITUTION_OTHER_WORD: Graded = flat(0.4);

/// A statement turned into a question, or back.
pub const MOOD_QUESTION: Graded = flat(0.6);

/// The same words in another order, few neighbours kept together.
pub const ORDER_SCRAMBLED: Graded = flat(0.6);

/// The highest severity of a finding whose alignment is less likely than
/// `align::counterpart::MIN_ALARM` to render one statement: below 0.5, so that it
/// is kept but not worth a reader's look. Two sentences of one template, or on one
/// topic, differ everywhere; each difference is no change of meaning but a
/// different statement.
pub const NOT_COUNTERPART: f64 = 0.45;
