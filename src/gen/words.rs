//! Words to build prose from: English word lists (`data/gen/en/`, compiled in) with
//! a long tail of WordNet nouns, drawn with Zipf-like frequencies; and a vocabulary
//! of made-up words for tests that need words no stemmer merges.

use super::rng::Rng;
use crate::text::lexicon;
use ahash::{AHashMap, AHashSet};
use std::sync::OnceLock;

const VERBS: &str = include_str!("../../data/gen/en/verbs.tsv");
const NOUNS: &str = include_str!("../../data/gen/en/nouns.tsv");
const ADJECTIVES: &str = include_str!("../../data/gen/en/adjectives.txt");
const GROUPS: &str = include_str!("../../data/gen/en/groups.txt");
const FIRST_NAMES: &str = include_str!("../../data/gen/en/first_names.txt");
const SURNAMES: &str = include_str!("../../data/gen/en/surnames.txt");
const PLACES: &str = include_str!("../../data/gen/en/places.txt");

/// The first synsets of WordNet 3.0's verbs, adjectives and adverbs in
/// `synsets.tsv`, which holds them in that order after the nouns.
const FIRST_VERB_SYNSET: &str = "\nbreathe respire suspire\t";
const FIRST_ADJECTIVE_SYNSET: &str = "\nable\t\nunable\t";
const FIRST_ADVERB_SYNSET: &str = "\nad\t\nce\t\nbc\t";

/// A verb in the forms a sentence needs.
#[derive(Debug, Clone)]
pub struct Verb {
    pub base: &'static str,
    /// Third person singular present ("approves").
    pub third: String,
    pub past: String,
    pub participle: String,
}

/// A countable noun.
#[derive(Debug, Clone)]
pub struct Noun {
    pub singular: &'static str,
    /// Not rendered yet (objects are written in the singular); the word list
    /// gives it where the rule would get it wrong, and the tests check both.
    #[allow(dead_code)]
    pub plural: String,
}

/// Everything English prose is drawn from.
pub struct English {
    /// News's common verbs (`data/gen/en/verbs.tsv`), then WordNet's regular ones.
    pub verbs: Vec<Verb>,
    pub nouns: Vec<Noun>,
    /// News's common adjectives, then WordNet's.
    pub adjectives: Vec<&'static str>,
    /// Groups of people, as plural nouns ("officials").
    pub groups: Vec<&'static str>,
    pub first_names: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    pub places: Vec<&'static str>,
    /// Nouns for objects, commonest first: the common nouns, then WordNet's other
    /// nouns, those with more senses first.
    pub objects: Vec<&'static str>,
    head_verbs: usize,
    head_adjectives: usize,
    verb_freq: Zipf,
    rare_verb_freq: Zipf,
    noun_freq: Zipf,
    adjective_freq: Zipf,
    rare_adjective_freq: Zipf,
    object_freq: Zipf,
}

/// The English word lists, loaded once.
pub fn english() -> &'static English {
    static EN: OnceLock<English> = OnceLock::new();
    EN.get_or_init(English::load)
}

