//! Counterparts: the confidence that an alignment's two sides render one statement,
//! not merely share a topic, names or a template.
//!
//! Drift is about two renditions of one statement. Sentences of two stories told
//! on one template ("rose 5% in March" / "rose 3% in April"), two sentences on one
//! topic, a headline glued to the sentence after it: they align, and every
//! difference between them would read as a meaning change. What tells them apart,
//! all of it read from what alignment already has (term weights, the sentences'
//! terms, their words), only for the alignments found:
//!
//! - **unexplained**: the weighted share of a side's terms the other side does not
//!   have, on the worse side (a headline glued to another sentence leaves the glued
//!   part unexplained on its side alone);
//! - **figures**: when both sides give figures, the share of the figures of the side
//!   with fewer that the other side does not give (1 when none of them appear);
//!   figures are compared by value, so "50,000", "50000" and "50.000" agree, and
//!   so do "three" and "3" or "1.8 million" and "1,800,000";
//! - **names**: both sides give a capitalised name (not opening a sentence) that the
//!   other article never mentions (by stem);
//! - **neighbours**: the alignments right before and after it on both sides (a
//!   diagonal run: a passage), up to two each way, that do not themselves give
//!   conflicting figures: a run of alignments whose figures all differ is a
//!   template, not a passage;
//! - **coverage**: how much the two articles share besides: the share of the
//!   sentences of the article that shares the most (the shorter, mostly) that the
//!   pair's alignments hold. An alignment alone between two articles that share
//!   nothing else is more likely a chance match than one of many.
//!
//! They are combined by a logistic of a few round coefficients ([`confidence`]),
//! fitted on sentence-level gold of multi-rendition news and checked on the
//! hand-read counterparts of two sample articles (see the README).

use super::profile::Profile;
use crate::document::Document;
use crate::hash::term_hash;
use crate::text::language::{Language, StemCache};
use crate::text::lexicon::{not_names, stopwords};
use crate::text::normalize::{fold_char, fold_into};
use crate::text::numbers::{SCALES, WORDS};
use crate::text::tokenize::{spans, TokenKind};
use std::sync::OnceLock;

/// Coefficients of the logistic (see [`confidence`]): fitted on the alignments of
/// wmt-multi-dev against its gold, then rounded.
const INTERCEPT: f64 = -2.0;
/// Per unit of the worse side's unexplained weight share.
const PER_UNEXPLAINED: f64 = -6.0;
/// Per unit of the share of figures that conflict.
const PER_FIGURES: f64 = -3.5;
/// When both sides give a name the other article never mentions.
const PER_NAMES: f64 = -0.5;
/// Per agreeing neighbour on the diagonal (up to four).
const PER_NEIGHBOUR: f64 = 3.0;
/// Per unit of coverage.
const PER_COVERAGE: f64 = 5.5;
/// Neighbours counted each way along a diagonal run.
const NEIGHBOURS_EACH_WAY: usize = 2;
/// A neighbour whose figures conflict at least this much does not vouch for the
/// alignments next to it.
const CONFLICTING_FIGURES: f64 = 0.5;

/// Alignments less likely than this to render one statement are not reported:
/// on wmt-multi-dev, dropping them lifts the precision of alignment from 0.979 to
/// 0.991 for no loss of recall (see the README).
pub const MIN_REPORTED: f64 = 0.08;
/// Findings of an alignment less likely than this to render one statement are
/// not reported as worth a look (severity below 0.5): a difference between two
/// sentences that say different things is no meaning change.
pub const MIN_ALARM: f64 = 0.9;

/// One alignment of a pair of articles: its sentence ranges on each side
/// (inclusive), and what else it carries.
pub(super) type Aligned<S> = ((usize, usize), (usize, usize), S);

