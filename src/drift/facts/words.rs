//! A text's words: its tokens with stems, which are content words, and what is
//! known of each word (classes, spelling, forms, verb forms), each worked out once
//! per word and shared by every text of the thread that uses it. A `Side`
//! is these words plus what English grammar reads off them.

use super::calendar;
use super::classes::Class;
use super::forms::Forms;
use super::spelling::{bare, Spelling};
use super::verb_forms::{lemma, VerbWord};
use crate::drift::Span;
use crate::hash::term_hash;
use crate::text::language::{ByLanguage, Language, StemCache};
use crate::text::lexicon::stopwords;
use crate::text::tokenize::{tokenize, Token};
use ahash::AHashMap;
use std::cell::RefCell;
use std::sync::Arc;

/// A text's tokens and what the detectors ask of each.
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Each token's stem as a number, equal where the stems are (the stem of a
    /// number is the number itself): detectors compare stems, never print them.
    pub stems: Vec<u64>,
    /// Whether each token is a content word (not a function word).
    pub content: Vec<bool>,
    /// The [`Class`]es of each token's word, a bit each.
    classes: Vec<u16>,
    /// What is known of each token's word, shared by every text of the thread
    /// that uses the word.
    words: Vec<Arc<Word>>,
    /// Whether each token looks like a name, and whether it is a figure: every
    /// detector asks, many times per token, so each side answers once.
    names: Vec<bool>,
    figures: Vec<bool>,
}

/// What the detectors ask of one word, whatever the text it is in.
struct Word {
    /// The word as names are compared: without diacritics or points ("Urumqi").
    bare: Box<str>,
    /// What comparing its bare form with another name's needs (see `entity`).
    spelling: Spelling,
    /// The same of the word as it is (the alignment's `near` compares words so).
    norm_spelling: Spelling,
    /// Its base forms and their opposites (English only; none otherwise).
    forms: Forms,
    /// What verb groups ask of it (English only; nothing otherwise).
    verb: VerbWord,
    /// Its lemma as a verb's: the stem of its base form (English only; empty otherwise).
    lemma: Box<str>,
}

/// A word as a side takes it from the memo.
struct Entry {
    stem: u64,
    content: bool,
    /// Its [`Class`]es, a bit each.
    classes: u16,
    word: Arc<Word>,
}

/// Entries kept before a thread's word memo starts over, bounding its memory.
const WORD_MEMO_ENTRIES: usize = 1 << 18;

/// Gives `f` the [`Entry`] of each token, in order, from `memo`, the thread's
/// words by language: news repeats its words, and a word's stem, bare form,
/// opposites and verb forms cost more to work out than to look up.
fn each_word(
    memo: &mut ByLanguage<AHashMap<Box<str>, Entry>>,
    lang: Language,
    tokens: &[Token],
    mut f: impl FnMut(&Entry),
) {
    let (words, entries) = memo.part(lang, AHashMap::new);
    let english = lang.code == "en";
    for t in tokens {
        let norm = t.norm.as_str();
        if let Some(entry) = words.get(norm) {
            f(entry);
            continue;
        }
        let stop = stopwords(lang);
        let bare = bare(norm);
        let word = Word {
            spelling: Spelling::of(&bare),
            norm_spelling: Spelling::of(norm),
            bare: bare.into(),
            forms: if english {
                Forms::of(norm)
            } else {
                Forms::none()
            },
            verb: if english {
                VerbWord::of(norm)
            } else {
                VerbWord::default()
            },
            lemma: if english {
                lemma(lang, norm).into()
            } else {
                Box::default()
            },
        };
        let entry = Entry {
            stem: StemCache::with_thread_cache(|stems| term_hash(stems.stem(lang, norm))),
            content: !stop.is_some_and(|s| s.contains(norm)),
            classes: Class::ALL
                .iter()
                .filter(|c| c.holds(norm, &word.forms))
                .fold(0, |bits, c| bits | c.bit()),
            word: Arc::new(word),
        };
        f(&entry);
        words.insert(norm.into(), entry);
        *entries += 1;
    }
}

