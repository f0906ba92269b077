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
fn vocabulary(n: usize) -> Vec<String> {
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
fn word<'a>(rng: &mut Rng, vocab: &'a [String]) -> &'a str {
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
