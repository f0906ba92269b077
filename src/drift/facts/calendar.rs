//! Calendar words: months and days of the week, which `date` compares, `number`
//! reads a day of the month beside, and `entity` leaves to `date`.

use ahash::AHashMap;
use std::sync::OnceLock;

/// Months and days of the week, with their abbreviations, as (word, canonical).
const CALENDAR: [(&str, &str); 40] = [
    ("january", "january"),
    ("jan", "january"),
    ("february", "february"),
    ("feb", "february"),
    ("march", "march"),
    ("mar", "march"),
    ("april", "april"),
    ("apr", "april"),
    ("may", "may"),
    ("june", "june"),
    ("jun", "june"),
    ("july", "july"),
    ("jul", "july"),
    ("august", "august"),
    ("aug", "august"),
    ("september", "september"),
    ("sep", "september"),
    ("sept", "september"),
    ("october", "october"),
    ("oct", "october"),
    ("november", "november"),
    ("nov", "november"),
    ("december", "december"),
    ("dec", "december"),
    ("monday", "monday"),
    ("mon", "monday"),
    ("tuesday", "tuesday"),
    ("tue", "tuesday"),
    ("tues", "tuesday"),
    ("wednesday", "wednesday"),
    ("wed", "wednesday"),
    ("thursday", "thursday"),
    ("thu", "thursday"),
    ("thurs", "thursday"),
    ("friday", "friday"),
    ("fri", "friday"),
    ("saturday", "saturday"),
    ("sat", "saturday"),
    ("sunday", "sunday"),
    ("sun", "sunday"),
];

/// Whether a word is a month or a weekday as [`named`] reads them (case aside).
pub fn in_calendar(norm: &str) -> bool {
    CALENDAR.iter().any(|&(w, _)| w == norm)
}

/// The month or weekday a word names, if any, `capital` saying whether the text
/// writes it with one. Abbreviations, "May" and "March" only when capitalised:
/// "may", "march", "sat" and "sun" are also words.
pub fn named(norm: &str, capital: bool) -> Option<&'static str> {
    // Asked of every token of every compared sentence: a table, not a list scan.
    static BY_WORD: OnceLock<AHashMap<&'static str, &'static str>> = OnceLock::new();
    let by_word = BY_WORD.get_or_init(|| {
        let mut m = AHashMap::new();
        for (w, c) in CALENDAR {
            m.entry(w).or_insert(c); // the first entry of a word, as a scan finds it
        }
        m
    });
    let (&word, &canonical) = by_word.get_key_value(norm)?;
    let ambiguous = word != canonical || matches!(word, "may" | "march");
    (capital || !ambiguous).then_some(canonical)
}