/// Which tokens are a translator's gloss: words in brackets right after a closing
/// quotation mark, with no figure or date (the novel “Daheim” (At home), the album
/// “Kein Problem” (No problem)). A translation glosses a title or a word it
/// leaves in the original; the version it is compared with seldom does.
fn glosses(side: &Words) -> Vec<bool> {
    let (text, tokens) = (side.text, &side.tokens);
    let mut gloss = vec![false; tokens.len()];
    for (open, _) in text.match_indices('(') {
        // Right after a closing quotation mark, a space at most between (a run of
        // spaces is no gloss's, and would be read again for every bracket).
        let before = text[..open].strip_suffix(' ').unwrap_or(&text[..open]);
        let mut back = before.chars().rev();
        let quoted = back
            .next()
            // Not an apostrophe ("the workers’ (not the managers’) pay").
            .is_some_and(|c| matches!(c, '\u{201D}' | '\u{201C}' | '\u{BB}' | '\u{AB}' | '"'))
            && back.next().is_some_and(|c| !c.is_whitespace());
        if !quoted {
            continue;
        }
        // A gloss is a few words: its bracket closes within a line's length.
        let window = &text[open..];
        let Some(close) = window
            .char_indices()
            .take_while(|&(i, _)| i < MAX_GLOSS_BYTES)
            .find(|&(_, c)| c == ')')
            .map(|(i, _)| open + i)
        else {
            continue;
        };
        let first = tokens.partition_point(|t| t.start <= open);
        let inside = first..first + tokens[first..].partition_point(|t| t.end <= close);
        // A date or a figure in brackets is a detail ("the Tagesspiegel" (Sunday)).
        let detail = inside
            .clone()
            .any(|k| side.calendar(k).is_some() || side.is(k, Class::Figure));
        if !detail {
            for k in inside {
                gloss[k] = true;
            }
        }
    }
    gloss
}

/// The longest gloss, in bytes from its opening bracket.
const MAX_GLOSS_BYTES: usize = 160;

impl<'a> Words<'a> {
    pub fn new(text: &'a str, lang: Language) -> Words<'a> {
        thread_local! {
            static WORDS: RefCell<ByLanguage<AHashMap<Box<str>, Entry>>> =
                RefCell::new(ByLanguage::new(WORD_MEMO_ENTRIES));
        }
        let tokens = tokenize(text);
        let n = tokens.len();
        let (mut stems, mut content, mut classes, mut words) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        WORDS.with_borrow_mut(|memo| {
            each_word(memo, lang, &tokens, |entry| {
                stems.push(entry.stem);
                content.push(entry.content);
                classes.push(entry.classes);
                words.push(entry.word.clone());
            })
        });
        let mut side = Words {
            text,
            stems,
            content,
            classes,
            words,
            tokens,
            names: Vec::new(),
            figures: Vec::new(),
        };
        // A gloss is no part of what the sentence says: nothing in it is content,
        // a name, a figure or a negation.
        let gloss = glosses(&side);
        for k in (0..n).filter(|&k| gloss[k]) {
            side.content[k] = false;
            side.classes[k] &= !(Class::Negation.bit() | Class::Figure.bit());
        }
        side.names = (0..side.tokens.len())
            .map(|k| !gloss[k] && side.looks_like_name(k))
            .collect();
        side.figures = (0..side.tokens.len())
            .map(|k| !gloss[k] && side.reads_as_figure(k))
            .collect();
        side
    }

    /// Token `k` as names are compared: without diacritics or points ("Urumqi").
    pub fn bare(&self, k: usize) -> &str {
        &self.words[k].bare
    }

    /// What comparing token `k`'s bare form with another's needs.
    pub fn spelling(&self, k: usize) -> Spelling {
        self.words[k].spelling
    }

    /// What comparing token `k`'s normalized form with another's needs.
    pub fn norm_spelling(&self, k: usize) -> Spelling {
        self.words[k].norm_spelling
    }

    /// Whether token `k`'s word is of class `class`.
    pub fn is(&self, k: usize, class: Class) -> bool {
        self.classes[k] & class.bit() != 0
    }

    /// The month or weekday token `k` names, if any (see [`calendar::named`]).
    pub fn calendar(&self, k: usize) -> Option<&'static str> {
        if !self.is(k, Class::Calendar) {
            return None;
        }
        let t = &self.tokens[k];
        let capital = self.text[t.start..].starts_with(char::is_uppercase);
        calendar::named(&t.norm, capital)
    }