/// What one side of an alignment gives besides its terms: its names and figures.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Side {
    /// The term hashes (as [`crate::document::SentenceTerms::terms`]) of its
    /// capitalised words that do not open a sentence, sorted and distinct.
    names: Vec<u64>,
    /// The values of its figures, in hundredths, sorted and distinct.
    figures: Vec<i64>,
}

/// Each document's distinct terms and each sentence's names and figures, worked
/// out on first need and kept for the document's other pairs: a sentence reprinted
/// in many articles is in as many alignments. Documents are held one slot each;
/// a document's sentences get theirs when one of them is first read.
pub(super) struct Memo<'d> {
    docs: &'d [Document],
    terms: Vec<OnceLock<Vec<u64>>>,
    sentences: Vec<OnceLock<Box<[OnceLock<Side>]>>>,
}

impl<'d> Memo<'d> {
    pub fn new(docs: &'d [Document]) -> Memo<'d> {
        Memo {
            docs,
            terms: docs.iter().map(|_| OnceLock::new()).collect(),
            sentences: docs.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The distinct terms of document `d` (see [`Document::distinct_terms`]).
    pub fn terms(&self, d: usize) -> &[u64] {
        self.terms[d].get_or_init(|| self.docs[d].distinct_terms())
    }

    /// The names and figures of sentences `first..=last` of document `d`.
    pub fn side(&self, d: usize, first: usize, last: usize) -> Side {
        let doc = &self.docs[d];
        let slots = self.sentences[d]
            .get_or_init(|| doc.sentences.iter().map(|_| OnceLock::new()).collect());
        let one = |k: usize| slots[k].get_or_init(|| Side::read(doc, k, k));
        if first == last {
            return one(first).clone();
        }
        let mut side = Side::default();
        for k in first..=last {
            side.names.extend(&one(k).names);
            side.figures.extend(&one(k).figures);
        }
        side.names.sort_unstable();
        side.names.dedup();
        side.figures.sort_unstable();
        side.figures.dedup();
        side
    }
}

impl Side {
    /// The names and figures of sentences `first..=last` of `doc`.
    pub fn read(doc: &Document, first: usize, last: usize) -> Side {
        let mut side = Side::default();
        let mut norm = String::new();
        StemCache::with_thread_cache(|stems| {
            for s in &doc.sentences[first..=last] {
                side.add(&doc.text[s.start..s.end], doc.lang, stems, &mut norm);
            }
        });
        side.names.sort_unstable();
        side.names.dedup();
        side.figures.sort_unstable();
        side.figures.dedup();
        side
    }

    /// Adds the names and figures of one sentence.
    fn add(&mut self, text: &str, lang: Language, stems: &mut StemCache, norm: &mut String) {
        let stop = stopwords(lang);
        let english = lang.code == "en";
        let tokens: Vec<_> = spans(text).collect();
        for (k, span) in tokens.iter().enumerate() {
            let word = &text[span.start..span.end];
            let next = tokens.get(k + 1).map(|n| &text[n.start..n.end]);
            if span.kind == TokenKind::Number {
                if let Some(v) = digits_value(word) {
                    self.figures.push(scaled(v, next));
                }
                continue;
            }
            fold_into(word, norm);
            if english {
                if let Some(v) = number_word(norm) {
                    self.figures.push(scaled(v, next));
                    continue;
                }
            }
            if k == 0 || !word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            // A word right after an opening quotation mark or bracket opens it.
            let mut before = text[..span.start].chars().rev();
            if before
                .next()
                .is_some_and(|c| matches!(fold_char(c), '"' | '\'' | '('))
                && before.next().is_none_or(char::is_whitespace)
            {
                continue;
            }
            if stop.is_some_and(|s| s.contains(norm.as_str()))
                || not_names().contains(norm.as_str())
            {
                continue;
            }
            self.names.push(term_hash(stems.stem(lang, norm)));
        }
    }

    /// Whether some name of this side is not among `terms` (sorted): the other
    /// article never mentions it.
    fn names_unexplained_by(&self, terms: &[u64]) -> bool {
        self.names.iter().any(|n| terms.binary_search(n).is_err())
    }
}

/// The value of a figure written in digits, in hundredths: "50,000", "50000" and
/// "50.000" are 50,000 (a point or comma before groups of three digits separates
/// thousands, otherwise it is the decimal point); a suffix ("9th", "5m") is left out.
fn digits_value(word: &str) -> Option<i64> {
    let digits = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    let groups: Vec<&str> = digits.split([',', '.']).collect();
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
    let value: f64 = if thousands {
        groups.concat().parse().ok()?
    } else if groups.len() == 2 {
        format!("{}.{}", groups[0], groups[1]).parse().ok()?
    } else {
        digits.parse().ok()?
    };
    Some((value * 100.0).round() as i64)
}

/// An English number word's value ("three", "dozen", "one"), in hundredths.
fn number_word(norm: &str) -> Option<i64> {
    WORDS
        .iter()
        .chain(&[("one", 1.0), ("zero", 0.0)])
        .find(|(w, _)| *w == norm)
        .map(|&(_, v)| (v * 100.0) as i64)
}

/// `value` times the scale the next word gives ("1.8 million", "13.3 thousand").
fn scaled(value: i64, next: Option<&str>) -> i64 {
    let next = next.map(str::to_ascii_lowercase);
    let scale = SCALES
        .iter()
        .find(|(w, _)| next.as_deref() == Some(*w))
        .map_or(1, |&(_, scale)| scale as i64);
    value.saturating_mul(scale)
}

/// What the two sides of one alignment show, read from the pair alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Evidence {
    /// The weighted share of a side's terms the other side lacks, on the worse side.
    pub unexplained: f64,
    /// The share of the figures of the side with fewer that the other lacks (0 when
    /// a side gives none).
    pub figures: f64,
    /// Both sides give a name the other article never mentions.
    pub names: bool,
}

impl Evidence {
    /// The evidence of an alignment whose sides have profiles `a` and `b` and
    /// names and figures `sa` and `sb`, in articles whose terms are `terms_a` and
    /// `terms_b` (sorted; asked for only where both sides give names).
    pub(super) fn of<'t>(
        (a, sa): (&Profile, &Side),
        (b, sb): (&Profile, &Side),
        terms: impl FnOnce() -> (&'t [u64], &'t [u64]),
    ) -> Evidence {
        let unexplained = (1.0 - a.covered_by(b)).max(1.0 - b.covered_by(a));
        Evidence::from_sides(unexplained, (sa, sb), terms)
    }

    /// The evidence with the unexplained share already worked out.
    fn from_sides<'t>(
        unexplained: f64,
        (sa, sb): (&Side, &Side),
        terms: impl FnOnce() -> (&'t [u64], &'t [u64]),
    ) -> Evidence {
        let (fewer, more) = if sa.figures.len() <= sb.figures.len() {
            (&sa.figures, &sb.figures)
        } else {
            (&sb.figures, &sa.figures)
        };
        let figures = if fewer.is_empty() {
            0.0
        } else {
            let missing = fewer
                .iter()
                .filter(|v| more.binary_search(v).is_err())
                .count();
            missing as f64 / fewer.len() as f64
        };
        let names = !sa.names.is_empty() && !sb.names.is_empty() && {
            let (terms_a, terms_b) = terms();
            sa.names_unexplained_by(terms_b) && sb.names_unexplained_by(terms_a)
        };
        Evidence {
            unexplained: unexplained.clamp(0.0, 1.0),
            figures,
            names,
        }
    }

