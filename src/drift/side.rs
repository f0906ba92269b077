//! One side of a comparison: its tokens with stems, and which are content words.

use super::antonym::Forms;
use super::verbs::{self, VerbGroup};
use super::Span;
use crate::language::{ByLanguage, Language, StemCache};
use crate::lexicon::stopwords;
use crate::tokenize::{tokenize, Token};
use ahash::AHashMap;
use std::cell::RefCell;
use std::sync::Arc;

/// A text ready for the detectors.
pub struct Side<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Stem of each token (the number itself for numbers).
    pub stems: Vec<Arc<str>>,
    /// Whether each token is a content word (not a function word).
    pub content: Vec<bool>,
    /// Each token as names are compared: without diacritics or points ("Urumqi").
    pub bare: Vec<Arc<str>>,
    /// Verb groups with their tense and aspect (English only; empty otherwise).
    pub verbs: Vec<VerbGroup>,
    /// Each token's base forms and their opposites (English only; empty otherwise).
    pub(super) forms: Vec<Arc<Forms>>,
    /// Whether each token looks like a name, and whether it is a figure: every
    /// detector asks, many times per token, so each side answers once.
    names: Vec<bool>,
    figures: Vec<bool>,
}

/// What a side needs of one word, whatever the text it is in.
struct Word {
    stem: Arc<str>,
    bare: Arc<str>,
    content: bool,
    /// English only.
    forms: Option<Arc<Forms>>,
}

/// Entries kept before a thread's word memo starts over, bounding its memory.
const WORD_MEMO_ENTRIES: usize = 1 << 18;

/// Gives `f` the [`Word`] of each token, in order, from `memo`, the thread's words
/// by language: news repeats its words, and a word's stem, bare form and opposites
/// cost more to work out than to look up.
fn each_word(
    memo: &mut ByLanguage<AHashMap<Box<str>, Word>>,
    lang: Language,
    tokens: &[Token],
    mut f: impl FnMut(&Word),
) {
    let (words, entries) = memo.part(lang, AHashMap::new);
    for t in tokens {
        let norm = t.norm.as_str();
        if let Some(word) = words.get(norm) {
            f(word);
            continue;
        }
        let stop = stopwords(lang);
        let word = Word {
            stem: StemCache::with_thread_cache(|stems| stems.stem(lang, norm).into()),
            bare: super::entity::bare(norm).into(),
            content: !stop.is_some_and(|s| s.contains(norm)),
            forms: (lang.code == "en").then(|| Arc::new(Forms::of(norm))),
        };
        f(&word);
        words.insert(norm.into(), word);
        *entries += 1;
    }
}

impl<'a> Side<'a> {
    pub fn new(text: &'a str, lang: Language) -> Side<'a> {
        thread_local! {
            static WORDS: RefCell<ByLanguage<AHashMap<Box<str>, Word>>> =
                RefCell::new(ByLanguage::new(WORD_MEMO_ENTRIES));
        }
        let tokens = tokenize(text);
        let n = tokens.len();
        let (mut stems, mut content, mut bare, mut forms) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        WORDS.with_borrow_mut(|memo| {
            each_word(memo, lang, &tokens, |word| {
                stems.push(word.stem.clone());
                content.push(word.content);
                bare.push(word.bare.clone());
                forms.extend(word.forms.clone());
            })
        });
        let mut side = Side {
            text,
            stems,
            content,
            bare,
            forms,
            tokens,
            verbs: Vec::new(),
            names: Vec::new(),
            figures: Vec::new(),
        };
        side.names = (0..side.tokens.len())
            .map(|k| side.looks_like_name(k))
            .collect();
        side.figures = (0..side.tokens.len())
            .map(|k| side.reads_as_figure(k))
            .collect();
        if lang.code == "en" {
            side.verbs = verbs::groups(&side, lang);
        }
        side
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
        self.tokens[k].kind == crate::tokenize::TokenKind::Number
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
