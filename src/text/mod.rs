//! Text as the stages read it: Unicode folding (`normalize`), words with their
//! byte spans (`tokenize`), sentences (`segment`), the language and its stemmer
//! (`language`), which language a text is in (`detect`), the word lists of
//! `data/lexicon/` (`lexicon`) and the English number words (`numbers`).

mod detect;
pub mod language;
pub mod lexicon;
pub mod normalize;
pub mod numbers;
pub mod segment;
pub mod tokenize;
