//! Normalization for matching: Unicode NFKC, case folding, and folding of the quote,
//! apostrophe and dash variants that rewrites and translations swap freely.
//!
//! It is applied to one token at a time, so the spans kept by [`crate::text::tokenize`]
//! always point into the original text: normalize for matching, show the raw text.

use unicode_normalization::UnicodeNormalization;

/// Maps typographic variants to one ASCII form; other characters pass unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{0060}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => c,
    }
}

/// The matching form of `s`: NFKC, folded quotes and dashes, lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into `out`, which is cleared first: one buffer serves every token.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    for c in s.nfkc() {
        out.extend(fold_char(c).to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_and_dashes() {
        assert_eq!(fold("Russia\u{2019}s"), "russia's");
        assert_eq!(fold("\u{201C}Mr. Tesla\u{201D}"), "\"mr. tesla\"");
        assert_eq!(fold("1990\u{2013}2000"), "1990-2000");
        assert_eq!(fold("PUTIN"), "putin");
    }

    #[test]
    fn applies_nfkc() {
        // Ligature, full-width letters and a superscript all have a plain form.
        assert_eq!(fold("\u{FB01}nance"), "finance");
        assert_eq!(fold("\u{FF2D}usk"), "musk");
        assert_eq!(fold("km\u{00B2}"), "km2");
        // Composed and decomposed accents match.
        assert_eq!(fold("Cafe\u{0301}"), fold("Caf\u{00E9}"));
    }
}
