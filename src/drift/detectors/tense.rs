//! Tense: the same verb put in another time ("is" / "was" / "will be").
//!
//! Verb groups of the two sides are paired by their verb and place (see `verbs`);
//! a pair whose tenses differ, both tensed, is drift. Modal verbs carry no tense
//! and are left to other kinds. Reported speech shifts tense without changing the
//! meaning ("said the talks are" / "said the talks were"), so a present/past
//! difference inside a clause that a past reporting verb introduces is not drift.

use super::{Detector, Languages, Pair};
use crate::drift::facts::side::Side;
use crate::drift::facts::verbs::{self, pairs, span, words, VerbGroup};
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};

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

fn tensed(t: verbs::Tense) -> bool {
    matches!(
        t,
        verbs::Tense::Present
            | verbs::Tense::Past
            | verbs::Tense::Future
            | verbs::Tense::Conditional
    )
}

/// Whether the forms of two paired groups can be compared for tense. Two groups
/// with auxiliaries can, and two verbs standing alone ("take" / "took"). A verb
/// standing alone against a group only when that group's auxiliary gives the tense
/// and nothing else ("will take" / "took"): against "is known", "have formed" or
/// "will be determined" a lone "known", "formed" or "determined" is a participle
/// ("with the ranges determined") or a lost auxiliary, not another time.
fn comparable((a, x): (&Side, &VerbGroup), (b, y): (&Side, &VerbGroup)) -> bool {
    let passive = |s: &Side, g: &VerbGroup| {
        (g.first..g.last).any(|k| matches!(s.tokens[k].norm.as_str(), "be" | "been"))
    };
    let simple = |s: &Side, g: &VerbGroup| {
        matches!(g.auxiliary, Some("will" | "would" | "do"))
            && !g.perfect
            && !g.progressive
            && !passive(s, g)
    };
    match (x.auxiliary, y.auxiliary) {
        (Some(_), Some(_)) | (None, None) => true,
        (Some(_), None) => simple(a, x) && y.certain,
        (None, Some(_)) => simple(b, y) && x.certain,
    }
}

/// The present perfect tells of the past: "has formed" / "formed" is one time.
fn same_time(x: &VerbGroup, y: &VerbGroup) -> bool {
    let past = |g: &VerbGroup| {
        g.tense == verbs::Tense::Past || (g.tense == verbs::Tense::Present && g.perfect)
    };
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

/// The `tense` detector (see the module's doc).
pub struct Tense;

impl Detector for Tense {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Tense]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        for (x, y) in pairs(a, &a.verbs, b, &b.verbs) {
            if same_time(x, y)
                || !tensed(x.tense)
                || !tensed(y.tense)
                || !comparable((a, x), (b, y))
            {
                continue;
            }
            let backshift = matches!(
                (x.tense, y.tense),
                (verbs::Tense::Present, verbs::Tense::Past)
                    | (verbs::Tense::Past, verbs::Tense::Present)
                    | (verbs::Tense::Future, verbs::Tense::Conditional)
                    | (verbs::Tense::Conditional, verbs::Tense::Future)
            ) && reported(a, x)
                && reported(b, y);
            if backshift {
                continue;
            }
            // What happened against what will happen is another time however freely
            // the sentence was rendered; present, past and conditional trade places in
            // descriptions, headlines and reported speech.
            let timeline = |p: &VerbGroup, q: &VerbGroup| {
                q.tense == verbs::Tense::Future
                    && (p.tense == verbs::Tense::Past
                        || (p.tense == verbs::Tense::Present && p.perfect))
            };
            let severity = if timeline(x, y) || timeline(y, x) {
                severity::TENSE_TIMELINE
            } else {
                severity::TENSE_CHANGED
            };
            out.push(pair.finding(
                DriftKind::Tense,
                severity,
                vec![span(a, x)],
                vec![span(b, y)],
                format!(
                    "A puts it in the {} (\"{}\"), B in the {} (\"{}\")",
                    x.tense.name(),
                    words(a, x),
                    y.tense.name(),
                    words(b, y)
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
        present_to_past: Tense drifts("Professionals usually take days to make them.", "Professionals usually took days to make them.") == TENSE_CHANGED.close;
        past_to_present_progressive: Tense drifts("Many hotels were demanding an extra fee.", "Many hotels are demanding an extra fee.") == TENSE_CHANGED.close;
        passive_present_to_past: Tense drifts(
            "The conference is scheduled to start on Sunday.",
            "The conference was scheduled to start on Sunday.",
        ) == TENSE_CHANGED.close;
        present_perfect_to_future_perfect: Tense drifts(
            "Two million people have been prisoners since 2007.",
            "Two million people will have been prisoners since 2007.",
        ) == TENSE_TIMELINE.close;
        reporting_verb_to_present: Tense drifts(
            "Investigators found that crystals had formed.",
            "Investigators find that crystals had formed.",
        ) == TENSE_CHANGED.close;
        backshift_in_reported_speech: Tense same("The minister said the talks were difficult.", "The minister said the talks are difficult.");
        reworded: Tense same("According to the report, prices rose.", "It was reported that prices rose.");
        modals_have_no_tense: Tense same("He can take the train.", "He could take the train.");
        another_verb: Tense same("They take days.", "They need days.");
        // A lone participle against a passive is no past tense.
        participle_against_passive: Tense same(
            "The specific scope shall be determined and announced by the city.",
            "The city announced it, with the specific ranges determined and announced.",
        );
        active_future_against_past: Tense drifts(
            "Four passengers will undertake a short flight into space.",
            "Four passengers undertook a short flight into space.",
        ) == TENSE_TIMELINE.close;
        // Free renditions: what happened against what will happen is drift; a
        // present for a past is a translator's choice.
        past_against_future_in_free_rendition: Tense drifts(
            "The company opened a plant in Ohio after long delays.",
            "After years of waiting, the firm will open its Ohio factory.",
        ) == TENSE_TIMELINE.close;
        present_for_past_in_free_rendition: Tense same(
            "The minister stayed in Berlin for talks with the chancellor.",
            "For the talks with the chancellor, the minister stays in the German capital.",
        ) >= 0.5;
    }
}
