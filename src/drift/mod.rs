//! Drift: where a rewrite or a translation changed the meaning of two aligned
//! passages, of what kind, how badly, with the evidence on each side.
//!
//! One detector per kind, each over the two sides' tokens (which keep their byte
//! spans), each ignoring the rewording that keeps the meaning: `polarity`, `tense`
//! and `aspect` (over verb groups), `number`, `date`, `entity`, `attribution`,
//! `quote`, `hedge`, `quantity`, `antonym`, `omission`/`addition`, `substitution`,
//! `mood` and `order`.
//!
//! ```text
//! drift/
//!   mod.rs         DriftKind, DriftFinding, compare, compare_sides (runs the registry)
//!   detectors/     one file per detector; mod.rs: the Detector trait, Pair, REGISTRY
//!   facts/         what detectors share, prepared once: Side (words, verb groups,
//!                  negation cues), word classes, forms and opposites, spellings,
//!                  calendar and figure words, the word-by-word alignment
//!   severity.rs    every severity, by kind and evidence, in one table
//!   batch.rs       score_pairs: many pairs, each distinct text prepared once
//!   aligned.rs     findings_of: a corpus's alignments, through score_pairs
//!   explain.rs     two whole texts, sentence by aligned sentence (`compare`)
//!   cases.rs       drift_cases!, the one-line test cases of every detector
//! ```
//!
//! A detector imports facts, severities and the items of `drift` itself, never
//! another detector; facts import no detector. To add a detector:
//!
//! 1. a file `detectors/<kind>.rs` with a unit struct implementing
//!    `detectors::Detector` (its kinds, its languages, `detect` pushing findings),
//!    and a `DriftKind` variant if the kind is new;
//! 2. one line in `detectors::REGISTRY`, where it should run: findings of equal
//!    severity and kind keep registry order, so the line's place shapes reports;
//! 3. its severities in `severity.rs`, one named entry per kind of evidence, each
//!    with a line saying what earns it;
//! 4. its cases in the file, one line each with `drift_cases!`, drifting and not;
//! 5. what it needs that another detector also reads goes in `facts/`, not in
//!    either detector; what it needs of every token, many times per pair, goes in
//!    a word class (`facts::classes::Class`) or a field of the prepared side.

mod aligned;
mod batch;
#[cfg(test)]
mod cases;
mod detectors;
pub mod explain;
mod facts;
pub mod severity;

pub use aligned::findings_of;
pub use batch::score_pairs;
pub use facts::side::Side;

use crate::text::language::Language;
use detectors::{Pair, REGISTRY};

/// What changed between the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftKind {
    /// A negation added or removed ("has warned" / "has not warned").
    Polarity,
    /// The same time told as finished or ongoing ("already" / "not yet", "fired" / "was firing").
    Aspect,
    /// Another time: "is" / "was" / "will be".
    Tense,
    /// A figure changed, dropped or added.
    Number,
    /// A month or a day of the week named differently.
    Date,
    /// A person, place or organisation swapped or dropped.
    Entity,
    /// The words inside quotation marks changed.
    Quote,
    /// The same people, another speaker.
    Attribution,
    /// One side hedges what the other states ("allegedly", "reportedly").
    Hedge,
    /// How many or how often ("a few" / "most", "occasionally" / "constantly").
    Quantity,
    /// A word replaced by its opposite ("support" / "oppose").
    Antonym,
    /// Content of side A that side B leaves out.
    Omission,
    /// Content side B adds to side A.
    Addition,
    /// In a close copy, a content word replaced by one of another meaning.
    Substitution,
    /// A statement turned into a question, or back.
    Mood,
    /// The same words in another order.
    Order,
}

impl DriftKind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            DriftKind::Polarity => "polarity",
            DriftKind::Aspect => "aspect",
            DriftKind::Tense => "tense",
            DriftKind::Number => "number",
            DriftKind::Date => "date",
            DriftKind::Entity => "entity",
            DriftKind::Quote => "quote",
            DriftKind::Attribution => "attribution",
            DriftKind::Hedge => "hedge",
            DriftKind::Quantity => "quantity",
            DriftKind::Antonym => "antonym",
            DriftKind::Omission => "omission",
            DriftKind::Addition => "addition",
            DriftKind::Substitution => "substitution",
            DriftKind::Mood => "mood",
            DriftKind::Order => "order",
        }
    }
}

/// A byte span `[start, end)` in one side's text.
pub type Span = (usize, usize);

/// One meaning change between side A and side B.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DriftFinding {
    /// What changed.
    pub kind: DriftKind,
    /// How much the change matters, in [0, 1]; 0.5 and above is worth a reader's look.
    pub severity: f64,
    /// The words of side A that show the change, as spans of A's text.
    pub evidence_a: Vec<Span>,
    /// The words of side B that show the change, as spans of B's text.
    pub evidence_b: Vec<Span>,
    /// One line a journalist understands.
    pub explanation: String,
}

/// The meaning changes from text `a` to text `b`, both in `lang`, most severe first.
pub fn compare(a: &str, b: &str, lang: Language) -> Vec<DriftFinding> {
    compare_sides(&Side::new(a, lang), &Side::new(b, lang), lang)
}

/// [`compare`] over sides already prepared: a text compared with many others is
/// tokenized and stemmed once. Both sides must have been prepared in `lang`: what
/// English detectors read (verb groups, negation cues, word forms) is prepared for
/// English sides only.
pub fn compare_sides(a: &Side, b: &Side, lang: Language) -> Vec<DriftFinding> {
    let pair = Pair::new(a, b, lang);
    let mut findings = Vec::new();
    for detector in REGISTRY.iter().filter(|d| d.languages().admit(pair.lang)) {
        let from = findings.len();
        detector.detect(&pair, &mut findings);
        debug_assert!(findings[from..]
            .iter()
            .all(|f| detector.kinds().contains(&f.kind)));
    }
    findings.sort_by(|x, y| y.severity.total_cmp(&x.severity).then(x.kind.cmp(&y.kind)));
    findings
}

/// The text of evidence spans, joined for a report cell.
pub fn evidence_text(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|&(s, e)| &text[s..e])
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::sentences;

    const SEED: &str = include_str!("../../data/seeds/001_2d58f66e70dddb23.txt");

    #[test]
    fn a_text_and_its_recased_repunctuated_copy_do_not_drift() {
        let en = Language::parse("en").expect("English");
        for s in sentences(SEED) {
            let text = &SEED[s.start..s.end];
            assert!(compare(text, text, en).is_empty(), "{text}");
            // Lower case, other commas and quotes, another final stop (points inside
            // numbers stay: "1.8" is a value, not punctuation).
            let mut copy: String = text
                .to_lowercase()
                .replace(", ", " ; ")
                .replace('"', "\u{201C}");
            if copy.ends_with('.') {
                copy.pop();
                copy.push('!');
            }
            assert!(
                compare(text, &copy, en).is_empty(),
                "{text}\n{copy}\n{:?}",
                compare(text, &copy, en)
            );
        }
    }
}
