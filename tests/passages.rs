//! Passages planted into several articles, each copy reworded, are recovered as
//! clusters of exactly those articles, and no cluster mixes unrelated text.

use dupdrift::align::cluster::cluster;
use dupdrift::align::{align, AlignParams, TermStats};
use dupdrift::analyze::{analyze, LanguageChoice};
use dupdrift::document::Document;
use dupdrift::gen::fixture::{planted_passages, PlantedPassage};
use dupdrift::neardup::sketch::{SketchParams, Sketcher};

/// Which planted passage a byte span of article `a` lies in, if any.
fn label(planted: &[PlantedPassage], a: usize, start: usize, end: usize) -> Option<usize> {
    planted.iter().position(|p| {
        p.copies
            .iter()
            .any(|(doc, r)| *doc == a && r.start <= start && end <= r.end)
    })
}

#[test]
fn planted_passages_are_recovered_as_clusters() {
    for seed in [42, 7, 9] {
        check_corpus(seed);
    }
}

/// 60 passages planted into 80 articles of filler text.
fn check_corpus(seed: u64) {
    let (articles, planted) = planted_passages(seed, 60, 80);
    let sketcher = Sketcher::new(SketchParams::new(5, 128, 1).expect("valid"));
    let docs: Vec<Document> = articles
        .iter()
        .map(|a| analyze(a, LanguageChoice::Auto, &sketcher).expect("analyses"))
        .collect();
    let alignments =
        align(&docs, &TermStats::of(&docs), &AlignParams::default()).expect("a small corpus fits");
    let (clusters, _) = cluster(&docs, &alignments, 2);
    // Purity: every sentence of a cluster belongs to one and the same planted passage.
    let mut cluster_label: Vec<Option<usize>> = Vec::new();
    let mut mixed = Vec::new();
    for c in &clusters {
        let mut labels = Vec::new();
        for p in &c.passages {
            for s in p.first..=p.last {
                let sent = &docs[p.doc].sentences[s];
                labels.push(label(&planted, p.doc, sent.start, sent.end));
            }
        }
        labels.sort();
        labels.dedup();
        if labels.len() != 1 || labels[0].is_none() {
            mixed.push((c.id, labels.clone()));
        }
        cluster_label.push(labels.first().copied().flatten());
    }

    // Recall: a passage is recovered when one cluster holds every article it was planted in.
    let recovered = planted
        .iter()
        .enumerate()
        .filter(|(p, passage)| {
            clusters.iter().zip(&cluster_label).any(|(c, l)| {
                *l == Some(*p)
                    && passage
                        .copies
                        .iter()
                        .all(|(a, _)| c.passages.iter().any(|m| m.doc == *a))
            })
        })
        .count();
    let recall = recovered as f64 / planted.len() as f64;
    assert!(
        mixed.is_empty(),
        "seed {seed}: clusters mixing unrelated text: {mixed:?}"
    );
    assert!(
        recall >= 0.9,
        "seed {seed}: recall {recall:.2} ({recovered}/{})",
        planted.len()
    );
}
