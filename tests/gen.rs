//! `dupdrift gen`: the same seed gives the same bytes whatever the thread count, the
//! truth files agree with the corpus, and `scan` finds what was planted.

mod common;

use common::{dupdrift, read_csv};
use dupdrift::gen::{self, PairKind};
use dupdrift::Article;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

const TRUTH_FILES: [&str; 3] = ["truth_pairs.tsv", "truth_passages.tsv", "truth_drift.tsv"];

/// Runs `dupdrift gen --articles N --seed S --out DIR --quiet EXTRA`.
fn generate(dir: &Path, articles: usize, seed: u64, extra: &[&str]) {
    let (n, s) = (articles.to_string(), seed.to_string());
    let out = dir.display().to_string();
    let mut args = vec![
        "gen",
        "--articles",
        &n,
        "--seed",
        &s,
        "--out",
        &out,
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let run = dupdrift(&args);
    assert!(
        run.status.success(),
        "gen failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn same_seed_same_bytes_whatever_the_threads() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = |name: &str| tmp.path().join(name);
    // 1300 articles: three gzip members, the last one short.
    generate(&dir("one"), 1300, 5, &["--threads", "1"]);
    generate(&dir("two"), 1300, 5, &["--threads", "2"]);
    generate(&dir("gz1"), 1300, 5, &["--threads", "1", "--gzip"]);
    generate(&dir("gz2"), 1300, 5, &["--threads", "2", "--gzip"]);
    generate(&dir("other"), 1300, 6, &[]);
    for file in ["corpus.jsonl"].iter().chain(&TRUTH_FILES) {
        assert!(
            bytes(&dir("one").join(file)) == bytes(&dir("two").join(file)),
            "{file} differs between 1 and 2 threads"
        );
        assert!(
            bytes(&dir("one").join(file)) != bytes(&dir("other").join(file)),
            "{file} is the same for seeds 5 and 6"
        );
    }
    let gz = bytes(&dir("gz1").join("corpus.jsonl.gz"));
    assert!(gz == bytes(&dir("gz2").join("corpus.jsonl.gz")));
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut plain)
        .expect("valid gzip");
    assert!(plain == bytes(&dir("one").join("corpus.jsonl")));
    for file in TRUTH_FILES {
        assert!(bytes(&dir("one").join(file)) == bytes(&dir("gz1").join(file)));
    }
    // The library gives the articles the command writes, and the truth it writes
    // reads back, quotation marks and all.
    let (articles, truth) = gen::corpus(1300, 5);
    let mut lines = Vec::new();
    for a in &articles {
        gen::write_record(a, &mut lines).expect("serialises");
    }
    assert!(lines == bytes(&dir("one").join("corpus.jsonl")));
    let rows = truth_rows(&dir("one").join("truth_drift.tsv"));
    assert_eq!(rows.len(), truth.drift.len());
    for (row, d) in rows.iter().zip(&truth.drift) {
        assert_eq!(
            (
                row["kind"].as_str(),
                row["sentence_a"].as_str(),
                row["sentence_b"].as_str()
            ),
            (d.kind_name(), d.sentence_a.as_str(), d.sentence_b.as_str())
        );
    }
    assert!(rows.iter().any(|r| r["sentence_a"].contains('"')));
    // A corpus of the other form does not linger beside the new one.
    generate(&dir("one"), 50, 5, &["--gzip"]);
    assert!(!dir("one").join("corpus.jsonl").exists());
    assert!(!dir("one").join("corpus.jsonl.partial").exists());
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Dice coefficient of two texts' bags of words.
fn dice(a: &str, b: &str) -> f64 {
    let mut bag: HashMap<&str, i32> = HashMap::new();
    for w in words(a) {
        *bag.entry(w).or_default() += 1;
    }
    let mut shared = 0;
    for w in words(b) {
        if let Some(n) = bag.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            shared += 1;
        }
    }
    2.0 * shared as f64 / (words(a).len() + words(b).len()) as f64
}

#[test]
fn truth_agrees_with_the_corpus() {
    let (articles, truth) = gen::corpus(3000, 21);
    let by_id: HashMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    assert_eq!(by_id.len(), articles.len(), "ids are unique");
    assert!(
        articles.windows(2).all(|w| w[0].id < w[1].id),
        "ids sort as the corpus runs"
    );
    for a in &articles {
        assert!(!a.title.is_empty() && !a.source.is_empty() && a.lang == "en");
        assert!(
            a.published.len() == 10 && a.published.starts_with("202"),
            "{}",
            a.published
        );
        assert!(!a.text.contains('\t'), "{}", a.id);
    }
    // Lengths as news: about 80 to 1000 words, a mean of 300 to 400.
    let lengths: Vec<usize> = articles.iter().map(|a| a.text.split(' ').count()).collect();
    let mean = lengths.iter().sum::<usize>() as f64 / lengths.len() as f64;
    assert!((300.0..=420.0).contains(&mean), "mean length {mean}");
    assert!(
        lengths.iter().all(|&n| (60..=1300).contains(&n)),
        "{lengths:?}"
    );

    let drift: HashMap<(&str, &str), &gen::DriftTruth> = truth
        .drift
        .iter()
        .map(|d| ((d.doc_a.as_str(), d.doc_b.as_str()), d))
        .collect();
    assert_eq!(
        drift.len(),
        truth.drift.len(),
        "one changed sentence a pair"
    );
    let mut kinds: HashMap<PairKind, usize> = HashMap::new();
    for p in &truth.pairs {
        *kinds.entry(p.kind).or_default() += 1;
        assert!(p.doc_a < p.doc_b);
        let (a, b) = (by_id[p.doc_a.as_str()], by_id[p.doc_b.as_str()]);
        match p.kind {
            PairKind::Copy => assert_eq!(a.text, b.text, "{} {}", a.id, b.id),
            PairKind::Edited => assert_eq!(p.edit_rate > 0.0, a.text != b.text),
            PairKind::Drift => {
                // The copy is the original with that one sentence replaced.
                let d = drift[&(a.id.as_str(), b.id.as_str())];
                assert_eq!(&a.text[d.start_a..d.end_a], d.sentence_a);
                assert_eq!(&b.text[d.start_b..d.end_b], d.sentence_b);
                assert_ne!(d.sentence_a, d.sentence_b);
                assert_eq!(d.start_a, d.start_b);
                let rebuilt = format!(
                    "{}{}{}",
                    &a.text[..d.start_a],
                    d.sentence_b,
                    &a.text[d.end_a..]
                );
                assert!(
                    rebuilt == b.text,
                    "{} {}: more than one sentence changed",
                    a.id,
                    b.id
                );
                assert!(p.edit_rate > 0.0 && p.edit_rate < 0.2, "{}", p.edit_rate);
            }
        }
    }
    assert_eq!(kinds.get(&PairKind::Drift), Some(&truth.drift.len()));
    assert!(kinds.values().all(|&n| n >= 100), "{kinds:?}");
    // Every kind of drift is planted, and rewordings that keep the meaning.
    let planted: HashSet<&str> = truth.drift.iter().map(|d| d.kind_name()).collect();
    for kind in gen::drift_kinds() {
        assert!(planted.contains(kind.name()), "no {} planted", kind.name());
    }
    assert!(planted.contains("none"));

    // Passages: inside their article, told by two or more, the copies alike up to
    // the planted rewording (and the word edits of an edited reprint).
    let mut copies: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for p in &truth.passages {
        let text = &by_id[p.doc.as_str()].text;
        assert!(p.start < p.end && p.end <= text.len(), "{p:?}");
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        copies
            .entry(p.passage)
            .or_default()
            .push(&text[p.start..p.end]);
    }
    assert!(copies.len() >= 150, "{} passages", copies.len());
    for (passage, texts) in &copies {
        assert!(texts.len() >= 2, "passage {passage} told once");
        for (i, t) in texts.iter().enumerate() {
            let best = texts
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, u)| dice(t, u))
                .fold(0.0, f64::max);
            assert!(
                best >= 0.6,
                "passage {passage}: {t:?} is like no other copy ({best})"
            );
        }
    }
}

