//! Polarity: a negation on one side that the other side does not make about the
//! same content ("has already warned" / "has not warned").
//!
//! Each negation cue covers the content words that follow it in its clause (its
//! scope). A cue is matched when the other side has a cue in a clause about the
//! same thing (two content words in common): both sides negate it, however worded
//! ("have not had regular talks" / "neither ... have regular conversations"). An
//! unmatched cue whose scope holds content the other side states plainly is drift.

use super::side::{Class, Side};
use super::{DriftFinding, DriftKind, Span};
use crate::text::lexicon::{aspect_markers, negation_cues};

/// Content words a negation covers after its cue.
const SCOPE_WORDS: usize = 5;
/// Words that start a new clause, ending a negation's scope.
const CLAUSE_STARTS: [&str; 7] = [
    "but", "while", "although", "whereas", "however", "though", "yet",
];

/// A negation cue: its tokens, the content words it covers, and the content words
/// of its whole clause. Each side finds its own once (see `side`).
pub(super) struct Cue {
    first: usize,
    last: usize,
    scope: Vec<usize>,
    clause: Vec<usize>,
}

/// The content tokens of the clause holding token `k`.
fn clause_of(side: &Side, k: usize) -> Vec<usize> {
    let mut first = k;
    while first > 0
        && !side.clause_break_after(first - 1)
        && !CLAUSE_STARTS.contains(&side.tokens[first].norm.as_str())
    {
        first -= 1;
    }
    let mut last = k;
    while !side.clause_break_after(last)
        && !CLAUSE_STARTS.contains(&side.tokens[last + 1].norm.as_str())
    {
        last += 1;
    }
    (first..=last).filter(|&j| side.content[j]).collect()
}

/// Whether two clauses speak of the same thing: two content stems in common, or
/// one when either clause has only one.
fn same_clause(x: &Side, cx: &[usize], y: &Side, cy: &[usize]) -> bool {
    let shared = cx
        .iter()
        .filter(|&&i| cy.iter().any(|&j| x.stems[i] == y.stems[j]))
        .count();
    shared >= 2 || (shared == 1 && cx.len().min(cy.len()) <= 1)
}

/// The negation cues of an English side, in text order.
pub(super) fn cues(side: &Side) -> Vec<Cue> {
    // Most sentences negate nothing: said without building anything.
    let Some(first) = (0..side.tokens.len()).find(|&k| side.is(k, Class::Negation)) else {
        return Vec::new();
    };
    let lexicon = negation_cues();
    let norms: Vec<&str> = side.tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut out = Vec::new();
    let mut k = first;
    while k < norms.len() {
        if !side.is(k, Class::Negation) {
            k += 1;
            continue;
        }
        let hit = lexicon
            .get(norms[k])
            .into_iter()
            .flatten()
            .filter(|cue| norms[k..].starts_with(cue))
            .map(|cue| cue.len())
            .max()
            .or_else(|| norms[k].ends_with("n't").then_some(1));
        let Some(len) = hit else {
            k += 1;
            continue;
        };
        // "not only ... but also" adds, it does not negate.
        if norms[k] == "not"
            && norms
                .get(k + 1)
                .is_some_and(|w| matches!(*w, "only" | "just"))
        {
            k += 1;
            continue;
        }
        let last = k + len - 1;
        let mut scope = Vec::new();
        let mut j = last;
        while scope.len() < SCOPE_WORDS && !side.clause_break_after(j) {
            j += 1;
            if CLAUSE_STARTS.contains(&norms[j]) {
                break;
            }
            if side.content[j] && side.tokens[j].norm != "nor" {
                scope.push(j);
            }
        }
        let clause = clause_of(side, k);
        // "neither X nor Y", "didn't have X, nor Y": one negation, not two.
        let same_sentence = |p: &Cue| {
            !side.text[side.tokens[p.last].end..side.tokens[k].start].contains(['.', '!', '?'])
        };
        if let Some(prev) = out
            .last_mut()
            .filter(|p: &&mut Cue| norms[k] == "nor" && same_sentence(p))
        {
            for j in scope {
                if !prev.scope.contains(&j) {
                    prev.scope.push(j);
                }
            }
            k = last + 1;
            continue;
        }
        out.push(Cue {
            first: k,
            last,
            scope,
            clause,
        });
        k = last + 1;
    }
    out
}

/// Whether each token of a side lies under one of its negation `cues`: a cue or
/// anything from it to the end of its scope.
pub(super) fn negated(side: &Side, cues: &[Cue]) -> Vec<bool> {
    let mut out = vec![false; side.tokens.len()];
    for cue in cues {
        let end = cue.scope.iter().copied().max().unwrap_or(cue.last);
        out[cue.first..=end].iter_mut().for_each(|n| *n = true);
    }
    out
}

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let mut out = Vec::new();
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
                        plain.content[j] && plain.stems[j] == neg.stems[i] && !negated_elsewhere(j)
                    })?;
                    // A name or a figure counts only when the two clauses make the same
                    // statement ("is Oregon" / "is not Oregon"); otherwise it is who
                    // or how many, which unrelated clauses share by chance.
                    let who = neg.is_name(i) || neg.is_figure(i);
                    (!who || same_clause(neg, &cue.clause, plain, &clause_of(plain, j)))
                        .then_some((i, j))
                })
                .collect();
            if shared.is_empty() {
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
            out.push(DriftFinding {
                kind: DriftKind::Polarity,
                severity: 0.9,
                evidence_a,
                evidence_b,
                explanation,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
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

    #[test]
    fn the_same_negation_reworded_is_not_drift() {
        let a = "Besides this single phone interaction, Peskov said Putin and Kremlin officials have not had regular talks with Musk.";
        let b = "In addition, he said that neither Putin nor Kremlin officials have regular conversations with Musk.";
        assert!(polarity(a, b).is_empty(), "{:?}", polarity(a, b));
        assert!(polarity(
            "He did not comment.",
            "He declined to comment, he did not say more."
        )
        .is_empty());
    }

    #[test]
    fn added_or_removed_negation() {
        assert_eq!(
            polarity(
                "The minister signed the treaty.",
                "The minister never signed the treaty."
            )
            .len(),
            1
        );
        assert_eq!(
            polarity(
                "The company did not raise prices.",
                "The company raised prices."
            )
            .len(),
            1
        );
        assert_eq!(
            polarity(
                "Officials denied the report.",
                "Officials confirmed the report."
            )
            .len(),
            1
        );
        assert!(polarity("It rained.", "It rained.").is_empty());
    }
}
