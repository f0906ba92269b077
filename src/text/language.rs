//! The article's language: taken as given or detected, and the stemmer it selects.
//!
//! Every language rust-stemmers supports is stemmed in its own language. Other
//! languages are still tokenized, normalized and compared, only unstemmed.

use ahash::AHashMap;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::cell::RefCell;

/// ISO 639-1, ISO 639-3, English name, and the Snowball stemmer when there is one.
pub(super) const STEMMED: &[(&str, &str, &str, Algorithm)] = &[
    ("ar", "ara", "arabic", Algorithm::Arabic),
    ("da", "dan", "danish", Algorithm::Danish),
    ("nl", "nld", "dutch", Algorithm::Dutch),
    ("en", "eng", "english", Algorithm::English),
    ("fi", "fin", "finnish", Algorithm::Finnish),
    ("fr", "fra", "french", Algorithm::French),
    ("de", "deu", "german", Algorithm::German),
    ("el", "ell", "greek", Algorithm::Greek),
    ("hu", "hun", "hungarian", Algorithm::Hungarian),
    ("it", "ita", "italian", Algorithm::Italian),
    ("no", "nob", "norwegian", Algorithm::Norwegian),
    ("pt", "por", "portuguese", Algorithm::Portuguese),
    ("ro", "ron", "romanian", Algorithm::Romanian),
    ("ru", "rus", "russian", Algorithm::Russian),
    ("es", "spa", "spanish", Algorithm::Spanish),
    ("sv", "swe", "swedish", Algorithm::Swedish),
    ("ta", "tam", "tamil", Algorithm::Tamil),
    ("tr", "tur", "turkish", Algorithm::Turkish),
];

/// ISO 639-1 and the ISO 639-3 code whatlang uses, for the languages it detects
/// that have no stemmer: compared unstemmed, reported by their two-letter code.
#[rustfmt::skip]
const UNSTEMMED: &[(&str, &str)] = &[
    ("af", "afr"), ("ak", "aka"), ("am", "amh"), ("az", "aze"), ("be", "bel"), ("bg", "bul"),
    ("bn", "ben"), ("ca", "cat"), ("cs", "ces"), ("cy", "cym"), ("eo", "epo"), ("et", "est"),
    ("fa", "pes"), ("gu", "guj"), ("he", "heb"), ("hi", "hin"), ("hr", "hrv"), ("hy", "hye"),
    ("id", "ind"), ("ja", "jpn"), ("jv", "jav"), ("ka", "kat"), ("km", "khm"), ("kn", "kan"),
    ("ko", "kor"), ("la", "lat"), ("lt", "lit"), ("lv", "lav"), ("mk", "mkd"), ("ml", "mal"),
    ("mr", "mar"), ("my", "mya"), ("ne", "nep"), ("or", "ori"), ("pa", "pan"), ("pl", "pol"),
    ("si", "sin"), ("sk", "slk"), ("sl", "slv"), ("sn", "sna"), ("sr", "srp"), ("te", "tel"),
    ("th", "tha"), ("tk", "tuk"), ("tl", "tgl"), ("uk", "ukr"), ("ur", "urd"), ("uz", "uzb"),
    ("vi", "vie"), ("yi", "yid"), ("zh", "cmn"), ("zu", "zul"),
];

/// Other spellings seen in the wild, mapped to a code of the tables above.
#[rustfmt::skip]
const ALIASES: &[(&str, &str)] = &[
    ("nb", "no"), ("nn", "no"), ("nno", "no"), ("nor", "no"), ("fre", "fr"), ("ger", "de"),
    ("dut", "nl"), ("gre", "el"), ("rum", "ro"), ("per", "fa"), ("fas", "fa"), ("zho", "zh"),
    ("chi", "zh"), ("cze", "cs"), ("slo", "sk"), ("msa", "id"),
];

/// A resolved language: its code as reported, and its stemmer if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 where one exists, else ISO 639-3; `und` when unknown.
    pub code: &'static str,
    algorithm: Option<Algorithm>,
}

impl Language {
    /// No language could be told (`und`): compared unstemmed.
    pub const UNDETERMINED: Language = Language {
        code: "und",
        algorithm: None,
    };

