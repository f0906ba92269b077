//! Attribution: who said it changed, with the same people named on both sides
//! ("Peskov said Putin would not meet Musk" / "Putin said Peskov would not meet
//! Musk"). A speaker named on one side only is an `entity` finding.
//!
//! The speaker of a side is a name next to a reporting verb ("X said", "said X",
//! "X told reporters") or after "according to".

use super::{Detector, Languages, Pair};
use crate::drift::facts::classes::Class;
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};

/// Words of a speaker's name taken next to the reporting verb.
const REACH: usize = 4;

/// The speakers of a side: name tokens next to a reporting verb.
fn speakers(side: &Side) -> Vec<usize> {
    let n = side.tokens.len();
    let mut out = Vec::new();
    for k in 0..n {
        if !side.is(k, Class::Reporting) {
            continue;
        }
        let w = side.tokens[k].norm.as_str();
        if w == "according" {
            // "according to X", "according to a Reuters report"
            let start =
                (k + 2..n).find(|&j| !matches!(side.tokens[j].norm.as_str(), "a" | "an" | "the"));
            if let Some(start) = start {
                out.extend((start..n.min(start + REACH)).take_while(|&j| side.is_name(j)));
            }
            continue;
        }
        // "X said": the run of capitalised words right before the verb (a name may
        // open the sentence: "Alabama Senator Doug Jones said").
        let capital = |j: usize| side.text[side.tokens[j].start..].starts_with(char::is_uppercase);
        let before = (k.saturating_sub(REACH)..k).rev().take_while(|&j| {
            capital(j)
                && side.content[j]
                && side.tokens[j].norm != "i"
                && !side.clause_break_after(j)
        });
        out.extend(before);
        // "..., said X": after the verb only where it follows a quote or a comma, as
        // attributions do; otherwise the name is what was said ("said France would").
        let inverted = k > 0
            && side.text[side.tokens[k - 1].end..side.tokens[k].start]
                .contains([',', '"', '\u{201D}', '\u{BB}']);
        if inverted {
            out.extend((k + 1..n.min(k + 1 + REACH)).take_while(|&j| side.is_name(j)));
        }
    }
    // Each speaker whole: the words next to the verb may be part of a longer name
    // ("D. Russel noted" / "noted D. Russell", "according to the Cabinet of
    // Ministers" / "the Cabinet of Ministers says").
    let mut whole: Vec<usize> = out.iter().flat_map(|&k| name_run(side, k)).collect();
    whole.sort_unstable();
    whole.dedup();
    whole
}

/// The words of the name holding token `k`: the run of capitalised words around
/// it (an initial's point does not end it), across an "of" between two of them.
fn name_run(side: &Side, k: usize) -> Vec<usize> {
    let n = side.tokens.len();
    let capital = |j: usize| {
        side.content[j]
            && side.tokens[j].norm != "i"
            && side.text[side.tokens[j].start..].starts_with(char::is_uppercase)
    };
    let joins = |j: usize| {
        side.tokens[j].norm == "of" && j > 0 && j + 1 < n && capital(j - 1) && capital(j + 1)
    };
    let within = |j: usize| capital(j) || joins(j);
    let first = (0..k).rev().take_while(|&j| within(j)).last().unwrap_or(k);
    let last = (k + 1..n).take_while(|&j| within(j)).last().unwrap_or(k);
    (first..=last).filter(|&j| j == k || capital(j)).collect()
}

/// The `attribution` detector (see the module's doc).
pub struct Attribution;

impl Detector for Attribution {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Attribution]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (sa, sb) = (speakers(a), speakers(b));
        if sa.is_empty() || sb.is_empty() {
            return;
        }
        let stems =
            |s: &Side, ks: &[usize]| -> Vec<u64> { ks.iter().map(|&k| s.stems[k]).collect() };
        let (na, nb) = (stems(a, &sa), stems(b, &sb));
        if na.iter().any(|x| nb.contains(x)) {
            return; // a speaker in common
        }
        // Both sides name both speakers: the roles moved, not the people.
        let named = |s: &Side, names: &[u64]| names.iter().all(|x| s.stems.contains(x));
        if !named(a, &nb) || !named(b, &na) {
            return;
        }
        out.push(pair.finding(
            DriftKind::Attribution,
            severity::ATTRIBUTION_SWAPPED,
            sa.iter().map(|&k| a.span(k)).collect(),
            sb.iter().map(|&k| b.span(k)).collect(),
            format!(
                "A attributes it to {}, B to {}",
                a.words(&sa, " "),
                b.words(&sb, " ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        speakers_swapped: Attribution drifts("Peskov said Putin would not meet Musk.", "Putin said Peskov would not meet Musk.") == ATTRIBUTION_SWAPPED.close;
        speaker_on_both_sides: Attribution same(
            "The talks failed, according to Reuters, citing Peskov.",
            "The talks failed, Peskov said, according to a Reuters report.",
        );
        speaker_named_by_other_words: Attribution same(
            "\"Complaining is not fixing,\" D. Russel noted, adding more.",
            "\"Complaints aren't fixes,\" noted D. Russell, adding more.",
        );
        speaker_of_several_words: Attribution same(
            "According to the Cabinet of Ministers, the road is 663 kilometres long.",
            "The Cabinet of Ministers says that the road is 663 kilometres long.",
        );
        same_speaker_named_in_full: Attribution same(
            "Peskov said Putin would not meet Musk.",
            "Dmitry Peskov told reporters that Putin would not meet Musk.",
        );
    }
}
