//! Shared facts: what detectors read of a side or a pair of sides, prepared once
//! and imported by any detector, never by one detector from another. None of these
//! modules imports a detector, and they import each other one way only, in layers:
//!
//! ```text
//! spelling, forms, calendar, figures       what one word is, from the word alone
//! names                                    which names are one entity's (a table)
//!   classes, verb_forms                    ... worked out once per word, kept per token
//!     words                                a text's tokens with all of the above
//!       verbs, cues                        verb groups, negation cues (English)
//!         side                             words + verb groups + cues: what detectors get
//!       alignment                          two sides' words aligned in order
//! ```

pub mod alignment;
pub mod calendar;
pub mod classes;
pub mod cues;
pub mod figures;
pub mod forms;
pub mod names;
pub mod side;
pub mod spelling;
pub mod verb_forms;
pub mod verbs;
pub mod words;
