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
        by_function_words(text, MIN_SAMPLE_WORDS).unwrap_or_else(|| by_trigrams(text))
    }

    /// The language to compare text `a` with text `b` in, detected: as
    /// [`Language::of_pair`] settles it from each text's detected language, but
    /// where the function words of the two texts together decide, they do so at
    /// once, before either text goes to whatlang (most pairs are settled so, and
    /// the trigram model costs more than the comparison itself).
    pub fn detect_pair(a: &str, b: &str) -> Language {
        let both = format!("{a}\n{b}");
        if let Some(lang) = by_function_words(&both, MIN_PAIR_SAMPLE_WORDS) {
            return lang;
        }
        Language::of_pair((a, Language::detect(a)), (b, Language::detect(b)))
    }

    /// The language to compare text `a` with text `b` in, given the language each
    /// was detected in (or stated to be in): `compare` and `pairs` read a pair in
    /// one language, since the English detectors need both sides prepared in it.
    ///
    /// Two sides in one language are read in it. Otherwise the function words of
    /// both texts together decide when they can (from a smaller sample than an
    /// article's: a sentence a side), since a short sentence says too little on its
    /// own and whatlang may take it for another language. Failing that, a side whose
    /// language is undetermined takes the other side's; two undetermined sides, or
    /// two that disagree (a translation), are read in the language whatlang finds
    /// in both texts together, undetermined if none.
    pub fn of_pair((a, lang_a): (&str, Language), (b, lang_b): (&str, Language)) -> Language {
        let und = Language::UNDETERMINED;
        if lang_a == lang_b && lang_a != und {
            return lang_a;
        }
        let both = format!("{a}\n{b}");
        if let Some(lang) = by_function_words(&both, MIN_PAIR_SAMPLE_WORDS) {
            return lang;
        }
        match (lang_a, lang_b) {
            (x, y) if y == und && x != und => x,
            (x, y) if x == und && y != und => y,
            _ => by_trigrams(&both),
        }
    }
}

/// Words the function-word test reads: enough for a stable share.
const SAMPLE_WORDS: usize = 100;
/// Fewer words than this say too little.
const MIN_SAMPLE_WORDS: usize = 30;
/// The same for the two texts of a pair together, when neither is determined on its
/// own: a sentence a side. The share must still hold, so that a few words decide
/// only when a third of them are one language's function words. (The margin over
/// the next language is no test while English is the one language with a list:
/// eight words of a short Dutch or Spanish pair that happen to be a third English
/// function words are taken for English.)
const MIN_PAIR_SAMPLE_WORDS: usize = 8;
/// Share of function words from which prose is in that language. Prose runs at
/// 40-55% function words in its own language, and rarely above 10% in the list
/// of another.
const FUNCTION_WORD_SHARE: f64 = 0.3;

/// The language whose function words make up most of the opening of `text`,
/// when that share is high and no other language's comes near it, over a sample
/// of at least `min_words` words.
fn by_function_words(text: &str, min_words: usize) -> Option<Language> {
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
    if words < min_words {
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

/// Fewer words than this are left undetermined without asking whatlang: one or
/// two words hold too few trigrams for its model (comparisons of trigram
/// detectors, lingua's among them, find single words and word pairs detected
/// wrongly about as often as rightly), while each call scores every language's
/// profile, a cost that does not shrink with the text and that ten million
/// headlines would spend for nothing.
const MIN_TRIGRAM_WORDS: usize = 3;

/// whatlang's trigram detection over the first few kilobytes.
fn by_trigrams(text: &str) -> Language {
    let words = spans(text).filter(|s| s.kind == TokenKind::Word);
    if words.take(MIN_TRIGRAM_WORDS).count() < MIN_TRIGRAM_WORDS {
        return Language::UNDETERMINED;
    }
    let mut cut = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match whatlang::detect(&text[..cut]) {
        Some(info) if info.confidence() >= MIN_CONFIDENCE => from_whatlang(info.lang()),
        _ => Language::UNDETERMINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHORT_A: &str = "He attended the meeting.";
    const SHORT_B: &str = "He did not attend the meeting.";

    #[test]
    fn an_undetermined_side_takes_the_other_sides_language() {
        let (en, de, und) = (
            Language::parse("en").expect("en"),
            Language::parse("de").expect("de"),
            Language::UNDETERMINED,
        );
        // Too short for either test on its own.
        assert_eq!(Language::detect(SHORT_A), und);
        // Names, in which no language's function words decide.
        let (a, b) = ("Howie, Colchester, 2014.", "Howie, Colchester, 2015.");
        assert_eq!(Language::of_pair((a, und), (b, en)), en);
        assert_eq!(Language::of_pair((a, de), (b, und)), de);
        assert_eq!(Language::of_pair((a, und), (b, und)), und);
        // Two sides that agree are read in their language.
        assert_eq!(Language::of_pair((SHORT_A, de), (SHORT_B, de)), de);
    }

    #[test]
    fn two_undetermined_or_disagreeing_sides_are_detected_together() {
        let (en, fr, und) = (
            Language::parse("en").expect("en"),
            Language::parse("fr").expect("fr"),
            Language::UNDETERMINED,
        );
        assert_eq!(Language::detect(SHORT_B), und);
        assert_eq!(Language::of_pair((SHORT_A, und), (SHORT_B, und)), en);
        // A short English sentence taken for French beside an English one, or
        // beside one too short to tell: the function words of both decide.
        assert_eq!(Language::of_pair((SHORT_A, fr), (SHORT_B, en)), en);
        assert_eq!(Language::of_pair((SHORT_A, und), (SHORT_B, fr)), en);
        // Where they cannot, the undetermined side takes the other's.
        let names = "Colchester Magistrates Court, Howie, negligent driving.";
        assert_eq!(Language::of_pair((names, und), (names, fr)), fr);
        // Too few words, and no language's, stay undetermined.
        assert_eq!(Language::of_pair(("Xq zv.", und), ("Zv xq.", und)), und);
        let german = (
            "Der Minister hat den Vertrag nicht unterschrieben, sagte er.",
            und,
        );
        let also = (
            "Der Minister hat den Vertrag unterschrieben, und das ist gut.",
            und,
        );
        assert_eq!(Language::of_pair(german, also).code, "de");
    }

    #[test]
    fn one_or_two_words_are_not_given_to_the_trigram_model() {
        let und = Language::UNDETERMINED;
        assert_eq!(Language::detect("Bundesverfassungsgericht"), und);
        assert_eq!(
            Language::detect("Bundesverfassungsgericht entscheidet"),
            und
        );
        assert_eq!(Language::detect("2024"), und);
        // A sentence is given to it.
        let sentence = "Der Bundestag hat heute über das neue Gesetz zur Rente abgestimmt.";
        assert_eq!(Language::detect(sentence).code, "de");
    }
}
