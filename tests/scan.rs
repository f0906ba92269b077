//! `dupdrift scan` end to end through the binary, on the sample data.

mod common;

use common::{column, read_csv, repo, scan, seeds};
use std::path::Path;

#[test]
fn seeds_give_the_four_reports() {
    let out = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = scan(&[&seeds()], out.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let (header, rows) = read_csv(&out.path().join("documents.csv"));
    assert_eq!(
        header[..7],
        [
            "doc_id",
            "source",
            "title",
            "lang",
            "bytes",
            "sentences",
            "tokens"
        ]
    );
    assert_eq!(rows.len(), 5);
    let ids = column(&out.path().join("documents.csv"), "doc_id");
    assert_eq!(ids[0], "000_28c61908d3c90d5b");
    assert!(column(&out.path().join("documents.csv"), "lang")
        .iter()
        .all(|l| l == "en"));
    let (pairs_header, _) = read_csv(&out.path().join("pairs.csv"));
    assert_eq!(
        pairs_header[..6],
        [
            "doc_a",
            "doc_b",
            "jaccard_estimate",
            "jaccard",
            "containment_a",
            "containment_b"
        ]
    );
    let (errors_header, errors) = read_csv(&out.path().join("errors.csv"));
    assert_eq!(errors_header, ["input", "reason"]);
    assert!(errors.is_empty(), "{errors:?}");
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("run.json")).expect("run.json"))
            .expect("JSON");
    assert_eq!(run["counts"]["articles"], 5);
    assert_eq!(run["parameters"]["sketch"]["shingle_size"], 5);
    assert_eq!(run["dupdrift_version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn reprints_are_paired_with_their_originals() {
    let out = tempfile::tempdir().expect("temp dir");
    let reprints = repo().join("data/reprints.jsonl");
    let (code, stderr) = scan(&[&seeds(), &reprints], out.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let (_, rows) = read_csv(&out.path().join("pairs.csv"));
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("000_28c61908d3c90d5b", "wire-000-reprint"),
            ("002_5d7fbd46b6482465", "wire-002-edited")
        ]
    );
    for r in &rows {
        let estimate: f64 = r[2].parse().expect("number");
        let jaccard: f64 = r[3].parse().expect("number");
        assert!(jaccard >= 0.5 && (estimate - jaccard).abs() < 0.2, "{r:?}");
    }
    // The excerpt holds half of 004: below the Jaccard threshold, found at a lower one.
    let (code, _) = scan(&[&seeds(), &reprints], out.path(), &["--threshold", "0.3"]);
    assert_eq!(code, 0);
    let (_, rows) = read_csv(&out.path().join("pairs.csv"));
    let excerpt = rows
        .iter()
        .find(|r| r[1] == "wire-004-excerpt")
        .expect("excerpt paired at 0.3");
    assert_eq!(excerpt[0], "004_458e83cfbd473e7e");
    assert_eq!(
        excerpt[5], "1.000000",
        "the whole excerpt is contained in 004"
    );
}

fn report_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    [
        "documents.csv",
        "pairs.csv",
        "alignments.csv",
        "passages.csv",
        "errors.csv",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            std::fs::read(dir.join(f)).expect("report written"),
        )
    })
    .collect()
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = tempfile::tempdir().expect("temp dir");
    let two = tempfile::tempdir().expect("temp dir");
    let reprints = repo().join("data/reprints.jsonl");
    let inputs = [seeds(), reprints.clone(), reprints];
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    // The third input repeats the second's ids, so errors.csv has rows to compare too.
    let (c1, _) = scan(
        &inputs,
        one.path(),
        &["--threads", "1", "--threshold", "0.3"],
    );
    let (c2, _) = scan(
        &inputs,
        two.path(),
        &["--threads", "2", "--threshold", "0.3"],
    );
    assert_eq!((c1, c2), (1, 1));
    let (a, b) = (report_bytes(one.path()), report_bytes(two.path()));
    assert!(
        a.iter().all(|(_, bytes)| bytes.len() > 60),
        "reports have rows"
    );
    assert_eq!(a, b);
}

