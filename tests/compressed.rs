//! Compressed JSON Lines (`.jsonl.gz`, `.jsonl.zst`) read as the plain file is.

mod common;

use common::{column, read_csv, scan};
use std::io::Write;

/// The sample wire reprints, as JSON Lines text.
fn reprints() -> Vec<u8> {
    std::fs::read(common::repo().join("data/reprints.jsonl")).expect("data/reprints.jsonl")
}

#[test]
fn gzip_and_zstd_inputs_give_the_plain_files_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("wire.jsonl");
    std::fs::write(&plain, reprints()).expect("write");
    let gz = dir.path().join("gz").join("wire.jsonl.gz");
    let zst = dir.path().join("zst").join("wire.jsonl.zst");
    for p in [&gz, &zst] {
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    }
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).expect("create"),
        flate2::Compression::default(),
    );
    enc.write_all(&reprints()).expect("gzip");
    enc.finish().expect("gzip end");
    std::fs::write(&zst, zstd::encode_all(&reprints()[..], 3).expect("zstd")).expect("write");

    let mut reports = Vec::new();
    for (input, name) in [(&plain, "plain"), (&gz, "gz"), (&zst, "zst")] {
        let out = dir.path().join(format!("out-{name}"));
        // A directory scan must pick the compressed file up too.
        let scanned = if name == "plain" {
            input.clone()
        } else {
            input.parent().expect("dir").to_path_buf()
        };
        let (code, stderr) = scan(&[&scanned], &out, &["--quiet"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let ids = column(&out.join("documents.csv"), "doc_id");
        let pairs = std::fs::read(out.join("pairs.csv")).expect("pairs.csv");
        reports.push((ids, pairs));
    }
    assert_eq!(reports[0].0.len(), 3, "three reprints");
    assert_eq!(reports[0], reports[1], "gzip reads as the plain file");
    assert_eq!(reports[0], reports[2], "zstd reads as the plain file");
}

#[test]
fn a_truncated_archive_is_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = common::seeds();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&reprints().repeat(50)).expect("gzip");
    let mut bytes = enc.finish().expect("gzip end");
    bytes.truncate(bytes.len() / 2);
    let broken = dir.path().join("broken.jsonl.gz");
    std::fs::write(&broken, bytes).expect("write");
    let out = dir.path().join("out");
    let (code, stderr) = scan(&[&good, &broken], &out, &["--quiet"]);
    assert_eq!(code, 1, "{stderr}");
    let (_, errors) = read_csv(&out.join("errors.csv"));
    assert!(
        errors
            .iter()
            .any(|r| r[0].contains("broken.jsonl.gz:") && r[1].contains("deflate")),
        "{errors:?}"
    );
    let ids = column(&out.join("documents.csv"), "doc_id");
    assert!(
        ids.iter()
            .filter(|id| id.len() > 3 && id.as_bytes()[3] == b'_')
            .count()
            == 5,
        "the seed articles are still read: {ids:?}"
    );
}

#[test]
fn pairs_read_gzip_and_write_every_header_when_nothing_drifts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gz = dir.path().join("pairs.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).expect("create"),
        flate2::Compression::default(),
    );
    enc.write_all(
        b"{\"id\": \"same\", \"a\": \"The minister signed.\", \"b\": \"The minister signed.\"}\n",
    )
    .expect("gzip");
    enc.finish().expect("gzip end");
    let out = dir.path().join("out");
    let run = common::dupdrift(&[
        "pairs",
        &gz.display().to_string(),
        "--quiet",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (header, scores) = read_csv(&out.join("pair_scores.csv"));
    assert_eq!(header, ["pair_id", "max_severity", "kinds"]);
    assert_eq!(scores, [["same", "0.000000", ""]]);
    let (header, drift) = read_csv(&out.join("drift.csv"));
    assert_eq!(header[0], "pair_id");
    assert_eq!(header[1..3], ["kind", "severity"]);
    assert!(drift.is_empty(), "{drift:?}");
    let (header, errors) = read_csv(&out.join("errors.csv"));
    assert_eq!(
        (header, errors.len()),
        (vec!["input".to_string(), "reason".into()], 0)
    );
}
