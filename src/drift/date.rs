//! Date: the calendar named differently, a month or a day of the week ("on Monday" /
//! "on Tuesday", "in March" / "in May"). Figures inside dates (the day of the
//! month, the year, the time) are compared as values by `number`.

use super::side::{Class, Side};
use super::{DriftFinding, DriftKind};
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

/// The month or weekday token `k` names, if any. Abbreviations, "May" and "March"
/// only when capitalised: "may", "march", "sat" and "sun" are also words.
/// Whether a word is a month or a weekday as [`calendar`] reads them (case aside).
pub(super) fn in_calendar(norm: &str) -> bool {
    CALENDAR.iter().any(|&(w, _)| w == norm)
}

pub(super) fn calendar(side: &Side, k: usize) -> Option<&'static str> {
    if !side.is(k, Class::Calendar) {
        return None;
    }
    // Asked of every token of every compared sentence: a table, not a list scan.
    static BY_WORD: OnceLock<AHashMap<&'static str, &'static str>> = OnceLock::new();
    let by_word = BY_WORD.get_or_init(|| {
        let mut m = AHashMap::new();
        for (w, c) in CALENDAR {
            m.entry(w).or_insert(c); // the first entry of a word, as a scan finds it
        }
        m
    });
    let t = &side.tokens[k];
    let (&word, &canonical) = by_word.get_key_value(t.norm.as_str())?;
    let ambiguous = word != canonical || matches!(word, "may" | "march");
    let capital = side.text[t.start..].starts_with(char::is_uppercase);
    (capital || !ambiguous).then_some(canonical)
}

fn names(side: &Side) -> Vec<(usize, &'static str)> {
    (0..side.tokens.len())
        .filter_map(|k| calendar(side, k).map(|c| (k, c)))
        .collect()
}

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let (na, nb) = (names(a), names(b));
    let mut used = vec![false; nb.len()];
    let mut left_a = Vec::new();
    for &(k, c) in &na {
        match (0..nb.len()).find(|&j| !used[j] && nb[j].1 == c) {
            Some(j) => used[j] = true,
            None => left_a.push(k),
        }
    }
    let mut left_b: Vec<usize> = (0..nb.len())
        .filter(|&j| !used[j])
        .map(|j| nb[j].0)
        .collect();
    // The same word in lower case on the other side ("May 2022" / "may 2022") is the
    // same date, only not recognisable as one there.
    let said = |s: &Side, w: &str| s.tokens.iter().any(|t| t.norm == w);
    left_a.retain(|&k| !said(b, &a.tokens[k].norm));
    left_b.retain(|&k| !said(a, &b.tokens[k].norm));
    if left_a.is_empty() && left_b.is_empty() {
        return Vec::new();
    }
    // A date one side leaves out is detail; another date is another fact.
    let (severity, explanation) = match (left_a.is_empty(), left_b.is_empty()) {
        (false, false) => (
            0.9,
            format!(
                "A says {}, B says {}",
                a.words(&left_a, ", "),
                b.words(&left_b, ", ")
            ),
        ),
        (false, true) => (
            0.4,
            format!("A gives {}, B does not", a.words(&left_a, ", ")),
        ),
        _ => (
            0.4,
            format!("B gives {}, A does not", b.words(&left_b, ", ")),
        ),
    };
    vec![DriftFinding {
        kind: DriftKind::Date,
        severity,
        evidence_a: left_a.iter().map(|&k| a.span(k)).collect(),
        evidence_b: left_b.iter().map(|&k| b.span(k)).collect(),
        explanation,
    }]
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn date(a: &str, b: &str) -> Vec<f64> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .iter()
            .filter(|f| f.kind == DriftKind::Date)
            .map(|f| f.severity)
            .collect()
    }

    #[test]
    fn another_day_or_month_is_drift() {
        assert_eq!(date("They met on Monday.", "They met on Tuesday."), [0.9]);
        assert_eq!(date("The vote is in March.", "The vote is in May."), [0.9]);
        assert!(date("They met on Tue.", "They met on Tuesday.").is_empty());
        assert!(date("We may march.", "We might march.").is_empty());
        assert_eq!(date("They met on Monday.", "They met."), [0.4]);
    }
}
