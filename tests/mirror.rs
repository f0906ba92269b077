//! Drift does not depend on which side is called A: swapping the two texts gives
//! the same findings, each with its evidence on the other side (and what A leaves
//! out is what B adds).

use dupdrift::drift::{compare, DriftFinding, DriftKind};
use dupdrift::text::language::Language;
use dupdrift::text::segment::sentences;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

const SEEDS: [&str; 5] = [
    include_str!("../data/seeds/000_28c61908d3c90d5b.txt"),
    include_str!("../data/seeds/001_2d58f66e70dddb23.txt"),
    include_str!("../data/seeds/002_5d7fbd46b6482465.txt"),
    include_str!("../data/seeds/003_164dbe921457bdb8.txt"),
    include_str!("../data/seeds/004_458e83cfbd473e7e.txt"),
];

/// Words an edit puts in: negations, hedges, figures, names, opposites, tenses.
const INSERTS: [&str; 12] = [
    "not",
    "allegedly",
    "never",
    "12",
    "Paris",
    "will",
    "was",
    "had",
    "already",
    "smaller",
    "Moscow",
    "two",
];

fn sentences_of_seeds() -> Vec<String> {
    SEEDS
        .iter()
        .flat_map(|t| {
            sentences(t)
                .into_iter()
                .map(|s| t[s.start..s.end].to_string())
        })
        .filter(|s| s.split_whitespace().count() >= 4)
        .collect()
}

/// A finding as kind, severity (its bits) and the evidence of A and of B.
type Key = (DriftKind, u64, Vec<(usize, usize)>, Vec<(usize, usize)>);

/// A finding as its [`Key`], with A and B swapped when `swap`.
fn key(f: &DriftFinding, swap: bool) -> Key {
    let (a, b) = if swap {
        (&f.evidence_b, &f.evidence_a)
    } else {
        (&f.evidence_a, &f.evidence_b)
    };
    // What A leaves out, B adds: the one kind that names a direction.
    let kind = match (f.kind, swap) {
        (DriftKind::Omission, true) => DriftKind::Addition,
        (DriftKind::Addition, true) => DriftKind::Omission,
        (kind, _) => kind,
    };
    (kind, f.severity.to_bits(), a.clone(), b.clone())
}

/// `text` with its words edited: each (position, op) drops the word there, puts a
/// word of INSERTS before it, or swaps it with the next.
fn edited(text: &str, edits: &[(usize, u8, usize)]) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    for &(at, op, word) in edits {
        if words.len() < 2 {
            break;
        }
        let at = at % words.len();
        match op % 3 {
            0 => {
                words.remove(at);
            }
            1 => words.insert(at, INSERTS[word % INSERTS.len()].to_string()),
            _ => {
                let next = (at + 1) % words.len();
                words.swap(at, next);
            }
        }
    }
    words.join(" ")
}

proptest! {
    #![proptest_config(Config { cases: 400, rng_seed: RngSeed::Fixed(0x3177), ..Config::default() })]

    /// Sentence pairs of the seeds, each a sentence against an edited copy of itself
    /// or against another sentence.
    #[test]
    fn swapping_the_sides_mirrors_the_findings(
        i in 0usize..10_000,
        other in proptest::option::of(0usize..10_000),
        edits in proptest::collection::vec((0usize..60, 0u8..3, 0usize..12), 0..4),
    ) {
        let all = sentences_of_seeds();
        let a = all[i % all.len()].clone();
        let b = match other {
            Some(j) => all[j % all.len()].clone(),
            None => edited(&a, &edits),
        };
        let en = Language::parse("en").expect("English");
        let mut ab: Vec<_> = compare(&a, &b, en).iter().map(|f| key(f, false)).collect();
        let mut ba: Vec<_> = compare(&b, &a, en).iter().map(|f| key(f, true)).collect();
        ab.sort();
        ba.sort();
        prop_assert_eq!(ab, ba, "\n  A: {}\n  B: {}", a, b);
    }
}