    /// Token `k`'s base forms and their opposites (none outside English).
    pub fn forms(&self, k: usize) -> &Forms {
        &self.words[k].forms
    }

    /// What verb groups ask of token `k` (nothing outside English).
    pub fn verb_word(&self, k: usize) -> VerbWord {
        self.words[k].verb
    }

    /// Token `k`'s lemma as a verb's (empty outside English).
    pub fn lemma(&self, k: usize) -> &str {
        &self.words[k].lemma
    }

    /// The byte span of token `k`.
    pub fn span(&self, k: usize) -> Span {
        (self.tokens[k].start, self.tokens[k].end)
    }

    /// The text of token `k` as written.
    pub fn word(&self, k: usize) -> &'a str {
        &self.text[self.tokens[k].start..self.tokens[k].end]
    }

    /// The text of tokens `ks` as written, joined by `sep`: evidence for an explanation.
    pub fn words(&self, ks: &[usize], sep: &str) -> String {
        ks.iter()
            .map(|&k| self.word(k))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Whether token `k` looks like a name: capitalised, not opening a sentence.
    pub fn is_name(&self, k: usize) -> bool {
        self.names[k]
    }

    /// Whether token `k` is a figure (digits or a number word).
    pub fn is_figure(&self, k: usize) -> bool {
        self.figures[k]
    }

    fn looks_like_name(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        let capital = self.text[t.start..].starts_with(char::is_uppercase);
        // A sentence or a quotation opens before it ("\u{201C}That's why", "Mr. X").
        let opens = k == 0
            || self.text[self.tokens[k - 1].end..t.start]
                .contains(['.', '!', '?', '\n', '"', '\u{201C}', '\u{201E}', '\u{AB}']);
        // "I" is a pronoun, whatever its capital.
        capital && !opens && t.norm != "i"
    }

    fn reads_as_figure(&self, k: usize) -> bool {
        // A scale after a figure is part of it ("185 thousand" is "185,000").
        let scale = || {
            k > 0
                && super::figures::SCALES
                    .iter()
                    .any(|(w, _)| *w == self.tokens[k].norm)
                && self.reads_as_figure(k - 1)
        };
        self.tokens[k].kind == crate::text::tokenize::TokenKind::Number
            || scale()
            || matches!(
                self.tokens[k].norm.as_str(),
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
            )
    }

    /// Whether a clause ends between token `k` and token `k + 1`.
    pub fn clause_break_after(&self, k: usize) -> bool {
        let Some(next) = self.tokens.get(k + 1) else {
            return true;
        };
        let gap = &self.text[self.tokens[k].end..next.start];
        gap.contains([
            ',', ';', ':', '.', '!', '?', '(', ')', '\u{2014}', '\u{2013}',
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_token_carries_the_classes_of_its_own_word() {
        let en = Language::parse("en").expect("English");
        // Words of every class, some twice, so that the memo answers the second.
        let text = "On Monday the minister allegedly said all 12 unfair rules were \
                    wrong, but she didn't say it on Monday; few said more.";
        let side = Words::new(text, en);
        assert!(side.tokens.len() > 20);
        for (k, t) in side.tokens.iter().enumerate() {
            let forms = Forms::of(&t.norm);
            for class in Class::ALL {
                assert_eq!(
                    side.is(k, class),
                    class.holds(&t.norm, &forms),
                    "{} {class:?}",
                    t.norm
                );
            }
        }
        let kinds = |class: Class| {
            (0..side.tokens.len())
                .filter(|&k| side.is(k, class))
                .count()
        };
        for class in Class::ALL {
            assert!(kinds(class) > 0, "no word of {class:?} in the sample");
        }
    }
}
