//! Drift between two whole texts, as `dupdrift compare` explains it: their
//! sentences aligned the way `scan` aligns articles, each aligned pair scored, the
//! evidence spans put back into the texts. Comparing two articles word against word
//! would pair a negation in one paragraph with a statement in another.

use crate::align::{align, AlignParams};
use crate::analyze::{analyze, LanguageChoice};
use crate::article::Article;
use crate::drift::{compare, DriftFinding};
use crate::neardup::sketch::{SketchParams, Sketcher};
use crate::text::language::Language;
use crate::text::segment::sentences;

/// The meaning changes from text `a` to text `b`, most severe first, spans into
/// `a` and `b`. Two single sentences are compared directly; longer texts sentence
/// by aligned sentence (directly too when no sentence aligns).
pub fn drift_between(a: &str, b: &str, lang: Language) -> Vec<DriftFinding> {
    if sentences(a).len() <= 1 && sentences(b).len() <= 1 {
        return compare(a, b, lang);
    }
    // Alignment needs no sketch worth the name: the smallest one does.
    let sketcher = Sketcher::new(
        SketchParams::new(5, 1, SketchParams::DEFAULT_SEED).expect("valid sketch parameters"),
    );
    let doc = |id: &str, text: &str| {
        let article = Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        };
        analyze(&article, LanguageChoice::Fixed(lang), &sketcher)
    };
    let (Ok(da), Ok(db)) = (doc("a", a), doc("b", b)) else {
        return compare(a, b, lang);
    };
    let docs = [da, db];
    // Two texts never reach alignment's 32-bit limits; were they to, words compare.
    let stats = crate::align::TermStats::of(&docs);
    let alignments = align(&docs, &stats, &AlignParams::default()).unwrap_or_default();
    if alignments.is_empty() {
        return compare(a, b, lang);
    }
    let mut out = Vec::new();
    for al in alignments {
        // Ids "a" < "b": the alignment's first range is in `a`.
        let (start_a, _) = al.a.bytes(&docs);
        let (start_b, _) = al.b.bytes(&docs);
        for mut f in compare(al.a.text(&docs), al.b.text(&docs), lang) {
            let shift = |spans: &mut Vec<(usize, usize)>, by: usize| {
                spans.iter_mut().for_each(|s| *s = (s.0 + by, s.1 + by));
            };
            shift(&mut f.evidence_a, start_a);
            shift(&mut f.evidence_b, start_b);
            out.push(f);
        }
    }
    out.sort_by(|x, y| {
        y.severity
            .total_cmp(&x.severity)
            .then(x.evidence_a.cmp(&y.evidence_a))
            .then(x.kind.cmp(&y.kind))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../data/seeds/001_2d58f66e70dddb23.txt");

    #[test]
    fn a_changed_sentence_in_a_long_text_is_found_where_it_is() {
        let en = Language::parse("en").expect("English");
        let changed = SEED.replacen(
            "has been in regular contact",
            "has never been in regular contact",
            1,
        );
        let found = drift_between(SEED, &changed, en);
        let never = changed.find("never").expect("inserted");
        assert!(
            found.iter().any(
                |f| f.evidence_b.iter().any(|&(s, e)| &changed[s..e] == "never")
                    && f.severity >= 0.5
            ),
            "{found:?}"
        );
        // Nothing else in the long text is reported at alarm level.
        assert!(
            found
                .iter()
                .filter(|f| f.severity >= 0.5)
                .all(|f| f.evidence_b.iter().all(|&(s, _)| s.abs_diff(never) < 300)),
            "{found:?}"
        );
        assert!(drift_between(SEED, SEED, en).is_empty());
    }
}
