//! The word-by-word alignment of two sides, as `omission` and `substitution` read
//! it: their words in order (longest common subsequence, by stem), what each side
//! leaves over, and when two left-over words are the same word misspelt or in
//! another form (`near`, which `quote` asks too).

use super::classes::Class;
use super::spelling::similarity;
use super::words::Words;
use std::cell::RefCell;

/// Near spellings of one word: a typo or another inflection.
const SAME_WORD: f64 = 0.75;
/// Cells of the alignment table beyond which two texts are not compared word by
/// word: that is two passages of about 2,000 words each, far past a close copy of
/// a sentence, and the table would cost memory and time quadratic in their length.
const MAX_CELLS: usize = 4_000_000;
/// Cells of the alignment table a thread keeps from one pair to the next: enough
/// for two passages of about 250 words.
const KEPT_CELLS: usize = 1 << 16;

/// Two sides' words aligned in order, as omission and substitution read them.
pub struct WordAlignment {
    /// The tokens of each side that the longest common subsequence of stems leaves out.
    pub left_a: Vec<bool>,
    pub left_b: Vec<bool>,
    /// Content words of A the alignment pairs with B's.
    pub shared: usize,
}

/// The word alignment of two sides; `None` for texts too long to align word by
/// word (see `MAX_CELLS`).
pub fn word_alignment(a: &Words, b: &Words) -> Option<WordAlignment> {
    let (n, m) = (a.tokens.len(), b.tokens.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return None;
    }
    // A longest common subsequence is not unique: walked from the side whose text
    // sorts first, the pair aligns the same whichever side is called A.
    let (left_a, left_b) = if a.text <= b.text {
        left_over(a, b)
    } else {
        let (left_b, left_a) = left_over(b, a);
        (left_a, left_b)
    };
    let shared = (0..a.tokens.len())
        .filter(|&k| !left_a[k] && a.content[k])
        .count();
    Some(WordAlignment {
        left_a,
        left_b,
        shared,
    })
}

/// The tokens of `a` and of `b` that a longest common subsequence of their stems
/// leaves out.
fn left_over(a: &Words, b: &Words) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (a.tokens.len(), b.tokens.len());
    let (mut left_a, mut left_b) = (vec![true; n], vec![true; m]);
    // A common beginning is matched word for word, as the walk below would match
    // it: the table is needed only for what follows.
    let first = a
        .stems
        .iter()
        .zip(&b.stems)
        .take_while(|(x, y)| x == y)
        .count();
    left_a[..first].fill(false);
    left_b[..first].fill(false);
    let (id_a, id_b) = (&a.stems[first..], &b.stems[first..]);
    TABLE.with_borrow_mut(|len| {
        walk(id_a, id_b, len, &mut left_a[first..], &mut left_b[first..]);
        // The table of two long passages (up to 8 MB) is not kept for the sentences
        // after them.
        if len.len() > KEPT_CELLS {
            *len = Vec::new();
        }
    });
    (left_a, left_b)
}

