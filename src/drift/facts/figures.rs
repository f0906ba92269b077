//! Figure words: which words may begin a figure at all (each side asks once per
//! word), of the number words, ordinals and scales `number` reads as values
//! (`text::numbers`, which alignment's counterpart evidence reads too).

pub use crate::text::numbers::{SCALES, SOFT_WORDS, WORDS};

/// Whether a word may begin a figure, as `number` reads one: a word that may not
/// is passed over, whatever is around it (each side asks once per word).
pub fn may_begin_figure(norm: &str) -> bool {
    let listed = |words: &[(&str, f64)]| words.iter().any(|(w, _)| *w == norm);
    // Digits; or what reads as a number without any ("nan" and "inf" do).
    norm.contains(|c: char| c.is_ascii_digit())
        || norm.parse::<f64>().is_ok()
        || listed(&WORDS)
        || listed(&SOFT_WORDS)
        || listed(&SCALES)
}
