//! Edits a copy makes to a text: words replaced, added and dropped at a rate (a
//! lightly edited reprint), and the heavier rewording of a paraphrase (neighbours
//! exchanged, a sentence split in two).

use super::rng::Rng;

/// Words with punctuation attached ("Novak,", "\"We") are left in place, so that
/// quotation marks stay paired and sentences keep their ends.
fn plain(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
}

/// Each word is, with probability `rate`, replaced by a drawn word, followed by
/// one, or dropped (equally likely). Returns the words and how many were edited.
pub fn edit_words<'a>(
    words: &[&'a str],
    rate: f64,
    rng: &mut Rng,
    mut draw: impl FnMut(&mut Rng) -> &'a str,
) -> (Vec<&'a str>, usize) {
    let mut out = Vec::with_capacity(words.len() + 4);
    let mut edits = 0;
    for &w in words {
        if plain(w) && rng.chance(rate) {
            edits += 1;
            match rng.below(3) {
                0 => out.push(draw(rng)),
                1 => out.extend([w, draw(rng)]),
                _ => {}
            }
        } else {
            out.push(w);
        }
    }
    (out, edits)
}

/// A sentence split into its words and its closing punctuation (".", "?", ".\"").
fn split_sentence(sentence: &str) -> (Vec<&str>, &str) {
    let body_end = sentence.trim_end_matches(['.', '?', '!', '"']).len();
    let (body, end) = sentence.split_at(body_end);
    (body.split(' ').filter(|w| !w.is_empty()).collect(), end)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// `sentence` with its words edited at `rate` (see [`edit_words`]); the first word
/// keeps its capital. Returns the sentence and how many words were edited.
pub fn edit_sentence(
    sentence: &str,
    rate: f64,
    rng: &mut Rng,
    mut draw: impl FnMut(&mut Rng) -> &'static str,
) -> (String, usize) {
    let (words, end) = split_sentence(sentence);
    let (edited, edits) = edit_words(&words, rate, rng, |r| draw(r));
    if edits == 0 {
        return (sentence.to_string(), 0);
    }
    (capitalised(&edited.join(" ")) + end, edits)
}

/// How a paraphrase rewords, in percent per word (`replace`, `drop`, `add`) and per
/// sentence (`swap`: two neighbours exchanged; `split`: cut in two sentences).
#[derive(Debug, Clone, Copy)]
pub struct Paraphrase {
    pub replace: usize,
    pub drop: usize,
    pub add: usize,
    pub swap: f64,
    pub split: f64,
}

impl Paraphrase {
    /// A rewrite that keeps most words: what a wire copy edited for house style gets.
    pub const LIGHT: Paraphrase = Paraphrase {
        replace: 3,
        drop: 2,
        add: 2,
        swap: 0.1,
        split: 0.0,
    };
    /// A rewrite that changes about one word in five and sometimes splits a sentence.
    pub const HEAVY: Paraphrase = Paraphrase {
        replace: 8,
        drop: 5,
        add: 5,
        swap: 0.3,
        split: 0.25,
    };
}

/// `sentence` reworded as `how` says, with words drawn by `draw`.
pub fn paraphrase<'a>(
    sentence: &'a str,
    how: Paraphrase,
    rng: &mut Rng,
    mut draw: impl FnMut(&mut Rng) -> &'a str,
) -> String {
    let (words, end) = split_sentence(sentence);
    let mut out: Vec<&str> = Vec::with_capacity(words.len() + 4);
    for &w in &words {
        if !plain(w) {
            out.push(w);
            continue;
        }
        let x = rng.below(100);
        if x < how.replace {
            out.push(draw(rng));
        } else if x < how.replace + how.drop {
        } else if x < how.replace + how.drop + how.add {
            out.extend([w, draw(rng)]);
        } else {
            out.push(w);
        }
    }
    if out.len() > 3 && rng.chance(how.swap) {
        let k = rng.below(out.len() - 1);
        let movable = |w: &str| plain(w) && !w.starts_with(char::is_uppercase);
        if movable(out[k]) && movable(out[k + 1]) {
            out.swap(k, k + 1);
        }
    }
    let end = if end.is_empty() { "." } else { end };
    if out.len() >= 10 && rng.chance(how.split) {
        let half = out.len() / 2;
        if plain(out[half - 1]) && plain(out[half]) {
            let first = capitalised(&out[..half].join(" "));
            let second = capitalised(&out[half..].join(" "));
            return format!("{first}. {second}{end}");
        }
    }
    capitalised(&out.join(" ")) + end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_leave_punctuated_words_and_the_end_alone() {
        let mut rng = Rng::new(1);
        let s = "\"We will review the plan,\" Maria Novak told the Lisbon Herald.";
        for _ in 0..50 {
            let (e, _) = edit_sentence(s, 0.5, &mut rng, |_| "zebra");
            assert!(e.starts_with("\"We") && e.ends_with('.'), "{e}");
            assert!(e.contains("plan,\""), "{e}");
        }
        let (same, n) = edit_sentence(s, 0.0, &mut rng, |_| "zebra");
        assert_eq!((same.as_str(), n), (s, 0));
    }

    #[test]
    fn paraphrase_keeps_most_words() {
        let mut rng = Rng::new(2);
        let s = "The council approved the new budget for the port near the old bridge.";
        let p = paraphrase(s, Paraphrase::LIGHT, &mut rng, |_| "zebra");
        assert!(p.ends_with('.') && p.starts_with(char::is_uppercase), "{p}");
        let kept = p.split(' ').filter(|w| s.contains(w)).count();
        assert!(kept >= 10, "{p}");
    }
}
