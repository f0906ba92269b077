//! Verb groups: each verb with its auxiliaries, the tense the group carries and its
//! grammatical aspect ("has been warning": present, perfect, progressive), and the
//! pairing of one side's groups with the other's that `tense` and `aspect` compare.
//!
//! English only (the forms of each word are `verb_forms`'). Without a parser a bare
//! word ("take", "report") may be a noun, so such a group counts only when the
//! other side pins the same verb down in the same place. Groups are read off a
//! side's [`Words`], before the side holds them.

use super::words::Words;
use crate::drift::Span;
use crate::text::lexicon::verbs;

/// The time a verb group speaks of, as its form says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Present,
    Past,
    Future,
    Conditional,
    /// can, may, must, should: no tense of their own.
    Modal,
    /// Infinitives and participles standing alone.
    Untensed,
}

impl Tense {
    pub fn name(self) -> &'static str {
        match self {
            Tense::Present => "present",
            Tense::Past => "past",
            Tense::Future => "future",
            Tense::Conditional => "conditional",
            Tense::Modal => "modal",
            Tense::Untensed => "untensed",
        }
    }

    fn parse(s: &str) -> Tense {
        match s {
            "present" => Tense::Present,
            "past" => Tense::Past,
            "future" => Tense::Future,
            "conditional" => Tense::Conditional,
            "modal" => Tense::Modal,
            _ => Tense::Untensed,
        }
    }
}

/// One verb with its auxiliaries: tokens `first..=last`.
#[derive(Debug, Clone)]
pub struct VerbGroup {
    pub first: usize,
    pub last: usize,
    /// Stem of the main verb's base form ("took" -> "take"; "is" -> "be").
    pub lemma: String,
    pub tense: Tense,
    pub perfect: bool,
    pub progressive: bool,
    /// The lemma of its first auxiliary ("will", "be", "have", "do", ...); `None` for a
    /// verb standing alone ("took", "shows").
    pub auxiliary: Option<&'static str>,
    /// An auxiliary or a past form makes it a verb for certain; a bare word may be a noun.
    pub certain: bool,
}

impl VerbGroup {
    /// "present perfect progressive", "past", ...
    pub fn form(&self) -> String {
        let mut s = self.tense.name().to_string();
        if self.perfect {
            s.push_str(" perfect");
        }
        if self.progressive {
            s.push_str(" progressive");
        }
        s
    }
}

/// Adverbs that sit inside a verb group without ending it ("has already been").
const INNER_ADVERBS: [&str; 20] = [
    "not", "never", "also", "already", "still", "just", "always", "often", "ever", "now", "even",
    "all", "both", "yet", "first", "again", "once", "later", "then", "soon",
];

/// Determiners: a bare word after one, or after one and a modifier ("the first
/// launch"), is a noun.
const DETERMINERS: [&str; 13] = [
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
];

/// Subject pronouns: a bare verb after one is finite ("they take").
const SUBJECTS: [&str; 10] = [
    "i", "we", "you", "they", "he", "she", "it", "who", "which", "that",
];

fn is_adverb(side: &Words, k: usize) -> bool {
    let w = side.tokens[k].norm.as_str();
    INNER_ADVERBS.contains(&w) || (w.len() >= 5 && w.ends_with("ly") && !side.is_name(k))
}

/// Whether the word before token `k` lets a bare word there be a finite verb: a
/// content word (the subject, an adverb) or a subject pronoun, not a determiner or
/// a preposition ("the report", "of use").
fn finite_position(side: &Words, k: usize) -> bool {
    let norm = |j: usize| side.tokens[j].norm.as_str();
    // "the first launch": a base form after a determiner and one word is a noun,
    // unless that word is a plural subject ("the officials say").
    let noun_phrase = k >= 2
        && DETERMINERS.contains(&norm(k - 2))
        && !norm(k - 1).ends_with('s')
        && verbs().contains(norm(k));
    k > 0
        && !side.clause_break_after(k - 1)
        && (side.content[k - 1] || SUBJECTS.contains(&norm(k - 1)))
        && !side.is_figure(k - 1)
        && !noun_phrase
}

