//! Quote: the words inside quotation marks changed. A faithful rewrite may reword
//! everything around a quote, but the quote itself is someone's words: "we will
//! not resign" / "we will not step down" is a misquote.
//!
//! Each quote of A is paired with the quote of B that shares most of its content
//! words. A quote carried over with a word or two changed is drift; one worded
//! throughout anew (a translation of the quote) is only worth a look, and a quote
//! turned into reported speech is not drift. Negations, names and figures inside
//! quotes are left to their own detectors.

use super::{Detector, Languages, Pair};
use crate::drift::facts::alignment::near;
use crate::drift::facts::classes::Class;
use crate::drift::facts::forms::same_sense;
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};

/// Quotes of fewer content words are labels ("so-called 'experts'"), not statements.
const MIN_WORDS: usize = 3;
/// Share of a quote's content words the other quote must keep to be the same quote
/// carried over (not a new translation of it).
const CARRIED: f64 = 0.6;
/// Changed words beyond which the quote is worded anew rather than altered.
const MAX_CHANGED: usize = 3;

/// The quoted stretches of a side as byte ranges of the text inside the marks.
fn quotes(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // Every quotation mark is '"' or starts with byte C2 (guillemets), E2 (curly
    // quotes) or E3 (corner brackets): only characters starting so are read. None
    // of these bytes continues a character, so each found starts one. E3 (CJK
    // text) is rare: a text without it is searched for the other three bytes with
    // SIMD, where a loop over every byte was a fifth of this detector.
    let bytes = text.as_bytes();
    let cjk = memchr::memchr(0xE3, bytes).is_some();
    let marks = |from: usize| {
        let rest = &bytes[from..];
        if cjk {
            rest.iter()
                .position(|&b| matches!(b, b'"' | 0xC2 | 0xE2 | 0xE3))
        } else {
            memchr::memchr3(b'"', 0xC2, 0xE2, rest)
        }
        .map(|at| from + at)
    };
    let mut open: Option<(usize, char)> = None;
    let mut next = marks(0);
    while let Some(at) = next {
        let c = text[at..].chars().next().expect("a character starts there");
        next = marks(at + c.len_utf8());
        let closes = |o: char| match o {
            '"' => c == '"',
            '\u{201C}' => c == '\u{201D}',
            '\u{201E}' => c == '\u{201C}' || c == '\u{201D}',
            '\u{AB}' => c == '\u{BB}',
            '\u{BB}' => c == '\u{AB}',
            '\u{300C}' => c == '\u{300D}',
            '\u{300E}' => c == '\u{300F}',
            _ => false,
        };
        match open {
            Some((start, o)) if closes(o) => {
                out.push((start, at));
                open = None;
            }
            None if matches!(
                c,
                '"' | '\u{201C}' | '\u{201E}' | '\u{AB}' | '\u{300C}' | '\u{300E}'
            ) =>
            {
                open = Some((at + c.len_utf8(), c));
            }
            // "»text«" opens with a right guillemet in German typesetting.
            None if c == '\u{BB}' && text[at + c.len_utf8()..].contains('\u{AB}') => {
                open = Some((at + c.len_utf8(), c));
            }
            _ => {}
        }
    }
    out
}

/// Content tokens of a side inside byte range `span`.
fn inside(side: &Side, span: Span) -> Vec<usize> {
    (0..side.tokens.len())
        .filter(|&k| {
            let t = &side.tokens[k];
            t.start >= span.0 && t.end <= span.1 && side.content[k]
        })
        .collect()
}

/// The words of a quote that this detector weighs: its content tokens, names and
/// figures aside (they are `entity`'s and `number`'s).
fn words(side: &Side, inside: &[usize]) -> Vec<usize> {
    inside
        .iter()
        .copied()
        .filter(|&k| !side.is_name(k) && !side.is_figure(k))
        .filter(|&k| !side.is(k, Class::OwnedElsewhere))
        .collect()
}

