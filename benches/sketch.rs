//! Shingling + MinHash throughput (the article-level hot path), on 1 and 2 threads.
//!
//! The corpus is the sample articles in `data/seeds`, each repeated in rotated
//! sentence order so no two articles are identical. Every iteration checks the
//! total shingle count against a first single-threaded pass, so a fast wrong answer
//! fails the bench instead of winning it.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use dupdrift::Article;
use std::hint::black_box;

const COPIES: usize = 40;

fn corpus() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("data/seeds exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    paths.sort();
    let mut articles = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        for copy in 0..COPIES {
            let mut rotated = lines.clone();
            rotated.rotate_left(copy % lines.len().max(1));
            articles.push(Article {
                id: format!("{}-{copy}", path.display()),
                text: rotated.join("\n"),
                lang: "en".into(),
                ..Article::default()
            });
        }
    }
    articles
}

fn shingle_and_sketch(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let params = SketchParams::new(5, 128, SketchParams::DEFAULT_SEED).expect("valid params");
    let sketcher = Sketcher::new(params);
    let count = |docs: &[Result<dupdrift::document::Document, _>]| -> usize {
        docs.iter()
            .map(|d| d.as_ref().map_or(0, |d| d.shingles.len()))
            .sum()
    };
    let expected = count(&analyze_batch(
        articles.clone(),
        LanguageChoice::Auto,
        &sketcher,
        Depth::Pairs,
    ));
    assert!(expected > 0);

    let mut group = c.benchmark_group("shingle+minhash");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, _| {
            // The copy of the articles each run consumes is made outside the timing.
            b.iter_batched(
                || articles.clone(),
                |batch| {
                    let docs = pool.install(|| {
                        analyze_batch(
                            black_box(batch),
                            LanguageChoice::Auto,
                            &sketcher,
                            Depth::Pairs,
                        )
                    });
                    assert_eq!(count(&docs), expected);
                    docs
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, shingle_and_sketch);
criterion_main!(benches);
