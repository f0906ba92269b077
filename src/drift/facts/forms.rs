//! Word forms and opposites: the base forms a word may be ("began" -> "begin",
//! "biggest" -> "big") and the opposites of those forms, from WordNet (content
//! words, with the indirect antonyms of adjectives) and from a short list of
//! opposites news turns on that WordNet leaves out, function words among them
//! ("before" / "after"). `antonym` reports the opposites, `quantity` and
//! `substitution` leave them to it, and `substitution` compares base forms.

use crate::text::lexicon::{adjective_base, extra_antonyms, synsets, verb_base, wordnet_antonyms};
use ahash::AHashMap;
use std::sync::OnceLock;

/// Opposites by base form: `content` for content words, `any` for every word.
struct Opposites {
    content: AHashMap<&'static str, Vec<&'static str>>,
    any: AHashMap<&'static str, Vec<&'static str>>,
}

fn opposites() -> &'static Opposites {
    static TABLE: OnceLock<Opposites> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut content: AHashMap<&str, Vec<&str>> = AHashMap::new();
        let mut any: AHashMap<&str, Vec<&str>> = AHashMap::new();
        for (x, y) in wordnet_antonyms() {
            content.entry(x).or_default().push(y);
        }
        for (x, y) in extra_antonyms() {
            any.entry(x).or_default().push(y);
            any.entry(y).or_default().push(x);
        }
        Opposites { content, any }
    })
}

/// Inflections English spells regularly, as (suffix, what replaces it), in the
/// manner of WordNet's morphy: "carries" -> "carry", "closed" -> "close",
/// "faster" -> "fast".
const INFLECTIONS: [(&str, &str); 19] = [
    ("ly", ""),
    ("ily", "y"),
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
];

/// The base forms a word may be: itself, an irregular form's base ("began" ->
/// "begin", "biggest" -> "big") and its regular inflections' (doubled final
/// consonants undone: "stopped" -> "stop").
pub fn bases(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    out.extend(verb_base().get(w).map(|b| b.to_string()));
    out.extend(adjective_base().get(w).map(|b| b.to_string()));
    // "-ly" makes an adverb of an adjective ("densely"); a word WordNet knows as it
    // is ("likely", "early", "family") is no such adverb ("like", "ear").
    let known = synsets().knows(w);
    for (suffix, with) in INFLECTIONS {
        let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 2) else {
            continue;
        };
        if known && suffix.ends_with("ly") {
            continue;
        }
        out.push(format!("{stem}{with}"));
        let b = stem.as_bytes();
        if with.is_empty() && b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
            out.push(stem[..stem.len() - 1].to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether two words are opposites in the tables (in some form of each).
pub fn opposite(x: &str, y: &str) -> bool {
    let table = opposites();
    let ys = bases(y);
    bases(x).iter().any(|k| {
        let any = table.any.get(k.as_str()).into_iter().flatten();
        any.chain(table.content.get(k.as_str()).into_iter().flatten())
            .any(|o| ys.iter().any(|b| b == o))
    })
}

/// Whether two words mean the same as far as WordNet tells, by their [`bases`]:
/// a base in common, a shared sense, or senses one step apart ("expect" /
/// "suppose", "said" / "stated").
pub fn same_sense(bx: &[String], by: &[String]) -> bool {
    let sets = synsets();
    bx.iter()
        .any(|p| by.iter().any(|q| p == q || sets.related(p, q)))
}

/// Prefixes that turn a word into its opposite.
const NEGATIVE_PREFIXES: [&str; 3] = ["un", "non", "dis"];

/// A word without its negative prefix ("unaware" -> "aware"), if it has one.
pub fn unprefixed(w: &str) -> Option<&str> {
    NEGATIVE_PREFIXES
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .map(|rest| rest.trim_start_matches('-'))
}

/// What the detectors ask of one word: its base forms and their opposites.
pub struct Forms {
    /// [`bases`] of the word.
    pub bases: Vec<String>,
    /// The bases as numbers (see [`key`]), in the same order.
    pub keys: Vec<u64>,
    /// Opposites of any base in the short list (for every word), as numbers.
    pub any: Vec<u64>,
    /// Opposites of any base in WordNet (for content words), as numbers.
    pub content: Vec<u64>,
}

/// A word as a number: `antonym` compares base forms many times per pair, and
/// numbers compare and hash faster than strings (64 bits: no two words of a
/// language share one but by a chance in billions of billions).
fn key(word: &str) -> u64 {
    crate::hash::term_hash(word)
}

impl Forms {
    /// The forms of word `w` (each side works them out once per word: see
    /// `words`).
    pub fn of(w: &str) -> Forms {
        let table = opposites();
        let bases = bases(w);
        let of = |t: &AHashMap<&'static str, Vec<&'static str>>| -> Vec<u64> {
            bases
                .iter()
                .filter_map(|k| t.get(k.as_str()))
                .flatten()
                .map(|o| key(o))
                .collect()
        };
        let (any, content) = (of(&table.any), of(&table.content));
        Forms {
            keys: bases.iter().map(|b| key(b)).collect(),
            bases,
            any,
            content,
        }
    }

    /// Whether the word has an opposite in the short list.
    pub fn opposed(&self) -> bool {
        !self.any.is_empty()
    }

    /// Whether the word has an opposite in WordNet.
    pub fn opposed_as_content(&self) -> bool {
        !self.content.is_empty()
    }

    /// No forms: a word outside English.
    pub fn none() -> Forms {
        Forms {
            bases: Vec::new(),
            keys: Vec::new(),
            any: Vec::new(),
            content: Vec::new(),
        }
    }
}
