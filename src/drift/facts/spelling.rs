//! Spelling: how near two words are written, for names (`entity`), hedges (`hedge`)
//! and typos (the word alignment's `near`).

/// Whether two words are at least `threshold` similar (see `similarity`), skipping
/// the edit distance where their lengths alone rule it out.
pub fn similar(x: &str, y: &str, threshold: f64) -> bool {
    let (cx, cy) = (x.chars().count(), y.chars().count());
    let bound = 1.0 - cx.abs_diff(cy) as f64 / cx.max(cy).max(1) as f64;
    bound >= threshold && similarity(x, y) >= threshold
}

/// 1 - edit distance / the longer word's length, in characters.
pub fn similarity(x: &str, y: &str) -> f64 {
    // Most words are ASCII: compare bytes then, without collecting chars.
    if x.is_ascii() && y.is_ascii() {
        return edit_similarity(x.as_bytes(), y.as_bytes());
    }
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    edit_similarity(&x, &y)
}

/// 1 - edit distance / longer length.
fn edit_similarity<T: PartialEq>(x: &[T], y: &[T]) -> f64 {
    let longer = x.len().max(y.len()).max(1);
    // The distance is at least the difference in length: skip what cannot be near.
    if x.len().abs_diff(y.len()) * 2 > longer {
        return 1.0 - x.len().abs_diff(y.len()) as f64 / longer as f64;
    }
    1.0 - edit_distance(x, y) as f64 / longer as f64
}

/// Edit distance with two neighbours swapped as one edit (optimal string
/// alignment): a typo or a transliteration swaps letters ("EUFA" / "UEFA",
/// "Rießle" / "Reißle"). Three rows; words are short, so the rows live on the stack
/// (this runs for many word pairs of every compared sentence).
fn edit_distance<T: PartialEq>(x: &[T], y: &[T]) -> usize {
    const ON_STACK: usize = 48;
    let n = y.len() + 1;
    if n <= ON_STACK {
        osa(x, y, &mut [0usize; 3 * ON_STACK], ON_STACK)
    } else {
        osa(x, y, &mut vec![0; 3 * n], n)
    }
}

/// [`edit_distance`] in `rows`: three rows of `stride` cells, the one before last,
/// the last and the current.
fn osa<T: PartialEq>(x: &[T], y: &[T], rows: &mut [usize], stride: usize) -> usize {
    let n = y.len() + 1;
    let (mut before, mut prev, mut cur) = (0, stride, 2 * stride);
    for j in 0..n {
        rows[prev + j] = j;
    }
    for i in 1..=x.len() {
        rows[cur] = i;
        for j in 1..n {
            let cost = usize::from(x[i - 1] != y[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                d = d.min(rows[before + j - 2] + 1);
            }
            rows[cur + j] = d;
        }
        (before, prev, cur) = (prev, cur, before);
    }
    rows[prev + n - 1]
}

/// A word as compared for names: folded, without the points of initialisms and
/// without diacritics ("Ürümqi" / "Urumqi"), and a Cyrillic or Greek letter that
/// looks like a Latin one written as that one in a word with Latin letters or with
/// look-alike letters only ("°С" with a Cyrillic "С" is "°C"; a Russian word with
/// other letters stays as it is, and both sides of a pair are folded alike).
pub fn bare(word: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    if word.is_ascii() {
        return word.replace('.', "");
    }
    let stripped: String = word
        .nfd()
        .filter(|&c| c != '.' && !is_combining_mark(c))
        .collect();
    let foreign = |c: char| c.is_alphabetic() && look_alike(c).is_none() && !c.is_ascii();
    if stripped.chars().any(|c| c.is_ascii_alphabetic()) || !stripped.chars().any(foreign) {
        stripped
            .chars()
            .map(|c| look_alike(c).unwrap_or(c))
            .collect()
    } else {
        stripped
    }
}

/// The Latin letter that a small Cyrillic or Greek letter is drawn as (Unicode's
/// confusables, for the letters of small case that `bare`'s folded input has).
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'κ' => 'k',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        _ => return None,
    })
}