thread_local! {
    /// The table of [`walk`], kept from one pair to the next: the cells it reads
    /// are written first, all but its last row and column, so only those are
    /// cleared, where a new table of zeros per pair cost a twentieth of drift.
    static TABLE: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// Marks the words of `id_a` and `id_b` in a longest common subsequence as not
/// left, walking it from the start, with `len` as room for the table (its
/// lengths fit in 16 bits: [`MAX_CELLS`] keeps the shorter side under 2,000).
fn walk(id_a: &[u64], id_b: &[u64], len: &mut Vec<u16>, left_a: &mut [bool], left_b: &mut [bool]) {
    let (n, m) = (id_a.len(), id_b.len());
    // len[i * w + j]: the longest common subsequence of a[i..] and b[j..].
    let w = m + 1;
    if len.len() < (n + 1) * w {
        len.resize((n + 1) * w, 0);
    }
    len[n * w..(n + 1) * w].fill(0);
    for i in 0..n {
        len[i * w + m] = 0;
    }
    for i in (0..n).rev() {
        let (row, below) = len[i * w..(i + 2) * w].split_at_mut(w);
        // Row i from right to left, carrying its cell to the right and the cell
        // below that one (the table's last column is 0).
        let (mut right, mut diagonal) = (0, 0);
        for ((cell, &down), &y) in row[..m].iter_mut().zip(&below[..m]).zip(id_b).rev() {
            *cell = if id_a[i] == y {
                diagonal + 1
            } else {
                down.max(right)
            };
            right = *cell;
            diagonal = down;
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if id_a[i] == id_b[j] {
            left_a[i] = false;
            left_b[j] = false;
            i += 1;
            j += 1;
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Token `i` of `x` and token `j` of `y` are the same word misspelt or in another
/// form: a shared beginning ("financial" / "finance", "new" / "newly"), close by
/// edit distance or one edit apart ("ir" / "air"), or the same letters swapped
/// ("foudn" / "found").
pub fn near(x: &Words, i: usize, y: &Words, j: usize) -> bool {
    let (wx, wy) = (x.tokens[i].norm.as_str(), y.tokens[j].norm.as_str());
    if wx == wy {
        return true;
    }
    let (sx, sy) = (x.norm_spelling(i), y.norm_spelling(j));
    let prefix = wx
        .chars()
        .zip(wy.chars())
        .take_while(|(p, q)| p == q)
        .count();
    let (lx, ly) = (sx.chars(), sy.chars());
    if prefix >= 4 || (prefix >= 3 && prefix == lx.min(ly)) {
        return true;
    }
    // Close by edit distance, or one edit apart: one distance answers both, and
    // only words whose lengths allow either need it (this runs for every pair of
    // words two sides leave over). Most are ruled out by the characters one has
    // and the other lacks, a bound of the distance, before it is worked out.
    let longer = lx.max(ly) as f64;
    let lacking = sx.lacking(sy);
    let may_be_similar = 1.0 - lx.abs_diff(ly) as f64 / longer.max(1.0) >= SAME_WORD
        && 1.0 - lacking as f64 / longer.max(1.0) >= SAME_WORD;
    let may_be_one_edit = lx.abs_diff(ly) <= 1 && lacking <= 1;
    if may_be_similar || may_be_one_edit {
        let s = similarity(wx, wy);
        if (may_be_similar && s >= SAME_WORD) || (may_be_one_edit && s * longer >= longer - 1.0) {
            return true;
        }
    }
    let letters = |w: &str| {
        let mut l: Vec<char> = w.chars().collect();
        l.sort_unstable();
        l
    };
    lx == ly && sx.same_letters(sy) && letters(wx) == letters(wy)
}

/// Whether word `i` of `a` and word `j` of `b` fill the same place of the two
/// sentences: the content word before them, or the one after, is the same word on
/// both sides ("pets who died after eating" / "pets that were born after
/// eating"). Opposites that stand apart ("he was given a prize" / "the team took
/// the lead") each say something else (`antonym`); a title word with another in
/// its place is worded otherwise, not dropped (`entity`).
pub fn same_slot(a: &Words, i: usize, b: &Words, j: usize) -> bool {
    let before = |s: &Words, k: usize| (0..k).rev().find(|&o| s.content[o]).map(|o| s.stems[o]);
    let after = |s: &Words, k: usize| {
        (k + 1..s.tokens.len())
            .find(|&o| s.content[o])
            .map(|o| s.stems[o])
    };
    let same = |x: Option<u64>, y: Option<u64>| x.is_some() && x == y;
    same(before(a, i), before(b, j)) || same(after(a, i), after(b, j))
}

/// Content a reader would miss: not a function word, connective, name or figure.
pub fn content(side: &Words, k: usize) -> bool {
    side.content[k]
        && !side.is(k, Class::Filler)
        && !side.is(k, Class::OwnedElsewhere)
        && !side.is_name(k)
        && !side.is_figure(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::language::Language;
    use proptest::prelude::*;

    /// `near` as defined, every distance worked out.
    fn near_by_definition(x: &str, y: &str) -> bool {
        let prefix = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
        let (lx, ly) = (x.chars().count(), y.chars().count());
        let longer = lx.max(ly) as f64;
        let s = similarity(x, y);
        let sorted = |w: &str| {
            let mut l: Vec<char> = w.chars().collect();
            l.sort_unstable();
            l
        };
        x == y
            || prefix >= 4
            || (prefix >= 3 && prefix == lx.min(ly))
            || (1.0 - lx.abs_diff(ly) as f64 / longer.max(1.0) >= SAME_WORD && s >= SAME_WORD)
            || (lx.abs_diff(ly) <= 1 && s * longer >= longer - 1.0)
            || (lx == ly && sorted(x) == sorted(y))
    }

    /// The length of a longest common subsequence, by the textbook table.
    fn lcs(x: &[u64], y: &[u64]) -> usize {
        let mut t = vec![vec![0; y.len() + 1]; x.len() + 1];
        for i in 0..x.len() {
            for j in 0..y.len() {
                t[i + 1][j + 1] = if x[i] == y[j] {
                    t[i][j] + 1
                } else {
                    t[i][j + 1].max(t[i + 1][j])
                };
            }
        }
        t[x.len()][y.len()]
    }

    proptest! {
        // Three words, so that the sides share many in many orders; a long pair in
        // between, so that the table kept by the thread is larger than needed.
        #[test]
        fn words_kept_are_a_longest_common_subsequence(
            x in prop::collection::vec(0usize..3, 0..40),
            y in prop::collection::vec(0usize..3, 0..40),
        ) {
            let en = Language::parse("en").expect("English");
            let text = |ws: &[usize]| -> String {
                ws.iter().map(|&w| ["red", "green", "blue"][w]).collect::<Vec<_>>().join(" ")
            };
            let (tx, ty) = (text(&x), text(&y));
            let (a, b) = (Words::new(&tx, en), Words::new(&ty, en));
            let first = word_alignment(&a, &b).expect("short texts");
            let long = text(&[0, 1, 2].repeat(60));
            word_alignment(&Words::new(&long, en), &Words::new(&long, en));
            let again = word_alignment(&a, &b).expect("short texts");
            prop_assert_eq!((&first.left_a, &first.left_b), (&again.left_a, &again.left_b));
            let kept = |s: &Words, left: &[bool]| -> Vec<u64> {
                (0..s.tokens.len()).filter(|&k| !left[k]).map(|k| s.stems[k]).collect()
            };
            let (ka, kb) = (kept(&a, &first.left_a), kept(&b, &first.left_b));
            prop_assert_eq!(&ka, &kb);
            prop_assert_eq!(ka.len(), lcs(&a.stems, &b.stems));
        }

        // Few letters, some beyond ASCII, so that words share and swap them ("é" and
        // "i" share one of the 64 bits of letters, as characters of long words do).
        #[test]
        fn near_rules_out_only_words_that_are_not(
            x in "[abcdeéi]{1,9}",
            y in "[abcdeéi]{1,9}",
        ) {
            let en = Language::parse("en").expect("English");
            let (sx, sy) = (Words::new(&x, en), Words::new(&y, en));
            prop_assert_eq!(sx.tokens.len(), 1);
            prop_assert_eq!(sy.tokens.len(), 1);
            prop_assert_eq!(near(&sx, 0, &sy, 0), near_by_definition(&x, &y), "{} {}", x, y);
        }
    }
}
