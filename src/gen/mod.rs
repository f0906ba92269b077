//! A synthetic news corpus with known answers, deterministic from a seed: articles
//! of English-like prose with planted near-duplicates, shared passages and meaning
//! changes, and the truth about each (see [`truth`]). `dupdrift gen` writes it; the
//! tests and the benchmark harness score `scan` against it.
//!
//! - `plan`: every article's length, story and role, drawn first in one pass;
//! - `words`, `cast`: word lists with Zipf-like frequencies, and the people,
//!   organisations and places a story names;
//! - `frame`, `render`: sentence shapes, rendered as written or with one change
//!   of a given drift kind, or reworded keeping the meaning;
//! - `article`: originals as paragraphs of frames with passages set in; `edit`:
//!   word edits and paraphrase for copies;
//! - [`fixture`]: small made-up-word corpora for tests and benchmarks.
//!
//! Each article is a pure function of the seed, the plan and its index (its
//! randomness comes from a stream derived from all three: see `rng::derive`), so
//! articles can be generated in parallel and in any order, to the same bytes.

mod article;
mod cast;
mod edit;
pub mod fixture;
mod frame;
mod plan;
mod render;
mod rng;
pub mod truth;
mod words;

use crate::article::Article;
use crate::drift::DriftKind;
use article::{original, Draft, Layout};
use edit::edit_sentence;
use plan::{Plan, Role, DRIFT_KINDS, VARIANT};
use rayon::prelude::*;
use render::Change;
use rng::Rng;
use serde::Serialize;
pub use truth::{DriftTruth, PairKind, PairTruth, PassageTruth, Truth};
use words::english;

/// Generates the articles of one corpus, one at a time or in ranges.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    plan: Plan,
    width: usize,
}

/// One generated article and the truth it carries: the pair it forms with the
/// article it copies, the passages it tells, the sentence changed in it.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The article as written to `corpus.jsonl`.
    pub article: Article,
    /// The near-duplicate it was made as, if it is a copy.
    pub pair: Option<PairTruth>,
    /// The planted passages it tells, with their spans.
    pub passages: Vec<PassageTruth>,
    /// The sentence changed in it, if it is a `drift` copy.
    pub drift: Option<DriftTruth>,
}

impl Generator {
    /// A generator of `articles` articles; the same arguments give the same corpus.
    pub fn new(articles: usize, seed: u64) -> Generator {
        let digits = articles.saturating_sub(1).to_string().len();
        Generator {
            seed,
            plan: Plan::new(articles, seed),
            width: digits.max(7),
        }
    }

    /// Number of articles it generates.
    pub fn len(&self) -> usize {
        self.plan.slots.len()
    }

    /// Whether it generates no article.
    pub fn is_empty(&self) -> bool {
        self.plan.slots.is_empty()
    }

    /// Passages planted (each told by two or more articles).
    pub fn passages(&self) -> u32 {
        self.plan.passages
    }

    /// The id of article `i`: `d` and the index, zero-padded, so ids sort as the
    /// corpus runs and an original's id sorts before its copies'.
    pub fn id(&self, i: usize) -> String {
        format!("d{i:0w$}", w = self.width)
    }

