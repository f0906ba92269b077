//! Property tests with oracles: MinHash against exact Jaccard, LSH against brute force,
//! reported Jaccard against an independent exact computation.

use ahash::AHashSet;
use dupdrift::analyze::{analyze, LanguageChoice};
use dupdrift::document::Document;
use dupdrift::gen::fixture;
use dupdrift::neardup::lsh::Banding;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use dupdrift::neardup::{find_pairs, Search};
use dupdrift::text::language::Language;
use dupdrift::text::tokenize::tokenize;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config(cases: u32) -> Config {
    // A fixed seed: the same cases every run, so a failure is a defect, not luck.
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x5eed),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(200))]

    /// The estimate's error is binomial: within 4.5 standard deviations of the truth.
    #[test]
    fn minhash_estimate_is_within_binomial_error(
        shared in 0usize..400,
        only_a in 0usize..400,
        only_b in 0usize..400,
        offset in any::<u64>(),
        seed in any::<u64>(),
    ) {
        prop_assume!(shared + only_a + only_b > 0);
        let perms = 128;
        let sketcher = Sketcher::new(SketchParams::new(5, perms, seed).expect("valid"));
        let id = |i: usize| offset.wrapping_add(i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut a: Vec<u64> = (0..shared + only_a).map(id).collect();
        let mut b: Vec<u64> = (0..shared).chain(shared + only_a..shared + only_a + only_b).map(id).collect();
        a.sort_unstable();
        b.sort_unstable();
        let exact = shared as f64 / (shared + only_a + only_b) as f64;
        let est = sketcher.sketch(&a).jaccard_estimate(&sketcher.sketch(&b)).expect("compatible");
        let sigma = (exact * (1.0 - exact) / perms as f64).sqrt();
        prop_assert!((est - exact).abs() <= 4.5 * sigma + 1e-9,
            "estimate {est} vs exact {exact} (sigma {sigma})");
    }
}

/// The sketcher of `k`-shingles the corpora are analysed and searched with.
fn sketcher(k: usize) -> Sketcher {
    Sketcher::new(SketchParams::new(k, 128, SketchParams::DEFAULT_SEED).expect("valid"))
}

/// The analysed corpus and, per document, its shingles as strings of stemmed words.
fn analysed(seed: u64, n: usize, k: usize) -> (Vec<Document>, Vec<AHashSet<Vec<String>>>) {
    let articles = fixture::edited_copies(seed, n);
    let sketcher = sketcher(k);
    let docs: Vec<Document> = articles
        .iter()
        .map(|a| analyze(a, LanguageChoice::Auto, &sketcher).expect("synthetic text analyses"))
        .collect();
    // The oracle: shingles as word sequences, no hashing involved.
    let stemmer = Language::parse("en").expect("English").stemmer();
    let sets = articles
        .iter()
        .map(|a| {
            let terms: Vec<String> = tokenize(&a.text)
                .iter()
                .map(|t| stemmer.stem(&t.norm).into_owned())
                .collect();
            terms.windows(k).map(|w| w.to_vec()).collect()
        })
        .collect();
    (docs, sets)
}

