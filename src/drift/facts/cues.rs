//! Negation cues: the words that negate ("not", "never", "denied", "-n't"), each
//! with the content words it covers after it in its clause (its scope) and the
//! content words of that whole clause. `polarity` compares the cues of two sides;
//! `aspect` and `antonym` ask whether a token lies under one. Each side finds its
//! own once, from its words (see `side`).

use super::classes::Class;
use super::words::Words;
use crate::text::lexicon::negation_cues;

/// Content words a negation covers after its cue.
const SCOPE_WORDS: usize = 5;
/// Words that start a new clause, ending a negation's scope.
const CLAUSE_STARTS: [&str; 7] = [
    "but", "while", "although", "whereas", "however", "though", "yet",
];

/// Prepositions that end the noun phrase a "without" or a "no" takes.
const PREPOSITIONS: [&str; 10] = [
    "of", "in", "on", "at", "for", "from", "with", "by", "to", "about",
];

/// A negation cue: its tokens, the content words it covers, and the content words
/// of its whole clause. Each side finds its own once (see `side`).
pub struct Cue {
    pub first: usize,
    pub last: usize,
    pub scope: Vec<usize>,
    pub clause: Vec<usize>,
}

/// Whether token `j` starts a new clause: "but", "while", ..., and "yet" unless it
/// follows a negation ("has not yet been seen" is one clause).
fn starts_clause(side: &Words, j: usize) -> bool {
    let w = side.tokens[j].norm.as_str();
    let after_negation = j > 0 && {
        let prev = side.tokens[j - 1].norm.as_str();
        matches!(prev, "not" | "no" | "never" | "nothing") || prev.ends_with("n't")
    };
    CLAUSE_STARTS.contains(&w) && (w != "yet" || !after_negation)
}

/// Nouns that deny what their "of", "in" or "to" phrase names ("failure in timely
/// monitoring", "lack of accurate data"): not negation cues of a clause, but enough
/// to say that a word right after them is not asserted.
const DENYING_NOUNS: [&str; 6] = [
    "failure",
    "failures",
    "lack",
    "absence",
    "inability",
    "refusal",
];

/// Whether token `k` stands in the phrase of a [`DENYING_NOUNS`] noun, one word
/// or two after its preposition ("failure in timely monitoring").
pub fn denied_by_noun(side: &Words, k: usize) -> bool {
    (k.saturating_sub(3)..k).any(|p| {
        p + 1 < k
            && DENYING_NOUNS.contains(&side.tokens[p].norm.as_str())
            && matches!(side.tokens[p + 1].norm.as_str(), "of" | "in" | "to")
            && (p + 2..k).all(|q| !side.clause_break_after(q - 1))
    })
}

/// The content tokens of the clause holding token `k`.
pub fn clause_of(side: &Words, k: usize) -> Vec<usize> {
    let mut first = k;
    while first > 0 && !side.clause_break_after(first - 1) && !starts_clause(side, first) {
        first -= 1;
    }
    let mut last = k;
    while !side.clause_break_after(last) && !starts_clause(side, last + 1) {
        last += 1;
    }
    (first..=last).filter(|&j| side.content[j]).collect()
}

/// The negation cues of an English side, in text order.
pub fn cues(side: &Words) -> Vec<Cue> {
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
        // "not only ... but also" adds, it does not negate; "not even half", "not
        // even three months" bound a quantity ("less than half"), where "did not
        // even score" still negates.
        let next = |d: usize| norms.get(k + d).copied();
        let focus = matches!(next(1), Some("only" | "just" | "merely" | "simply"));
        let bound = next(1) == Some("even")
            && (k + 2 < norms.len() && side.is_figure(k + 2) || next(2) == Some("half"));
        // "can't wait for the season": eager, not denied.
        let eager = matches!(norms[k], "can't" | "cannot" | "couldn't") && next(1) == Some("wait");
        // "whether or not", "believe it or not": an alternative, not a denial.
        let alternative = norms[k] == "not" && k > 0 && norms[k - 1] == "or";
        if eager || alternative || norms[k] == "not" && (focus || bound) {
            k += 1;
            continue;
        }
        let last = k + len - 1;
        let mut scope = Vec::new();
        let mut j = last;
        // "without", "no" and a verb that negates its object ("avoid") negate the
        // noun phrase they take, not what that phrase's preposition adds ("the
        // minister without portfolio of the Government", "no permission of fishing").
        let phrase_only = matches!(
            norms[k],
            "without" | "no" | "avoid" | "avoids" | "avoided" | "avoiding"
        );
        while scope.len() < SCOPE_WORDS && !side.clause_break_after(j) {
            j += 1;
            if starts_clause(side, j)
                || phrase_only && !scope.is_empty() && PREPOSITIONS.contains(&norms[j])
            {
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
pub fn negated(side: &Words, cues: &[Cue]) -> Vec<bool> {
    let mut out = vec![false; side.tokens.len()];
    for cue in cues {
        let end = cue.scope.iter().copied().max().unwrap_or(cue.last);
        out[cue.first..=end].iter_mut().for_each(|n| *n = true);
    }
    out
}