    /// Articles `range`, generated in parallel, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> Vec<Generated> {
        range.into_par_iter().map(|i| self.article(i)).collect()
    }

    /// Article `i` (`i < len()`).
    pub fn article(&self, i: usize) -> Generated {
        let slot = self.plan.slots[i];
        let Some(of) = slot.role.source() else {
            let draft = original(self.seed, &self.plan, i);
            return self.finish(i, &draft, None);
        };
        let source = original(self.seed, &self.plan, of);
        let mut rng = Rng::stream(self.seed, &[VARIANT, i as u64]);
        let mut copy = source.clone();
        copy.day += rng.below(3);
        copy.source = loop {
            let outlet = cast::outlet(&mut rng);
            if outlet != source.source {
                break outlet;
            }
        };
        let (id_a, id_b) = (self.id(of), self.id(i));
        let pair = |kind, edit_rate| PairTruth {
            doc_a: id_a.clone(),
            doc_b: id_b.clone(),
            kind,
            edit_rate,
        };
        match slot.role {
            Role::Edited { rate, .. } => {
                let en = english();
                let mut edits = 0;
                for s in copy.paragraphs.iter_mut().flatten() {
                    let (text, n) =
                        edit_sentence(&s.text, rate as f64 / 1000.0, &mut rng, |r| en.object(r));
                    s.text = text;
                    edits += n;
                }
                let rate = edits as f64 / source.words().max(1) as f64;
                self.finish(i, &copy, Some(pair(PairKind::Edited, rate)))
            }
            Role::Drift { kind, .. } => {
                let Some((at, kind, change)) = self.plant(i, &source, &mut copy, kind) else {
                    // No sentence of the source can carry the change: an exact reprint.
                    return self.finish(i, &copy, Some(pair(PairKind::Copy, 0.0)));
                };
                let (sa, sb) = (
                    &source.paragraphs[at.0][at.1].text,
                    &copy.paragraphs[at.0][at.1].text,
                );
                let rate = changed_words(sa, sb) as f64 / source.words().max(1) as f64;
                let (_, layout_a) = source.text();
                let mut done = self.finish(i, &copy, Some(pair(PairKind::Drift, rate)));
                let layout_b = layout(&copy);
                let ((start_a, end_a), (start_b, end_b)) = (
                    layout_a.sentences[at.0][at.1],
                    layout_b.sentences[at.0][at.1],
                );
                done.drift = Some(DriftTruth {
                    doc_a: id_a,
                    doc_b: id_b,
                    kind,
                    start_a,
                    end_a,
                    start_b,
                    end_b,
                    sentence_a: sa.clone(),
                    sentence_b: sb.clone(),
                    change,
                });
                done
            }
            _ => self.finish(i, &copy, Some(pair(PairKind::Copy, 0.0))),
        }
    }

    /// Changes one sentence of `copy` (outside planted passages) by `kind`, or, when
    /// no sentence can carry a drift of that kind, by the next kind of
    /// [`DRIFT_KINDS`] that one can. Returns where, the kind planted, and a note of
    /// what changed; `None` when nothing could be planted.
    fn plant(
        &self,
        i: usize,
        source: &Draft,
        copy: &mut Draft,
        kind: Option<DriftKind>,
    ) -> Option<((usize, usize), Option<DriftKind>, String)> {
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (p, paragraph) in source.paragraphs.iter().enumerate() {
            for (s, sentence) in paragraph.iter().enumerate() {
                if sentence.frame.is_some() {
                    order.push((p, s));
                }
            }
        }
        let mut rng = Rng::stream(self.seed, &[VARIANT, i as u64, 1]);
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
        let kinds: Vec<Option<DriftKind>> = match kind {
            None => vec![None],
            Some(k) => {
                let at = DRIFT_KINDS.iter().position(|&d| d == k).unwrap_or(0);
                (0..DRIFT_KINDS.len())
                    .map(|j| Some(DRIFT_KINDS[(at + j) % DRIFT_KINDS.len()]))
                    .collect()
            }
        };
        for kind in kinds {
            let change = kind.map_or(Change::Reword, Change::Drift);
            for &(p, s) in &order {
                let sentence = &source.paragraphs[p][s];
                let Some(frame) = &sentence.frame else {
                    continue;
                };
                let path = [VARIANT, i as u64, 2, p as u64, s as u64];
                if let Some(done) = frame.render(change, &mut Rng::stream(self.seed, &path)) {
                    if done.text != sentence.text {
                        copy.paragraphs[p][s].text = done.text;
                        return Some(((p, s), kind, done.note));
                    }
                }
            }
        }
        None
    }

    fn finish(&self, i: usize, draft: &Draft, pair: Option<PairTruth>) -> Generated {
        let id = self.id(i);
        let (text, layout) = draft.text();
        let passages = layout
            .passages
            .iter()
            .map(|&(passage, start, end)| PassageTruth {
                passage,
                doc: id.clone(),
                start,
                end,
            })
            .collect();
        Generated {
            article: Article {
                title: draft.title.clone(),
                source: draft.source.clone(),
                lang: "en".into(),
                published: article::date(draft.day),
                text,
                input: id.clone(),
                id,
                url: String::new(),
            },
            pair,
            passages,
            drift: None,
        }
    }
}

fn layout(draft: &Draft) -> Layout {
    draft.text().1
}

/// Words changed between two versions of a sentence: what is left once their
/// common first and last words are set aside.
fn changed_words(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rest = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - prefix - suffix
}

/// A whole corpus in memory, with its truth: for tests and small runs.
pub fn corpus(articles: usize, seed: u64) -> (Vec<Article>, Truth) {
    let generator = Generator::new(articles, seed);
    let mut truth = Truth::default();
    let docs = generator
        .range(0..articles)
        .into_iter()
        .map(|g| {
            truth.pairs.extend(g.pair);
            truth.passages.extend(g.passages);
            truth.drift.extend(g.drift);
            g.article
        })
        .collect();
    truth.sort();
    (docs, truth)
}

/// One article as a line of JSON Lines, as `scan` reads it.
pub fn write_record(article: &Article, out: &mut Vec<u8>) -> serde_json::Result<()> {
    #[derive(Serialize)]
    struct Record<'a> {
        id: &'a str,
        title: &'a str,
        source: &'a str,
        lang: &'a str,
        published: &'a str,
        text: &'a str,
    }
    serde_json::to_writer(
        &mut *out,
        &Record {
            id: &article.id,
            title: &article.title,
            source: &article.source,
            lang: &article.lang,
            published: &article.published,
            text: &article.text,
        },
    )?;
    out.push(b'\n');
    Ok(())
}

/// The kinds of drift planted (the generator's plan draws them).
pub fn drift_kinds() -> &'static [DriftKind] {
    &DRIFT_KINDS
}