fn rows(list: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn words(list: &'static str) -> Vec<&'static str> {
    rows(list).map(|r| r[0]).collect()
}

/// "approve" -> "approves", "finish" -> "finishes", "deny" -> "denies".
fn third_person(base: &str) -> String {
    sibilant_plural(base).unwrap_or_else(|| format!("{base}s"))
}

/// The "-es"/"-ies" forms of a word (verb or noun) that takes one.
fn sibilant_plural(w: &str) -> Option<String> {
    let consonant_y = w.ends_with('y') && !w[..w.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        Some(format!("{}ies", &w[..w.len() - 1]))
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        Some(format!("{w}es"))
    } else {
        None
    }
}

impl English {
    fn load() -> English {
        let mut verbs: Vec<Verb> = rows(VERBS)
            .filter(|r| r.len() == 3)
            .map(|r| Verb {
                base: r[0],
                third: third_person(r[0]),
                past: r[1].to_string(),
                participle: r[2].to_string(),
            })
            .collect();
        let head_verbs = verbs.len();
        let head: Vec<&str> = verbs.iter().map(|v| v.base).collect();
        verbs.extend(regular_verbs(&head));
        let nouns: Vec<Noun> = rows(NOUNS)
            .map(|r| Noun {
                singular: r[0],
                plural: match r.get(1) {
                    Some(p) => p.to_string(),
                    None if r[0].ends_with('o') => format!("{}s", r[0]),
                    None => sibilant_plural(r[0]).unwrap_or_else(|| format!("{}s", r[0])),
                },
            })
            .collect();
        let mut adjectives = words(ADJECTIVES);
        let head_adjectives = adjectives.len();
        adjectives.extend(wordnet_tail(Section::Adjectives, &adjectives));
        let mut objects: Vec<&'static str> = nouns.iter().map(|n| n.singular).collect();
        objects.extend(wordnet_tail(Section::Nouns, &objects));
        English {
            // Flat heads: even the commonest content word is in few sentences,
            // as in news, where no noun is in more than a percent or so of them.
            verb_freq: Zipf::new(head_verbs, 100),
            rare_verb_freq: Zipf::bent(verbs.len() - head_verbs, 100, 2048),
            noun_freq: Zipf::new(nouns.len(), 100),
            adjective_freq: Zipf::new(head_adjectives, 100),
            rare_adjective_freq: Zipf::bent(adjectives.len() - head_adjectives, 100, 4096),
            object_freq: Zipf::bent(objects.len(), 100, 8192),
            head_verbs,
            head_adjectives,
            verbs,
            nouns,
            adjectives,
            groups: words(GROUPS),
            first_names: words(FIRST_NAMES),
            surnames: words(SURNAMES),
            places: words(PLACES),
            objects,
        }
    }

    /// A verb: one of news's common ones (which the drift plants know opposites
    /// and synonyms of) three times in five, else one of WordNet's.
    pub fn verb(&self, rng: &mut Rng) -> usize {
        if rng.chance(0.6) {
            self.verb_freq.sample(rng)
        } else {
            self.head_verbs + self.rare_verb_freq.sample(rng)
        }
    }

    pub fn verb_named(&self, base: &str) -> Option<&Verb> {
        self.verbs.iter().find(|v| v.base == base)
    }

    pub fn noun(&self, rng: &mut Rng) -> &Noun {
        &self.nouns[self.noun_freq.sample(rng)]
    }

    /// An adjective: a common one half the time, else one of WordNet's.
    pub fn adjective(&self, rng: &mut Rng) -> &'static str {
        if rng.chance(0.5) {
            self.adjectives[self.adjective_freq.sample(rng)]
        } else {
            self.adjectives[self.head_adjectives + self.rare_adjective_freq.sample(rng)]
        }
    }

    /// A noun for an object, commonest first (see [`English::objects`]).
    pub fn object(&self, rng: &mut Rng) -> &'static str {
        self.objects[self.object_freq.sample(rng)]
    }
}

#[derive(Clone, Copy)]
enum Section {
    Nouns,
    Adjectives,
}

/// The lines of one part of speech in WordNet's synsets.
fn section(part: Section) -> &'static str {
    let lines = lexicon::synset_lines();
    let at = |marker: &str| lines.find(marker).map_or(lines.len(), |i| i + 1);
    match part {
        Section::Nouns => &lines[..at(FIRST_VERB_SYNSET)],
        Section::Adjectives => &lines[at(FIRST_ADJECTIVE_SYNSET)..at(FIRST_ADVERB_SYNSET)],
    }
}

/// How many synsets of any part of speech each word is in: its senses.
fn senses() -> AHashMap<&'static str, u32> {
    let mut senses: AHashMap<&str, u32> = AHashMap::new();
    for line in lexicon::synset_lines().lines() {
        for w in line.split('\t').next().unwrap_or("").split(' ') {
            *senses.entry(w).or_default() += 1;
        }
    }
    senses
}

/// Words other kinds of meaning are read from (calendar names, number words,
/// negations, hedges, quantifiers, function words), or that are not plain words
/// (4 to 12 lower-case letters, a vowel among them).
fn unfit(w: &str) -> bool {
    let plain = (4..=12).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && w.contains(['a', 'e', 'i', 'o', 'u']);
    let en = crate::text::language::Language::parse("en").expect("English is known");
    !plain
        || CALENDAR_AND_NUMBERS.contains(&w)
        || lexicon::stopwords(en).is_some_and(|s| s.contains(w))
        || lexicon::hedges().contains(w)
        || lexicon::quantifiers().contains_key(w)
        || lexicon::negation_cues().contains_key(w)
        || lexicon::not_names().contains(w)
}

/// `words` less the unfit and those in `head`, by number of senses (a word's
/// senses grow with its use), ties in a fixed shuffled order, the same for every
/// corpus seed.
fn by_senses(words: impl Iterator<Item = &'static str>, head: &[&str]) -> Vec<&'static str> {
    let mut seen: AHashSet<&str> = head.iter().copied().collect();
    let mut out: Vec<&'static str> = words.filter(|w| !unfit(w) && seen.insert(w)).collect();
    let mut rng = Rng::new(0x00b1_ec75);
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    let senses = senses();
    out.sort_by_key(|w| std::cmp::Reverse(senses.get(w).copied().unwrap_or(0)));
    out
}

/// WordNet's single words of one part of speech beyond `head`, commonest first: the
/// long tail that keeps a large corpus's vocabulary growing as a real one's does.
fn wordnet_tail(part: Section, head: &[&str]) -> Vec<&'static str> {
    let words = section(part)
        .lines()
        .flat_map(|line| line.split('\t').next().unwrap_or("").split(' '));
    by_senses(words, head)
}