/// The rows of a truth file, by column name.
fn truth_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .expect("truth file");
    let header = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed row");
            header
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// `scan` on a generated corpus finds every exact reprint, and most negations and
/// figures changed in a copy. To keep the test quick, the scan reads the articles
/// those plants involve and 300 others, not the whole corpus.
#[test]
fn scan_finds_planted_copies_and_drift() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (mut copies, mut found_copies) = (0, 0);
    let mut drifts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for seed in [11u64, 12] {
        let dir = tmp.path().join(format!("gen-{seed}"));
        generate(&dir, 2500, seed, &[]);
        let pairs = truth_rows(&dir.join("truth_pairs.tsv"));
        let drift = truth_rows(&dir.join("truth_drift.tsv"));
        let watched: Vec<&HashMap<String, String>> = drift
            .iter()
            .filter(|d| d["kind"] == "polarity" || d["kind"] == "number")
            .collect();
        let copy_pairs: Vec<&HashMap<String, String>> =
            pairs.iter().filter(|p| p["kind"] == "copy").collect();
        let mut keep: HashSet<&str> = HashSet::new();
        for p in copy_pairs.iter().chain(&watched) {
            keep.insert(&p["doc_a"]);
            keep.insert(&p["doc_b"]);
        }
        let corpus = std::fs::read_to_string(dir.join("corpus.jsonl")).expect("corpus");
        let mut others = 0;
        let subset: String = corpus
            .lines()
            .filter(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                let planted = keep.contains(v["id"].as_str().expect("id"));
                others += usize::from(!planted);
                planted || others <= 300
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let input = dir.join("subset.jsonl");
        std::fs::write(&input, subset).expect("subset written");
        let report = dir.join("report");
        let (code, stderr) = common::scan(&[&input], &report, &["--quiet"]);
        assert_eq!(code, 0, "{stderr}");

        let (_, rows) = read_csv(&report.join("pairs.csv"));
        let reported: HashSet<(String, String)> = rows
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        copies += copy_pairs.len();
        found_copies += copy_pairs
            .iter()
            .filter(|p| reported.contains(&(p["doc_a"].clone(), p["doc_b"].clone())))
            .count();

        let (header, rows) = read_csv(&report.join("drift.csv"));
        let col = |name: &str| header.iter().position(|h| h == name).expect("column");
        let (da, db, sa, ea, kind) = (
            col("doc_a"),
            col("doc_b"),
            col("start_a"),
            col("end_a"),
            col("kind"),
        );
        let num = |s: &str| s.parse::<usize>().expect("offset");
        for d in watched {
            let (start, end) = (num(&d["start_a"]), num(&d["end_a"]));
            let hit = rows.iter().any(|r| {
                r[da] == d["doc_a"]
                    && r[db] == d["doc_b"]
                    && r[kind] == d["kind"]
                    && num(&r[sa]) < end
                    && start < num(&r[ea])
            });
            let entry = drifts
                .entry(if d["kind"] == "polarity" {
                    "polarity"
                } else {
                    "number"
                })
                .or_default();
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
    }
    assert!(copies >= 100, "{copies} exact reprints planted");
    assert_eq!(
        found_copies, copies,
        "every exact reprint is a near-duplicate pair"
    );
    for (kind, (hits, planted)) in drifts {
        assert!(planted >= 15, "{planted} {kind} changes planted");
        let recall = hits as f64 / planted as f64;
        assert!(recall >= 0.8, "{kind}: {hits} of {planted} found");
    }
}
