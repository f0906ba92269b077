//! Aspect: the same verb, in the same time, told as finished or ongoing in another
//! way ("fired" / "was firing", "covers" / "has covered").
//!
//! Verb groups are paired as for `tense`; a pair in the same tense whose perfect or
//! progressive form differs is drift. (A pair whose tense differs is `tense`.)

use super::{Detector, Languages, Pair};
use crate::drift::facts::verbs::{pairs, span, words, Tense};
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};

/// The `aspect` detector (see the module's doc).
pub struct Aspect;

impl Detector for Aspect {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Aspect]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (negated_a, negated_b) = (&a.negated, &b.negated);
        for (x, y) in pairs(a, &a.verbs, b, &b.verbs) {
            if x.tense != y.tense || (x.perfect == y.perfect && x.progressive == y.progressive) {
                continue;
            }
            let perfect_only = x.progressive == y.progressive;
            // "had formed" / "formed": English uses the simple past for the past perfect
            // all the time, and it rarely changes what happened.
            let past_perfect = perfect_only && x.tense == Tense::Past;
            // "have not had talks" / "neither ... have talks": both deny it, up to now or
            // at all, which a reader takes as the same.
            let both_denied = perfect_only
                && (x.first..=x.last).any(|k| negated_a[k])
                && (y.first..=y.last).any(|k| negated_b[k]);
            out.push(pair.finding(
                DriftKind::Aspect,
                if past_perfect || both_denied {
                    severity::ASPECT_PERFECT_ONLY
                } else {
                    severity::ASPECT_CHANGED
                },
                vec![span(a, x)],
                vec![span(b, y)],
                format!(
                    "A says \"{}\" ({}), B says \"{}\" ({})",
                    words(a, x),
                    x.form(),
                    words(b, y),
                    y.form()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        simple_to_progressive: Aspect drifts("In Seattle, police fired stun grenades.", "In Seattle, police was firing stun grenades.") == ASPECT_CHANGED.close;
        past_perfect_to_past: Aspect drifts("The defenses had already been breached.", "The defenses were already breached.") == ASPECT_PERFECT_ONLY.close;
        simple_to_perfect: Aspect drifts("The park covers an area of 19,500 km2.", "The park has covered an area of 19,500 km2.") == ASPECT_CHANGED.close;
        past_to_past_perfect: Aspect drifts(
            "All candidates had free access to professions.",
            "All candidates had had free access to professions.",
        ) >= ASPECT_PERFECT_ONLY.close;
        same_aspect_other_object: Aspect same("Police fired grenades.", "Police fired tear gas.");
        another_verb: Aspect same("The park covers an area.", "The park spans an area.");
    }
}
