//! Sentence segmentation over the original text, as byte spans.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (and the full-width, Arabic and Devanagari
//! stops), together with any closing quotes and brackets after them, when the next
//! sentence starts with something other than a lower-case letter. A point does not
//! end a sentence after a title ("Mr.", "Dr."; "No." only before a number), an
//! initial ("John F. Kennedy"), or inside a number ("$1.8 billion"). After an
//! initialism ("U.S.") or a company suffix ("Inc.") it ends one only when the next
//! word commonly starts a sentence. A blank line always ends a sentence, and so
//! does a line break after a line that ends like a sentence.

/// A sentence as the byte span `[start, end)` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where it starts.
    pub start: usize,
    /// Where it ends (exclusive).
    pub end: usize,
}

/// Text with no line longer than this is taken as hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// Words before a point that never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "maj", "adm", "cmdr", "rev", "hon", "pres", "supt", "mt", "ft", "vol", "fig", "vs", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "messrs",
    "mme", "mlle", "cf",
];

/// Words before a point that never end a sentence when a number follows ("No. 10",
/// "Nos. 3 and 4", "Art. 5"), and are words of their own that may end one
/// otherwise ("The answer was no.", "He studied art.").
const BEFORE_NUMBERS: &[&str] = &["no", "nos", "nr", "art"];

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

/// The bytes that can start `\n` or a terminal: the main loop looks closer only
/// there (the lead bytes of `…`, `。`, `！`, `？`, `؟` and `।` included). A table,
/// because a chain of comparisons mispredicts on prose.
static MAY_START_BOUNDARY: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'\n', b'.', b'!', b'?', 0xE2, 0xE3, 0xEF, 0xD8, 0xE0];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// The character starting at byte `i`, if any.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Splits `text` into sentences. Spans contain at least one letter or digit.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let hard_wrapped = text
        .lines()
        .all(|l| l.len() <= WRAP_WIDTH || l.chars().count() <= WRAP_WIDTH);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are neither: find the next that may be, in a tight loop.
        match bytes[i..]
            .iter()
            .position(|&b| MAY_START_BOUNDARY[b as usize])
        {
            Some(skip) => i += skip,
            None => break,
        }
        let Some(c) = char_at(text, i) else {
            i += 1;
            continue;
        };
        if c == '\n' {
            if !hard_wrapped || line_break_ends_sentence(text, i) {
                push(text, &mut out, start, i);
                start = i;
            }
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // Take the run of terminals and closing marks.
        let mut j = i + c.len_utf8();
        while let Some(d) = char_at(text, j).filter(|&d| is_terminal(d) || is_closing(d)) {
            j += d.len_utf8();
        }
        let spaced = char_at(text, j).is_none_or(char::is_whitespace);
        let ends = (spaced || is_unspaced_terminal(c))
            && next_starts_sentence(text, j)
            && !(c == '.' && j == i + 1 && point_is_abbreviation(text, i, j));
        if ends {
            push(text, &mut out, start, j);
            start = j;
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

/// The first non-space character from byte `j` on, with its byte offset.
fn next_visible(text: &str, j: usize) -> Option<(usize, char)> {
    text[j..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(k, c)| (j + k, c))
}

/// A blank line, or a line ending like a sentence followed by one starting like
/// one; the line break is the byte at `i`.
fn line_break_ends_sentence(text: &str, i: usize) -> bool {
    let blank_follows = text[i + 1..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\n');
    if blank_follows {
        return true;
    }
    let last = text[..i].chars().rev().find(|c| !c.is_whitespace());
    let line_complete = match last {
        None => false,
        Some(c) => !(c.is_lowercase() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '(')),
    };
    line_complete && next_starts_sentence(text, i + 1)
}

fn next_starts_sentence(text: &str, j: usize) -> bool {
    match next_visible(text, j) {
        None => true,
        Some((_, c)) => !c.is_lowercase() && !matches!(c, ',' | ';' | ':'),
    }
}

/// Whether the point at byte `i` ends an abbreviation rather than a sentence,
/// judging by the word before it and, for some, the word after it (from `j`).
fn point_is_abbreviation(text: &str, i: usize, j: usize) -> bool {
    let k = text[..i]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(i, |(k, _)| k);
    let word = text[k..i].to_lowercase();
    if word.is_empty() {
        return false;
    }
    let letters = word.chars().filter(|c| *c != '.').count();
    let initialism = word.contains('.');
    let initial = letters == 1 && word.chars().all(char::is_alphabetic);
    if TITLES.contains(&word.as_str()) || (initial && !initialism) {
        return true;
    }
    if BEFORE_NUMBERS.contains(&word.as_str()) {
        return next_visible(text, j).is_some_and(|(_, c)| c.is_numeric());
    }
    if initialism || SUFFIXES.contains(&word.as_str()) {
        return !next_word_opens_sentence(text, j);
    }
    false
}

fn next_word_opens_sentence(text: &str, j: usize) -> bool {
    let Some((k, _)) = next_visible(text, j) else {
        return true;
    };
    let word: String = text[k..]
        .chars()
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
    fn no_is_a_title_only_before_a_number() {
        assert_eq!(
            split("The answer was no. The minister left."),
            ["The answer was no.", "The minister left."]
        );
        assert_eq!(
            split("He lives at No. 10 Downing Street. Nos. 3 and 4 are empty. See no. 5 there."),
            [
                "He lives at No. 10 Downing Street.",
                "Nos. 3 and 4 are empty.",
                "See no. 5 there."
            ]
        );
        assert_eq!(
            split("Art. 5 applies. She studied art. Then she left."),
            ["Art. 5 applies.", "She studied art.", "Then she left."]
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
