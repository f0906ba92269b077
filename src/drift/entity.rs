//! Entities: a person, place or organisation swapped for another or dropped.
//!
//! Names are the capitalised words that do not open a sentence. A name of one side
//! is kept when the other side has a word that spells it, or nearly (transliteration:
//! "Dmitry" / "Dmitri", "Zelensky" / "Zelenskyy"), anywhere in it, capitalised or not.

use super::date::calendar;
use super::side::Side;
use super::{DriftFinding, DriftKind};
use crate::text::lexicon::not_names;
use std::cell::OnceCell;

/// Edit-distance similarity from which two spellings name the same entity.
const SAME_NAME: f64 = 0.7;

/// Whether two words are at least `threshold` similar (see `similarity`), skipping
/// the edit distance where their lengths alone rule it out.
pub(super) fn similar(x: &str, y: &str, threshold: f64) -> bool {
    let (cx, cy) = (x.chars().count(), y.chars().count());
    let bound = 1.0 - cx.abs_diff(cy) as f64 / cx.max(cy).max(1) as f64;
    bound >= threshold && similarity(x, y) >= threshold
}

/// 1 - edit distance / the longer word's length, in characters.
pub(super) fn similarity(x: &str, y: &str) -> f64 {
    // Most words are ASCII: compare bytes then, without collecting chars.
    if x.is_ascii() && y.is_ascii() {
        return edit_similarity(x.as_bytes(), y.as_bytes());
    }
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    edit_similarity(&x, &y)
}

/// 1 - Levenshtein distance / longer length.
fn edit_similarity<T: PartialEq>(x: &[T], y: &[T]) -> f64 {
    let longer = x.len().max(y.len()).max(1);
    // The distance is at least the difference in length: skip what cannot be near.
    if x.len().abs_diff(y.len()) * 2 > longer {
        return 1.0 - x.len().abs_diff(y.len()) as f64 / longer as f64;
    }
    1.0 - levenshtein(x, y) as f64 / longer as f64
}