/// A rough key of how a name sounds, for the names that romanizations spell each
/// their own way ("Tsirkon" / "Zircon", "Aleksandr" / "Alexander", "Dauden" /
/// "Dowden", "Korolyov" / "Korolev", "Pyotr" / "Peter"): the letters by which
/// romanizations of one sound differ are made one (c before a back vowel, k and q;
/// x and ks; z, ts, tz and dz; ph and f; kh and h; gh and g; th and t; ck and k;
/// ch, tch and cz; sh, sch and sz; zh, dzh and dj; w and v; ß and s), w after a
/// vowel and y are vowels, each run of vowels is one mark (vowels are what
/// romanizations vary most) and a doubled letter is one.
/// `bare` is a [`bare`] form.
pub fn sound(bare: &str) -> String {
    let chars: Vec<char> = bare.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(d, c)| chars.get(i + d) == Some(&c))
    };
    let mut key = String::with_capacity(bare.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_vowel = i > 0 && vowel(chars[i - 1]);
        let (mark, len) = if vowel(c) || (c == 'w' && after_vowel) {
            ('*', 1)
        } else if at(i, "tsch") {
            ('C', 4)
        } else if at(i, "dzh") || at(i, "sch") || at(i, "tch") {
            (
                if c == 's' {
                    'S'
                } else if c == 'd' {
                    'j'
                } else {
                    'C'
                },
                3,
            )
        } else if [
            "ch", "cz", "sh", "sz", "zh", "dj", "kh", "ph", "ts", "tz", "dz", "ck", "gh", "th",
        ]
        .iter()
        .any(|d| at(i, d))
        {
            let mark = match (c, chars[i + 1]) {
                ('c', 'k') => 'k',
                ('c', _) => 'C',
                ('s', _) => 'S',
                ('z', _) | ('d', 'j') => 'j',
                ('k', 'h') => 'h',
                ('p', _) => 'f',
                ('g', _) => 'g',
                ('t', 'h') => 't',
                _ => 'z',
            };
            (mark, 2)
        } else {
            let soft = chars
                .get(i + 1)
                .is_some_and(|&n| matches!(n, 'e' | 'i' | 'y'));
            (
                match c {
                    'c' if soft => 's',
                    'c' | 'q' => 'k',
                    'w' => 'v',
                    'ß' => 's',
                    'x' => {
                        if !key.ends_with('k') {
                            key.push('k');
                        }
                        's'
                    }
                    _ => c,
                },
                1,
            )
        };
        if !key.ends_with(mark) {
            key.push(mark);
        }
        i += len;
    }
    key
}

/// What comparing two spellings needs of a word, worked out once per word: of its
/// bare form for `entity`'s names, of its matching form for the alignment's `near`.
#[derive(Debug, Clone, Copy)]
pub struct Spelling {
    /// Its length in characters.
    chars: usize,
    /// The characters it has, each as one of 64 bits.
    letters: u64,
}

impl Spelling {
    pub fn of(word: &str) -> Spelling {
        Spelling {
            chars: word.chars().count(),
            letters: word.chars().fold(0, |m, c| m | 1 << (c as u32 % 64)),
        }
    }

    /// Its length in characters.
    pub fn chars(self) -> usize {
        self.chars
    }

    /// At most the edit distance between this spelling's word and `other`'s: each
    /// character one has and the other lacks takes an edit.
    pub fn lacking(self, other: Spelling) -> usize {
        (self.letters & !other.letters)
            .count_ones()
            .max((other.letters & !self.letters).count_ones()) as usize
    }

    /// Whether the two words may hold the same characters.
    pub fn same_letters(self, other: Spelling) -> bool {
        self.letters == other.letters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(similarity("eufa", "uefa"), 0.75);
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
        // Long words take the rows from the heap, with the same answer.
        let (x, y) = ("a".repeat(60) + "bc", "a".repeat(60) + "cb");
        assert_eq!(similarity(&x, &y), 1.0 - 1.0 / 62.0);
    }

    #[test]
    fn look_alike_letters_are_latin_in_a_latin_word() {
        assert_eq!(bare("\u{0441}"), "c");
        assert_eq!(bare("t\u{0435}st"), "test");
        // A word in Cyrillic stays Cyrillic.
        let moscow = "\u{043c}\u{043e}\u{0441}\u{043a}\u{0432}\u{0430}";
        assert_eq!(bare(moscow), moscow);
    }

    #[test]
    fn romanizations_of_one_name_sound_alike() {
        assert_eq!(sound("tsirkon"), sound("zircon"));
        assert_eq!(sound("dauden"), sound("dowden"));
        assert_eq!(sound("aleksandr"), "*l*ks*ndr");
        assert_eq!(sound("alexander"), "*l*ks*nd*r");
        assert_eq!(sound("rie\u{00DF}le"), sound("riesle"));
        assert_ne!(sound("paris"), sound("parma"));
    }
}
