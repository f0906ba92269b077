//! Mood: a statement turned into a question, or a question into a statement ("The
//! plane collided with a balloon." / "Did the plane collide with a balloon?").
//! A question asks what the statement asserts, so the claim is gone.

use super::side::Side;
use super::{DriftFinding, DriftKind, Span};

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

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let (qa, qb) = (questions(a), questions(b));
    if qa.len() == qb.len() {
        return Vec::new();
    }
    let shared = (0..a.tokens.len())
        .filter(|&i| a.content[i] && (0..b.tokens.len()).any(|j| b.stems[j] == a.stems[i]))
        .count();
    if shared < MIN_SHARED {
        return Vec::new();
    }
    let (explanation, evidence_a, evidence_b) = if qa.len() < qb.len() {
        ("A states it, B asks it", Vec::new(), qb)
    } else {
        ("A asks it, B states it", qa, Vec::new())
    };
    vec![DriftFinding {
        kind: DriftKind::Mood,
        severity: 0.6,
        evidence_a,
        evidence_b,
        explanation: explanation.to_string(),
    }]
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn mood(a: &str, b: &str) -> usize {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .iter()
            .filter(|f| f.kind == DriftKind::Mood)
            .count()
    }

    #[test]
    fn a_question_for_a_statement_is_drift() {
        let a = "The Rheinische Post reported that the plane collided with a balloon.";
        let b = "Did the Rheinische Post report that the plane collided with a balloon?";
        assert_eq!(mood(a, b), 1);
        assert_eq!(mood(b, a), 1);
        assert_eq!(mood(b, b), 0);
        // Unrelated sentences are not one statement asked.
        assert_eq!(mood("It rained.", "Why?"), 0);
        // A stray question mark inside a sentence asks nothing.
        let stray = "The Rheinische Post reported that the? plane collided with a balloon.";
        assert_eq!(mood(a, stray), 0);
    }
}
