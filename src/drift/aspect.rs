//! Aspect: the same verb, in the same time, told as finished or ongoing in another
//! way ("fired" / "was firing", "covers" / "has covered").
//!
//! Verb groups are paired as for `tense`; a pair in the same tense whose perfect or
//! progressive form differs is drift. (A pair whose tense differs is `tense`.)

use super::side::Side;
use super::tense::{span, words};
use super::verbs::{pairs, Tense};
use super::{DriftFinding, DriftKind};

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let (negated_a, negated_b) = (&a.negated, &b.negated);
    let mut out = Vec::new();
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
        out.push(DriftFinding {
            kind: DriftKind::Aspect,
            severity: if past_perfect || both_denied {
                0.4
            } else {
                0.5
            },
            evidence_a: vec![span(a, x)],
            evidence_b: vec![span(b, y)],
            explanation: format!(
                "A says \"{}\" ({}), B says \"{}\" ({})",
                words(a, x),
                x.form(),
                words(b, y),
                y.form()
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn aspect(a: &str, b: &str) -> Vec<DriftFinding> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .filter(|f| f.kind == DriftKind::Aspect)
            .collect()
    }

    #[test]
    fn another_aspect_is_drift() {
        for (a, b) in [
            (
                "In Seattle, police fired stun grenades.",
                "In Seattle, police was firing stun grenades.",
            ),
            (
                "The defenses had already been breached.",
                "The defenses were already breached.",
            ),
            (
                "The park covers an area of 19,500 km2.",
                "The park has covered an area of 19,500 km2.",
            ),
            (
                "All candidates had free access to professions.",
                "All candidates had had free access to professions.",
            ),
        ] {
            let found = aspect(a, b);
            assert_eq!(found.len(), 1, "{a} / {b}: {found:?}");
        }
    }

    #[test]
    fn the_same_aspect_reworded_is_not_drift() {
        for (a, b) in [
            ("Police fired grenades.", "Police fired tear gas."),
            ("The park covers an area.", "The park spans an area."),
        ] {
            assert!(aspect(a, b).is_empty(), "{a} / {b}: {:?}", aspect(a, b));
        }
    }
}
