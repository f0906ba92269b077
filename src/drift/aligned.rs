//! Drift over a corpus's alignments: each distinct pair of texts compared once.

use super::severity;
use super::{score_pairs, DriftFinding};
use crate::align::counterpart::MIN_ALARM;
use crate::align::Alignment;
use crate::document::Document;
use ahash::AHashMap;
use rayon::prelude::*;

/// Distinct text pairs compared together.
const PAIRS_PER_CHUNK: usize = 1 << 14;
/// The findings of every alignment, in the order of `alignments`.
///
/// Findings depend on the two texts and their language alone (spans are offsets
/// into each text), so each distinct pair of texts is compared once, and each
/// distinct text prepared once per chunk of pairs: copies of one article align
/// the same sentence pairs again and again. Texts that are the same say the same
/// thing and are not compared at all. A pair is read in the language of its first
/// article (`scan` knows each article's language; `compare` and `pairs` detect a
/// pair's with `Language::detect_pair`). The findings of an alignment whose
/// [`Alignment::counterpart`] is below [`MIN_ALARM`] are capped at
/// [`severity::NOT_COUNTERPART`].
pub fn findings_of(docs: &[Document], alignments: &[Alignment]) -> Vec<Vec<DriftFinding>> {
    // Each distinct (text, language) by number, in order of first appearance.
    let mut texts: Vec<(&str, &str)> = Vec::new();
    let mut numbers: AHashMap<(&str, &str), u32> = AHashMap::new();
    let mut number = |text, lang| {
        *numbers.entry((text, lang)).or_insert_with(|| {
            texts.push((text, lang));
            texts.len() as u32 - 1
        })
    };
    // The numbers of each alignment's two texts, `None` where the texts are equal.
    let pairs: Vec<Option<(u32, u32)>> = alignments
        .iter()
        .map(|al| {
            let (a, b) = (al.a.text(docs), al.b.text(docs));
            let lang = docs[al.a.doc].lang.code;
            (a != b).then(|| (number(a, lang), number(b, lang)))
        })
        .collect();
    let mut distinct: Vec<(u32, u32)> = pairs.iter().flatten().copied().collect();
    distinct.par_sort_unstable();
    distinct.dedup();

    let langs: AHashMap<&str, _> = docs.iter().map(|d| (d.lang.code, d.lang)).collect();
    // In chunks, so that the prepared texts of one chunk (a few kilobytes each) are
    // freed before the next is prepared: the same memory serves every chunk,
    // where fresh memory costs the kernel a page fault per page.
    let found: Vec<Vec<DriftFinding>> = distinct
        .chunks(PAIRS_PER_CHUNK)
        .flat_map(|chunk| {
            let chunk: Vec<(&str, &str, _)> = chunk
                .iter()
                .map(|&(a, b)| {
                    let ((a, lang), (b, _)) = (texts[a as usize], texts[b as usize]);
                    (a, b, langs[lang])
                })
                .collect();
            score_pairs(&chunk)
        })
        .collect();
    pairs
        .par_iter()
        .zip(alignments)
        .map(|(pair, al)| match pair {
            Some(pair) => {
                let found = &found[distinct.partition_point(|x| x < pair)];
                if al.counterpart >= MIN_ALARM || found.is_empty() {
                    return found.clone();
                }
                let mut capped = found.clone();
                for f in &mut capped {
                    f.severity = f.severity.min(severity::NOT_COUNTERPART);
                }
                // Most severe first, as `compare` orders them.
                capped.sort_by(|x, y| y.severity.total_cmp(&x.severity).then(x.kind.cmp(&y.kind)));
                capped
            }
            None => Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::SentenceRange;
    use crate::analyze::{analyze, LanguageChoice};
    use crate::article::Article;
    use crate::drift::{compare, DriftKind};
    use crate::neardup::sketch::{SketchParams, Sketcher};
    use crate::text::language::Language;

    #[test]
    fn each_alignment_gets_the_findings_of_its_two_texts() {
        let en = Language::parse("en").expect("English");
        let sketcher = Sketcher::new(SketchParams::new(5, 1, 1).expect("sketch parameters"));
        let said = "The government has already warned about security breaches.";
        let unsaid = "The government has not warned about security breaches.";
        let same = "Officials met in Brussels on Monday.";
        let docs: Vec<Document> = [
            ("a", [said, same]),
            ("b", [unsaid, same]),
            ("c", [unsaid, said]),
        ]
        .iter()
        .map(|(id, s)| {
            let article = Article {
                id: (*id).into(),
                text: s.join(" "),
                ..Article::default()
            };
            analyze(&article, LanguageChoice::Fixed(en), &sketcher).expect("analyses")
        })
        .collect();
        let range = |doc, s| SentenceRange {
            doc,
            first: s,
            last: s,
        };
        let aligned = |a, b| Alignment {
            a,
            b,
            similarity: 0.5,
            counterpart: 1.0,
        };
        // The same pair of texts twice (a-b, a-c), a reprint (a-b), the pair the
        // other way round (c-a).
        let alignments = [
            aligned(range(0, 0), range(1, 0)),
            aligned(range(0, 1), range(1, 1)),
            aligned(range(0, 0), range(2, 0)),
            aligned(range(2, 0), range(0, 0)),
        ];
        let found = findings_of(&docs, &alignments);
        assert_eq!(found.len(), alignments.len());
        for (al, found) in alignments.iter().zip(&found) {
            let (a, b) = (al.a.text(&docs), al.b.text(&docs));
            let expected = if a == b {
                Vec::new()
            } else {
                compare(a, b, en)
            };
            assert_eq!(found, &expected, "{a} / {b}");
        }
        assert!(found[0].iter().any(|f| f.kind == DriftKind::Polarity));
        assert!(found[1].is_empty());
        assert_ne!(
            found[0], found[3],
            "a pair read the other way round is another pair"
        );
    }
}
