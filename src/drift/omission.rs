//! Omission and addition: words one side states and the other leaves out, where
//! the two otherwise say the same thing in the same words.
//!
//! The two sides' words are aligned in order (longest common subsequence, by stem);
//! near spellings left over answer each other (a typo, "quick" / "quickly"). When one
//! side has content words left and the other has nothing left but at most one
//! function word, that side said more: the other left it out. A rewrite that leaves
//! words on both sides has reworded, which is for the other detectors to judge. A
//! word said twice ("the the", a repeated phrase) adds nothing. Names and figures
//! are left to `entity` and `number`, connectives ("since", "in addition") state no
//! content.

use super::entity::similarity;
use super::side::{Class, Side};
use super::{DriftFinding, DriftKind, Span};
use crate::text::lexicon::{aspect_markers, connectives, hedges, negation_cues, quantifiers};
use std::cell::RefCell;

/// Near spellings of one word: a typo or another inflection.
const SAME_WORD: f64 = 0.75;
/// Content words the two sides must share before a gap on one side means anything.
const MIN_SHARED: usize = 3;
/// Separate stretches of left-out words a close copy may have: more is a rewrite.
const MAX_GAPS: usize = 2;

/// Cells of the alignment table beyond which two texts are not compared word by
/// word: that is two passages of about 2,000 words each, far past a close copy of
/// a sentence, and the table would cost memory and time quadratic in their length.
const MAX_CELLS: usize = 4_000_000;
/// Cells of the alignment table a thread keeps from one pair to the next: enough
/// for two passages of about 250 words.
const KEPT_CELLS: usize = 1 << 16;

/// Two sides' words aligned in order, as omission and substitution read them.
pub(super) struct WordAlignment {
    /// The tokens of each side that the longest common subsequence of stems leaves out.
    pub left_a: Vec<bool>,
    pub left_b: Vec<bool>,
    /// Content words of A the alignment pairs with B's.
    pub shared: usize,
}