/// Whether the text outside the quotes is the same words on both sides: a copy, in
/// which a quote has no reason to change, rather than a translation, in which
/// quotes are translated too.
fn copied_around(a: &Side, qa: &[Span], b: &Side, qb: &[Span]) -> bool {
    let outside = |s: &Side, qs: &[Span]| -> Vec<usize> {
        (0..s.tokens.len())
            .filter(|&k| s.content[k])
            .filter(|&k| {
                !qs.iter()
                    .any(|&(x, y)| s.tokens[k].start >= x && s.tokens[k].end <= y)
            })
            .collect()
    };
    let (oa, ob) = (outside(a, qa), outside(b, qb));
    // Too little outside the quotes to tell a copy from a translation.
    if oa.len().min(ob.len()) < MIN_WORDS {
        return false;
    }
    let differ = unanswered(a, &oa, b, &ob).len() + unanswered(b, &ob, a, &oa).len();
    differ as f64 <= 0.1 * (oa.len() + ob.len()).max(1) as f64
}

/// Tokens of `xs` (in side `x`) that no token of `ys` (in side `y`) answers.
fn unanswered(x: &Side, xs: &[usize], y: &Side, ys: &[usize]) -> Vec<usize> {
    let mut used = vec![false; ys.len()];
    xs.iter()
        .copied()
        .filter(|&i| {
            let hit = (0..ys.len())
                .find(|&j| !used[j] && (x.stems[i] == y.stems[ys[j]] || near(x, i, y, ys[j])));
            if let Some(j) = hit {
                used[j] = true;
            }
            hit.is_none()
        })
        .collect()
}

/// Whether the words a quote lost and those it gained answer each other as
/// WordNet synonyms (or one step broader), each of them: "said" / "stated".
fn synonyms_only(a: &Side, lost: &[usize], b: &Side, added: &[usize]) -> bool {
    let related = |i: usize, j: usize| same_sense(&a.forms(i).bases, &b.forms(j).bases);
    !lost.is_empty()
        && !added.is_empty()
        && lost.iter().all(|&i| added.iter().any(|&j| related(i, j)))
        && added.iter().all(|&j| lost.iter().any(|&i| related(i, j)))
}

/// The `quote` detector (see the module's doc).
pub struct Quote;