fn exact(a: &AHashSet<Vec<String>>, b: &AHashSet<Vec<String>>) -> f64 {
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[test]
fn lsh_finds_what_brute_force_finds_and_reports_exact_jaccard() {
    let (docs, sets) = analysed(7, 600, 5);
    // Brute force over every pair, once: the exact Jaccard of all pairs above 0.3.
    let mut similar = Vec::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let jaccard = exact(&sets[i], &sets[j]);
            if jaccard >= 0.3 {
                similar.push(((i, j), jaccard));
            }
        }
    }
    for threshold in [0.3, 0.5, 0.8] {
        let banding = Banding::for_threshold(threshold, 128).expect("valid");
        let found = find_pairs(
            &docs,
            &sketcher(5),
            threshold,
            Search::Lsh(banding),
            usize::MAX,
        )
        .expect("compatible sketches");
        let truth: AHashSet<(usize, usize)> = similar
            .iter()
            .filter(|(_, j)| *j >= threshold)
            .map(|(pair, _)| *pair)
            .collect();
        assert!(
            truth.len() >= 40,
            "the corpus plants enough pairs at {threshold}: {}",
            truth.len()
        );
        let reported: AHashSet<(usize, usize)> = found
            .pairs
            .iter()
            .map(|p| (p.a.min(p.b), p.a.max(p.b)))
            .collect();
        let hits = truth.intersection(&reported).count();
        let recall = hits as f64 / truth.len() as f64;
        assert!(
            recall >= 0.98,
            "recall {recall} at threshold {threshold} ({hits}/{})",
            truth.len()
        );
        for p in &found.pairs {
            let want = exact(&sets[p.a], &sets[p.b]);
            assert!(
                (p.overlap.jaccard() - want).abs() < 1e-12,
                "{} vs {}: reported {} but exact {want}",
                docs[p.a].id,
                docs[p.b].id,
                p.overlap.jaccard()
            );
            assert!(want >= threshold, "a pair below the threshold was reported");
            assert!(docs[p.a].id < docs[p.b].id);
        }
        // The exact search finds the brute-force truth, no more and no less.
        let exact_found = find_pairs(&docs, &sketcher(5), threshold, Search::Exact, usize::MAX)
            .expect("compatible");
        let exact_pairs: AHashSet<(usize, usize)> = exact_found
            .pairs
            .iter()
            .map(|p| (p.a.min(p.b), p.a.max(p.b)))
            .collect();
        assert_eq!(exact_pairs, truth, "exact search at {threshold}");
    }
}

#[test]
fn pair_search_is_independent_of_input_order() {
    let (docs, _) = analysed(11, 150, 5);
    let banding = Banding::for_threshold(0.5, 128).expect("valid");
    let ids = |docs: &[Document]| -> Vec<(String, String)> {
        let found = find_pairs(docs, &sketcher(5), 0.5, Search::Lsh(banding), usize::MAX)
            .expect("compatible");
        found
            .pairs
            .iter()
            .map(|p| (docs[p.a].id.clone(), docs[p.b].id.clone()))
            .collect()
    };
    let mut reversed = docs.clone();
    reversed.reverse();
    let forward = ids(&docs);
    assert!(!forward.is_empty());
    assert_eq!(forward, ids(&reversed));
}

/// Every sentence of the sample articles.
fn seed_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("data/seeds").expect("data/seeds") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("seed text");
        for s in dupdrift::text::segment::sentences(&text) {
            out.push(text[s.start..s.end].to_string());
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(config(300))]

    /// A text compared with itself, or with a copy re-cased and re-punctuated, has
    /// no meaning change: none of the detectors reads case or punctuation as meaning.
    #[test]
    fn a_text_against_its_recased_repunctuated_copy_has_no_drift(
        pick in any::<prop::sample::Index>(),
        casing in 0u8..3,
        commas in 0u8..3,
        quotes in any::<bool>(),
        stop in 0u8..3,
    ) {
        let sentences = seed_sentences();
        let text = &sentences[pick.index(sentences.len())];
        let en = Language::parse("en").expect("English");
        prop_assert!(dupdrift::drift::compare(text, text, en).is_empty());
        let mut copy = match casing {
            0 => text.to_lowercase(),
            1 => text.to_uppercase(),
            _ => text.clone(),
        };
        copy = match commas {
            0 => copy.replace(", ", " ; "),
            1 => copy.replace(", ", " \u{2014} "),
            _ => copy,
        };
        if quotes {
            copy = copy.replace(['\u{201C}', '\u{201D}'], "\"");
        }
        if copy.ends_with('.') {
            copy.pop();
            match stop {
                0 => copy.push('!'),
                1 => copy.push_str(" ..."),
                _ => {}
            }
        }
        let found = dupdrift::drift::compare(text, &copy, en);
        prop_assert!(found.is_empty(), "{text}\n{copy}\n{found:?}");
    }
}