    /// Parses a language name or code (`en`, `EN-us`, `eng`, `English`).
    /// Returns `None` for what no table here knows.
    pub fn parse(s: &str) -> Option<Language> {
        let s = s.trim().to_ascii_lowercase();
        let primary = s.split(['-', '_']).next().unwrap_or_default();
        let primary = ALIASES
            .iter()
            .find(|(a, _)| *a == primary)
            .map_or(primary, |(_, c)| c);
        if let Some(&(code, _, _, alg)) = STEMMED
            .iter()
            .find(|(c1, c3, name, _)| [*c1, *c3, *name].contains(&primary))
        {
            return Some(Language {
                code,
                algorithm: Some(alg),
            });
        }
        let c3 = UNSTEMMED
            .iter()
            .find(|(c1, _)| *c1 == primary)
            .map_or(primary, |(_, c3)| c3);
        let lang = whatlang::Lang::from_code(c3).or_else(|| {
            whatlang::Lang::all()
                .iter()
                .copied()
                .find(|l| l.eng_name().eq_ignore_ascii_case(primary))
        })?;
        Some(from_whatlang(lang))
    }

    /// A language with a Snowball stemmer (one of [`STEMMED`]).
    pub(super) const fn stemmed(code: &'static str, algorithm: Algorithm) -> Language {
        Language {
            code,
            algorithm: Some(algorithm),
        }
    }

    /// Whether words in this language are stemmed.
    pub fn is_stemmed(&self) -> bool {
        self.algorithm.is_some()
    }

    /// A stemmer for this language; the identity where there is none.
    pub fn stemmer(&self) -> WordStemmer {
        WordStemmer(self.algorithm.map(Stemmer::create))
    }
}

pub(super) fn from_whatlang(lang: whatlang::Lang) -> Language {
    let c3 = lang.code();
    if let Some(&(code, _, _, alg)) = STEMMED.iter().find(|(_, c, _, _)| *c == c3) {
        return Language {
            code,
            algorithm: Some(alg),
        };
    }
    let code = UNSTEMMED
        .iter()
        .find(|(_, c)| *c == c3)
        .map_or(c3, |(c1, _)| c1);
    Language {
        code,
        algorithm: None,
    }
}

/// Stems single normalized words; the identity for languages without a stemmer.
pub struct WordStemmer(Option<Stemmer>);

impl WordStemmer {
    /// The stem of a normalized word (the word itself where there is no stemmer).
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.0 {
            Some(s) => s.stem(word),
            None => Cow::Borrowed(word),
        }
    }
}

/// A thread's memo, one part per language, that starts over (every part emptied)
/// once it holds `limit` entries, bounding its memory. The stem, term and word
/// memos of the stages are each one of these.
pub struct ByLanguage<V> {
    by_lang: AHashMap<&'static str, V>,
    entries: usize,
    limit: usize,
}

impl<V> ByLanguage<V> {
    /// A map per language, its total size bounded by `limit` entries.
    pub fn new(limit: usize) -> Self {
        ByLanguage {
            by_lang: AHashMap::new(),
            entries: 0,
            limit,
        }
    }

    /// `lang`'s part (made by `init` when new), after starting over if the memo is
    /// full, and the count of entries, which the caller raises for each it adds.
    pub fn part(&mut self, lang: Language, init: impl FnOnce() -> V) -> (&mut V, &mut usize) {
        if self.entries >= self.limit {
            self.by_lang.clear();
            self.entries = 0;
        }
        (
            self.by_lang.entry(lang.code).or_insert_with(init),
            &mut self.entries,
        )
    }
}

/// Memoized stems, per language: news repeats its words, and Snowball stemming costs
/// more than everything else done to a word. One cache per worker thread.
pub struct StemCache(ByLanguage<LanguageStems>);

/// One language's stemmer and the stems it has given.
struct LanguageStems {
    stemmer: Option<Stemmer>,
    stems: AHashMap<Box<str>, Box<str>>,
}

/// Entries kept before the cache starts over, bounding its memory.
const STEM_CACHE_ENTRIES: usize = 1 << 20;

impl Default for StemCache {
    fn default() -> Self {
        StemCache(ByLanguage::new(STEM_CACHE_ENTRIES))
    }
}

