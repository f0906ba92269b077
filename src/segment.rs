//! Sentence segmentation over the original text, as byte spans.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (and the full-width, Arabic and Devanagari
//! stops), together with any closing quotes and brackets after them, when the next
//! sentence starts with something other than a lower-case letter. A point does not
//! end a sentence after a title ("Mr.", "Dr."), an initial ("John F. Kennedy"), or
//! inside a number ("$1.8 billion"). After an initialism ("U.S.") or a company suffix
//! ("Inc.") it ends one only when the next word commonly starts a sentence. A blank
//! line always ends a sentence, and so does a line break after a line that ends like
//! a sentence.

/// A sentence as the byte span `[start, end)` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Text with no line longer than this is taken as hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// Words before a point that never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "mt", "ft", "no", "nos", "vol", "fig",
    "vs", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "messrs", "mme", "mlle", "nr", "art", "cf",
];

/// Words before a point that end a sentence only before a usual sentence opener.
const SUFFIXES: &[&str] = &[
    "inc", "ltd", "co", "corp", "jr", "sr", "bros", "etc", "plc", "llc",
];

/// Words that commonly open a sentence (lower-cased).
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "as",
    "if",
    "when",
    "while",
    "however",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "after",
    "before",
    "since",
    "according",
    "meanwhile",
];

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{2026}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{061F}'
            | '\u{0964}'
    )
}

/// Terminals after which no space is needed (scripts written without spaces).
fn is_unspaced_terminal(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}'
    )
}

/// Splits `text` into sentences. Spans contain at least one letter or digit.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let hard_wrapped = text.lines().all(|l| l.chars().count() <= WRAP_WIDTH);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if c == '\n' {
            if !hard_wrapped || line_break_ends_sentence(&chars, i) {
                push(text, &mut out, start, chars[i].0);
                start = chars[i].0;
            }
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Take the run of terminals and closing marks.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let spaced = j == chars.len() || chars[j].1.is_whitespace();
        let ends = (spaced || is_unspaced_terminal(c))
            && next_starts_sentence(&chars, j)
            && !(c == '.' && j == i + 1 && point_is_abbreviation(&chars, i, j));
        if ends {
            push(text, &mut out, start, end);
            start = end;
        }
        i = j;
    }
    push(text, &mut out, start, text.len());
    out
}

fn push(text: &str, out: &mut Vec<Sentence>, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (start, end) = (start + lead, end - trail);
    if start < end && text[start..end].chars().any(char::is_alphanumeric) {
        out.push(Sentence { start, end });
    }
}

/// The first non-space character from `j` on, with its index.
fn next_visible(chars: &[(usize, char)], j: usize) -> Option<(usize, char)> {
    (j..chars.len())
        .map(|k| (k, chars[k].1))
        .find(|(_, c)| !c.is_whitespace())
}

/// A blank line, or a line ending like a sentence followed by one starting like one.
fn line_break_ends_sentence(chars: &[(usize, char)], i: usize) -> bool {
    let blank_follows = chars[i + 1..]
        .iter()
        .take_while(|(_, c)| c.is_whitespace())
        .any(|&(_, c)| c == '\n');
    if blank_follows {
        return true;
    }
    let last = chars[..i]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace());
    let line_complete = match last {
        None => false,
        Some(c) => !(c.is_lowercase() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '(')),
    };
    line_complete && next_starts_sentence(chars, i + 1)
}

fn next_starts_sentence(chars: &[(usize, char)], j: usize) -> bool {
    match next_visible(chars, j) {
        None => true,
        Some((_, c)) => !c.is_lowercase() && !matches!(c, ',' | ';' | ':'),
    }
}

/// The word that ends at the point `chars[i]`, lower-cased, and whether the word
/// after it (from `j`) commonly opens a sentence.
fn point_is_abbreviation(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let mut k = i;
    while k > 0 && (chars[k - 1].1.is_alphanumeric() || chars[k - 1].1 == '.') {
        k -= 1;
    }
    let word: String = chars[k..i]
        .iter()
        .map(|&(_, c)| c)
        .collect::<String>()
        .to_lowercase();
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| *c != '.').count();
    let initialism = word.contains('.');
    let initial = letters == 1 && word.chars().all(char::is_alphabetic);
    if TITLES.contains(&word.as_str()) || (initial && !initialism) {
        return true;
    }
    if initialism || SUFFIXES.contains(&word.as_str()) {
        return !next_word_opens_sentence(chars, j);
    }
    false
}

fn next_word_opens_sentence(chars: &[(usize, char)], j: usize) -> bool {
    let Some((k, _)) = next_visible(chars, j) else {
        return true;
    };
    let word: String = chars[k..]
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    OPENERS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn survives_titles_initials_decimals_and_initialisms() {
        let text = "Mr. Musk met Dr. Smith in the U.S. capital. It cost $1.8 billion. \
                    John F. Kennedy said so.";
        assert_eq!(
            split(text),
            [
                "Mr. Musk met Dr. Smith in the U.S. capital.",
                "It cost $1.8 billion.",
                "John F. Kennedy said so."
            ]
        );
    }

    #[test]
    fn initialism_can_end_a_sentence() {
        assert_eq!(
            split("He moved to the U.S. The move was quick."),
            ["He moved to the U.S.", "The move was quick."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "He called it \u{201C}absurd.\u{201D} The Kremlin denied it! Why? Nobody knows.";
        assert_eq!(
            split(text),
            [
                "He called it \u{201C}absurd.\u{201D}",
                "The Kremlin denied it!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn lower_case_continuation_is_not_a_boundary() {
        assert_eq!(
            split("He said \"wait...\" and left."),
            ["He said \"wait...\" and left."]
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(
            split("Title line\n\nFirst one.\nSecond one."),
            ["Title line", "First one.", "Second one."]
        );
        // A wrapped line inside a sentence is not a boundary.
        assert_eq!(
            split("He met with\nPutin in May."),
            ["He met with\nPutin in May."]
        );
    }

    #[test]
    fn unspaced_scripts() {
        assert_eq!(
            split("马斯克说了。普京没有说。"),
            ["马斯克说了。", "普京没有说。"]
        );
    }
}
