//! Mood: a statement turned into a question, or a question into a statement ("The
//! plane collided with a balloon." / "Did the plane collide with a balloon?").
//! A question asks what the statement asserts, so the claim is gone.

use super::{Detector, Languages, Pair};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};

/// Content stems the two sides share before their mood is worth comparing.
const MIN_SHARED: usize = 3;

/// The spans of the question marks that end a sentence in `side`: followed, past
/// any closing quote or bracket, by the end of the text or a new sentence. A stray
/// "?" inside a sentence asks nothing.
fn questions(side: &Side) -> Vec<Span> {
    // Most sentences ask nothing: two byte searches say so faster than a walk
    // through the characters.
    if !side.text.contains('?') && !side.text.contains('\u{FF1F}') {
        return Vec::new();
    }
    side.text
        .match_indices(['?', '\u{FF1F}'])
        .filter(|&(at, q)| {
            let rest = side.text[at + q.len()..]
                .trim_start_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{BB}']);
            let next = rest.trim_start().chars().next();
            next.is_none()
                || (rest.starts_with(char::is_whitespace)
                    && next.is_some_and(|c| !c.is_lowercase()))
        })
        .map(|(at, q)| (at, at + q.len()))
        .collect()
}

/// The `mood` detector (see the module's doc).
pub struct Mood;

impl Detector for Mood {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Mood]
    }

    fn languages(&self) -> Languages {
        Languages::Any
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (qa, qb) = (questions(a), questions(b));
        if qa.len() == qb.len() {
            return;
        }
        let shared = (0..a.tokens.len())
            .filter(|&i| a.content[i] && (0..b.tokens.len()).any(|j| b.stems[j] == a.stems[i]))
            .count();
        if shared < MIN_SHARED {
            return;
        }
        let (explanation, evidence_a, evidence_b) = if qa.len() < qb.len() {
            ("A states it, B asks it", Vec::new(), qb)
        } else {
            ("A asks it, B states it", qa, Vec::new())
        };
        out.push(pair.finding(
            DriftKind::Mood,
            severity::MOOD_QUESTION,
            evidence_a,
            evidence_b,
            explanation.to_string(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    const STATED: &str = "The Rheinische Post reported that the plane collided with a balloon.";
    const ASKED: &str = "Did the Rheinische Post report that the plane collided with a balloon?";

    drift_cases! {
        statement_asked: Mood drifts(STATED, ASKED) == MOOD_QUESTION.close;
        question_stated: Mood drifts(ASKED, STATED) == MOOD_QUESTION.close;
        both_asked: Mood same(ASKED, ASKED);
        // Unrelated sentences are not one statement asked.
        unrelated: Mood same("It rained.", "Why?");
        // A stray question mark inside a sentence asks nothing.
        stray_question_mark: Mood same(STATED, "The Rheinische Post reported that the? plane collided with a balloon.");
    }
}
