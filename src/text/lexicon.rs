//! Word lists shipped in `data/lexicon/`, compiled in: one set per language.

use crate::text::language::Language;
use ahash::{AHashMap, AHashSet};
use std::sync::OnceLock;

const EN_STOPWORDS: &str = include_str!("../../data/lexicon/en/stopwords.txt");
const EN_NEGATION: &str = include_str!("../../data/lexicon/en/negation.txt");
const EN_ASPECT: &str = include_str!("../../data/lexicon/en/aspect.txt");
const EN_CONNECTIVES: &str = include_str!("../../data/lexicon/en/connectives.txt");
const EN_HEDGES: &str = include_str!("../../data/lexicon/en/hedges.txt");
const EN_QUANTIFIERS: &str = include_str!("../../data/lexicon/en/quantifiers.tsv");
const EN_SYNSETS: &str = include_str!("../../data/lexicon/en/wordnet/synsets.tsv");
const EN_NOT_NAMES: &str = include_str!("../../data/lexicon/en/not_names.txt");
const EN_AUXILIARIES: &str = include_str!("../../data/lexicon/en/auxiliaries.tsv");
const EN_VERB_FORMS: &str = include_str!("../../data/lexicon/en/wordnet/verb_forms.tsv");
const EN_VERBS: &str = include_str!("../../data/lexicon/en/wordnet/verbs.txt");
const EN_INVARIANT_VERBS: &str = include_str!("../../data/lexicon/en/invariant_verbs.txt");
const EN_WORDNET_ANTONYMS: &str = include_str!("../../data/lexicon/en/wordnet/antonyms.tsv");
const EN_ANTONYMS: &str = include_str!("../../data/lexicon/en/antonyms.tsv");
const EN_ADJ_FORMS: &str = include_str!("../../data/lexicon/en/wordnet/adj_forms.tsv");

/// The rows of a tab-separated list, comments and blank lines skipped.
fn rows(list: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn parse(list: &'static str) -> AHashSet<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Function words of `lang` that say nothing about which fact a sentence reports;
/// `None` where no list ships (alignment then relies on term rarity alone).
pub fn stopwords(lang: Language) -> Option<&'static AHashSet<&'static str>> {
    static EN: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    match lang.code {
        "en" => Some(EN.get_or_init(|| parse(EN_STOPWORDS))),
        _ => None,
    }
}

/// English negation cues, each as its sequence of folded words, by first word.
pub fn negation_cues() -> &'static AHashMap<&'static str, Vec<Vec<&'static str>>> {
    static CUES: OnceLock<AHashMap<&'static str, Vec<Vec<&'static str>>>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues: AHashMap<&str, Vec<Vec<&str>>> = AHashMap::new();
        for cue in parse(EN_NEGATION) {
            let words: Vec<&str> = cue.split_whitespace().collect();
            cues.entry(words[0]).or_default().push(words);
        }
        cues.values_mut().for_each(|v| v.sort());
        cues
    })
}

/// English aspect markers ("already", "still", "no longer"), single words only.
pub fn aspect_markers() -> &'static AHashSet<&'static str> {
    static MARKERS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        parse(EN_ASPECT)
            .into_iter()
            .filter(|m| !m.contains(' '))
            .collect()
    })
}

/// English connectives and pronouns the stop list lacks: no content of their own.
pub fn connectives() -> &'static AHashSet<&'static str> {
    static WORDS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| parse(EN_CONNECTIVES))
}

/// English hedges ("allegedly") and certainty markers ("certainly").
pub fn hedges() -> &'static AHashSet<&'static str> {
    static WORDS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| parse(EN_HEDGES))
}

/// English quantifiers: word -> (what it counts: "amount" or "frequency", its rank
/// on that scale, 1 = least).
pub fn quantifiers() -> &'static AHashMap<&'static str, (&'static str, u8)> {
    static WORDS: OnceLock<AHashMap<&'static str, (&'static str, u8)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        rows(EN_QUANTIFIERS)
            .filter(|r| r.len() == 3)
            .filter_map(|r| Some((r[0], (r[1], r[2].parse().ok()?))))
            .collect()
    })
}

/// WordNet's English synsets: which sets each word belongs to, and for each set the
/// sets one step broader.
pub struct Synsets {
    /// The synsets each word is in.
    pub of_word: AHashMap<&'static str, Vec<u32>>,
    /// The synsets one step broader than each synset (its hypernyms).
    pub broader: Vec<Vec<u32>>,
}

