//! Word lists shipped in `data/lexicon/`, compiled in: one set per language.

use crate::language::Language;
use ahash::AHashSet;
use std::sync::OnceLock;

const EN_STOPWORDS: &str = include_str!("../data/lexicon/en/stopwords.txt");
const EN_NEGATION: &str = include_str!("../data/lexicon/en/negation.txt");
const EN_ASPECT: &str = include_str!("../data/lexicon/en/aspect.txt");

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

/// English negation cues, each as its sequence of folded words.
pub fn negation_cues() -> &'static [Vec<&'static str>] {
    static CUES: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut cues: Vec<Vec<&str>> = parse(EN_NEGATION)
            .into_iter()
            .map(|c| c.split_whitespace().collect())
            .collect();
        cues.sort();
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
