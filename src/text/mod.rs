//! Text as the stages read it: Unicode folding (`normalize`), words with their
//! byte spans (`tokenize`), sentences (`segment`), the language and its stemmer
//! (`language`), which language a text is in (`detect`), and the word lists of
//! `data/lexicon/` (`lexicon`).

mod detect;
pub mod language;
pub mod lexicon;
pub mod normalize;
pub mod segment;
pub mod tokenize;
