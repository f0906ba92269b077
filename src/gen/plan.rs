//! The plan of a corpus, drawn first and in one pass from the seed: every article's
//! length, story and role (an original, or a copy of an earlier original: exact,
//! edited, or with one sentence changed), and which articles tell which shared
//! passage. Cheap (a few bytes an article), so each article can then be generated
//! alone, in any order, on any thread.

use super::rng::Rng;
use crate::drift::DriftKind;

/// Stream names under the corpus seed (see [`super::rng::derive`]).
pub(crate) const PLAN: u64 = 1;
pub(crate) const ARTICLE: u64 = 2;
pub(crate) const STORY: u64 = 3;
pub(crate) const PASSAGE: u64 = 4;
pub(crate) const VARIANT: u64 = 5;

/// Share of articles that copy an earlier original.
const VARIANT_SHARE: f64 = 0.22;
/// Among copies: exact reprints, edited reprints, copies with one change.
const VARIANT_WEIGHTS: [u32; 3] = [24, 36, 40];
/// Articles per story: the articles of a story name the same people and places.
const ARTICLES_PER_STORY: usize = 12;
/// One passage planted for every this many articles.
const ARTICLES_PER_PASSAGE: usize = 16;
/// How many articles tell a passage: 2, 3, 4, 5, 6 or 8, with these weights.
const TELLERS: [(usize, u32); 6] = [(2, 40), (3, 25), (4, 15), (5, 10), (6, 6), (8, 4)];
/// Articles shorter than this tell no passage (a passage would be most of them).
const MIN_TELLER_WORDS: u16 = 150;
/// Article lengths in words: ranges and their weights (mean about 360 words).
const LENGTHS: [(usize, usize, u32); 6] = [
    (80, 150, 12),
    (150, 250, 25),
    (250, 400, 30),
    (400, 600, 20),
    (600, 800, 9),
    (800, 1000, 4),
];

/// Every kind of drift planted, each as often, beside rewordings that keep the
/// meaning (`None`), planted three times as often.
pub const DRIFT_KINDS: [DriftKind; 16] = [
    DriftKind::Polarity,
    DriftKind::Aspect,
    DriftKind::Tense,
    DriftKind::Number,
    DriftKind::Date,
    DriftKind::Entity,
    DriftKind::Quote,
    DriftKind::Attribution,
    DriftKind::Hedge,
    DriftKind::Quantity,
    DriftKind::Antonym,
    DriftKind::Omission,
    DriftKind::Addition,
    DriftKind::Substitution,
    DriftKind::Mood,
    DriftKind::Order,
];
const REWORD_WEIGHT: u32 = 3;

/// What an article is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    Original,
    /// An exact reprint of article `of`.
    Copy {
        of: u32,
    },
    /// A reprint of `of` with words edited at `rate` (thousandths).
    Edited {
        of: u32,
        rate: u16,
    },
    /// A reprint of `of` with one sentence changed: drift of a kind, or reworded
    /// keeping the meaning (`None`).
    Drift {
        of: u32,
        kind: Option<DriftKind>,
    },
}

