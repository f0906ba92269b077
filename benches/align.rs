//! Sentence alignment + clustering at 1x, 4x and 16x corpus size: the cost per
//! article should stay about flat (candidates come from an inverted index over rare
//! terms, not from all pairs). Every iteration checks that the planted passages are
//! still found, so a fast wrong answer fails the bench.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dupdrift::align::cluster::cluster;
use dupdrift::align::{align, AlignParams, TermStats};
use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
use dupdrift::document::Document;
use dupdrift::gen::fixture::planted_passages;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use std::hint::black_box;

const BASE_ARTICLES: usize = 100;

fn align_scaling(c: &mut Criterion) {
    let sketcher = Sketcher::new(SketchParams::new(5, 128, 1).expect("valid params"));
    let mut group = c.benchmark_group("align+cluster");
    group.sample_size(10);
    for scale in [1, 4, 16] {
        let articles = BASE_ARTICLES * scale;
        let passages = articles * 3 / 4;
        let (corpus, _) = planted_passages(scale as u64, passages, articles);
        let docs: Vec<Document> =
            analyze_batch(corpus.clone(), LanguageChoice::Auto, &sketcher, Depth::Full)
                .into_iter()
                .map(|d| d.expect("synthetic text analyses"))
                .collect();
        group.throughput(Throughput::Elements(articles as u64));
        group.bench_with_input(BenchmarkId::new("articles", articles), &docs, |b, docs| {
            b.iter(|| {
                let stats = TermStats::of(black_box(docs));
                let alignments =
                    align(docs, &stats, &AlignParams::default()).expect("a small corpus fits");
                let (clusters, _) = cluster(docs, &alignments, 2);
                assert!(
                    clusters.len() * 10 >= passages * 9,
                    "{} clusters for {passages} passages",
                    clusters.len()
                );
                clusters.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, align_scaling);
criterion_main!(benches);
