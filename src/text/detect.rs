//! Which language an article is in, when the record does not say: the function
//! words of the languages `lexicon` has lists for first, whatlang's trigrams after.

use super::language::{from_whatlang, Language, STEMMED};
use super::lexicon::stopwords;
use super::normalize::fold_into;
use super::tokenize::{spans, TokenKind};
use ahash::AHashSet;

/// Detection below this confidence leaves the language undetermined.
const MIN_CONFIDENCE: f64 = 0.5;
/// Detection reads at most this many bytes: plenty for a confident answer.
const DETECT_BYTES: usize = 4096;

impl Language {
    /// Detects the language of `text`, or [`Language::UNDETERMINED`].
    ///
    /// Prose whose opening words are mostly the function words of a language
    /// dupdrift has a list for is taken to be in it at once: a few hash lookups
    /// instead of a trigram model over kilobytes. Anything else goes to whatlang.
    pub fn detect(text: &str) -> Language {
        by_function_words(text).unwrap_or_else(|| by_trigrams(text))
    }
}

/// Words the function-word test reads: enough for a stable share.
const SAMPLE_WORDS: usize = 100;
/// Fewer words than this say too little.
const MIN_SAMPLE_WORDS: usize = 30;
/// Share of function words from which prose is in that language. Prose runs at
/// 40-55% function words in its own language, and rarely above 10% in the list
/// of another.
const FUNCTION_WORD_SHARE: f64 = 0.3;

/// The language whose function words make up most of the opening of `text`,
/// when that share is high and no other language's comes near it.
fn by_function_words(text: &str) -> Option<Language> {
    let listed: Vec<(Language, &AHashSet<&str>)> = STEMMED
        .iter()
        .filter_map(|&(code, _, _, alg)| {
            let lang = Language::stemmed(code, alg);
            stopwords(lang).map(|list| (lang, list))
        })
        .collect();
    let mut hits = vec![0usize; listed.len()];
    let mut words = 0;
    let mut norm = String::new();
    for span in spans(text)
        .filter(|s| s.kind == TokenKind::Word)
        .take(SAMPLE_WORDS)
    {
        fold_into(&text[span.start..span.end], &mut norm);
        words += 1;
        for (hit, (_, list)) in hits.iter_mut().zip(&listed) {
            *hit += usize::from(list.contains(norm.as_str()));
        }
    }
    if words < MIN_SAMPLE_WORDS {
        return None;
    }
    let mut ranked: Vec<(usize, Language)> =
        hits.into_iter().zip(listed.iter().map(|l| l.0)).collect();
    ranked.sort_by_key(|&(hit, lang)| (std::cmp::Reverse(hit), lang.code));
    let (best, lang) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.0);
    let share = best as f64 / words as f64;
    (share >= FUNCTION_WORD_SHARE && best > 2 * second).then_some(lang)
}

/// whatlang's trigram detection over the first few kilobytes.
fn by_trigrams(text: &str) -> Language {
    let mut cut = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match whatlang::detect(&text[..cut]) {
        Some(info) if info.confidence() >= MIN_CONFIDENCE => from_whatlang(info.lang()),
        _ => Language::UNDETERMINED,
    }
}