impl StemCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stem of a normalized `word` in `lang` (the word itself where no stemmer).
    pub fn stem<'a>(&'a mut self, lang: Language, word: &'a str) -> &'a str {
        let (LanguageStems { stemmer, stems }, entries) = self.0.part(lang, || LanguageStems {
            stemmer: lang.algorithm.map(Stemmer::create),
            stems: AHashMap::new(),
        });
        let Some(stemmer) = stemmer else {
            return word;
        };
        if !stems.contains_key(word) {
            stems.insert(word.into(), stemmer.stem(word).into());
            *entries += 1;
        }
        stems.get(word).map_or(word, |s| s)
    }

    /// Runs `f` with this thread's cache.
    pub fn with_thread_cache<R>(f: impl FnOnce(&mut StemCache) -> R) -> R {
        thread_local! {
            static STEMS: RefCell<StemCache> = RefCell::new(StemCache::new());
        }
        STEMS.with_borrow_mut(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_by_language_starts_over_when_full() {
        let (en, de) = (
            Language::parse("en").expect("en"),
            Language::parse("de").expect("de"),
        );
        let mut memo: ByLanguage<Vec<&str>> = ByLanguage::new(2);
        let (part, entries) = memo.part(en, Vec::new);
        part.push("one");
        *entries += 1;
        // Below the limit, each language keeps its part.
        assert_eq!(memo.part(en, Vec::new).0, &["one"]);
        let (part, entries) = memo.part(de, Vec::new);
        assert!(part.is_empty());
        part.push("eins");
        *entries += 1;
        // At the limit, every part is emptied before the next is handed out.
        let (part, entries) = memo.part(en, Vec::new);
        assert!(part.is_empty());
        assert_eq!(*entries, 0);
        part.push("two");
        assert_eq!(memo.part(en, Vec::new).0, &["two"]);
    }

    #[test]
    fn parses_common_spellings() {
        for s in ["en", "EN", "en-US", "eng", "English"] {
            assert_eq!(Language::parse(s).map(|l| l.code), Some("en"), "{s}");
        }
        assert_eq!(Language::parse("nb").map(|l| l.code), Some("no"));
        // Every Snowball language is reachable by its codes and its name.
        for &(c1, c3, name, _) in STEMMED {
            for s in [c1, c3, name] {
                let lang = Language::parse(s).unwrap_or_else(|| panic!("{s} parses"));
                assert_eq!(lang.code, c1);
                assert!(lang.is_stemmed());
            }
        }
        for s in ["zh", "cmn", "zho", "Mandarin", "zh-Hans"] {
            let zh = Language::parse(s).unwrap_or_else(|| panic!("{s} parses"));
            assert_eq!(zh.code, "zh");
            assert!(!zh.is_stemmed());
        }
        assert_eq!(Language::parse("pl").map(|l| l.code), Some("pl"));
        assert_eq!(Language::parse("pol").map(|l| l.code), Some("pl"));
        assert_eq!(Language::parse("klingon"), None);
    }

    #[test]
    fn detects_and_stems() {
        let en = Language::detect(
            "The government has already warned about security breaches in the network.",
        );
        assert_eq!(en.code, "en");
        assert_eq!(en.stemmer().stem("warnings"), "warn");
        let samples = [
            (
                "de",
                "Die Regierung hat bereits vor Sicherheitslücken im Netz gewarnt.",
            ),
            (
                "fr",
                "Le gouvernement a déjà mis en garde contre des failles de sécurité.",
            ),
            (
                "es",
                "El gobierno ya ha advertido sobre las brechas de seguridad en la red.",
            ),
            (
                "ru",
                "Правительство уже предупреждало о нарушениях безопасности в сети. \
                   Представитель Кремля заявил, что никаких регулярных переговоров не было.",
            ),
            (
                "tr",
                "Hükümet ağdaki güvenlik açıkları konusunda zaten uyarıda bulundu.",
            ),
        ];
        for (code, text) in samples {
            let lang = Language::detect(text);
            assert_eq!(lang.code, code, "{text}");
            assert!(lang.is_stemmed());
        }
        assert_eq!(Language::detect("").code, "und");
        assert_eq!(
            Language::UNDETERMINED.stemmer().stem("warnings"),
            "warnings"
        );
    }
}
