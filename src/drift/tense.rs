//! Tense: the same verb put in another time ("is" / "was" / "will be").
//!
//! Verb groups of the two sides are paired by their verb and place (see `verbs`);
//! a pair whose tenses differ, both tensed, is drift. Modal verbs carry no tense
//! and are left to other kinds. Reported speech shifts tense without changing the
//! meaning ("said the talks are" / "said the talks were"), so a present/past
//! difference inside a clause that a past reporting verb introduces is not drift.

use super::side::Side;
use super::verbs::{pairs, Tense, VerbGroup};
use super::{DriftFinding, DriftKind, Span};

/// Past reporting verbs after which English backshifts tense.
const REPORTING: [&str; 19] = [
    "said",
    "told",
    "added",
    "stated",
    "reported",
    "announced",
    "explained",
    "noted",
    "claimed",
    "insisted",
    "argued",
    "warned",
    "wrote",
    "believed",
    "thought",
    "knew",
    "saying",
    "telling",
    "explaining",
];

fn tensed(t: Tense) -> bool {
    matches!(
        t,
        Tense::Present | Tense::Past | Tense::Future | Tense::Conditional
    )
}

/// Whether the forms of two paired groups can be compared for tense. Two groups
/// with auxiliaries can, and two verbs standing alone ("take" / "took"). A verb
/// standing alone against a group only when that group's auxiliary gives the tense
/// and nothing else ("will take" / "took"): against "is known" or "have formed" a
/// lone "known" or "formed" is a participle or a lost auxiliary, not another time.
fn comparable(x: &VerbGroup, y: &VerbGroup) -> bool {
    let simple = |g: &VerbGroup| {
        matches!(g.auxiliary, Some("will" | "would" | "do")) && !g.perfect && !g.progressive
    };
    match (x.auxiliary, y.auxiliary) {
        (Some(_), Some(_)) | (None, None) => true,
        (Some(_), None) => simple(x) && y.certain,
        (None, Some(_)) => simple(y) && x.certain,
    }
}

/// The present perfect tells of the past: "has formed" / "formed" is one time.
fn same_time(x: &VerbGroup, y: &VerbGroup) -> bool {
    let past = |g: &VerbGroup| g.tense == Tense::Past || (g.tense == Tense::Present && g.perfect);
    x.tense == y.tense || (past(x) && past(y))
}

/// Whether a past reporting verb comes before group `g` in its sentence.
fn reported(side: &Side, g: &VerbGroup) -> bool {
    (0..g.first)
        .rev()
        .take_while(|&k| {
            !side.text[side.tokens[k].end..side.tokens[k + 1].start].contains(['.', '!', '?'])
        })
        .any(|k| REPORTING.contains(&side.tokens[k].norm.as_str()))
}

pub(super) fn span(side: &Side, g: &VerbGroup) -> Span {
    (side.tokens[g.first].start, side.tokens[g.last].end)
}

pub(super) fn words<'t>(side: &Side<'t>, g: &VerbGroup) -> &'t str {
    let (s, e) = span(side, g);
    &side.text[s..e]
}

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let mut out = Vec::new();
    for (x, y) in pairs(a, &a.verbs, b, &b.verbs) {
        if same_time(x, y) || !tensed(x.tense) || !tensed(y.tense) || !comparable(x, y) {
            continue;
        }
        let backshift = matches!(
            (x.tense, y.tense),
            (Tense::Present, Tense::Past)
                | (Tense::Past, Tense::Present)
                | (Tense::Future, Tense::Conditional)
                | (Tense::Conditional, Tense::Future)
        ) && reported(a, x)
            && reported(b, y);
        if backshift {
            continue;
        }
        out.push(DriftFinding {
            kind: DriftKind::Tense,
            severity: 0.6,
            evidence_a: vec![span(a, x)],
            evidence_b: vec![span(b, y)],
            explanation: format!(
                "A puts it in the {} (\"{}\"), B in the {} (\"{}\")",
                x.tense.name(),
                words(a, x),
                y.tense.name(),
                words(b, y)
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

    fn tense(a: &str, b: &str) -> Vec<DriftFinding> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .filter(|f| f.kind == DriftKind::Tense)
            .collect()
    }

    #[test]
    fn another_time_is_drift() {
        for (a, b) in [
            (
                "Professionals usually take days to make them.",
                "Professionals usually took days to make them.",
            ),
            (
                "Many hotels were demanding an extra fee.",
                "Many hotels are demanding an extra fee.",
            ),
            (
                "The conference is scheduled to start on Sunday.",
                "The conference was scheduled to start on Sunday.",
            ),
            (
                "Two million people have been prisoners since 2007.",
                "Two million people will have been prisoners since 2007.",
            ),
            (
                "Investigators found that crystals had formed.",
                "Investigators find that crystals had formed.",
            ),
        ] {
            let found = tense(a, b);
            assert_eq!(found.len(), 1, "{a} / {b}: {found:?}");
            assert!(found[0].severity >= 0.5);
        }
    }

    #[test]
    fn the_same_time_reworded_is_not_drift() {
        for (a, b) in [
            (
                "The minister said the talks were difficult.",
                "The minister said the talks are difficult.",
            ),
            (
                "According to the report, prices rose.",
                "It was reported that prices rose.",
            ),
            ("He can take the train.", "He could take the train."),
            ("They take days.", "They need days."),
        ] {
            assert!(tense(a, b).is_empty(), "{a} / {b}: {:?}", tense(a, b));
        }
    }
}