impl Synsets {
    /// Whether two words share a sense, or one's sense is one step broader than the
    /// other's ("car" / "automobile", "car" / "vehicle").
    pub fn related(&self, x: &str, y: &str) -> bool {
        let (Some(sx), Some(sy)) = (self.of_word.get(x), self.of_word.get(y)) else {
            return false;
        };
        sx.iter().any(|&a| {
            sy.iter().any(|&b| {
                a == b
                    || self.broader[a as usize].contains(&b)
                    || self.broader[b as usize].contains(&a)
            })
        })
    }

    /// Whether two words share a sense: synonyms ("bureau" / "office"), not a word
    /// and a broader one ("alliance" / "organization").
    pub fn synonyms(&self, x: &str, y: &str) -> bool {
        let (Some(sx), Some(sy)) = (self.of_word.get(x), self.of_word.get(y)) else {
            return false;
        };
        sx.iter().any(|a| sy.contains(a))
    }

    /// Whether WordNet knows the word.
    pub fn knows(&self, w: &str) -> bool {
        self.of_word.contains_key(w)
    }
}

/// WordNet's noun, verb and adjective synsets, read once.
pub fn synsets() -> &'static Synsets {
    static SETS: OnceLock<Synsets> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut of_word: AHashMap<&str, Vec<u32>> = AHashMap::new();
        let mut broader = Vec::new();
        for (i, line) in EN_SYNSETS.lines().enumerate() {
            let (words, up) = line.split_once('\t').unwrap_or((line, ""));
            for w in words.split(' ').filter(|w| !w.is_empty()) {
                of_word.entry(w).or_default().push(i as u32);
            }
            broader.push(up.split(',').filter_map(|n| n.parse().ok()).collect());
        }
        Synsets { of_word, broader }
    })
}

/// WordNet's synsets as shipped, one per line: nouns first, then verbs, adjectives
/// and adverbs (the order `scripts/wordnet-derive.py` writes them in).
pub fn synset_lines() -> &'static str {
    EN_SYNSETS
}

/// Capitalised English words that name no one: honorifics, units, currency codes.
pub fn not_names() -> &'static AHashSet<&'static str> {
    static WORDS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| parse(EN_NOT_NAMES))
}

/// English auxiliary verbs: form -> (lemma, the tense the form carries: "present",
/// "past", "future", "conditional", "modal" or "none").
pub fn auxiliaries() -> &'static AHashMap<&'static str, (&'static str, &'static str)> {
    static AUX: OnceLock<AHashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    AUX.get_or_init(|| {
        rows(EN_AUXILIARIES)
            .filter(|r| r.len() == 3)
            .map(|r| (r[0], (r[1], r[2])))
            .collect()
    })
}

/// English irregular verb forms from WordNet: form -> base ("took" -> "take").
pub fn verb_base() -> &'static AHashMap<&'static str, &'static str> {
    static FORMS: OnceLock<AHashMap<&'static str, &'static str>> = OnceLock::new();
    FORMS.get_or_init(|| {
        rows(EN_VERB_FORMS)
            .filter(|r| r.len() == 2)
            .map(|r| (r[0], r[1]))
            .collect()
    })
}

/// English verbs (base forms) from WordNet.
pub fn verbs() -> &'static AHashSet<&'static str> {
    static VERBS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| parse(EN_VERBS))
}

/// English verbs whose past form is the base form ("cut", "put").
pub fn invariant_verbs() -> &'static AHashSet<&'static str> {
    static VERBS: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| parse(EN_INVARIANT_VERBS))
}

/// English irregular comparatives and superlatives from WordNet: form -> base
/// ("biggest" -> "big").
pub fn adjective_base() -> &'static AHashMap<&'static str, &'static str> {
    static FORMS: OnceLock<AHashMap<&'static str, &'static str>> = OnceLock::new();
    FORMS.get_or_init(|| {
        rows(EN_ADJ_FORMS)
            .filter(|r| r.len() == 2)
            .map(|r| (r[0], r[1]))
            .collect()
    })
}

/// English antonyms: WordNet's (both orders listed), for content words.
pub fn wordnet_antonyms() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(EN_WORDNET_ANTONYMS)
        .filter(|r| r.len() == 2)
        .map(|r| (r[0], r[1]))
}

/// English opposites news turns on that WordNet leaves out, function words among
/// them ("before" / "after"); each pair listed once.
pub fn extra_antonyms() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(EN_ANTONYMS)
        .filter(|r| r.len() == 2)
        .map(|r| (r[0], r[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_list_loads() {
        let en = Language::parse("en").expect("English");
        let stop = stopwords(en).expect("an English list");
        assert!(stop.contains("the") && stop.contains("not") && stop.contains("don't"));
        assert!(!stop.contains("government"));
        assert!(!stop
            .iter()
            .any(|w| w.starts_with('#') || w.chars().any(char::is_uppercase)));
        assert!(stopwords(Language::UNDETERMINED).is_none());
    }
}