    /// Whether the two sides give figures that conflict: such an alignment does
    /// not vouch for its neighbours.
    fn conflicts(&self) -> bool {
        self.figures >= CONFLICTING_FIGURES
    }
}

/// The confidence that an alignment renders one statement: a logistic of its own
/// evidence, `neighbours` (the agreeing alignments next to it in a diagonal run,
/// 0 to 4) and `coverage` (the share of an article's sentences its pair of
/// articles aligns, in [0, 1]).
pub fn confidence(e: &Evidence, neighbours: usize, coverage: f64) -> f64 {
    let z = INTERCEPT
        + PER_UNEXPLAINED * e.unexplained
        + PER_FIGURES * e.figures
        + PER_NAMES * f64::from(u8::from(e.names))
        + PER_NEIGHBOUR * neighbours.min(2 * NEIGHBOURS_EACH_WAY) as f64
        + PER_COVERAGE * coverage.clamp(0.0, 1.0);
    1.0 / (1.0 + (-z).exp())
}

/// The confidence that two texts, analysed as documents `a` and `b` (in one
/// language), render one statement, from the pair alone: no corpus weighs their
/// terms (each counts alike), they have no neighbours, and they cover each other
/// (coverage 1). `dupdrift pairs` reports it.
pub fn of_pair(a: &Document, b: &Document) -> f64 {
    let (ta, tb) = (a.distinct_terms(), b.distinct_terms());
    let unexplained = |x: &[u64], y: &[u64]| {
        if x.is_empty() {
            return 1.0;
        }
        let missing = x.iter().filter(|t| y.binary_search(t).is_err()).count();
        missing as f64 / x.len() as f64
    };
    let side = |d: &Document| match d.sentences.len() {
        0 => Side::default(),
        n => Side::read(d, 0, n - 1),
    };
    let e = Evidence::from_sides(
        unexplained(&ta, &tb).max(unexplained(&tb, &ta)),
        (&side(a), &side(b)),
        || (&ta, &tb),
    );
    confidence(&e, 0, 1.0)
}

