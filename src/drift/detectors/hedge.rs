//! Hedge: one side hedges what the other states as fact ("allegedly took bribes" /
//! "took bribes"), or asserts what the other only hedges ("certainly" / "perhaps").
//!
//! Hedges and certainty markers come from `data/lexicon/en/hedges.txt`. Two sides
//! that hedge with different words ("reportedly" / "allegedly") agree, and so does
//! a side that words the claim as a possibility or an appearance ("seems to be" /
//! "might be", "seemed like" / "looked like").

use super::{Detector, Languages, Pair};
use crate::drift::facts::classes::{Class, REPORTING};
use crate::drift::facts::side::Side;
use crate::drift::facts::spelling::similar;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};

/// Certainty markers in the hedge list: they assert rather than hedge.
const CERTAIN: [&str; 4] = ["certainly", "definitely", "undoubtedly", "undeniably"];

/// The hedge and the certainty words of a side, as spans.
fn marks(side: &Side) -> (Vec<Span>, Vec<Span>) {
    let (mut hedge, mut certain) = (Vec::new(), Vec::new());
    for (k, t) in side.tokens.iter().enumerate() {
        if !side.is(k, Class::Hedge) {
            continue;
        }
        if CERTAIN.contains(&t.norm.as_str()) {
            certain.push((t.start, t.end));
        } else {
            hedge.push((t.start, t.end));
        }
    }
    (hedge, certain)
}

/// Words that do not state a claim as fact, though too common to raise a hedge of
/// their own: epistemic modals and verbs of appearance ("might be" answers "seems
/// to be", "looked like" answers "seemed like").
const WEAK_HEDGES: [&str; 8] = [
    "may",
    "might",
    "could",
    "appear",
    "appears",
    "appeared",
    "considered",
    "like",
];

/// Whether a side words its claim with a weak hedge (see [`WEAK_HEDGES`]); "like"
/// only after a verb of looking ("looks like").
fn weakly_hedged(side: &Side) -> bool {
    let norm = |k: usize| side.tokens[k].norm.as_str();
    (0..side.tokens.len()).any(|k| {
        WEAK_HEDGES.contains(&norm(k))
            && (norm(k) != "like" || k > 0 && matches!(norm(k - 1), "look" | "looks" | "looked"))
    })
}

/// The `hedge` detector (see the module's doc).
pub struct Hedge;

impl Detector for Hedge {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Hedge]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let ((ha, ca), (hb, cb)) = (marks(a), marks(b));
        let words = |s: &Side, spans: &[Span]| -> String {
            spans
                .iter()
                .map(|&(x, y)| &s.text[x..y])
                .collect::<Vec<_>>()
                .join(", ")
        };
        // A hedge the other side spells nearly ("reportedly" / "reportadly", "probable")
        // is kept, misspelled or in another form.
        let kept = |s: &Side, spans: &[Span], other: &Side| {
            spans.iter().any(|&(x, y)| {
                let hedge = s.text[x..y].to_lowercase();
                other.tokens.iter().any(|t| {
                    let prefix = hedge
                        .chars()
                        .zip(t.norm.chars())
                        .take_while(|(p, q)| p == q)
                        .count();
                    prefix >= 5 || similar(&hedge, &t.norm, 0.75)
                })
            })
        };
        // Most pairs hedge on neither side: asked first.
        let one_sided = ha.is_empty() != hb.is_empty()
            && ((hb.is_empty() && !kept(a, &ha, b) && !weakly_hedged(b))
                || (ha.is_empty() && !kept(b, &hb, a) && !weakly_hedged(a)));
        if one_sided {
            let explanation = if hb.is_empty() {
                format!("A hedges it (\"{}\"), B states it as fact", words(a, &ha))
            } else {
                format!("A states it as fact, B hedges it (\"{}\")", words(b, &hb))
            };
            // A side that attributes the claim ("Peskov said", "according to") does not
            // state it as fact either: the hedge then says little more.
            let plain = if hb.is_empty() { b } else { a };
            let attributed = plain
                .tokens
                .iter()
                .any(|t| REPORTING.contains(&t.norm.as_str()));
            out.push(pair.finding(
                DriftKind::Hedge,
                if attributed {
                    severity::HEDGE_ATTRIBUTED
                } else {
                    severity::HEDGE_ONE_SIDE
                },
                ha.clone(),
                hb.clone(),
                explanation,
            ));
        }
        if ca.is_empty() != cb.is_empty() && (ha.is_empty() == hb.is_empty()) {
            let explanation = if cb.is_empty() {
                format!("A is certain (\"{}\"), B is not", words(a, &ca))
            } else {
                format!("B is certain (\"{}\"), A is not", words(b, &cb))
            };
            out.push(pair.finding(
                DriftKind::Hedge,
                severity::HEDGE_CERTAINTY,
                ca,
                cb,
                explanation,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        hedged_in_a: Hedge drifts("The mayor allegedly took bribes.", "The mayor took bribes.") == HEDGE_ONE_SIDE.close;
        hedged_in_b: Hedge drifts("The mayor took bribes.", "The mayor reportedly took bribes.") == HEDGE_ONE_SIDE.close;
        hedged_with_other_words: Hedge same("The mayor allegedly took bribes.", "The mayor reportedly took bribes.");
        // Attributed on the other side: not stated as fact there either.
        attributed_on_the_other_side: Hedge drifts(
            "The mayor reportedly took bribes.",
            "The mayor took bribes, the prosecutor said.",
        ) == HEDGE_ATTRIBUTED.close;
        misspelled_hedge: Hedge same("The mayor reportedly took bribes.", "The mayor reportadly took bribes.");
        certain_on_one_side: Hedge drifts("The mayor certainly took bribes.", "The mayor took bribes.") == HEDGE_CERTAINTY.close;
        modal_answers_a_hedge: Hedge same(
            "The most common cause seems to be fear of vaccines.",
            "The most common cause might be the fear of vaccines.",
        );
        looked_like_answers_seemed: Hedge same(
            "At first it seemed like another defeat for the team.",
            "At the beginning it looked like a new loss for the team.",
        );
    }
}