impl Detector for Quote {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Quote]
    }

    fn languages(&self) -> Languages {
        Languages::Any
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (all_a, all_b) = (quotes(a.text), quotes(b.text));
        // Read only when a quote changed: most pairs have none.
        let copy = std::cell::OnceCell::new();
        let copy = || *copy.get_or_init(|| copied_around(a, &all_a, b, &all_b));
        // Each quote's content tokens, and the words weighed among them: a word is
        // answered by any content token of the other quote, a name among them
        // ("Russian" / "russian").
        let quoted = |s: &Side, q: Span| {
            let all = inside(s, q);
            let weighed = words(s, &all);
            (all, weighed)
        };
        let quotes_b: Vec<(Vec<usize>, Vec<usize>)> = all_b
            .iter()
            .map(|&q| quoted(b, q))
            .filter(|(_, w)| w.len() >= MIN_WORDS)
            .collect();
        for &qa in &all_a {
            let (in_a, wa) = quoted(a, qa);
            if wa.len() < MIN_WORDS {
                continue;
            }
            // The quote of B that answers this one best, counting words either side
            // lacks.
            let best = quotes_b
                .iter()
                .map(|(in_b, wb)| (wb, unanswered(a, &wa, b, in_b), unanswered(b, wb, a, &in_a)))
                .min_by_key(|(_, lost, added)| lost.len() + added.len());
            let Some((wb, lost, added)) = best else {
                continue;
            };
            let carried = |all: &[usize], left: &[usize]| {
                (all.len() - left.len()) as f64 >= CARRIED * all.len() as f64
            };
            if (lost.is_empty() && added.is_empty()) || !carried(&wa, &lost) || !carried(wb, &added)
            {
                continue; // the same words, or not this quote at all
            }
            let changed = lost.len().max(added.len());
            let explanation = if added.is_empty() {
                format!("B's quote leaves out \"{}\"", a.words(&lost, " "))
            } else {
                format!(
                    "A quotes \"{}\", B quotes \"{}\"",
                    a.words(&lost, " "),
                    b.words(&added, " ")
                )
            };
            // Worded anew: a translation of the quote. Its words swapped for synonyms:
            // worth a look. Otherwise its claim changed or words were put in its
            // speaker's mouth: a misquote in a copy, worth a look in a translation.
            let severity = if changed > MAX_CHANGED {
                severity::QUOTE_REWORDED
            } else if pair.lang.code == "en" && synonyms_only(a, &lost, b, &added) {
                severity::QUOTE_SYNONYMS
            } else if copy() {
                severity::QUOTE_ALTERED_IN_COPY
            } else {
                severity::QUOTE_ALTERED_IN_TRANSLATION
            };
            let (ev_a, ev_b) = (
                lost.iter().map(|&k| a.span(k)).collect(),
                added.iter().map(|&k| b.span(k)).collect(),
            );
            out.push(pair.finding(DriftKind::Quote, severity, ev_a, ev_b, explanation));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    #[test]
    fn every_style_of_quotation_mark_is_found() {
        let inside = |text: &str| -> Vec<String> {
            quotes(text)
                .iter()
                .map(|&(x, y)| text[x..y].to_string())
                .collect()
        };
        let mixed = "He said \"one\", then \u{201C}two\u{201D}, \u{201E}three\u{201C}, \
                     \u{AB}four\u{BB} and \u{BB}five\u{AB}; it\u{2019}s \u{2014} done.";
        assert_eq!(inside(mixed), ["one", "two", "three", "four", "five"]);
        // With corner brackets, every kind is still found.
        let cjk = format!("\u{300C}\u{4E00}\u{300D} \u{300E}\u{4E8C}\u{300F} {mixed}");
        assert_eq!(
            inside(&cjk),
            ["\u{4E00}", "\u{4E8C}", "one", "two", "three", "four", "five"]
        );
        assert!(inside("No quotes at all, only an apostrophe\u{2019}s.").is_empty());
        let text = "He said \u{AB}yes\u{BB} and \"no\".";
        let inside: Vec<&str> = quotes(text).iter().map(|&(x, y)| &text[x..y]).collect();
        assert_eq!(inside, ["yes", "no"]);
    }

    drift_cases! {
        misquoted_in_a_copy: Quote drifts(
            "\"We will resign from the coalition tomorrow,\" the party leader said in Berlin.",
            "\u{201C}We will withdraw from the coalition tomorrow,\u{201D} the party leader said in Berlin.",
        ) == QUOTE_ALTERED_IN_COPY.close;
        // Reworded around the quote too: a translation, so only worth a look.
        misquoted_in_a_translation: Quote drifts(
            "\"We will resign from the coalition tomorrow,\" the leader said.",
            "According to the party chief: \u{201C}We will withdraw from the coalition tomorrow.\u{201D}",
        ) == QUOTE_ALTERED_IN_TRANSLATION.close;
        other_quotation_marks: Quote same(
            "\"We will resign from the coalition tomorrow,\" the leader said.",
            "\u{201E}We will resign from the coalition tomorrow\u{201C}, he said.",
        );
        reported_speech: Quote same(
            "\"We will resign from the coalition tomorrow,\" the leader said.",
            "The leader said they would resign from the coalition tomorrow.",
        );
        // Typos and other forms of a word are the same quote.
        typos_and_forms: Quote same(
            "\"We will resign from the coalition tomorrow,\" the leader said.",
            "\"We will resing from the coalitions tomorrow,\" the leader said.",
        );
        words_added_inside_a_quote: Quote drifts(
            "\"We will review the budget plan next week,\" the finance minister told reporters at the party meeting.",
            "\"We will quickly review the whole budget plan next week,\" the finance minister told reporters at the party meeting.",
        ) == QUOTE_ALTERED_IN_COPY.close;
    }
}