/// Whether token `k` is written onto the word before it by a hyphen: "fifth-seeded",
/// "larger-screened" are adjectives, not verbs.
fn hyphenated(side: &Words, k: usize) -> bool {
    k > 0 && &side.text[side.tokens[k - 1].end..side.tokens[k].start] == "-"
}

/// The verb groups of an English side, in text order.
pub fn groups(side: &Words) -> Vec<VerbGroup> {
    let norm = |k: usize| side.tokens[k].norm.as_str();
    let word = |k: usize| side.verb_word(k);
    let n = side.tokens.len();
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        let Some((first_lemma, tense)) = word(k).auxiliary else {
            // No auxiliary: a past form or a bare content word after its subject.
            let past = word(k).past;
            let verb = past || word(k).plain;
            let word = verb
                && side.content[k]
                && !side.is_name(k)
                && !side.is_figure(k)
                && !hyphenated(side, k);
            if word && (finite_position(side, k) || (past && k == 0)) {
                out.push(VerbGroup {
                    first: k,
                    last: k,
                    lemma: side.lemma(k).to_string(),
                    tense: if past { Tense::Past } else { Tense::Present },
                    perfect: false,
                    progressive: false,
                    auxiliary: None,
                    certain: past,
                });
            }
            k += 1;
            continue;
        };
        // The chain of auxiliaries, adverbs allowed between them.
        let mut chain = vec![(k, first_lemma)];
        let mut j = k + 1;
        loop {
            let mut m = j;
            while m < n && !side.clause_break_after(m - 1) && is_adverb(side, m) {
                m += 1;
            }
            match (m < n && !side.clause_break_after(m - 1))
                .then(|| word(m).auxiliary)
                .flatten()
            {
                Some((l, _)) if l == "be" || l == "have" => {
                    chain.push((m, l));
                    j = m + 1;
                }
                _ => break,
            }
        }
        // The main verb after the chain, if the last auxiliary takes one.
        let mut m = j;
        while m < n && !side.clause_break_after(m - 1) && is_adverb(side, m) {
            m += 1;
        }
        let (last_at, last_lemma) = *chain.last().expect("a chain has its first auxiliary");
        let head = (m < n && !side.clause_break_after(m - 1) && !side.is_figure(m))
            .then(|| norm(m))
            .filter(|_| match last_lemma {
                "be" => word(m).ing || word(m).past,
                "have" => word(m).past && norm(last_at) != "having",
                // do, will, would and the modals take a bare verb.
                _ => side.content[m] && !side.is_name(m) && word(m).verb,
            });
        // "is going to take": the future, told with "be".
        let going_to =
            head == Some("going") && m + 2 < n && norm(m + 1) == "to" && word(m + 2).verb;
        let (head, m, tense) = if going_to {
            (Some(norm(m + 2)), m + 2, "future")
        } else {
            (head, m, tense)
        };
        if head.is_none() && !matches!(last_lemma, "be" | "have" | "do") {
            k = j; // "can" standing alone: nothing to compare
            continue;
        }
        // Each auxiliary, then the head, as the form that follows the one before.
        let mut forms: Vec<usize> = chain.iter().map(|&(at, _)| at).collect();
        forms.extend(head.map(|_| m));
        let mut perfect = false;
        let mut progressive = false;
        for (i, &(_, l)) in chain.iter().enumerate() {
            let Some(&next) = forms.get(i + 1) else { break };
            perfect |= l == "have" && (word(next).past || norm(next) == "been");
            progressive |= l == "be" && word(next).ing && !going_to;
        }
        let last = if head.is_some() {
            m
        } else {
            chain.last().map_or(k, |c| c.0)
        };
        out.push(VerbGroup {
            first: k,
            last,
            lemma: head.map_or_else(|| last_lemma.to_string(), |_| side.lemma(m).to_string()),
            tense: Tense::parse(tense),
            perfect,
            progressive,
            auxiliary: Some(first_lemma),
            certain: true,
        });
        k = last + 1;
    }
    out
}

