//! Antonym: a word replaced by its opposite ("support" / "oppose", "new" / "old").
//!
//! Opposites come from WordNet (content words, with the indirect antonyms of
//! adjectives) and from a short list of opposites news turns on that WordNet leaves
//! out, function words among them ("before" / "after"). Words are compared by base
//! form, inflections undone ("began" / "ended", "biggest" / "smallest").
//! A pair is drift only when each word is missing from the other side and neither or
//! both are negated: "not good" / "bad" says the same; and it is worth a look only
//! when the two words fill the same place of the two sentences: opposites far
//! apart each say something else. Words WordNet also puts one step apart in
//! meaning are no opposites ("multiple" / "several": its indirect antonyms reach
//! that far).

use super::{Detector, Languages, Pair};
use crate::drift::facts::alignment::same_slot;
use crate::drift::facts::classes::Class;
use crate::drift::facts::cues::denied_by_noun;
use crate::drift::facts::forms::same_sense;
use crate::drift::facts::forms::{unprefixed, Forms};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind};
use crate::text::lexicon::quantifiers;

/// Whether one word is the other with a negative prefix ("aware" / "unaware"), the
/// bare word long enough not to be a chance ending ("discover" is no "cover" negated
/// by length alone, but "dis" + "cover" is: so four letters and a real word, both
/// said as content, is the bar). `x_rest` and `y_rest` are their [`unprefixed`] forms.
fn negative_prefix(x: &str, x_rest: Option<&str>, y: &str, y_rest: Option<&str>) -> bool {
    let prefixed =
        |rest: Option<&str>, short: &str| rest == Some(short) && short.chars().count() >= 4;
    prefixed(x_rest, y) || prefixed(y_rest, x)
}

/// The [`unprefixed`] form of each token of `s`.
fn unprefixed_all<'s>(s: &'s Side) -> Vec<Option<&'s str>> {
    s.tokens.iter().map(|t| unprefixed(&t.norm)).collect()
}

/// How many times each key occurs among a side's base forms, in a table of at
/// most half-full slots: the keys are hashes already, so their low bits place them.
struct Counts {
    /// (key, count), count 0 for an empty slot.
    slots: Vec<(u64, u32)>,
}

impl Counts {
    fn of(keys: &[&[u64]]) -> Counts {
        let n: usize = keys.iter().map(|k| k.len()).sum();
        let mut counts = Counts {
            slots: vec![(0, 0); (2 * n + 1).next_power_of_two()],
        };
        for &key in keys.iter().flat_map(|k| k.iter()) {
            let at = counts.slot(key);
            counts.slots[at] = (key, counts.slots[at].1 + 1);
        }
        counts
    }

    /// The slot that holds `key`, or the empty one where it would go.
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        while self.slots[at].1 != 0 && self.slots[at].0 != key {
            at = (at + 1) & mask;
        }
        at
    }

    fn of_key(&self, key: u64) -> u32 {
        self.slots[self.slot(key)].1
    }
}

/// Whether some word of `a` may have its opposite in `b`: one of its opposites is
/// a base form of a word of `b`, or one word is the other with a negative prefix.
/// Four pairs in five of a corpus's aligned sentences have neither, and are let go
/// before the detector counts both sides' base forms and scans word against word.
fn may_find(a: &Side, b: &Side) -> bool {
    // B's base forms as bits of a 1,024-bit filter (the keys are hashes already):
    // a clear bit rules a key out, a set one is looked up.
    let mut filter = [0u64; 16];
    let bit = |k: u64| ((k >> 6) as usize & 15, 1u64 << (k & 63));
    for j in 0..b.tokens.len() {
        for &k in &b.forms(j).keys {
            let (at, mask) = bit(k);
            filter[at] |= mask;
        }
    }
    let in_b = |&k: &u64| {
        let (at, mask) = bit(k);
        filter[at] & mask != 0 && (0..b.tokens.len()).any(|j| b.forms(j).keys.contains(&k))
    };
    let opposed = (0..a.tokens.len()).any(|i| {
        let forms = a.forms(i);
        forms.any.iter().any(in_b) || (a.content[i] && forms.content.iter().any(in_b))
    });
    // A content word with a negative prefix whose rest is a content word of the other.
    let prefixed = |x: &Side, y: &Side| {
        (0..x.tokens.len())
            .filter(|&i| x.content[i] && x.is(i, Class::Prefixed))
            .filter_map(|i| unprefixed(&x.tokens[i].norm))
            .any(|rest| (0..y.tokens.len()).any(|j| y.content[j] && y.tokens[j].norm == rest))
    };
    opposed || prefixed(a, b) || prefixed(b, a)
}

