//! Sentence alignment and passage clusters on the sample articles, checked against
//! counterparts read by hand (`data/fixtures/align-000-001.tsv`); alignment of
//! generated corpora in batches, given the statistics of the whole.

mod common;

use common::{read_csv, scan, seeds};
use dupdrift::align::{align, AlignParams, Alignment, TermStats};
use dupdrift::analyze::{analyze_batch, Depth, LanguageChoice};
use dupdrift::document::Document;
use dupdrift::gen::Generator;
use dupdrift::neardup::sketch::{SketchParams, Sketcher};
use std::path::Path;

const A: &str = "000_28c61908d3c90d5b";
const B: &str = "001_2d58f66e70dddb23";

fn text(id: &str) -> String {
    std::fs::read_to_string(seeds().join(format!("{id}.txt"))).expect("seed readable")
}

/// Byte offset of a snippet that must occur exactly once in `text`.
fn locate(text: &str, snippet: &str, id: &str) -> usize {
    let hits: Vec<usize> = text.match_indices(snippet).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "{snippet:?} must occur once in {id}");
    hits[0]
}

struct Row {
    doc_a: String,
    a: (usize, usize),
    doc_b: String,
    b: (usize, usize),
}

fn scan_seeds(out: &Path) -> Vec<Row> {
    let (code, stderr) = scan(&[&seeds()], out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let (header, rows) = read_csv(&out.join("alignments.csv"));
    assert_eq!(
        header[..8],
        [
            "doc_a",
            "start_a",
            "end_a",
            "doc_b",
            "start_b",
            "end_b",
            "similarity",
            "cluster_id"
        ]
    );
    let n = |s: &str| s.parse::<usize>().expect("offset");
    rows.iter()
        .map(|r| Row {
            doc_a: r[0].clone(),
            a: (n(&r[1]), n(&r[2])),
            doc_b: r[3].clone(),
            b: (n(&r[4]), n(&r[5])),
        })
        .collect()
}

fn contains(span: (usize, usize), at: usize) -> bool {
    span.0 <= at && at < span.1
}

#[test]
fn the_split_warning_sentence_is_aligned() {
    let out = tempfile::tempdir().expect("temp dir");
    let rows = scan_seeds(out.path());
    let a = locate(
        &text(A),
        "there have already been warnings from the government",
        A,
    );
    let b = locate(&text(B), "the government has not issued any warnings", B);
    assert!(
        rows.iter()
            .any(|r| r.doc_a == A && r.doc_b == B && contains(r.a, a) && contains(r.b, b)),
        "000's warning sentence is not aligned with 001's"
    );
}

#[test]
fn alignment_of_000_and_001_matches_a_reading_by_hand() {
    let out = tempfile::tempdir().expect("temp dir");
    let rows = scan_seeds(out.path());
    let (ta, tb) = (text(A), text(B));
    let fixture = std::fs::read_to_string(common::repo().join("data/fixtures/align-000-001.tsv"))
        .expect("fixture");
    // (position in 000, positions of its counterparts in 001)
    let truth: Vec<(usize, Vec<usize>)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two columns");
            let counterparts = if b == "-" {
                vec![]
            } else {
                b.split(" | ").map(|s| locate(&tb, s, B)).collect()
            };
            (locate(&ta, a, A), counterparts)
        })
        .collect();
    let pair: Vec<&Row> = rows
        .iter()
        .filter(|r| r.doc_a == A && r.doc_b == B)
        .collect();
    let correct = |r: &Row| {
        truth
            .iter()
            .any(|(a, bs)| contains(r.a, *a) && bs.iter().any(|&b| contains(r.b, b)))
    };
    let with_counterpart: Vec<&(usize, Vec<usize>)> =
        truth.iter().filter(|(_, bs)| !bs.is_empty()).collect();
    let found = with_counterpart
        .iter()
        .filter(|(a, bs)| {
            pair.iter()
                .any(|r| contains(r.a, *a) && bs.iter().any(|&b| contains(r.b, b)))
        })
        .count();
    let recall = found as f64 / with_counterpart.len() as f64;
    let precision = pair.iter().filter(|r| correct(r)).count() as f64 / pair.len().max(1) as f64;
    let wrong: Vec<String> = pair
        .iter()
        .filter(|r| !correct(r))
        .map(|r| format!("{:?} ~ {:?}", &ta[r.a.0..r.a.1], &tb[r.b.0..r.b.1]))
        .collect();
    assert!(
        recall >= 0.9,
        "recall {recall:.2} ({found}/{})",
        with_counterpart.len()
    );
    assert!(
        precision >= 0.9,
        "precision {precision:.2}; wrong: {wrong:#?}"
    );
}

/// The documents whose passage in the cluster holding `anchor` (of doc `id`) covers
/// each document's own snippet.
fn cluster_members(out: &Path, anchors: &[(&str, &str)]) -> usize {
    let (_, rows) = read_csv(&out.join("passages.csv"));
    let n = |s: &str| s.parse::<usize>().expect("offset");
    let at: Vec<(&str, usize)> = anchors
        .iter()
        .map(|(id, s)| (*id, locate(&text(id), s, id)))
        .collect();
    let cluster_of = |(id, pos): (&str, usize)| {
        rows.iter()
            .find(|r| r[1] == id && contains((n(&r[2]), n(&r[3])), pos))
            .map(|r| r[0].clone())
    };
    let mut best = 0;
    for &anchor in &at {
        let Some(c) = cluster_of(anchor) else {
            continue;
        };
        let members = at
            .iter()
            .filter(|&&m| cluster_of(m).as_ref() == Some(&c))
            .count();
        best = best.max(members);
    }
    best
}

