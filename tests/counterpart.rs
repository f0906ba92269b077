//! The `counterpart` column of `alignments.csv` and `drift.csv`, through the binary.

mod common;

use common::{read_csv, repo, scan, seeds};
use std::path::Path;

/// The values of the last column, checked to be named `counterpart`.
fn counterparts(path: &Path) -> Vec<f64> {
    let (header, rows) = read_csv(path);
    assert_eq!(
        header.last().map(String::as_str),
        Some("counterpart"),
        "{header:?}"
    );
    rows.iter()
        .map(|r| r.last().expect("a cell").parse().expect("a number"))
        .collect()
}

#[test]
fn the_counterpart_column_is_last_in_0_1_and_the_same_at_1_and_2_threads() {
    let one = tempfile::tempdir().expect("temp dir");
    let two = tempfile::tempdir().expect("temp dir");
    let reprints = repo().join("data/reprints.jsonl");
    let inputs = [seeds(), reprints];
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (c1, e1) = scan(&inputs, one.path(), &["--threads", "1"]);
    let (c2, e2) = scan(&inputs, two.path(), &["--threads", "2"]);
    assert_eq!((c1, c2), (0, 0), "{e1}{e2}");
    for report in ["alignments.csv", "drift.csv"] {
        let values = counterparts(&one.path().join(report));
        assert!(values.len() > 5, "{report}: {} rows", values.len());
        assert!(values.iter().all(|c| (0.0..=1.0).contains(c)), "{report}");
        let bytes = |dir: &Path| std::fs::read(dir.join(report)).expect("report written");
        assert_eq!(bytes(one.path()), bytes(two.path()), "{report}");
    }
    // A finding worth a look is one of an alignment held to be a counterpart.
    let (header, rows) = read_csv(&one.path().join("drift.csv"));
    let severity = header
        .iter()
        .position(|h| h == "severity")
        .expect("severity");
    for r in &rows {
        let (s, c): (f64, f64) = (
            r[severity].parse().expect("severity"),
            r[r.len() - 1].parse().expect("counterpart"),
        );
        assert!(s < 0.5 || c >= 0.9, "{r:?}");
    }
    // Reprints are their originals' counterparts.
    let (_, rows) = read_csv(&one.path().join("alignments.csv"));
    let reprinted: Vec<f64> = rows
        .iter()
        .filter(|r| r[0] == "000_28c61908d3c90d5b" && r[3] == "wire-000-reprint")
        .map(|r| r[r.len() - 1].parse().expect("counterpart"))
        .collect();
    assert!(
        reprinted.len() > 10 && reprinted.iter().all(|&c| c > 0.9),
        "{reprinted:?}"
    );
}

#[test]
fn pairs_report_the_confidence_of_the_pair_alone_and_do_not_lower_severities() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("pairs.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id": "same", "a": "The minister signed the treaty in Ottawa on Monday.", "b": "The minister never signed the treaty in Ottawa on Monday."}"#,
            "\n",
            r#"{"id": "template", "a": "Acme Corp said profits rose 5 percent in March.", "b": "Globex Inc said profits rose 3 percent in April."}"#,
            "\n"
        ),
    )
    .expect("written");
    let out = dir.path().join("out");
    let output = common::dupdrift(&[
        "pairs",
        input.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--quiet",
    ]);
    assert!(output.status.success(), "{output:?}");
    let (header, rows) = read_csv(&out.join("drift.csv"));
    assert_eq!(header.last().map(String::as_str), Some("counterpart"));
    let severity = header
        .iter()
        .position(|h| h == "severity")
        .expect("severity");
    let of = |id: &str| -> Vec<(f64, f64)> {
        rows.iter()
            .filter(|r| r[0] == id)
            .map(|r| {
                (
                    r[severity].parse().expect("severity"),
                    r[r.len() - 1].parse().expect("counterpart"),
                )
            })
            .collect()
    };
    let (same, template) = (of("same"), of("template"));
    assert!(same.iter().any(|&(s, c)| s >= 0.5 && c > 0.9), "{same:?}");
    // Not counterparts, and still worth a look: the user asserts they are.
    assert!(
        template.iter().any(|&(s, c)| s >= 0.5 && c < 0.5),
        "{template:?}"
    );
}