/// WordNet's regular verbs beyond `head`, with their forms made by rule: those
/// whose forms are irregular are left out, and so are those that may double their
/// last consonant ("stop", "stopped") or add a "k" ("panic").
fn regular_verbs(head: &[&str]) -> Vec<Verb> {
    let irregular: AHashSet<&str> = lexicon::verb_base().values().copied().collect();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let may_double = |w: &str| {
        let b = w.as_bytes();
        let n = b.len();
        n >= 3
            && !vowel(b[n - 1])
            && !b"wxy".contains(&b[n - 1])
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
    };
    let mut bases: Vec<&'static str> = lexicon::verbs()
        .iter()
        .copied()
        .filter(|w| !irregular.contains(w) && !may_double(w) && !w.ends_with('c'))
        .collect();
    // The set's order is not fixed: sort first, so the shuffle is.
    bases.sort_unstable();
    by_senses(bases.into_iter(), head)
        .into_iter()
        .map(|base| {
            let past = if base.ends_with('e') {
                format!("{base}d")
            } else if base.ends_with('y') && !vowel(base.as_bytes()[base.len() - 2]) {
                format!("{}ied", &base[..base.len() - 1])
            } else {
                format!("{base}ed")
            };
            Verb {
                base,
                third: third_person(base),
                participle: past.clone(),
                past,
            }
        })
        .collect()
}

const CALENDAR_AND_NUMBERS: [&str; 55] = [
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "zero",
    "three",
    "four",
    "five",
    "seven",
    "eight",
    "nine",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "percent",
    "half",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
];

/// A Zipf-Mandelbrot distribution over ranks `0..n`: rank `r` has weight
/// `1 / (r + q)`. Weights are integers (2^40 / (r + q)) so sampling is exact
/// integer arithmetic, the same on every machine.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    pub fn new(n: usize, q: u64) -> Zipf {
        Zipf::bent(n, q, u64::MAX >> 24)
    }

    /// Falls off as `1 / (r + q)` up to about rank `k`, then twice as fast: weight
    /// `1 / ((r + q) (1 + r / k))`, for a long tail that is there but thin.
    pub fn bent(n: usize, q: u64, k: u64) -> Zipf {
        let mut total = 0u64;
        let cumulative = (0..n as u64)
            .map(|r| {
                let w = ((1u128 << 40) * k as u128) / ((r + q) as u128 * (k + r) as u128);
                total += w as u64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a non-empty distribution");
        let x = ((rng.next_u64() as u128 * total as u128) >> 64) as u64;
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// `n` pronounceable made-up words (three syllables and an `x`: "kalomix"), so
/// that no stemmer merges two of them and none is an English word.
pub fn made_up(n: usize) -> Vec<String> {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "du", "zo", "ba", "fi", "gu", "he",
        "jo",
    ];
    (0..n)
        .map(|i| {
            let (a, b, c) = (i % 16, (i / 16) % 16, (i / 256) % 16);
            format!("{}{}{}x", SYL[a], SYL[b], SYL[c])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_load_with_their_forms() {
        let en = english();
        assert!(en.verbs.len() >= 100 && en.nouns.len() >= 200);
        let deny = en.verb_named("deny").expect("deny");
        assert_eq!(
            (deny.third.as_str(), deny.past.as_str()),
            ("denies", "denied")
        );
        assert_eq!(en.verb_named("finish").expect("finish").third, "finishes");
        let plural = |s: &str| {
            en.nouns
                .iter()
                .find(|n| n.singular == s)
                .map(|n| n.plural.clone())
        };
        assert_eq!(plural("policy").as_deref(), Some("policies"));
        assert_eq!(plural("tax").as_deref(), Some("taxes"));
        assert_eq!(plural("person").as_deref(), Some("people"));
        assert_eq!(plural("day"), None);
        // The WordNet tail is there, without calendar words.
        assert!(en.objects.len() > 40_000, "{}", en.objects.len());
        assert!(!en.objects.contains(&"march") && !en.objects.contains(&"monday"));
        let distinct: AHashSet<&str> = en.objects.iter().copied().collect();
        assert_eq!(distinct.len(), en.objects.len());
    }

    #[test]
    fn zipf_favours_low_ranks() {
        let z = Zipf::new(1000, 1);
        let mut rng = Rng::new(3);
        let draws: Vec<usize> = (0..20_000).map(|_| z.sample(&mut rng)).collect();
        let top = draws.iter().filter(|&&r| r < 10).count();
        let bottom = draws.iter().filter(|&&r| r >= 990).count();
        assert!(draws.iter().all(|&r| r < 1000));
        assert!(top > 20 * bottom.max(1), "top {top}, bottom {bottom}");
    }

    #[test]
    fn made_up_words_are_distinct() {
        let v = made_up(4096);
        let set: AHashSet<&String> = v.iter().collect();
        assert_eq!(set.len(), 4096);
    }
}