#[test]
fn shared_passages_cluster_across_articles() {
    let out = tempfile::tempdir().expect("temp dir");
    scan_seeds(out.path());
    let taiwan = [
        (A, "Putin asked Musk to avoid activating"),
        (
            "002_5d7fbd46b6482465",
            "requested Musk to refrain from activating",
        ),
        ("003_164dbe921457bdb8", "Putin asked Musk not to extend"),
        (
            "004_458e83cfbd473e7e",
            "Putin pressured Musk to direct SpaceX",
        ),
    ];
    let members = cluster_members(out.path(), &taiwan);
    assert!(
        members >= 3,
        "the Taiwan passage clusters {members} of 4 articles"
    );
    let officials = [
        (A, "confirmed by several current and former officials"),
        (B, "confirmed by several current and former American"),
        (
            "002_5d7fbd46b6482465",
            "backed by several current and former officials",
        ),
        (
            "003_164dbe921457bdb8",
            "confirmed with several current and former officials",
        ),
        ("004_458e83cfbd473e7e", "several current and former U.S."),
    ];
    let members = cluster_members(out.path(), &officials);
    assert!(
        members >= 3,
        "the officials passage clusters {members} of 5 articles"
    );
}

/// Rows of alignments by document id, with similarities to the bit: what is the
/// same whatever batch and order the documents came in.
type IdRow = (String, usize, usize, String, usize, usize, u64);

fn id_rows(docs: &[Document], alignments: &[Alignment]) -> Vec<IdRow> {
    let mut rows: Vec<IdRow> = alignments
        .iter()
        .map(|al| {
            let (a, b) = (&al.a, &al.b);
            let id = |d: usize| docs[d].id.clone();
            (
                id(a.doc),
                a.first,
                a.last,
                id(b.doc),
                b.first,
                b.last,
                al.similarity.to_bits(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// A generated corpus (near-duplicates, rewordings, drift, figures and names).
fn generated(articles: usize) -> Vec<Document> {
    let generator = Generator::new(articles, 5);
    let articles = (0..articles)
        .map(|i| generator.article(i).article)
        .collect();
    let sketcher = Sketcher::new(SketchParams::new(5, 1, 1).expect("sketch parameters"));
    analyze_batch(articles, LanguageChoice::Auto, &sketcher, Depth::Full)
        .into_iter()
        .map(|d| d.expect("generated text analyses"))
        .collect()
}

fn aligned(docs: &[Document], stats: &TermStats) -> Vec<IdRow> {
    let alignments = align(docs, stats, &AlignParams::default()).expect("a small corpus fits");
    id_rows(docs, &alignments)
}

#[test]
fn with_the_corpus_statistics_alignment_is_the_same_in_any_batch() {
    let docs = generated(600);
    let stats = TermStats::of(&docs);
    let whole = aligned(&docs, &stats);
    assert!(whole.len() > 100, "{} alignments", whole.len());

    // Two batches, every third document in the first, in reverse order: the
    // alignments between documents of one batch are the corpus's.
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for (i, d) in docs.iter().enumerate().rev() {
        let batch = if i % 3 == 0 { &mut first } else { &mut second };
        batch.push(d.clone());
    }
    let in_batch = |batch: &[Document]| -> Vec<IdRow> {
        let ids: Vec<&str> = batch.iter().map(|d| d.id.as_str()).collect();
        whole
            .iter()
            .filter(|r| ids.contains(&r.0.as_str()) && ids.contains(&r.3.as_str()))
            .cloned()
            .collect()
    };
    for batch in [&first, &second] {
        let expected = in_batch(batch);
        assert!(expected.len() > 10, "{} alignments", expected.len());
        assert_eq!(aligned(batch, &stats), expected);
        // The test has teeth: rarity taken from the batch changes the rows.
        assert_ne!(aligned(batch, &TermStats::of(batch)), expected);
    }

    // The smallest batch: two documents alone align as among all the others.
    let mut pairs: Vec<(&str, &str)> = whole.iter().map(|r| (&r.0[..], &r.3[..])).collect();
    pairs.dedup();
    let by_id = |id: &str| docs.iter().find(|d| d.id == id).expect("known id").clone();
    for &(a, b) in pairs.iter().step_by(pairs.len() / 20 + 1) {
        let pair = [by_id(b), by_id(a)];
        let expected: Vec<IdRow> = whole
            .iter()
            .filter(|r| r.0 == a && r.3 == b)
            .cloned()
            .collect();
        assert_eq!(aligned(&pair, &stats), expected, "{a} and {b}");
    }
}

#[test]
fn statistics_that_do_not_know_the_batch_align_it_without_failing() {
    let docs = generated(200);
    let (old, new) = docs.split_at(100);
    // Terms new to the statistics weigh as the rarest.
    let stale = aligned(new, &TermStats::of(old));
    assert!(!stale.is_empty());
    // Statistics of no sentence weigh every term 0: nothing aligns.
    assert!(aligned(new, &TermStats::new()).is_empty());
}
