//! Word lists shipped in `data/lexicon/`, compiled in: one set per language.

use crate::language::Language;
use ahash::AHashSet;
use std::sync::OnceLock;

const EN_STOPWORDS: &str = include_str!("../data/lexicon/en/stopwords.txt");

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