/// Whether the words around two groups agree: the word before or the word after,
/// by stem. It places a group when its lemma occurs more than once.
fn same_place(a: &Words, ga: &VerbGroup, b: &Words, gb: &VerbGroup) -> bool {
    let before = ga.first > 0 && gb.first > 0 && a.stems[ga.first - 1] == b.stems[gb.first - 1];
    let after = ga.last + 1 < a.tokens.len()
        && gb.last + 1 < b.tokens.len()
        && a.stems[ga.last + 1] == b.stems[gb.last + 1];
    before || after
}

/// Groups of A paired with groups of B that state the same verb: same lemma, at
/// least one of the two certain, and either in the same place or the only group of
/// that lemma on each side (both certain).
pub fn pairs<'g>(
    a: &Words,
    ga: &'g [VerbGroup],
    b: &Words,
    gb: &'g [VerbGroup],
) -> Vec<(&'g VerbGroup, &'g VerbGroup)> {
    let mut used = vec![false; gb.len()];
    let mut out = Vec::new();
    for x in ga {
        let same: Vec<usize> = (0..gb.len())
            .filter(|&j| gb[j].lemma == x.lemma && (x.certain || gb[j].certain))
            .collect();
        let placed = same
            .iter()
            .copied()
            .find(|&j| !used[j] && same_place(a, x, b, &gb[j]));
        // "be", "have" and "do" stand in many clauses: only their place pairs them.
        let common = matches!(x.lemma.as_str(), "be" | "have" | "do");
        let only = || {
            if common {
                return None;
            }
            let mine = ga
                .iter()
                .filter(|g| g.lemma == x.lemma && g.certain)
                .count();
            let theirs: Vec<usize> = same.iter().copied().filter(|&j| gb[j].certain).collect();
            (x.certain && mine == 1 && theirs.len() == 1 && !used[theirs[0]]).then(|| theirs[0])
        };
        if let Some(j) = placed.or_else(only) {
            used[j] = true;
            out.push((x, &gb[j]));
        }
    }
    out
}

/// The byte span of group `g` of `side`, auxiliaries and all.
pub fn span(side: &Words, g: &VerbGroup) -> Span {
    (side.tokens[g.first].start, side.tokens[g.last].end)
}

/// The words of group `g` of `side` as written.
pub fn words<'t>(side: &Words<'t>, g: &VerbGroup) -> &'t str {
    let (s, e) = span(side, g);
    &side.text[s..e]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::language::Language;

    fn groups_of(text: &str) -> Vec<(String, String)> {
        let en = Language::parse("en").expect("English");
        groups(&Words::new(text, en))
            .iter()
            .filter(|g| g.certain)
            .map(|g| (g.lemma.clone(), g.form()))
            .collect()
    }

    #[test]
    fn tense_and_aspect_of_groups() {
        let g = groups_of("The defenses had already been breached, and police were firing.");
        assert_eq!(
            g,
            [
                ("breach".to_string(), "past perfect".to_string()),
                ("fire".to_string(), "past progressive".to_string())
            ]
        );
        let g = groups_of("Two million people will have been prisoners since 2007.");
        assert_eq!(g, [("be".to_string(), "future perfect".to_string())]);
        let g = groups_of("The plane is going to land, and the first launch failed.");
        assert_eq!(
            g,
            [
                ("land".to_string(), "future".to_string()),
                ("fail".to_string(), "past".to_string())
            ]
        );
        let g = groups_of("Investigators found that he had had free access.");
        assert_eq!(
            g,
            [
                ("find".to_string(), "past".to_string()),
                ("have".to_string(), "past perfect".to_string())
            ]
        );
    }
}
