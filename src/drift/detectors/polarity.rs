//! Polarity: a negation on one side that the other side does not make about the
//! same content ("has already warned" / "has not warned").
//!
//! Each negation cue covers the content words that follow it in its clause (its
//! scope). A cue is matched when the other side has a cue in a clause about the
//! same thing (two content words in common): both sides negate it, however worded
//! ("have not had regular talks" / "neither ... have regular conversations"). An
//! unmatched cue whose scope holds content the other side states plainly is drift.

use super::{Detector, Languages, Pair};
use crate::drift::facts::cues::clause_of;
use crate::drift::facts::forms::same_sense;
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};
use crate::text::lexicon::{aspect_markers, synsets};

/// Whether two clauses speak of the same thing: two content stems in common, or
/// one when either clause has only one.
fn same_clause(x: &Side, cx: &[usize], y: &Side, cy: &[usize]) -> bool {
    let shared = cx
        .iter()
        .filter(|&&i| cy.iter().any(|&j| x.stems[i] == y.stems[j]))
        .count();
    shared >= 2 || (shared == 1 && cx.len().min(cy.len()) <= 1)
}

/// Verbs that lend their object the event it names ("issued warnings" is
/// "warned", "made a decision" is "decided").
const LIGHT_VERBS: [&str; 12] = [
    "issue", "make", "give", "take", "have", "hold", "get", "do", "conduct", "carry", "provide",
    "offer",
];

/// The words of a negation's scope that it bears on: the first, and the one after
/// it when the first is a light verb ("has not issued any warnings").
fn bears_on(side: &Side, scope: &[usize]) -> Vec<usize> {
    let light = |k: usize| {
        side.forms(k)
            .bases
            .iter()
            .any(|w| LIGHT_VERBS.contains(&w.as_str()))
    };
    match scope {
        [first, second, ..] if light(*first) => vec![*first, *second],
        [first, ..] => vec![*first],
        [] => Vec::new(),
    }
}

/// Words that say a thing is not so without a negation cue: failing, lacking,
/// being absent (by base form).
const NEGATIVE_WORDS: [&str; 6] = ["fail", "failure", "lack", "absence", "absent", "refusal"];

/// Whether a word of the three before token `j` of `side`, as a negation cue would
/// stand, negates by its meaning: one of [`NEGATIVE_WORDS`], or a word WordNet
/// knows with "un" or "non" put before it ("unpractical to expect").
fn negative_worded(side: &Side, j: usize) -> bool {
    (j.saturating_sub(3)..j).any(|k| {
        let bases = &side.forms(k).bases;
        let norm = side.tokens[k].norm.as_str();
        let prefixed = ["un", "non"].iter().any(|p| {
            norm.strip_prefix(p)
                .map(|rest| rest.trim_start_matches('-'))
                .is_some_and(|rest| rest.chars().count() >= 4 && synsets().knows(rest))
        });
        prefixed || bases.iter().any(|w| NEGATIVE_WORDS.contains(&w.as_str()))
    })
}

/// Whether word `i` of `x` and word `j` of `y` say the same: one stem, one base
/// form ("begin" / "began"), or WordNet synonyms ("expect" / "suppose").
fn same_meaning(x: &Side, i: usize, y: &Side, j: usize) -> bool {
    x.stems[i] == y.stems[j] || same_sense(&x.forms(i).bases, &y.forms(j).bases)
}

/// The `polarity` detector (see the module's doc).
pub struct Polarity;