impl Role {
    pub fn source(&self) -> Option<usize> {
        match *self {
            Role::Original => None,
            Role::Copy { of } | Role::Edited { of, .. } | Role::Drift { of, .. } => {
                Some(of as usize)
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// Words the article aims at (an original's; a copy has its source's).
    pub words: u16,
    pub story: u32,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// (article, passage, copy number), sorted: the passages each original tells.
    tellers: Vec<(u32, u32, u16)>,
    pub passages: u32,
}

impl Plan {
    pub fn new(articles: usize, seed: u64) -> Plan {
        let mut rng = Rng::stream(seed, &[PLAN]);
        let stories = (articles / ARTICLES_PER_STORY).max(1);
        let mut slots: Vec<Slot> = Vec::with_capacity(articles);
        let mut sources: Vec<u32> = Vec::new();
        for i in 0..articles {
            let (lo, hi, _) = LENGTHS[rng.weighted(&LENGTHS.map(|l| l.2))];
            let words = rng.range(lo, hi) as u16;
            let story = rng.below(stories) as u32;
            if !sources.is_empty() && rng.chance(VARIANT_SHARE) {
                let of = sources.swap_remove(rng.below(sources.len()));
                let role = match rng.weighted(&VARIANT_WEIGHTS) {
                    0 => Role::Copy { of },
                    1 => {
                        // Skewed to light edits: half the copies stay near-duplicates
                        // at Jaccard 0.5 over 5-word shingles.
                        let u = rng.unit();
                        Role::Edited {
                            of,
                            rate: (10.0 + 290.0 * u * u) as u16,
                        }
                    }
                    _ => {
                        let mut weights = [1u32; DRIFT_KINDS.len() + 1];
                        weights[DRIFT_KINDS.len()] = REWORD_WEIGHT;
                        let k = rng.weighted(&weights);
                        Role::Drift {
                            of,
                            kind: DRIFT_KINDS.get(k).copied(),
                        }
                    }
                };
                let source = slots[of as usize];
                slots.push(Slot {
                    words: source.words,
                    story: source.story,
                    role,
                });
            } else {
                sources.push(i as u32);
                slots.push(Slot {
                    words,
                    story,
                    role: Role::Original,
                });
            }
        }
        let (tellers, passages) = tellers(&slots, &mut rng);
        Plan {
            slots,
            tellers,
            passages,
        }
    }

    /// The passages article `i` tells, with the number of its copy (0 is the one
    /// told verbatim).
    pub fn passages_of(&self, i: usize) -> &[(u32, u32, u16)] {
        let i = i as u32;
        let lo = self.tellers.partition_point(|t| t.0 < i);
        let hi = self.tellers.partition_point(|t| t.0 <= i);
        &self.tellers[lo..hi]
    }
}

/// Chooses the originals that tell each passage: long enough, two passages at most.
fn tellers(slots: &[Slot], rng: &mut Rng) -> (Vec<(u32, u32, u16)>, u32) {
    let eligible: Vec<u32> = (0..slots.len() as u32)
        .filter(|&i| {
            let s = slots[i as usize];
            s.role == Role::Original && s.words >= MIN_TELLER_WORDS
        })
        .collect();
    let mut told = vec![0u8; slots.len()];
    let mut out = Vec::new();
    let mut passages = 0u32;
    if eligible.len() < 2 {
        return (out, 0);
    }
    for _ in 0..slots.len() / ARTICLES_PER_PASSAGE {
        let k = TELLERS[rng.weighted(&TELLERS.map(|t| t.1))].0;
        let mut chosen: Vec<u32> = Vec::with_capacity(k);
        for _ in 0..k * 8 {
            if chosen.len() == k {
                break;
            }
            let a = eligible[rng.below(eligible.len())];
            if told[a as usize] < 2 && !chosen.contains(&a) {
                chosen.push(a);
            }
        }
        if chosen.len() < 2 {
            continue;
        }
        for (copy, &a) in chosen.iter().enumerate() {
            told[a as usize] += 1;
            out.push((a, passages, copy as u16));
        }
        passages += 1;
    }
    out.sort_unstable();
    (out, passages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_follow_their_originals_and_passages_have_two_tellers() {
        let plan = Plan::new(5000, 9);
        let mut variants = 0;
        for (i, s) in plan.slots.iter().enumerate() {
            if let Some(of) = s.role.source() {
                variants += 1;
                assert!(of < i && plan.slots[of].role == Role::Original);
            }
        }
        assert!((900..1300).contains(&variants), "{variants}");
        let mut per_passage = vec![0; plan.passages as usize];
        for i in 0..plan.slots.len() {
            assert!(plan.passages_of(i).len() <= 2);
            for &(_, p, _) in plan.passages_of(i) {
                per_passage[p as usize] += 1;
            }
        }
        assert!(per_passage.iter().all(|&n| n >= 2));
        assert!(plan.passages > 250, "{}", plan.passages);
    }
}
