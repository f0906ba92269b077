//! A synthetic news-like corpus with planted near-duplicates, deterministic from a seed.

use dupdrift::Article;

/// A small deterministic generator (SplitMix64): tests need no external randomness.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A vocabulary of pronounceable made-up words, so no stemmer merges two of them.
pub fn vocabulary(n: usize) -> Vec<String> {
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

/// A word drawn with a skewed (roughly Zipfian) frequency, as in prose.
pub fn word<'a>(rng: &mut Rng, vocab: &'a [String]) -> &'a str {
    // Log-uniform rank: frequency falls off as 1/rank.
    let u = rng.below(1_000_000) as f64 / 1_000_000.0;
    let rank = (vocab.len() as f64).powf(u) as usize;
    &vocab[rank.saturating_sub(1).min(vocab.len() - 1)]
}

/// `n` original articles of 80 to 400 words, and for a third of them an edited copy
/// whose edit rate is spread from 0 to 25% of the words (substitutions, insertions,
/// deletions), so the copies' Jaccard similarities cover the whole range around any
/// threshold.
pub fn corpus(seed: u64, n: usize) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(3000);
    let mut articles = Vec::new();
    for i in 0..n {
        let len = 80 + rng.below(320);
        let words: Vec<&str> = (0..len).map(|_| word(&mut rng, &vocab)).collect();
        articles.push(article(format!("orig-{i:05}"), &words));
        if i % 3 == 0 {
            // Skewed to light edits: about half the copies stay above Jaccard 0.5.
            let u = rng.below(1000) as f64 / 1000.0;
            let rate = 0.25 * u * u;
            let mut copy = Vec::with_capacity(words.len());
            for w in &words {
                if rng.chance(rate) {
                    match rng.below(3) {
                        0 => copy.push(word(&mut rng, &vocab)),
                        1 => copy.extend([*w, word(&mut rng, &vocab)]),
                        _ => {}
                    }
                } else {
                    copy.push(w);
                }
            }
            articles.push(article(format!("copy-{i:05}"), &copy));
        }
    }
    articles
}

fn article(id: String, words: &[&str]) -> Article {
    Article {
        text: words.join(" ") + ".",
        lang: "en".into(),
        input: id.clone(),
        id,
        ..Article::default()
    }
}

/// A passage told by several articles: where each copy sits in its article's text.
pub struct Planted {
    /// (article index, byte range of the copy in its text)
    pub copies: Vec<(usize, std::ops::Range<usize>)>,
}

/// Common English function words: prose is about half of them.
const FUNCTION_WORDS: [&str; 24] = [
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "had", "are", "but", "from", "or",
];

/// A word of prose: a function word about half the time, else a content word
/// with a Zipf-Mandelbrot frequency (1/(rank + 100): the head of a language's
/// Zipf curve is its function words, so content words fall off more gently).
fn prose_word(rng: &mut Rng, vocab: &[String]) -> String {
    if rng.chance(0.45) {
        return FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_string();
    }
    let (q, v) = (100.0, vocab.len() as f64);
    let u = rng.below(1_000_000) as f64 / 1_000_000.0;
    let rank = q * ((v + q) / q).powf(u) - q;
    vocab[(rank as usize).min(vocab.len() - 1)].clone()
}

fn sentence(rng: &mut Rng, vocab: &[String], words: usize) -> Vec<String> {
    (0..words).map(|_| prose_word(rng, vocab)).collect()
}

/// The copy of one sentence a rewrite makes: words swapped for others, dropped,
/// added, two neighbours exchanged, and sometimes the sentence split in two.
fn paraphrase(rng: &mut Rng, vocab: &[String], words: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        match rng.below(100) {
            0..=7 => out.push(prose_word(rng, vocab)),
            8..=12 => {}
            13..=17 => {
                out.push(w.clone());
                out.push(prose_word(rng, vocab));
            }
            _ => out.push(w.clone()),
        }
    }
    if out.len() > 3 && rng.chance(0.3) {
        let k = rng.below(out.len() - 1);
        out.swap(k, k + 1);
    }
    let mut text = out.join(" ");
    if out.len() >= 10 && rng.chance(0.25) {
        // Split in two sentences near the middle.
        let cut = out[..out.len() / 2].join(" ").len();
        text = format!(
            "{}. {}{}",
            &text[..cut],
            text[cut + 1..cut + 2].to_uppercase(),
            &text[cut + 2..]
        );
    }
    capitalised(&text) + "."
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// `articles` articles of unrelated filler sentences (English function words and
/// made-up content words), into which `passages` passages
/// of three sentences are planted, each into 2 to 5 articles, every copy reworded
/// (see [`paraphrase`]). Each article's sentences are shuffled as paragraphs would
/// be, but a passage's own sentences keep their order.
pub fn planted_passages(
    seed: u64,
    passages: usize,
    articles: usize,
) -> (Vec<Article>, Vec<Planted>) {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = vocabulary(4096)
        .iter()
        .flat_map(|w| ["", "ra", "vo", "ni"].map(|p| format!("{p}{w}")))
        .collect();
    // What each article holds: filler sentences, or a copy of a passage.
    enum Part {
        Filler(String),
        Copy(usize, String),
    }
    let mut parts: Vec<Vec<Part>> = (0..articles)
        .map(|_| {
            (0..6)
                .map(|_| {
                    let len = 10 + rng.below(12);
                    Part::Filler(capitalised(&sentence(&mut rng, &vocab, len).join(" ")) + ".")
                })
                .collect()
        })
        .collect();
    for p in 0..passages {
        let original: Vec<Vec<String>> = (0..3)
            .map(|_| {
                let len = 10 + rng.below(12);
                sentence(&mut rng, &vocab, len)
            })
            .collect();
        let k = 2 + rng.below(4);
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
                .map(|s| paraphrase(&mut rng, &vocab, s))
                .collect();
            // Never next to another passage: two passages told one after the other
            // by two articles would be one longer shared passage.
            let free = |parts: &[Part], at: usize| {
                let filler = |k: usize| matches!(parts.get(k), None | Some(Part::Filler(_)));
                (at == 0 || filler(at - 1)) && filler(at)
            };
            let slots: Vec<usize> = (0..=parts[a].len())
                .filter(|&at| free(&parts[a], at))
                .collect();
            let at = if slots.is_empty() {
                let len = 10 + rng.below(12);
                let filler = capitalised(&sentence(&mut rng, &vocab, len).join(" ")) + ".";
                parts[a].push(Part::Filler(filler));
                parts[a].len()
            } else {
                slots[rng.below(slots.len())]
            };
            parts[a].insert(at, Part::Copy(p, copy.join(" ")));
        }
    }
    let mut planted: Vec<Planted> = (0..passages)
        .map(|_| Planted { copies: Vec::new() })
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
        let id = format!("art-{a:04}");
        out.push(Article {
            text,
            lang: "en".into(),
            input: id.clone(),
            id,
            ..Article::default()
        });
    }
    (out, planted)
}