/// The share of the sentences of the article that shares the most that these
/// alignments (sentence ranges on each side) hold, the articles having `len_a`
/// and `len_b` sentences.
pub(super) fn coverage<S>(aligned: &[Aligned<S>], len_a: usize, len_b: usize) -> f64 {
    let held = |span: (usize, usize)| span.1 + 1 - span.0;
    let a: usize = aligned.iter().map(|x| held(x.0)).sum();
    let b: usize = aligned.iter().map(|x| held(x.1)).sum();
    let share = |n: usize, len: usize| if len == 0 { 0.0 } else { n as f64 / len as f64 };
    share(a, len_a).max(share(b, len_b)).min(1.0)
}

/// For each alignment of one pair of articles (sorted by their first sides, one
/// to one), the agreeing alignments next to it in a diagonal run, up to
/// [`NEIGHBOURS_EACH_WAY`] each way: the one before ends at most two sentences
/// before it on both sides.
pub(super) fn neighbours<S: Copy>(spans: &[Aligned<S>], evidence: &[Evidence]) -> Vec<usize> {
    let n = spans.len();
    // The alignment right before each one on the diagonal, if any.
    let mut prev: Vec<Option<usize>> = vec![None; n];
    let mut next: Vec<Option<usize>> = vec![None; n];
    for k in 0..n {
        let (a, b, _) = spans[k];
        for j in k.saturating_sub(2)..k {
            let (pa, pb, _) = spans[j];
            let follows = |from: usize, to: usize| to > from && to - from <= 2;
            if follows(pa.1, a.0) && follows(pb.1, b.0) && next[j].is_none() && prev[k].is_none() {
                prev[k] = Some(j);
                next[j] = Some(k);
            }
        }
    }
    (0..n)
        .map(|k| {
            let mut count = 0;
            for links in [&prev, &next] {
                let mut at = k;
                for _ in 0..NEIGHBOURS_EACH_WAY {
                    match links[at] {
                        Some(j) if !evidence[j].conflicts() => {
                            count += 1;
                            at = j;
                        }
                        _ => break,
                    }
                }
            }
            count
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, LanguageChoice};
    use crate::article::Article;
    use crate::neardup::sketch::{SketchParams, Sketcher};

    fn doc(text: &str) -> Document {
        let en = Language::parse("en").expect("English");
        let sketcher = Sketcher::new(SketchParams::new(5, 1, 1).expect("sketch parameters"));
        let article = Article {
            id: "x".into(),
            text: text.into(),
            ..Article::default()
        };
        analyze(&article, LanguageChoice::Fixed(en), &sketcher).expect("analyses")
    }

    fn pair(a: &str, b: &str) -> f64 {
        of_pair(&doc(a), &doc(b))
    }

    #[test]
    fn a_paraphrase_renders_one_statement() {
        let c = pair(
            "The minister signed the trade treaty with Canada in Ottawa on Monday.",
            "On Monday in Ottawa, the minister signed the trade treaty with Canada.",
        );
        assert!(c > 0.9, "{c}");
        // Figures written otherwise agree (their terms differ, their values do not).
        let a = "The bank raised its limit to 50,000 euros for three accounts.";
        let c = pair(
            a,
            "The bank raised its limit to 50000 euros for 3 accounts.",
        );
        let changed = pair(
            a,
            "The bank raised its limit to 60000 euros for 4 accounts.",
        );
        assert!(c > 0.8 && changed < c - 0.3, "{c} against {changed}");
    }

    #[test]
    fn two_sentences_of_one_template_do_not() {
        let c = pair(
            "Acme Corp said its profits rose 5 percent in March to 300 million dollars.",
            "Globex Inc said its profits rose 3 percent in April to 250 million dollars.",
        );
        assert!(c < 0.2, "{c}");
        // The same sentence with its figures and names is one statement.
        let same = "Acme Corp said its profits rose 5 percent in March to 300 million dollars.";
        assert!(pair(same, same) > 0.9);
    }

    #[test]
    fn a_headline_glued_to_another_sentence_is_less_of_a_counterpart() {
        let sentence = "The minister signed the trade treaty with Canada on Monday.";
        let headline = "Minister signs trade treaty with Canada";
        let glued = "Minister signs trade treaty with Canada Storms closed the airport \
                     and flooded three villages along the northern coast";
        let (plain, glued) = (pair(headline, sentence), pair(glued, sentence));
        assert!(plain > 0.8, "{plain}");
        assert!(glued < plain - 0.3, "{glued} against {plain}");
    }

    #[test]
    fn figures_are_read_by_value() {
        assert_eq!(digits_value("50,000"), Some(5_000_000));
        assert_eq!(digits_value("50000"), digits_value("50.000"));
        assert_eq!(digits_value("13.3"), Some(1_330));
        assert_eq!(digits_value("600,3"), Some(60_030));
        assert_eq!(digits_value("9th"), Some(900));
        assert_eq!(number_word("forty"), Some(4_000));
        assert_eq!(scaled(1_800, Some("million")), 1_800_000_000);
        let side = Side::read(
            &doc("Of these, 13.3 thousand died and three were cured."),
            0,
            0,
        );
        assert_eq!(side.figures, vec![300, 1_330_000]);
    }

    #[test]
    fn neighbours_are_counted_along_the_diagonal() {
        let agree = Evidence::default();
        let differ = Evidence {
            figures: 1.0,
            ..Evidence::default()
        };
        // 0-0, 1-1, 2-3 on the diagonal (one sentence skipped on one side); 5-9 apart.
        let spans = [
            ((0, 0), (0, 0), ()),
            ((1, 1), (1, 1), ()),
            ((2, 2), (3, 3), ()),
            ((5, 5), (9, 9), ()),
        ];
        assert_eq!(neighbours(&spans, &[agree; 4]), vec![2, 2, 2, 0]);
        // A neighbour whose figures conflict vouches for no one, nor does it pass on.
        let evidence = [agree, differ, agree, agree];
        assert_eq!(neighbours(&spans, &evidence), vec![0, 2, 0, 0]);
        assert_eq!(coverage(&spans[..2], 4, 20), 0.5);
    }
}
