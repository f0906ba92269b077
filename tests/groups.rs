//! Many copies through the binary: identical articles are one group in
//! groups.csv, listed in pairs.csv through their first member past the bound,
//! and a passage reprinted by any number of articles is one cluster of them all,
//! in memory that grows with the distinct articles.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Three sentences a wire service sent out, reprinted inside other articles.
const PASSAGE: &str = "Officials in Vilnius confirmed on Tuesday that 412 customs inspectors \
                       had been reassigned to the eastern border. The transport ministry said \
                       the measure would remain in force until the end of March. Truck drivers \
                       reported queues stretching for eleven kilometres near the Medininkai crossing.";

/// An article's id and text.
type Article = (String, String);

/// `n` articles made by `dupdrift gen`, as (id, text), and those of them that
/// share nothing planted with another (in no row of the generator's truth).
fn generated(dir: &Path, n: usize) -> (Vec<Article>, Vec<Article>) {
    let status = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args([
            "gen",
            "--articles",
            &n.to_string(),
            "--seed",
            "11",
            "--quiet",
        ])
        .arg("--out")
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
    let articles: Vec<Article> = std::fs::read_to_string(dir.join("corpus.jsonl"))
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                v["id"].as_str().unwrap().into(),
                v["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut planted = std::collections::HashSet::new();
    for truth in ["truth_pairs.tsv", "truth_passages.tsv", "truth_drift.tsv"] {
        let rows = std::fs::read_to_string(dir.join(truth)).unwrap();
        for line in rows.lines().skip(1) {
            planted.extend(line.split('\t').take(2).map(String::from));
        }
    }
    let apart = articles
        .iter()
        .filter(|(id, _)| !planted.contains(id))
        .cloned()
        .collect();
    (articles, apart)
}

/// The first `n` of `articles` with [`PASSAGE`] put after a sentence in their
/// middle, under ids `wire-ID`, as JSON Lines in `path`.
fn reprinting(articles: &[Article], n: usize, path: &Path) -> PathBuf {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for (id, text) in &articles[..n] {
        let cut = text[text.len() / 2..]
            .find(". ")
            .map_or(text.len(), |at| text.len() / 2 + at + 2);
        let text = format!("{}{PASSAGE} {}", &text[..cut], &text[cut..]);
        let line = serde_json::json!({ "id": format!("wire-{id}"), "text": text });
        writeln!(f, "{line}").unwrap();
    }
    path.to_path_buf()
}

/// The passages.csv rows holding the passage's last sentence, by cluster id.
fn passage_clusters(out: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let (header, rows) = common::read_csv(&out.join("passages.csv"));
    let text = header.iter().position(|c| c == "text").unwrap();
    let mut clusters: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for row in rows.into_iter().filter(|r| r[text].contains("Medininkai")) {
        clusters.entry(row[0].clone()).or_default().push(row);
    }
    clusters
}

#[test]
fn a_passage_reprinted_in_25_articles_is_one_cluster_of_25() {
    let dir = tempfile::tempdir().unwrap();
    let (_, apart) = generated(&dir.path().join("gen"), 100);
    let wire = reprinting(&apart, 25, &dir.path().join("wire.jsonl"));
    let out = dir.path().join("out");
    let (code, stderr) = common::scan(&[&wire], &out, &["--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let clusters = passage_clusters(&out);
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let members = clusters.values().next().unwrap();
    assert_eq!(members.len(), 25);
    assert!(members.iter().all(|r| r[4] == "25"), "{members:?}");
    // Up to the bound, every two copies of a sentence are aligned.
    let (_, alignments) = common::read_csv(&out.join("alignments.csv"));
    let cluster = members[0][0].as_str();
    assert!(alignments.iter().filter(|r| r[7] == cluster).count() >= 25 * 24 / 2);
}

#[test]
fn a_hundred_thousand_copies_are_one_group_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (articles, apart) = generated(&dir.path().join("gen"), 1000);
    assert_eq!(articles.len(), 1000);
    // Reprinted in articles that share nothing else, so that the passage's
    // cluster is the passage alone.
    let wire = reprinting(&apart, 100, &dir.path().join("wire.jsonl"));
    let seed = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(seed).unwrap();
    let copies = dir.path().join("copies.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&copies).unwrap());
    for i in 0..100_000 {
        let line = serde_json::json!({ "id": format!("copy{i:06}"), "text": text });
        writeln!(f, "{line}").unwrap();
    }
    drop(f);

    let out = dir.path().join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("scan")
        .args([&copies, &dir.path().join("gen/corpus.jsonl"), &wire])
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--threads", "2"]);
    let (run, peak_kb) = common::with_peak(cmd, dir.path());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(peak_kb < 1 << 20, "peak RSS {peak_kb} kB");

    assert_eq!(
        common::column(&out.join("documents.csv"), "doc_id").len(),
        101_100
    );
    let (_, groups) = common::read_csv(&out.join("groups.csv"));
    let copies: Vec<&Vec<String>> = groups.iter().filter(|r| r[1].starts_with("copy")).collect();
    assert_eq!(copies.len(), 100_000);
    assert!(copies
        .iter()
        .all(|r| r[0] == copies[0][0] && r[2] == "100000"));
    // The group's pairs: its first member with each other one, not 5 billion.
    let (_, pairs) = common::read_csv(&out.join("pairs.csv"));
    let within = pairs
        .iter()
        .filter(|r| r[0].starts_with("copy") && r[1].starts_with("copy"));
    assert!(within.clone().all(|r| r[0] == "copy000000"));
    assert_eq!(within.count(), 99_999);

    let clusters = passage_clusters(&out);
    assert_eq!(clusters.len(), 1, "{:?}", clusters.keys());
    let members = clusters.values().next().unwrap();
    assert_eq!(members.len(), 100);
    let seen: Vec<(&str, &str)> = members.iter().map(|r| (&*r[1], &*r[4])).collect();
    assert!(
        seen.iter()
            .all(|&(id, n)| id.starts_with("wire-") && n == "100"),
        "{seen:?}"
    );
}

#[test]
fn boilerplate_in_thousands_of_articles_at_a_low_threshold_stays_bounded() {
    // 8,000 articles of 100 words, each ending in the same 25-word line: at
    // --threshold 0.2 (one row a band) the line fills a sixth of every band's
    // slots, so buckets of over 1,000 articles that are not near each other.
    let dir = tempfile::tempdir().unwrap();
    let (articles, _) = generated(&dir.path().join("gen"), 8000);
    let corpus = dir.path().join("boiler.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    for (id, text) in &articles {
        let words: Vec<&str> = text.split_whitespace().take(100).collect();
        let text = format!(
            "{}\n\nSubscribe to our newsletter for the latest news and updates from around \
             the world, delivered to your inbox every single morning before breakfast.",
            words.join(" ")
        );
        writeln!(f, "{}", serde_json::json!({ "id": id, "text": text })).unwrap();
    }
    drop(f);
    let run = |out: &Path, extra: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
        cmd.arg("scan")
            .arg(&corpus)
            .arg("--out")
            .arg(out)
            .args([
                "--quiet",
                "--threads",
                "2",
                "--threshold",
                "0.2",
                "--stages",
                "pairs",
            ])
            .args(extra);
        common::with_peak(cmd, dir.path())
    };
    let (lsh, exact) = (dir.path().join("lsh"), dir.path().join("exact"));
    let (output, peak_kb) = run(&lsh, &[]);
    assert_eq!(output.status.code(), Some(0));
    // 7.2 GB and 43 s before buckets were bounded.
    assert!(peak_kb < 500 << 10, "peak RSS {peak_kb} kB");
    let run_json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(lsh.join("run.json")).unwrap()).unwrap();
    assert!(run_json["counts"]["crowded_lsh_buckets"].as_u64().unwrap() > 0);
    // The near-duplicates are still all found: the same as the exact search.
    let (output, _) = run(&exact, &["--search", "exact"]);
    assert_eq!(output.status.code(), Some(0));
    let pairs = std::fs::read(lsh.join("pairs.csv")).unwrap();
    assert_eq!(pairs, std::fs::read(exact.join("pairs.csv")).unwrap());
    assert!(common::read_csv(&lsh.join("pairs.csv")).1.len() > 100);
}

#[test]
fn a_million_lines_of_a_thousand_texts_are_a_thousand_groups() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("lines.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&lines).unwrap());
    for i in 0..1_000_000 {
        let text = format!("Short note number {} about the weather in town.", i % 1000);
        writeln!(
            f,
            "{}",
            serde_json::json!({ "id": format!("n{i:07}"), "text": text })
        )
        .unwrap();
    }
    drop(f);
    let out = dir.path().join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("scan")
        .arg(&lines)
        .arg("--out")
        .arg(&out)
        .args(["--quiet", "--threads", "2"]);
    let (run, peak_kb) = common::with_peak(cmd, dir.path());
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Some 830 MB: a million documents' ids and counts; the pair stage took 24 GB.
    assert!(peak_kb < 3 << 19, "peak RSS {peak_kb} kB");
    let (_, groups) = common::read_csv(&out.join("groups.csv"));
    assert_eq!(groups.len(), 1_000_000);
    assert!(groups.iter().all(|r| r[2] == "1000"));
    assert_eq!(groups.last().unwrap()[0], "1000");
    // Each group through its first member: 999 rows a group, no pair between groups.
    let (_, pairs) = common::read_csv(&out.join("pairs.csv"));
    assert_eq!(pairs.len(), 1000 * 999);
}
