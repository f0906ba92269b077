//! The drift stage per aligned sentence pair: both sides prepared (tokens, stems,
//! verb groups) and read by every detector, as `scan` does for each alignment whose
//! two texts differ. The pairs are the alignments of a generated corpus with
//! planted meaning changes and rewordings; every iteration checks the number of
//! findings, so a fast wrong answer fails the bench.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dupdrift::align::{align, AlignParams, TermStats};
use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
use dupdrift::document::Document;
use dupdrift::drift::compare;
use dupdrift::gen::Generator;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use dupdrift::text::language::Language;
use std::hint::black_box;

const ARTICLES: usize = 2_000;

fn drift_per_pair(c: &mut Criterion) {
    let generator = Generator::new(ARTICLES, 1);
    let articles = (0..ARTICLES)
        .map(|i| generator.article(i).article)
        .collect();
    let sketcher = Sketcher::new(SketchParams::new(5, 128, 1).expect("valid params"));
    let docs: Vec<Document> = analyze_batch(articles, LanguageChoice::Auto, &sketcher, Depth::Full)
        .into_iter()
        .map(|d| d.expect("generated text analyses"))
        .collect();
    let alignments =
        align(&docs, &TermStats::of(&docs), &AlignParams::default()).expect("a small corpus fits");
    let pairs: Vec<(&str, &str, Language)> = alignments
        .iter()
        .map(|al| (al.a.text(&docs), al.b.text(&docs), docs[al.a.doc].lang))
        .filter(|(a, b, _)| a != b)
        .collect();
    let count = |pairs: &[(&str, &str, Language)]| -> usize {
        pairs
            .iter()
            .map(|&(a, b, lang)| compare(a, b, lang).len())
            .sum()
    };
    let expected = count(&pairs);
    assert!(expected > 0, "the generated corpus plants meaning changes");

    let mut group = c.benchmark_group("drift");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function(format!("{} reworded sentence pairs", pairs.len()), |b| {
        b.iter(|| {
            let found = count(black_box(&pairs));
            assert_eq!(found, expected);
            found
        })
    });
    group.finish();
}

criterion_group!(benches, drift_per_pair);
criterion_main!(benches);
