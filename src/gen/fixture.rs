//! Small corpora of made-up words for tests and benchmarks, where words must be
//! distinct to every stemmer and the text need not read as English: edited copies
//! for the near-duplicate oracles, dense planted passages for clustering.

use super::edit::{edit_words, paraphrase, Paraphrase};
use super::rng::Rng;
use super::words::{made_up, Zipf};
use crate::article::Article;

fn article(id: String, text: String) -> Article {
    Article {
        text,
        lang: "en".into(),
        input: id.clone(),
        id,
        ..Article::default()
    }
}

/// `n` original articles (`orig-NNNNN`) of 80 to 400 made-up words with a 1/rank
/// frequency, and for a third of them an edited copy (`copy-NNNNN`) whose edit
/// rate is spread from 0 to 25% of the words (replaced, added, dropped), skewed to
/// light edits, so the copies' Jaccard similarities cover the whole range around
/// any threshold.
pub fn edited_copies(seed: u64, n: usize) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let vocab = made_up(3000);
    let zipf = Zipf::new(vocab.len(), 1);
    let word = |rng: &mut Rng| vocab[zipf.sample(rng)].as_str();
    let mut articles = Vec::new();
    for i in 0..n {
        let len = rng.range(80, 399);
        let words: Vec<&str> = (0..len).map(|_| word(&mut rng)).collect();
        articles.push(article(format!("orig-{i:05}"), words.join(" ") + "."));
        if i % 3 == 0 {
            let u = rng.unit();
            let (copy, _) = edit_words(&words, 0.25 * u * u, &mut rng, word);
            articles.push(article(format!("copy-{i:05}"), copy.join(" ") + "."));
        }
    }
    articles
}

/// A passage told by several articles: where each copy sits.
#[derive(Debug, Clone)]
pub struct PlantedPassage {
    /// (article index, byte range of the copy in its text)
    pub copies: Vec<(usize, std::ops::Range<usize>)>,
}

/// Common English function words: prose is about half of them.
const FUNCTION_WORDS: [&str; 24] = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "had", "are", "but", "from", "or",
];

/// Made-up prose: a function word about half the time, else a content word with a
/// Zipf-Mandelbrot frequency (1/(rank + 100): the head of a language's Zipf curve
/// is its function words, so content words fall off more gently).
struct Prose {
    vocab: Vec<String>,
    zipf: Zipf,
}

impl Prose {
    fn new() -> Prose {
        let vocab: Vec<String> = made_up(4096)
            .iter()
            .flat_map(|w| ["", "ra", "vo", "ni"].map(|p| format!("{p}{w}")))
            .collect();
        Prose {
            zipf: Zipf::new(vocab.len(), 100),
            vocab,
        }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        if rng.chance(0.45) {
            FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())]
        } else {
            &self.vocab[self.zipf.sample(rng)]
        }
    }

    /// 10 to 21 words, lower case, no full stop.
    fn words(&self, rng: &mut Rng) -> String {
        let len = rng.range(10, 21);
        let words: Vec<&str> = (0..len).map(|_| self.word(rng)).collect();
        words.join(" ")
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let text = self.words(rng);
        let mut c = text.chars();
        c.next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            + "."
    }
}

/// `articles` articles (`art-NNNN`) of six unrelated sentences of made-up prose,
/// into which `passages` passages of three sentences are planted, each into 2 to 5
/// articles, every copy reworded heavily (about one word in five; see
/// `Paraphrase::HEAVY`). A passage is never planted next to another: two passages
/// told one after the other by two articles would be one longer shared passage.
pub fn planted_passages(
    seed: u64,
    passages: usize,
    articles: usize,
) -> (Vec<Article>, Vec<PlantedPassage>) {
    let mut rng = Rng::new(seed);
    let prose = Prose::new();
    enum Part {
        Filler(String),
        Copy(usize, String),
    }
    let mut parts: Vec<Vec<Part>> = (0..articles)
        .map(|_| {
            (0..6)
                .map(|_| Part::Filler(prose.sentence(&mut rng)))
                .collect()
        })
        .collect();
    for p in 0..passages {
        let original: Vec<String> = (0..3).map(|_| prose.words(&mut rng)).collect();
        let k = rng.range(2, 5);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < k {
            let a = rng.below(articles);
            if !chosen.contains(&a) {
                chosen.push(a);
            }
        }
        for a in chosen {
            let copy: Vec<String> = original
                .iter()
                .map(|s| paraphrase(s, Paraphrase::HEAVY, &mut rng, |r| prose.word(r)))
                .collect();
            let free = |parts: &[Part], at: usize| {
                let filler = |k: usize| matches!(parts.get(k), None | Some(Part::Filler(_)));
                (at == 0 || filler(at - 1)) && filler(at)
            };
            let slots: Vec<usize> = (0..=parts[a].len())
                .filter(|&at| free(&parts[a], at))
                .collect();
            let at = if slots.is_empty() {
                parts[a].push(Part::Filler(prose.sentence(&mut rng)));
                parts[a].len()
            } else {
                slots[rng.below(slots.len())]
            };
            parts[a].insert(at, Part::Copy(p, copy.join(" ")));
        }
    }
    let mut planted: Vec<PlantedPassage> = (0..passages)
        .map(|_| PlantedPassage { copies: Vec::new() })
        .collect();
    let mut out = Vec::new();
    for (a, article_parts) in parts.into_iter().enumerate() {
        let mut text = String::new();
        for part in article_parts {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            match part {
                Part::Filler(s) => text.push_str(&s),
                Part::Copy(p, s) => {
                    planted[p]
                        .copies
                        .push((a, text.len()..text.len() + s.len()));
                    text.push_str(&s);
                }
            }
        }
        out.push(article(format!("art-{a:04}"), text));
    }
    (out, planted)
}
