//! Word tokens that keep their byte span in the original text.
//!
//! A token is a run of letters and digits (with the combining marks that belong to
//! them), joined across an apostrophe between letters ("Russia's", "don't"), a point
//! or comma between digits ("1.8", "15,000") and the points of an initialism
//! ("U.S."). Hyphens split ("re-election" is two tokens), so spelling variants with
//! and without the hyphen still share words. Han, kana and other scripts written
//! without spaces give one token per character, as Unicode word segmentation does.

use crate::normalize::fold;
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span `[start, end)` in the original text.
    pub start: usize,
    pub end: usize,
    /// The matching form (see [`crate::normalize::fold`]).
    pub norm: String,
    pub kind: TokenKind,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}')
}

/// Scripts written without spaces between words: each character is a word.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF        // Hiragana, Katakana
        | 0x3400..=0x4DBF      // CJK Extension A
        | 0x4E00..=0x9FFF      // CJK Unified Ideographs
        | 0xF900..=0xFAFF      // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F    // CJK Extensions B.. and compatibility supplement
        | 0x0E00..=0x0E7F      // Thai
        | 0x0E80..=0x0EFF      // Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF) // Khmer
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

/// Splits `text` into word and number tokens, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if is_unspaced(c) && c.is_alphanumeric() {
            // The character with the marks that follow it (Thai tone marks, kana voicing).
            let mut j = i + 1;
            while j < chars.len() && is_combining_mark(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            tokens.push(make_token(text, start, end));
            i = j;
            continue;
        }
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        // Extend the run of word characters, taking joiners that sit between them.
        let mut j = i + 1;
        let mut segment_len = 1; // letters since the last initialism point
        while j < chars.len() {
            let c = chars[j].1;
            if is_word_char(c) || is_combining_mark(c) {
                segment_len += 1;
                j += 1;
                continue;
            }
            let prev = chars[j - 1].1;
            let next = match chars.get(j + 1) {
                Some(&(_, n)) if is_word_char(n) => n,
                _ => break,
            };
            let joins = (is_apostrophe(c) && prev.is_alphabetic() && next.is_alphabetic())
                || (matches!(c, '.' | ',') && prev.is_ascii_digit() && next.is_ascii_digit())
                || (c == '.'
                    && segment_len == 1
                    && prev.is_alphabetic()
                    && next.is_alphabetic()
                    && followed_by_point(&chars, j + 1));
            if !joins {
                break;
            }
            segment_len = 0;
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        tokens.push(make_token(text, start, end));
        i = j;
    }
    tokens
}

/// True when the letter at `k` is a single letter followed by a point ("U.S.").
fn followed_by_point(chars: &[(usize, char)], k: usize) -> bool {
    matches!(chars.get(k + 1), Some(&(_, '.')))
}

fn make_token(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let kind = if raw.starts_with(|c: char| c.is_numeric()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    Token {
        start,
        end,
        norm: fold(raw),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn keeps_spans_into_the_original() {
        let text = "The \u{201C}Mr. Tesla,\u{201D} Elon Musk";
        for t in tokenize(text) {
            assert_eq!(fold(&text[t.start..t.end]), t.norm);
        }
        assert_eq!(norms(text), ["the", "mr", "tesla", "elon", "musk"]);
    }

    #[test]
    fn joins_apostrophes_numbers_and_initialisms() {
        assert_eq!(norms("Russia\u{2019}s"), ["russia's"]);
        assert_eq!(norms("Trump\u{2018}s bid"), ["trump's", "bid"]);
        assert_eq!(
            norms("$1.8 billion, 15,000 people"),
            ["1.8", "billion", "15,000", "people"]
        );
        assert_eq!(norms("the U.S. military"), ["the", "u.s", "military"]);
        assert_eq!(norms("re-election"), ["re", "election"]);
        assert_eq!(norms("end. Next"), ["end", "next"]);
        assert_eq!(norms("rock 'n' roll"), ["rock", "n", "roll"]);
    }

    #[test]
    fn kinds() {
        let t = tokenize("In 2022, 3 men");
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Number,
                TokenKind::Number,
                TokenKind::Word
            ]
        );
    }

    #[test]
    fn other_scripts() {
        assert_eq!(norms("Путин и Маск"), ["путин", "и", "маск"]);
        assert_eq!(norms("马斯克说"), ["马", "斯", "克", "说"]);
        // Thai tone marks stay with their consonant: these two words differ.
        assert_ne!(
            norms("\u{0E44}\u{0E01}\u{0E48}"),
            norms("\u{0E44}\u{0E01}\u{0E49}")
        );
        // Devanagari vowel signs are combining marks and stay inside the word.
        assert_eq!(norms("नमस्ते दुनिया").len(), 2);
    }
}