#[test]
fn help_shows_examples_and_bad_parameters_are_fatal() {
    let help = common::dupdrift(&["scan", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Examples:") && text.contains("--threshold"),
        "{text}"
    );
    let out = tempfile::tempdir().expect("temp dir");
    for bad in [
        ["--threshold", "1.5"],
        ["--lang", "klingon"],
        ["--shingle-size", "0"],
    ] {
        let (code, stderr) = scan(&[&seeds()], out.path(), &bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(stderr.contains("error"), "{stderr}");
    }
}

#[test]
fn json_lines_from_standard_input() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let out = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args(["scan", "-", "--quiet", "--out"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .spawn()
        .expect("dupdrift starts");
    let input = "{\"id\": \"a\", \"text\": \"Musk spoke with Putin.\"}\nnot json\n{\"text\": \"No id here.\"}\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let status = child.wait().expect("dupdrift ends");
    assert_eq!(status.code(), Some(1));
    assert_eq!(
        column(&out.path().join("documents.csv"), "doc_id"),
        ["a", "stdin:3"]
    );
    assert_eq!(column(&out.path().join("errors.csv"), "input"), ["-:2"]);
}

#[test]
fn a_second_run_does_not_read_its_own_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in std::fs::read_dir(seeds()).expect("seeds") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    let out = dir.path().join("report");
    for _ in 0..2 {
        let (code, stderr) = scan(&[dir.path()], &out, &[]);
        assert_eq!(code, 0, "{stderr}");
    }
    assert_eq!(column(&out.join("documents.csv"), "doc_id").len(), 5);
}

#[test]
fn identical_copies_are_one_group_listed_through_its_first_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lines = String::new();
    for i in 0..120 {
        lines.push_str(&format!("{{\"id\": \"copy{i:03}\", \"text\": \"Subscribe to read the full story. Already a subscriber? Log in.\"}}\n"));
    }
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(&feed, lines).expect("write");
    let out = dir.path().join("out");
    let (code, stderr) = scan(&[&feed, &seeds()], &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    // Past --list-groups-up-to (32): the first copy paired with each other one.
    let (_, rows) = read_csv(&out.join("pairs.csv"));
    assert_eq!(rows.len(), 119);
    assert!(rows
        .iter()
        .all(|r| r[0] == "copy000" && r[1] > r[0] && r[3] == "1.000000"));
    let (header, groups) = read_csv(&out.join("groups.csv"));
    assert_eq!(header, ["group_id", "doc_id", "size"]);
    assert_eq!(groups.len(), 120);
    assert!(groups.iter().all(|r| r[0] == "1" && r[2] == "120"));
    assert_eq!(groups[119][1], "copy119");

    // Within the bound, every pair is listed.
    let (code, stderr) = scan(&[&feed], &out, &["--list-groups-up-to", "120"]);
    assert_eq!(code, 0, "{stderr}");
    let (_, rows) = read_csv(&out.join("pairs.csv"));
    assert_eq!(rows.len(), 120 * 119 / 2);
    assert!(rows.iter().all(|r| r[0] < r[1] && r[3] == "1.000000"));
}

#[test]
fn stages_pairs_runs_the_article_stage_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let seeds = common::seeds();
    let reprints = common::repo().join("data/reprints.jsonl");
    let (code, stderr) = common::scan(&[&seeds, &reprints], &out, &["--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let full_pairs = std::fs::read(out.join("pairs.csv")).expect("pairs.csv");
    assert!(out.join("drift.csv").exists());
    let (code, stderr) = common::scan(
        &[&seeds, &reprints],
        &out,
        &["--quiet", "--stages", "pairs"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read(out.join("pairs.csv")).expect("pairs.csv"),
        full_pairs,
        "the same pairs as the full run"
    );
    for gone in ["alignments.csv", "passages.csv", "drift.csv"] {
        assert!(
            !out.join(gone).exists(),
            "{gone} of the earlier run is removed"
        );
    }
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).expect("run.json"))
            .expect("JSON");
    assert_eq!(run["parameters"]["stages"], "pairs");
}
