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
pub fn bare(word: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    if word.is_ascii() {
        return word.replace('.', "");
    }
    word.nfd()
        .filter(|&c| c != '.' && !is_combining_mark(c))
        .collect()
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