/// The word alignment of two sides; `None` for texts too long to align word by
/// word (see `MAX_CELLS`).
pub(super) fn word_alignment(a: &Side, b: &Side) -> Option<WordAlignment> {
    let (n, m) = (a.tokens.len(), b.tokens.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return None;
    }
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
    let shared = (0..a.tokens.len())
        .filter(|&k| !left_a[k] && a.content[k])
        .count();
    Some(WordAlignment {
        left_a,
        left_b,
        shared,
    })
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
pub(super) fn near(x: &Side, i: usize, y: &Side, j: usize) -> bool {
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

/// A word its side says again right before it ("the the", "in the in the").
fn repeated(side: &Side, k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|o| side.stems[o] == side.stems[k])
}

/// Words whose presence on one side only another detector reports: negations,
/// hedges, aspect markers.
pub(super) fn owned_elsewhere(w: &str) -> bool {
    negation_cues()
        .get(w)
        .is_some_and(|cues| cues.iter().any(|c| c.len() == 1))
        || w.ends_with("n't")
        || hedges().contains(w)
        || aspect_markers().contains(w)
        || quantifiers().contains_key(w)
}

/// Content a reader would miss: not a function word, connective, name or figure.
pub(super) fn content(side: &Side, k: usize) -> bool {
    side.content[k]
        && !side.is(k, Class::Filler)
        && !side.is(k, Class::OwnedElsewhere)
        && !side.is_name(k)
        && !side.is_figure(k)
}

/// Words that say too little to be missed when left out: connectives, and pieces
/// a tokenizer split off a word ("Kong 's", "do n't"), which are not words.
pub(super) fn filler(w: &str) -> bool {
    w.chars().count() < 3 || !w.starts_with(char::is_alphanumeric) || connectives().contains(w)
}

/// Stretches of consecutive unaligned tokens.
fn gaps(left: &[bool]) -> usize {
    (0..left.len())
        .filter(|&k| left[k] && (k == 0 || !left[k - 1]))
        .count()
}

pub(super) fn detect(a: &Side, b: &Side, words: &WordAlignment) -> Vec<DriftFinding> {
    let (left_a, left_b) = (&words.left_a, &words.left_b);
    if words.shared < MIN_SHARED {
        return Vec::new();
    }
    // A finding needs one side with nothing left: each of its left-over words a
    // repetition or a near spelling of a word the other side left over. Where
    // neither side can be, no pairing below changes that (most reworded pairs).
    let coverable = |s: &Side, left: &[bool], o: &Side, other_left: &[bool]| {
        (0..s.tokens.len())
            .filter(|&k| left[k] && !repeated(s, k))
            .all(|k| (0..o.tokens.len()).any(|j| other_left[j] && near(s, k, o, j)))
    };
    if !coverable(a, left_a, b, left_b) && !coverable(b, left_b, a, left_a) {
        return Vec::new();
    }
    let (mut left_a, mut left_b) = (left_a.clone(), left_b.clone());
    // Near spellings answer each other; repetitions say nothing new.
    for (i, left) in left_a.iter_mut().enumerate() {
        if !*left {
            continue;
        }
        let partner = (0..b.tokens.len()).find(|&j| left_b[j] && near(a, i, b, j));
        if let Some(j) = partner {
            *left = false;
            left_b[j] = false;
        }
    }
    for (side, left) in [(a, &mut left_a), (b, &mut left_b)] {
        for (k, l) in left.iter_mut().enumerate() {
            *l &= !repeated(side, k);
        }
    }
    let (count_a, count_b) = (
        left_a.iter().filter(|&&l| l).count(),
        left_b.iter().filter(|&&l| l).count(),
    );
    let (kind, side, left, other_left) = if count_a >= count_b {
        (DriftKind::Omission, a, &left_a, count_b)
    } else {
        (DriftKind::Addition, b, &left_b, count_a)
    };
    // The other side must have kept to the words: none of its own. The side with more must have said it in a few stretches.
    let other_content = match kind {
        DriftKind::Omission => (0..b.tokens.len()).any(|k| left_b[k] && content(b, k)),
        _ => (0..a.tokens.len()).any(|k| left_a[k] && content(a, k)),
    };
    if other_left > 0 || other_content || gaps(left) > MAX_GAPS {
        return Vec::new();
    }
    let said: Vec<usize> = (0..side.tokens.len())
        .filter(|&k| left[k] && content(side, k))
        .collect();
    if said.is_empty() {
        return Vec::new();
    }
    let spans: Vec<Span> = said
        .iter()
        .map(|&k| (side.tokens[k].start, side.tokens[k].end))
        .collect();
    let words: Vec<&str> = spans.iter().map(|&(s, e)| &side.text[s..e]).collect();
    let (evidence_a, evidence_b, verb) = if kind == DriftKind::Omission {
        (spans, Vec::new(), "B leaves out")
    } else {
        (Vec::new(), spans, "B adds")
    };
    vec![DriftFinding {
        kind,
        severity: 0.5,
        evidence_a,
        evidence_b,
        explanation: format!("{verb} \"{}\"", words.join(" ")),
    }]
}

#[cfg(test)]
mod tests {
    use super::super::compare;
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
            let (a, b) = (Side::new(&tx, en), Side::new(&ty, en));
            let first = word_alignment(&a, &b).expect("short texts");
            let long = text(&[0, 1, 2].repeat(60));
            word_alignment(&Side::new(&long, en), &Side::new(&long, en));
            let again = word_alignment(&a, &b).expect("short texts");
            prop_assert_eq!((&first.left_a, &first.left_b), (&again.left_a, &again.left_b));
            let kept = |s: &Side, left: &[bool]| -> Vec<u64> {
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
            let (sx, sy) = (Side::new(&x, en), Side::new(&y, en));
            prop_assert_eq!(sx.tokens.len(), 1);
            prop_assert_eq!(sy.tokens.len(), 1);
            prop_assert_eq!(near(&sx, 0, &sy, 0), near_by_definition(&x, &y), "{} {}", x, y);
        }
    }

    fn kinds(a: &str, b: &str) -> Vec<DriftKind> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .filter(|f| matches!(f.kind, DriftKind::Omission | DriftKind::Addition))
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn dropped_or_added_content_is_drift() {
        let a = "Senior trainee Grzegorz Bal and two officers work at the customs office.";
        let b = "Trainee Grzegorz Bal and two officers work at the customs office.";
        assert_eq!(kinds(a, b), [DriftKind::Omission]);
        assert_eq!(kinds(b, a), [DriftKind::Addition]);
        assert_eq!(
            kinds(
                "Police arrested 45 people after the protests turned violent.",
                "Police arrested 45 people after the protests in Portland turned extremely violent."
            ),
            [DriftKind::Addition]
        );
    }

    #[test]
    fn texts_too_long_to_align_word_by_word_are_left_alone() {
        // Two long texts that differ by one word: no quadratic table, no finding.
        let a = "The council met again and the budget was approved by the members. ".repeat(300);
        let b = a.replacen("approved", "quickly approved", 1);
        let started = std::time::Instant::now();
        assert!(kinds(&a, &b).is_empty());
        assert!(started.elapsed().as_secs() < 30);
    }

    #[test]
    fn rewording_typos_and_repetition_are_not() {
        for (a, b) in [
            // Reworded: words unanswered on both sides.
            (
                "The minister talked about the budget cuts.",
                "The minister emphasized the budget reductions.",
            ),
            // A typo and another inflection.
            (
                "The government issued warnings quickly.",
                "The goverment issued warnings quick.",
            ),
            // Repetition and a dropped connective.
            (
                "Police fired tear gas at the crowd.",
                "Police fired tear tear gas at the crowd.",
            ),
            (
                "Since the dam was built, the floods stopped.",
                "The dam was built, the floods stopped.",
            ),
        ] {
            assert!(kinds(a, b).is_empty(), "{a} / {b}: {:?}", kinds(a, b));
        }
    }
}