/// The `antonym` detector (see the module's doc).
pub struct Antonym;

impl Detector for Antonym {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Antonym]
    }

    fn languages(&self) -> Languages {
        Languages::English
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        // A word under a negation, or in the phrase of a noun that denies it
        // ("failure in timely monitoring" / "untimely monitoring"), is not asserted.
        let denied = |s: &Side, k: usize| s.negated[k] || denied_by_noun(s, k);
        let (a, b) = (pair.a, pair.b);
        // A word can be answered by an opposite only if it has one in the tables, or by
        // its negative-prefixed self only if a negative prefix is on either side. Most
        // pairs have no such word, and need nothing more.
        let prefixed_in_b = (0..b.tokens.len()).any(|j| b.is(j, Class::Prefixed));
        let may_answer = |i: usize| {
            a.is(i, Class::Opposed)
                || (a.content[i] && a.is(i, Class::OpposedAsContent))
                || (a.content[i] && (a.is(i, Class::Prefixed) || prefixed_in_b))
        };
        if !(0..a.tokens.len()).any(may_answer) || !may_find(a, b) {
            return;
        }
        let forms_a: Vec<&Forms> = (0..a.tokens.len()).map(|k| a.forms(k)).collect();
        let keys_a: Vec<&[u64]> = forms_a.iter().map(|f| f.keys.as_slice()).collect();
        let keys_b: Vec<&[u64]> = (0..b.tokens.len())
            .map(|k| b.forms(k).keys.as_slice())
            .collect();
        let (rest_a, rest_b) = (unprefixed_all(a), unprefixed_all(b));
        // How many words of each side may be each base form: a word is missing from the
        // other side when that side has fewer of it ("opens ... open" / "opens ... close").
        let (count_a, count_b) = (Counts::of(&keys_a), Counts::of(&keys_b));
        let fewer_in_b = |&k: &u64| count_b.of_key(k) < count_a.of_key(k);
        let fewer_in_a = |&k: &u64| count_a.of_key(k) < count_b.of_key(k);
        let word = |s: &Side, k: usize| -> bool { !s.is_name(k) && !s.is_figure(k) };
        let mut used_b = vec![false; b.tokens.len()];
        for i in 0..a.tokens.len() {
            if !may_answer(i) || !word(a, i) || !keys_a[i].iter().all(fewer_in_b) {
                continue;
            }
            let f = &forms_a[i];
            let content_opposites = if a.content[i] { &f.content[..] } else { &[] };
            // A handful at most: a list reads faster than a set.
            let wanted: Vec<u64> = f.any.iter().chain(content_opposites).copied().collect();
            // Most words have no opposite in the tables: no word of B can be theirs.
            let found = (!wanted.is_empty())
                .then(|| {
                    (0..b.tokens.len()).find(|&j| {
                        !used_b[j]
                    && word(b, j)
                    && keys_b[j].iter().any(|k| wanted.contains(k))
                    && keys_b[j].iter().all(fewer_in_a)
                    // WordNet's opposites hold between content words only.
                    && (b.content[j] || keys_b[j].iter().any(|k| f.any.contains(k)))
                    && denied(a, i) == denied(b, j)
                    })
                })
                .flatten();
            // Or the same word with a negative prefix ("enthused" / "unenthused").
            let found = found.or_else(|| {
                (0..b.tokens.len()).find(|&j| {
                    a.content[i]
                        && !used_b[j]
                        && b.content[j]
                        && negative_prefix(
                            &a.tokens[i].norm,
                            rest_a[i],
                            &b.tokens[j].norm,
                            rest_b[j],
                        )
                        && word(b, j)
                        && keys_b[j].iter().all(fewer_in_a)
                        && denied(a, i) == denied(b, j)
                })
            });
            let Some(j) = found else { continue };
            // Quantifiers a rank apart on one scale are a rewording ("multiple" /
            // "several"), whatever WordNet's indirect opposites say; `quantity` reads
            // them.
            let rank = |s: &Side, k: usize| quantifiers().get(s.tokens[k].norm.as_str()).copied();
            if let (Some((sx, rx)), Some((sy, ry))) = (rank(a, i), rank(b, j)) {
                if sx == sy && rx.abs_diff(ry) <= 1 {
                    continue;
                }
            }
            // Two sides that each name both poles ("the closing of one chapter and the
            // opening of a new one" / "the end of a chapter and the beginning of a new
            // one") keep the contrast, whichever words they use.
            // Only words of its own count: a pole both sides say ("larger ... smaller" in
            // each) is no contrast of one side's making.
            let opposites_in = |s: &Side, keys: &[&[u64]], k: usize, own: &dyn Fn(&u64) -> bool| {
                let poles = s.forms(k);
                let pole = |key: &u64| poles.any.contains(key) || poles.content.contains(key);
                (0..s.tokens.len())
                    .any(|o| o != k && keys[o].iter().any(pole) && keys[o].iter().all(own))
            };
            if opposites_in(a, &keys_a, i, &fewer_in_b) && opposites_in(b, &keys_b, j, &fewer_in_a)
            {
                continue;
            }
            used_b[j] = true;
            let text = |s: &Side, k: usize| -> String {
                s.text[s.tokens[k].start..s.tokens[k].end].to_string()
            };
            if same_sense(&f.bases, &b.forms(j).bases) {
                continue;
            }
            let (ev_a, ev_b) = (vec![a.span(i)], vec![b.span(j)]);
            let severity = if same_slot(a, i, b, j) {
                severity::ANTONYM_OPPOSITE
            } else {
                severity::ANTONYM_ELSEWHERE
            };
            out.push(pair.finding(
                DriftKind::Antonym,
                severity,
                ev_a,
                ev_b,
                format!(
                    "A says \"{}\", B the opposite: \"{}\"",
                    text(a, i),
                    text(b, j)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        negative_prefix: Antonym drifts(
            "The unions should be aware of the current state.",
            "The unions should be unaware of the current state.",
        ) == ANTONYM_OPPOSITE.close;
        new_for_old: Antonym drifts(
            "She knows the word from the new exchange log.",
            "She knows the word from the old exchange log.",
        ) == ANTONYM_OPPOSITE.close;
        irregular_forms: Antonym drifts("The campaign began in May.", "The campaign ended in May.") == ANTONYM_OPPOSITE.close;
        superlatives: Antonym drifts("It is the biggest city in the region.", "It is the smallest city in the region.") == ANTONYM_OPPOSITE.close;
        support_for_oppose: Antonym drifts("The senator will support the bill.", "The senator will oppose the bill.") == ANTONYM_OPPOSITE.close;
        function_words: Antonym drifts("Prices rose before the vote.", "Prices rose after the vote.") == ANTONYM_OPPOSITE.close;
        negated_opposite: Antonym same("The result was not good.", "The result was bad.");
        quantifiers_a_rank_apart: Antonym same("Multiple embassies are near the palace.", "Several embassies are near the palace.");
        quantifiers_far_apart: Antonym drifts("Many embassies are near the palace.", "Few embassies are near the palace.") >= 0.5;
        denied_by_a_noun: Antonym same(
            "It exposed the untimely monitoring of the epidemic.",
            "It exposed the failure in timely monitoring of the epidemic.",
        );
        both_poles_on_each_side: Antonym same("The new law and the old law differ.", "The old law and the new law differ.");
        synonym: Antonym same("The senator will support the bill.", "The senator will back the bill.");
        big_for_large: Antonym same("It was a big city.", "It was a large city.");
        contrast_kept_in_other_words: Antonym same(
            "This is the closing of one chapter and the opening of a new one.",
            "This is the end of a chapter and the beginning of a new one.",
        );
        // A free rendition: opposites in the same place of the sentence are drift,
        // opposites far apart are not.
        same_place_in_free_rendition: Antonym drifts(
            "Officials strongly support the plan, the ministry said.",
            "The ministry says its officials oppose the plan.",
        ) == ANTONYM_OPPOSITE.close;
        far_apart_in_free_rendition: Antonym same(
            "He was given a prize for the film he made last year.",
            "The jury praised the movie, and its director took the award home.",
        ) >= 0.5;
    }
}
