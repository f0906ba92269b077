//! Omission and addition: words one side states and the other leaves out, where
//! the two otherwise say the same thing in the same words.
//!
//! The two sides' words are aligned in order (longest common subsequence, by stem);
//! near spellings left over answer each other (a typo, "quick" / "quickly"). When one
//! side has content words left and the other has nothing left but at most one
//! function word, that side said more: the other left it out. A rewrite that leaves
//! words on both sides has reworded, which is for the other detectors to judge. A
//! word said twice ("the the", a repeated phrase) adds nothing. Names and figures
//! are left to `entity` and `number`, connectives ("since", "in addition") state no
//! content.

use super::{Detector, Languages, Pair};
use crate::drift::facts::alignment::{content, near};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};

/// Content words the two sides must share before a gap on one side means anything.
const MIN_SHARED: usize = 3;
/// Separate stretches of left-out words a close copy may have: more is a rewrite.
const MAX_GAPS: usize = 2;

/// A word its side says again right before it ("the the", "in the in the").
fn repeated(side: &Side, k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|o| side.stems[o] == side.stems[k])
}

/// Stretches of consecutive unaligned tokens.
fn gaps(left: &[bool]) -> usize {
    (0..left.len())
        .filter(|&k| left[k] && (k == 0 || !left[k - 1]))
        .count()
}

/// The `omission` detector (see the module's doc).
pub struct Omission;

impl Detector for Omission {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Omission, DriftKind::Addition]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        // None for texts too long to align word by word.
        let Some(words) = pair.words() else {
            return;
        };
        let (left_a, left_b) = (&words.left_a, &words.left_b);
        if words.shared < MIN_SHARED {
            return;
        }
        // A finding needs one side with nothing left: each of its left-over words a
        // repetition or a near spelling of a word the other side left over. Where
        // neither side can be, no pairing below changes that (most reworded pairs).
        let coverable = |s: &Side, left: &[bool], o: &Side, other_left: &[bool]| {
            (0..s.tokens.len())
                .filter(|&k| left[k] && !repeated(s, k))
                .all(|k| (0..o.tokens.len()).any(|j| other_left[j] && near(s, k, o, j)))
        };
        if !coverable(a, left_a, b, left_b) && !coverable(b, left_b, a, left_a) {
            return;
        }
        let (mut left_a, mut left_b) = (left_a.clone(), left_b.clone());
        // Near spellings answer each other; repetitions say nothing new.
        for (i, left) in left_a.iter_mut().enumerate() {
            if !*left {
                continue;
            }
            let partner = (0..b.tokens.len()).find(|&j| left_b[j] && near(a, i, b, j));
            if let Some(j) = partner {
                *left = false;
                left_b[j] = false;
            }
        }
        for (side, left) in [(a, &mut left_a), (b, &mut left_b)] {
            for (k, l) in left.iter_mut().enumerate() {
                *l &= !repeated(side, k);
            }
        }
        let (count_a, count_b) = (
            left_a.iter().filter(|&&l| l).count(),
            left_b.iter().filter(|&&l| l).count(),
        );
        let (kind, side, left, other_left) = if count_a >= count_b {
            (DriftKind::Omission, a, &left_a, count_b)
        } else {
            (DriftKind::Addition, b, &left_b, count_a)
        };
        // The other side must have kept to the words: none of its own. The side with more must have said it in a few stretches.
        let other_content = match kind {
            DriftKind::Omission => (0..b.tokens.len()).any(|k| left_b[k] && content(b, k)),
            _ => (0..a.tokens.len()).any(|k| left_a[k] && content(a, k)),
        };
        if other_left > 0 || other_content || gaps(left) > MAX_GAPS {
            return;
        }
        let said: Vec<usize> = (0..side.tokens.len())
            .filter(|&k| left[k] && content(side, k))
            .collect();
        if said.is_empty() {
            return;
        }
        let spans: Vec<Span> = said
            .iter()
            .map(|&k| (side.tokens[k].start, side.tokens[k].end))
            .collect();
        let words: Vec<&str> = spans.iter().map(|&(s, e)| &side.text[s..e]).collect();
        let (evidence_a, evidence_b, verb) = if kind == DriftKind::Omission {
            (spans, Vec::new(), "B leaves out")
        } else {
            (Vec::new(), spans, "B adds")
        };
        // Words added in several places of the same words are still a copy's.
        let left_out = if pair.only_added() {
            severity::OMISSION_LEFT_OUT.copied()
        } else {
            severity::OMISSION_LEFT_OUT
        };
        out.push(pair.finding(
            kind,
            left_out,
            evidence_a,
            evidence_b,
            format!("{verb} \"{}\"", words.join(" ")),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    const SENIOR: &str = "Senior trainee Grzegorz Bal and two officers work at the customs office.";
    const TRAINEE: &str = "Trainee Grzegorz Bal and two officers work at the customs office.";

    drift_cases! {
        word_left_out: Omission drifts(SENIOR, TRAINEE) == OMISSION_LEFT_OUT.close;
        word_left_out_is_no_addition: Addition same(SENIOR, TRAINEE);
        word_added: Addition drifts(TRAINEE, SENIOR) == OMISSION_LEFT_OUT.close;
        word_added_is_no_omission: Omission same(TRAINEE, SENIOR);
        words_added_in_two_places: Addition drifts(
            "Police arrested 45 people after the protests turned violent.",
            "Police arrested 45 people after the protests in Portland turned extremely violent.",
        ) == OMISSION_LEFT_OUT.close;
        gloss_is_no_addition: Addition same(
            "Judith Hermann read from her novel \u{201C}Daheim\u{201D} in Berlin.",
            "Judith Hermann read from her novel \u{201C}Daheim\u{201D} (At home) in Berlin.",
        );
        // Reworded: words unanswered on both sides.
        reworded: Omission same("The minister talked about the budget cuts.", "The minister emphasized the budget reductions.");
        reworded_adds_nothing: Addition same("The minister talked about the budget cuts.", "The minister emphasized the budget reductions.");
        typo_and_inflection: Omission same("The government issued warnings quickly.", "The goverment issued warnings quick.");
        repetition: Addition same("Police fired tear gas at the crowd.", "Police fired tear tear gas at the crowd.");
        connective: Omission same("Since the dam was built, the floods stopped.", "The dam was built, the floods stopped.");
        scale_written_out: Omission same(
            "Original drawing of Olympic rings sold at auction for 185 thousand euros",
            "Original drawing of Olympic rings sold at auction for 185,000 euros",
        );
    }

    #[test]
    fn texts_too_long_to_align_word_by_word_are_left_alone() {
        // Two long texts that differ by one word: no quadratic table, no finding.
        let a = "The council met again and the budget was approved by the members. ".repeat(300);
        let b = a.replacen("approved", "quickly approved", 1);
        let started = std::time::Instant::now();
        crate::drift::cases::check(
            crate::drift::DriftKind::Addition,
            &a,
            &b,
            crate::drift::cases::Expect::NotAtLeast(0.0),
        );
        assert!(started.elapsed().as_secs() < 30);
    }
}
