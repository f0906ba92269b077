//! Date: the calendar named differently, a month or a day of the week ("on Monday" /
//! "on Tuesday", "in March" / "in May"). Figures inside dates (the day of the
//! month, the year, the time) are compared as values by `number`.

use super::{Detector, Languages, Pair};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};

/// The months and weekdays a side names, as (token, canonical name).
fn names(side: &Side) -> Vec<(usize, &'static str)> {
    (0..side.tokens.len())
        .filter_map(|k| side.calendar(k).map(|c| (k, c)))
        .collect()
}

/// The `date` detector (see the module's doc).
pub struct Date;

impl Detector for Date {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Date]
    }

    fn languages(&self) -> Languages {
        Languages::Any
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
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
            return;
        }
        // A date one side leaves out is detail; another date is another fact.
        let (severity, explanation) = match (left_a.is_empty(), left_b.is_empty()) {
            (false, false) => (
                severity::DATE_CHANGED,
                format!(
                    "A says {}, B says {}",
                    a.words(&left_a, ", "),
                    b.words(&left_b, ", ")
                ),
            ),
            (false, true) => (
                severity::DATE_ONE_SIDE,
                format!("A gives {}, B does not", a.words(&left_a, ", ")),
            ),
            _ => (
                severity::DATE_ONE_SIDE,
                format!("B gives {}, A does not", b.words(&left_b, ", ")),
            ),
        };
        out.push(pair.finding(
            DriftKind::Date,
            severity,
            left_a.iter().map(|&k| a.span(k)).collect(),
            left_b.iter().map(|&k| b.span(k)).collect(),
            explanation,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        // A date in brackets after a quotation is a detail, not a gloss.
        date_in_brackets_after_a_quote: Date drifts(
            "Geywitz told the \u{201C}Tagesspiegel\u{201D} that rents would rise.",
            "Geywitz told the \u{201C}Tagesspiegel\u{201D} (Sunday) that rents would rise.",
        ) >= 0.3;
        another_weekday: Date drifts("They met on Monday.", "They met on Tuesday.") == DATE_CHANGED.close;
        another_month: Date drifts("The vote is in March.", "The vote is in May.") == DATE_CHANGED.close;
        abbreviated: Date same("They met on Tue.", "They met on Tuesday.");
        may_and_march_as_verbs: Date same("We may march.", "We might march.");
        left_out: Date drifts("They met on Monday.", "They met.") == DATE_ONE_SIDE.close;
        lower_case_on_the_other_side: Date same("It opened in May 2022.", "It opened in may 2022.");
    }
}
