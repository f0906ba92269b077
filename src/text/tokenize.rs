//! Word tokens that keep their byte span in the original text.
//!
//! A token is a run of letters and digits (with the combining marks that belong to
//! them), joined across an apostrophe between letters ("Russia's", "don't"), a point
//! or comma between digits ("1.8", "15,000") and the points of an initialism
//! ("U.S."). Hyphens split ("re-election" is two tokens), so spelling variants with
//! and without the hyphen still share words. Han, kana and other scripts written
//! without spaces give one token per character, as Unicode word segmentation does.

use crate::text::normalize::fold;
use unicode_normalization::char::is_combining_mark;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A token that starts with a letter.
    Word,
    /// A token that starts with a digit ("1.8", "15,000", "3rd").
    Number,
}

/// A token with its normal form and its byte span in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span `[start, end)` in the original text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// The matching form (see [`crate::text::normalize::fold`]).
    pub norm: String,
    /// Word or number.
    pub kind: TokenKind,
}

/// A token's place in the text, without its matching form: what the hot path of
/// the article stage walks, folding each span into one reused buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start of the byte span in the text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// Word or number.
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
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric() && !is_unspaced(c)
    }
}

/// Typographic quotes, dashes and spaces (U+2000..U+206F): common in prose, never
/// part of a word, and cheaper to rule out by range than by Unicode tables.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

fn is_mark(c: char) -> bool {
    !c.is_ascii() && is_combining_mark(c)
}

/// Byte classes for the ASCII fast paths: a table, because a chain of range
/// comparisons mispredicts on prose.
const SEPARATOR: u8 = 0;
const ALNUM: u8 = 1;
const NON_ASCII: u8 = 2;
static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// The character starting at byte `i`, if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// The character ending at byte `i` (there is one: `i` > 0 on a boundary).
#[inline]
fn char_before(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i - 1];
    if b.is_ascii() {
        b as char
    } else {
        text[..i].chars().next_back().unwrap_or(' ')
    }
}

/// Splits `text` into word and number tokens, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    spans(text)
        .map(|s| Token {
            start: s.start,
            end: s.end,
            norm: fold(&text[s.start..s.end]),
            kind: s.kind,
        })
        .collect()
}

/// The spans of the tokens of `text`, in order: [`tokenize`] without the folding.
pub fn spans(text: &str) -> Spans<'_> {
    Spans { text, pos: 0 }
}

/// Iterator over the token spans of a text; see [`spans`].
pub struct Spans<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Spans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        loop {
            // ASCII spaces and punctuation are most of what lies between tokens.
            let skip = bytes[self.pos..]
                .iter()
                .position(|&b| CLASS[b as usize] != SEPARATOR)?;
            let start = self.pos + skip;
            let b = bytes[start];
            if b.is_ascii() {
                // An ASCII letter or digit: the common case, decided without tables.
                let kind = if b.is_ascii_digit() {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                self.pos = self.word_end(start + 1);
                return Some(Span {
                    start,
                    end: self.pos,
                    kind,
                });
            }
            let c = char_at(text, start)?;
            if !c.is_ascii() && is_general_punctuation(c) {
                self.pos = start + c.len_utf8();
                continue;
            }
            let kind = if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            if !c.is_ascii() && is_unspaced(c) && c.is_alphanumeric() {
                // The character with the marks that follow it (Thai tone marks, kana voicing).
                let mut j = start + c.len_utf8();
                while let Some(m) = char_at(text, j).filter(|&m| is_mark(m)) {
                    j += m.len_utf8();
                }
                self.pos = j;
                return Some(Span {
                    start,
                    end: j,
                    kind,
                });
            }
            if !is_word_char(c) {
                self.pos = start + c.len_utf8();
                continue;
            }
            self.pos = self.word_end(start + c.len_utf8());
            return Some(Span {
                start,
                end: self.pos,
                kind,
            });
        }
    }
}

impl Spans<'_> {
    /// Extends a run of word characters from `j`, taking joiners that sit between
    /// them; returns its end.
    fn word_end(&self, mut j: usize) -> usize {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut segment_len = 1; // letters since the last initialism point
        loop {
            let run = bytes[j..]
                .iter()
                .position(|&b| CLASS[b as usize] != ALNUM)
                .unwrap_or(bytes.len() - j);
            segment_len += run;
            j += run;
            match bytes.get(j) {
                None => return j,
                // Only these ASCII characters may join two runs.
                Some(&b) if b.is_ascii() && !matches!(b, b'\'' | b'.' | b',') => return j,
                _ => {}
            }
            let Some(c) = char_at(text, j) else {
                return j;
            };
            if is_word_char(c) || is_mark(c) {
                segment_len += 1;
                j += c.len_utf8();
                continue;
            }
            let prev = char_before(text, j);
            let after = j + c.len_utf8();
            let next = match char_at(text, after) {
                Some(n) if is_word_char(n) => n,
                _ => return j,
            };
            let joins = (is_apostrophe(c) && prev.is_alphabetic() && next.is_alphabetic())
                || (matches!(c, '.' | ',') && prev.is_ascii_digit() && next.is_ascii_digit())
                || (c == '.'
                    && segment_len == 1
                    && prev.is_alphabetic()
                    && next.is_alphabetic()
                    && char_at(text, after + next.len_utf8()) == Some('.'));
            if !joins {
                return j;
            }
            segment_len = 0;
            j = after;
        }
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