/// Levenshtein distance, in two rows; words are short, so the rows live on the
/// stack (this runs for many word pairs of every compared sentence).
fn levenshtein<T: PartialEq>(x: &[T], y: &[T]) -> usize {
    const ON_STACK: usize = 48;
    let (mut stack_prev, mut stack_cur) = ([0usize; ON_STACK], [0usize; ON_STACK]);
    let (mut heap_prev, mut heap_cur) = (Vec::new(), Vec::new());
    let (mut prev, mut cur): (&mut [usize], &mut [usize]) = if y.len() < ON_STACK {
        (&mut stack_prev[..=y.len()], &mut stack_cur[..=y.len()])
    } else {
        heap_prev.resize(y.len() + 1, 0);
        heap_cur.resize(y.len() + 1, 0);
        (&mut heap_prev, &mut heap_cur)
    };
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for i in 1..=x.len() {
        cur[0] = i;
        for j in 1..=y.len() {
            let cost = usize::from(x[i - 1] != y[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
}

/// A word as compared for names: folded, without the points of initialisms and
/// without diacritics ("Ürümqi" / "Urumqi").
pub(super) fn bare(word: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    if word.is_ascii() {
        return word.replace('.', "");
    }
    word.nfd()
        .filter(|&c| c != '.' && !is_combining_mark(c))
        .collect()
}

/// What comparing two spellings needs of a word, worked out once per word: of its
/// bare form for [`same_name`], of its matching form for `omission::near`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spelling {
    /// Its length in characters.
    chars: usize,
    /// The characters it has, each as one of 64 bits.
    letters: u64,
}

impl Spelling {
    pub(super) fn of(word: &str) -> Spelling {
        Spelling {
            chars: word.chars().count(),
            letters: word.chars().fold(0, |m, c| m | 1 << (c as u32 % 64)),
        }
    }

    /// Its length in characters.
    pub(super) fn chars(self) -> usize {
        self.chars
    }

    /// At most the edit distance between this spelling's word and `other`'s: each
    /// character one has and the other lacks takes an edit.
    pub(super) fn lacking(self, other: Spelling) -> usize {
        (self.letters & !other.letters)
            .count_ones()
            .max((other.letters & !self.letters).count_ones()) as usize
    }

    /// Whether the two words may hold the same characters.
    pub(super) fn same_letters(self, other: Spelling) -> bool {
        self.letters == other.letters
    }
}

/// Two spellings of one name: near by edit distance, or one the abbreviation of the
/// other ("Tue" / "Tuesday", "Naples" / "Napoli" share their first letters).
fn same_name(x: &str, sx: Spelling, y: &str, sy: Spelling) -> bool {
    // Most words start with another letter: their first bytes tell (this runs for
    // every word of the other side, for each name not found there).
    let prefix = if x.as_bytes().first() == y.as_bytes().first() {
        x.chars().zip(y.chars()).take_while(|(a, b)| a == b).count()
    } else {
        0
    };
    let shorter = sx.chars.min(sy.chars);
    if x == y || (shorter >= 2 && prefix == shorter) || prefix >= 4 {
        return true;
    }
    // Each character one word has and the other lacks takes an edit: the edit
    // distance is at least that count, so the similarity at most what it allows.
    // Most word pairs are ruled out so, without the distance.
    let longer = sx.chars.max(sy.chars).max(1);
    1.0 - sx.lacking(sy) as f64 / longer as f64 >= SAME_NAME && similar(x, y, SAME_NAME)
}

/// The capitals of token `j` of `s` if it is an initialism ("US", "U.N."): two
/// capitals or more, and nothing but capitals and points.
fn initials_of(s: &Side, j: usize) -> Option<Vec<char>> {
    // Most words start with a small letter: ruled out by their first byte.
    let first = s.text.as_bytes()[s.tokens[j].start];
    if first.is_ascii_lowercase() || first.is_ascii_digit() {
        return None;
    }
    let raw = &s.text[s.tokens[j].start..s.tokens[j].end];
    // Most other words have a small letter: ruled out before anything is collected.
    if !raw.chars().all(|c| c.is_uppercase() || c == '.') {
        return None;
    }
    let initials: Vec<char> = raw.chars().filter(|c| c.is_uppercase()).collect();
    (initials.len() >= 2).then_some(initials)
}

/// Whether `other` spells the name at token `k` of `side`: the word itself, a near
/// spelling, or, for an initialism ("US"), consecutive words with those initials
/// ("United States"). `initialisms` holds `other`'s, found on first need and kept
/// for the other names of `side`.
fn spelled(side: &Side, k: usize, other: &Side, initialisms: &OnceCell<Vec<Vec<char>>>) -> bool {
    let (name, spelling) = (side.bare(k), side.spelling(k));
    // The same word first: it is the common case and needs no edit distance.
    let near = (0..other.tokens.len())
        .any(|j| other.stems[j] == side.stems[k] || other.bare(j) == name)
        || (0..other.tokens.len())
            .any(|j| same_name(other.bare(j), other.spelling(j), name, spelling));
    if near {
        return true;
    }
    // Words starting with these letters, in order, in `s` (containing token `within`).
    let spells = |s: &Side, letters: &[char], within: Option<usize>| {
        (0..s.tokens.len().saturating_sub(letters.len() - 1)).any(|first| {
            let run = first..first + letters.len();
            within.is_none_or(|w| run.contains(&w))
                && run
                    .clone()
                    .zip(letters)
                    .all(|(j, &c)| s.text[s.tokens[j].start..].starts_with(c))
        })
    };
    // This name is an initialism of words in `other`, or one of the words of an
    // initialism that `other` uses.
    initials_of(side, k).is_some_and(|letters| spells(other, &letters, None))
        || initialisms
            .get_or_init(|| {
                (0..other.tokens.len())
                    .filter_map(|j| initials_of(other, j))
                    .collect()
            })
            .iter()
            .any(|letters| spells(side, letters, Some(k)))
}

/// The names of `side` that `other` does not spell, as token indices, and those
/// excused as part of a longer name whose other part is spelled ("Donald Trump" /
/// "Trump"), each with that part's token and on which side of it it stands.
fn missing(side: &Side, other: &Side) -> (Vec<usize>, Vec<(usize, usize, bool)>) {
    let names: Vec<usize> = (0..side.tokens.len())
        .filter(|&k| side.is_name(k) && side.content[k] && !side.is_figure(k))
        .filter(|&k| !not_names().contains(side.bare(k)))
        // Months and weekdays are `date`'s.
        .filter(|&k| calendar(side, k).is_none())
        .collect();
    let initialisms = OnceCell::new();
    let kept = |k: usize| spelled(side, k, other, &initialisms);
    let joined =
        |k: usize, j: usize| side.is_name(j) && !side.clause_break_after(j.min(k)) && kept(j);
    let (mut missing, mut excused) = (Vec::new(), Vec::new());
    for k in names.into_iter().filter(|&k| !kept(k)) {
        if k + 1 < side.tokens.len() && joined(k, k + 1) {
            excused.push((k, k + 1, true));
        } else if k > 0 && joined(k, k - 1) {
            excused.push((k, k - 1, false));
        } else {
            missing.push(k);
        }
    }
    (missing, excused)
}

/// Excused name words that the two sides put in the same place of the same longer
/// name: "Conservative Party" / "Liberal Party" is another party, not a shorter name.
fn swapped_within(
    a: &Side,
    ea: &[(usize, usize, bool)],
    b: &Side,
    eb: &[(usize, usize, bool)],
) -> (Vec<usize>, Vec<usize>) {
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    for &(x, nx, before_x) in ea {
        let partner = eb.iter().find(|&&(y, ny, before_y)| {
            before_x == before_y && a.stems[nx] == b.stems[ny] && !sb.contains(&y)
        });
        if let Some(&(y, _, _)) = partner {
            sa.push(x);
            sb.push(y);
        }
    }
    (sa, sb)
}

/// Personal pronouns, which stand for a name the other side spells out.
const PRONOUNS: [&str; 9] = [
    "he", "she", "him", "her", "his", "hers", "they", "them", "their",
];

fn pronouns(side: &Side) -> usize {
    side.tokens
        .iter()
        .filter(|t| PRONOUNS.contains(&t.norm.as_str()))
        .count()
}

/// A name on one side only: dropped (0.6), unless the other side has a pronoun
/// more, which most likely stands for it ("Peskov said" / "he said": 0.3).
fn dropped(namer: &str, names: String, pronoun_instead: bool) -> (f64, String) {
    let other = if namer == "A" { "B" } else { "A" };
    if pronoun_instead {
        (
            0.3,
            format!("{namer} names {names}, {other} uses a pronoun"),
        )
    } else {
        (0.6, format!("{namer} names {names}, {other} does not"))
    }
}

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let ((mut ma, ea), (mut mb, eb)) = (missing(a, b), missing(b, a));
    let (sa, sb) = swapped_within(a, &ea, b, &eb);
    ma.extend(sa);
    mb.extend(sb);
    ma.sort_unstable();
    mb.sort_unstable();
    if ma.is_empty() && mb.is_empty() {
        return Vec::new();
    }
    let (severity, explanation) = match (ma.is_empty(), mb.is_empty()) {
        (false, false) => (
            0.85,
            format!(
                "A names {}, B names {} instead",
                a.words(&ma, " "),
                b.words(&mb, " ")
            ),
        ),
        (false, true) => dropped("A", a.words(&ma, " "), pronouns(b) > pronouns(a)),
        _ => dropped("B", b.words(&mb, " "), pronouns(a) > pronouns(b)),
    };
    vec![DriftFinding {
        kind: DriftKind::Entity,
        severity,
        evidence_a: ma.iter().map(|&k| a.span(k)).collect(),
        evidence_b: mb.iter().map(|&k| b.span(k)).collect(),
        explanation,
    }]
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn entity(a: &str, b: &str) -> Option<f64> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .find(|f| f.kind == DriftKind::Entity)
            .map(|f| f.severity)
    }

    #[test]
    fn swapped_and_dropped_names() {
        assert_eq!(
            entity(
                "The talks were held in Paris on Monday.",
                "The talks were held in London on Monday."
            ),
            Some(0.85)
        );
        assert_eq!(
            entity("He met Xi Jinping in Beijing.", "He met Xi Jinping."),
            Some(0.6)
        );
        assert_eq!(
            entity(
                "Officials said Peskov denied it.",
                "Officials said he denied it."
            ),
            Some(0.3)
        );
        assert_eq!(
            entity(
                "The Conservative Party Conference starts on Sunday.",
                "The Liberal Party Conference starts on Sunday."
            ),
            Some(0.85)
        );
        assert_eq!(
            entity("President Donald Trump spoke.", "President Trump spoke."),
            None
        );
    }

    #[test]
    fn spelling_variants_and_positions_are_the_same_name() {
        assert_eq!(
            entity(
                "Kremlin spokesman Dmitry Peskov said so.",
                "Kremlin spokesperson Dmitri Peskov said so."
            ),
            None
        );
        assert_eq!(entity("Musk met Putin.", "He said Putin met Musk."), None);
        assert_eq!(entity("The rangers watched.", "Rangers watched."), None);
        assert_eq!(
            entity("A law of the U.S. Congress.", "A law of the US Congress."),
            None
        );
        assert_eq!(
            entity(
                "He flew to the US on Monday.",
                "He flew to the United States on Monday."
            ),
            None
        );
        assert_eq!(
            entity("President Donald Trump spoke.", "President Trump spoke."),
            None
        );
        assert_eq!(
            entity(
                "They reached \u{00DC}r\u{00FC}mqi on Tue.",
                "They reached Urumqi on Tuesday."
            ),
            None
        );
        // Different names sharing a short prefix stay different.
        assert_eq!(
            entity(
                "The talks were held in Paris.",
                "The talks were held in Parma."
            ),
            Some(0.85)
        );
    }
}
