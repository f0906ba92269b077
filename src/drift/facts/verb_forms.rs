//! Verb forms: what verb groups ask of one word (an auxiliary? a past form? a
//! participle?), worked out once per word (see `words`), and its lemma as a verb.
//!
//! English only: the auxiliaries come from `data/lexicon/en/auxiliaries.tsv`, the
//! irregular forms from WordNet.

use crate::text::language::{Language, StemCache};
use crate::text::lexicon::{auxiliaries, invariant_verbs, verb_base, verbs};
use ahash::AHashSet;
use std::sync::OnceLock;

/// Whether `w` is `stem` plus `suffix` for a verb `stem`, the way English spells it:
/// "want-ed", "agree-d", "stopp-ed", "carri-ed", "mak-ing".
fn inflects(w: &str, suffix: &str) -> bool {
    let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 2) else {
        return false;
    };
    let lexicon = verbs();
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 3 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    lexicon.contains(stem)
        || lexicon.contains(format!("{stem}e").as_str())
        || (doubled && lexicon.contains(&stem[..stem.len() - 1]))
        || stem
            .strip_suffix('i')
            .is_some_and(|s| lexicon.contains(format!("{s}y").as_str()))
}

/// A present participle of a known verb ("firing", "running").
fn is_ing(w: &str) -> bool {
    inflects(w, "ing")
}

/// A past form or past participle: regular "-ed" of a known verb ("agreed"), or an
/// irregular form ("took", "known"). A verb with irregular forms has no regular
/// one: "seed" is not "see" + "d".
fn is_past_form(w: &str) -> bool {
    if verb_base().get(w).is_some_and(|&b| b != w) {
        return true;
    }
    let irregular = |stem: &str| irregular_bases().contains(stem);
    (inflects(w, "ed") && !irregular(&w[..w.len() - 2]))
        || (inflects(w, "d") && !irregular(&w[..w.len() - 1]))
}

/// Verbs with an irregular past form.
fn irregular_bases() -> &'static AHashSet<&'static str> {
    static BASES: OnceLock<AHashSet<&'static str>> = OnceLock::new();
    BASES.get_or_init(|| {
        verb_base()
            .iter()
            .filter(|(f, b)| f != b)
            .map(|(_, &b)| b)
            .collect()
    })
}

/// A base or third-person form of a known verb ("take", "shows", "carries").
fn is_plain_form(w: &str) -> bool {
    verbs().contains(w) || inflects(w, "s") || inflects(w, "es")
}

/// The stem of `w`'s base form as a verb ("took" -> "take"): each side keeps it
/// per word.
pub fn lemma(lang: Language, w: &str) -> String {
    let base = verb_base().get(w).copied().unwrap_or(w);
    StemCache::with_thread_cache(|stems| stems.stem(lang, base).to_string())
}

/// What verb groups ask of one word, worked out once per word (see `words`).
#[derive(Debug, Clone, Copy, Default)]
pub struct VerbWord {
    /// An auxiliary's lemma and the tense it gives ("had": "have", past).
    pub auxiliary: Option<(&'static str, &'static str)>,
    /// A past form or past participle ("took", "agreed").
    pub past: bool,
    /// A base or third-person form of a verb with other forms ("take", "shows").
    pub plain: bool,
    /// A present participle ("firing").
    pub ing: bool,
    /// The base form of a known verb.
    pub verb: bool,
}

impl VerbWord {
    pub fn of(w: &str) -> VerbWord {
        VerbWord {
            auxiliary: auxiliaries().get(w).copied(),
            past: is_past_form(w),
            plain: is_plain_form(w) && !invariant_verbs().contains(w),
            ing: is_ing(w),
            verb: verbs().contains(w),
        }
    }
}