impl Detector for Polarity {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Polarity]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        for (neg, plain, negating_is_b) in [(b, a, true), (a, b, false)] {
            let (neg_cues, plain_cues) = (&neg.cues, &plain.cues);
            // Each cue of the other side answers at most one cue of this side: a negation
            // stacked on another ("had failed to pay" / "had not failed to pay") flips.
            let mut answered = vec![false; plain_cues.len()];
            for cue in neg_cues.iter() {
                // The other side negates the same clause: the same statement, reworded
                // ("have not had regular talks" / "neither ... have regular conversations").
                let matched = (0..plain_cues.len()).find(|&o| {
                    !answered[o] && same_clause(neg, &cue.clause, plain, &plain_cues[o].clause)
                });
                if let Some(o) = matched {
                    answered[o] = true;
                    continue;
                }
                // Content the negation covers that the other side states plainly.
                let negated_elsewhere = |j: usize| plain_cues.iter().any(|c| c.scope.contains(&j));
                let shared: Vec<(usize, usize)> = cue
                    .scope
                    .iter()
                    .filter_map(|&i| {
                        let j = (0..plain.tokens.len()).find(|&j| {
                            plain.content[j]
                                && plain.stems[j] == neg.stems[i]
                                && !negated_elsewhere(j)
                        })?;
                        // A name or a figure counts only when the two clauses make the same
                        // statement ("is Oregon" / "is not Oregon"); otherwise it is who
                        // or how many, which unrelated clauses share by chance.
                        let who = neg.is_name(i) || neg.is_figure(i);
                        (!who || same_clause(neg, &cue.clause, plain, &clause_of(plain, j)))
                            .then_some((i, j))
                    })
                    .collect();
                // The other side says it in the negative with a word of its own
                // ("non-existing implementation" / "failure in implementation", "cannot
                // expect" / "unpractical to expect").
                if shared.is_empty() || negative_worded(plain, shared[0].1) {
                    continue;
                }
                let mut ev_neg: Vec<Span> = (cue.first..=cue.last).map(|k| neg.span(k)).collect();
                ev_neg.extend(shared.iter().map(|&(i, _)| neg.span(i)));
                let markers = aspect_markers();
                let mut ev_plain: Vec<Span> = (0..plain.tokens.len())
                    .filter(|&j| markers.contains(plain.tokens[j].norm.as_str()))
                    .map(|j| plain.span(j))
                    .collect();
                ev_plain.extend(shared.iter().map(|&(_, j)| plain.span(j)));
                ev_plain.sort_unstable();
                let words: Vec<&str> = shared
                    .iter()
                    .map(|&(_, j)| &plain.text[plain.tokens[j].start..plain.tokens[j].end])
                    .collect();
                let cue_text = &neg.text[neg.tokens[cue.first].start..neg.tokens[cue.last].end];
                let (pos, negs) = if negating_is_b {
                    ("A", "B")
                } else {
                    ("B", "A")
                };
                let explanation = format!(
                    "{pos} states it, {negs} negates it (\"{cue_text}\"): {}",
                    words.join(", ")
                );
                let (evidence_a, evidence_b) = if negating_is_b {
                    (ev_plain, ev_neg)
                } else {
                    (ev_neg, ev_plain)
                };
                // The word the negation bears on (the first of its scope), or half its
                // scope, stated plainly on the other side is a flip however freely the
                // rest was rendered; a word or two of a longer scope in common ("can't
                // wait for the season to start" / "is excitedly awaiting the season") may
                // be the same statement worded otherwise.
                let head = bears_on(neg, &cue.scope).iter().any(|&h| {
                    (0..plain.tokens.len()).any(|j| {
                        plain.content[j] && !negated_elsewhere(j) && same_meaning(neg, h, plain, j)
                    })
                });
                let severity = if head || 2 * shared.len() >= cue.scope.len() {
                    severity::POLARITY_NEGATED
                } else {
                    severity::POLARITY_SCOPE_ONLY
                };
                out.push(pair.finding(
                    DriftKind::Polarity,
                    severity,
                    evidence_a,
                    evidence_b,
                    explanation,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;
    use crate::drift::{compare, DriftFinding, DriftKind};
    use crate::text::language::Language;

    fn polarity(a: &str, b: &str) -> Vec<DriftFinding> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .filter(|f| f.kind == DriftKind::Polarity)
            .collect()
    }

    #[test]
    fn negated_warnings_are_drift() {
        let a = "\u{201C}They don\u{2019}t like this,\u{201D} the source said, and noted that there have already been warnings from the government about possible security breaches by Musk.";
        let b = "\"They don't like it,\" the source said. However, the source also mentioned that the government has not issued any warnings about potential security vulnerabilities that Musk may bring.";
        let found = polarity(a, b);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert!(f.severity >= 0.5);
        let ev_a: Vec<&str> = f.evidence_a.iter().map(|&(s, e)| &a[s..e]).collect();
        let ev_b: Vec<&str> = f.evidence_b.iter().map(|&(s, e)| &b[s..e]).collect();
        assert!(
            ev_a.contains(&"already") && ev_a.contains(&"warnings"),
            "{ev_a:?}"
        );
        assert!(
            ev_b.contains(&"not") && ev_b.contains(&"warnings"),
            "{ev_b:?}"
        );
    }

    drift_cases! {
        never_signed: Polarity drifts("The minister signed the treaty.", "The minister never signed the treaty.") == POLARITY_NEGATED.close;
        raised_after_all: Polarity drifts("The company did not raise prices.", "The company raised prices.") == POLARITY_NEGATED.close;
        denied_for_confirmed: Polarity drifts("Officials denied the report.", "Officials confirmed the report.") == POLARITY_NEGATED.close;
        same_text: Polarity same("It rained.", "It rained.");
        // "yet" after a negation is an adverb, not a clause of its own.
        not_yet_both_ways: Polarity same("But it hasn't been observed yet.", "But it has not yet been observed.");
        not_yet_against_stated: Polarity drifts("But it has been observed.", "But it has not yet been observed.") >= 0.5;
        // "whether or not", "believe it or not": an alternative, not a denial.
        or_not: Polarity same("Believe it or not, 31 attempts were made.", "31 attempts were made.");
        // "without" negates its noun phrase, not what follows its preposition.
        avoid_its_phrase: Polarity same(
            "This lets the staff of the Joint Forces unit focus on combat missions.",
            "This makes it possible to avoid drawing away the personnel of Joint Forces divisions.",
        ) >= 0.5;
        no_with_its_phrase_still_negates: Polarity drifts(
            "There was evidence of fraud in the count.",
            "There was no evidence of fraud in the count.",
        ) >= 0.5;
        // A translator's gloss of a title says nothing the other version lacks.
        gloss_of_a_title: Polarity same(
            "His album \u{201C}Kein Problem\u{201D} (2013) reached second place.",
            "His album \u{201C}Kein Problem\u{201D} (Women have no problem with that) (2013) reached second place.",
        );
        brackets_elsewhere_still_count: Polarity drifts(
            "The album (a success) reached second place.",
            "The album (no success) reached second place.",
        ) >= 0.5;
        without_its_phrase: Polarity same(
            "Tang Feng, a minister of the Government of Taiwan, spoke.",
            "Tang Feng, a minister without portfolio of the Government of Taiwan, spoke.",
        );
        same_negation_reworded: Polarity same(
            "Besides this single phone interaction, Peskov said Putin and Kremlin officials have not had regular talks with Musk.",
            "In addition, he said that neither Putin nor Kremlin officials have regular conversations with Musk.",
        );
        declined_for_did_not: Polarity same("He did not comment.", "He declined to comment, he did not say more.");
        not_even_bounds_a_quantity: Polarity same(
            "He had to park his car after less than half the race.",
            "He had to park his car after not even half the race.",
        );
        not_just_adds: Polarity same("The score was disappointing.", "It was not just the score that was disappointing.");
        // A free rendition whose negation shares a word of its scope, not the word it
        // bears on: worth a look, not a flip.
        scope_only_in_free_rendition: Polarity drifts(
            "The delegation is taking part in the negotiations indirectly.",
            "The delegation does not participate in the negotiations directly.",
        ) == POLARITY_SCOPE_ONLY.free;
        light_verb_bears_on_its_object: Polarity drifts(
            "There have been warnings from the ministry about breaches.",
            "The ministry has not issued any warnings about possible breaches of security.",
        ) == POLARITY_NEGATED.close;
        negative_by_its_meaning: Polarity same(
            "The notice names the non-existing implementation of closed-loop management.",
            "The notice names the failure in implementation of closed-loop management.",
        );
        negative_prefix_answers: Polarity same(
            "You cannot expect a two-year-old child to protect himself.",
            "It is unpractical to expect that a child of two years can protect himself.",
        );
        cannot_wait_is_eager: Polarity same(
            "He admitted that he is excitedly awaiting the new season.",
            "He admitted that he can't wait for the season to start again.",
        );
    }
}
