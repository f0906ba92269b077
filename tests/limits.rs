//! Inputs past the limits through the binary: each is an errors.csv row naming
//! the input and the limit, the other articles are reported, and the memory the
//! run takes stays bounded by the limits, not by the input.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Two ordinary articles, as JSON lines.
const GOOD: &str = "{\"id\": \"a\", \"text\": \"The minister arrived in Brussels on Monday for talks.\"}\n\
                    {\"id\": \"b\", \"text\": \"Officials said 42 servers were taken offline last week.\"}\n";

fn scan(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("scan")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--threads", "2"])
        .args(extra);
    cmd
}

/// The errors.csv rows, and the ids documents.csv holds, of a `run` that
/// reported some inputs in errors.csv (exit status 1).
fn reports(run: &std::process::Output, out: &Path) -> (Vec<Vec<String>>, Vec<String>) {
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let (_, errors) = common::read_csv(&out.join("errors.csv"));
    (errors, common::column(&out.join("documents.csv"), "doc_id"))
}

/// About `bytes` bytes of "word word …" into `f`.
fn write_words(f: &mut impl Write, bytes: usize) {
    let chunk = "word ".repeat(1 << 16);
    for _ in 0..bytes / chunk.len() {
        f.write_all(chunk.as_bytes()).unwrap();
    }
}

#[test]
fn a_line_of_200_mb_is_an_error_row_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(fs::File::create(&big).unwrap());
    f.write_all(GOOD.as_bytes()).unwrap();
    f.write_all(b"{\"id\": \"huge\", \"text\": \"").unwrap();
    write_words(&mut f, 200 << 20);
    f.write_all(b"\"}\n{\"id\": \"c\", \"text\": \"The harvest forecast was raised.\"}\n")
        .unwrap();
    drop(f);
    let out = dir.path().join("out");
    let (run, peak_kb) = common::with_peak(scan(&[&big], &out, &[]), dir.path());
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0][0].ends_with("big.jsonl:3"), "{errors:?}");
    assert!(errors[0][1].contains("--max-article-mb"), "{errors:?}");
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
}

#[test]
fn a_gzip_bomb_is_read_within_bounded_memory() {
    // 10 GB of one line from 10 MB of gzip: a member of 1 GB of zeros, written ten
    // times (a file of several members reads as their concatenation).
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..1024 {
        gz.write_all(&zeros).unwrap();
    }
    let member = gz.finish().unwrap();
    let mut first = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    first.write_all(GOOD.as_bytes()).unwrap();
    let mut f = std::io::BufWriter::new(fs::File::create(&bomb).unwrap());
    f.write_all(&first.finish().unwrap()).unwrap();
    for _ in 0..10 {
        f.write_all(&member).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let good = dir.path().join("good.jsonl");
    fs::write(
        &good,
        "{\"id\": \"c\", \"text\": \"The harvest forecast was raised.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (run, peak_kb) = common::with_peak(scan(&[&bomb, &good], &out, &[]), dir.path());
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0][1].contains("a line of 10240 MB"), "{errors:?}");
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
}

#[test]
fn endless_standard_input_stops_at_the_input_limit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd = scan(&[Path::new("-")], &out, &["--max-input-gb", "1"]);
    cmd.stdin(Stdio::from(fs::File::open("/dev/zero").unwrap()));
    let (run, peak_kb) = common::with_peak(cmd, dir.path());
    let (errors, _) = reports(&run, &out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0][0], "-:1");
    assert!(errors[0][1].contains("--max-input-gb"), "{errors:?}");
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
}

#[test]
fn a_text_file_past_the_limit_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(
        docs.join("small.txt"),
        "The minister arrived in Brussels on Monday.",
    )
    .unwrap();
    fs::write(docs.join("large.txt"), "word ".repeat(300_000)).unwrap();
    let out = dir.path().join("out");
    let (run, _) = common::with_peak(scan(&[&docs], &out, &["--max-article-mb", "1"]), dir.path());
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids, ["small"]);
    assert!(errors[0][0].ends_with("large.txt"), "{errors:?}");
    assert!(
        errors[0][1].contains("2 MB, more than the limit of 1 MB"),
        "{errors:?}"
    );
}

#[test]
fn html_nested_200000_deep_is_read_at_once_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    let n = 200_000;
    let deep = format!(
        "<html><body>{}Deep text here about the minister.{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    fs::write(pages.join("deep.html"), deep).unwrap();
    // HTML ignores the slash of `<div/>`: these nest as deep.
    fs::write(pages.join("slash.html"), "<div/>word ".repeat(n)).unwrap();
    fs::write(
        pages.join("plain.html"),
        "<p>The minister arrived in Brussels on Monday for talks.</p>",
    )
    .unwrap();
    let out = dir.path().join("out");
    let start = std::time::Instant::now();
    let (run, peak_kb) = common::with_peak(scan(&[&pages], &out, &[]), dir.path());
    // Over 100 s in the HTML parser before the depth was cut at 512.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
    let (_, docs) = common::read_csv(&out.join("documents.csv"));
    let tokens: Vec<(&str, &str)> = docs.iter().map(|r| (&*r[0], &*r[6])).collect();
    assert_eq!(tokens, [("deep", "6"), ("plain", "9"), ("slash", "200000")]);
}

#[test]
fn a_gigabyte_of_blank_lines_is_passed_over_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = scan(&[Path::new("-")], &out, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let start = std::time::Instant::now();
    let writer = std::thread::spawn(move || {
        let blank = vec![b'\n'; 1 << 20];
        stdin.write_all(GOOD.lines().next().unwrap().as_bytes())?;
        for _ in 0..1024 {
            stdin.write_all(&blank)?;
        }
        stdin.write_all(GOOD.lines().nth(1).unwrap().as_bytes())
    });
    let run = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    // 16 s a gigabyte when each empty line was a read of its own.
    assert!(start.elapsed().as_secs() < 8, "{:?}", start.elapsed());
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        common::column(&out.join("documents.csv"), "doc_id"),
        ["a", "b"]
    );
}

#[test]
fn a_zstd_bomb_stops_at_the_compression_ratio() {
    // 4 GB of one byte: some 130 kB of zstd, 30,000 times smaller.
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.jsonl.zst");
    let mut z = zstd::stream::write::Encoder::new(fs::File::create(&bomb).unwrap(), 3).unwrap();
    z.write_all(GOOD.as_bytes()).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..4096 {
        z.write_all(&zeros).unwrap();
    }
    z.finish().unwrap();
    assert!(fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let good = dir.path().join("good.jsonl");
    fs::write(
        &good,
        "{\"id\": \"c\", \"text\": \"The harvest forecast was raised.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let start = std::time::Instant::now();
    let (run, peak_kb) = common::with_peak(scan(&[&bomb, &good], &out, &[]), dir.path());
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0][0].ends_with("bomb.jsonl.zst:3"), "{errors:?}");
    assert!(errors[0][1].contains("compression bomb"), "{errors:?}");
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
    // The 4 GB were not inflated: a few seconds went to the first 64 MB.
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());

    // Without the bound the line is read through, and too long for an article.
    let (run, _) = common::with_peak(
        scan(&[&bomb], &out, &["--max-compression-ratio", "0"]),
        dir.path(),
    );
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids, ["a", "b"]);
    assert!(errors[0][1].contains("a line of 4096 MB"), "{errors:?}");
}

#[test]
fn a_csv_record_past_the_article_limit_is_an_error_row_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("table.csv");
    let mut f = std::io::BufWriter::new(fs::File::create(&csv).unwrap());
    f.write_all(b"id,text\nt1,The minister arrived in Brussels on Monday.\nbig,\"")
        .unwrap();
    write_words(&mut f, 200 << 20);
    f.write_all(b"\"\nt3,The harvest forecast was raised.\n")
        .unwrap();
    drop(f);
    let good = dir.path().join("good.jsonl");
    fs::write(&good, GOOD).unwrap();
    let out = dir.path().join("out");
    let (run, peak_kb) = common::with_peak(scan(&[&csv, &good], &out, &[]), dir.path());
    let (errors, ids) = reports(&run, &out);
    // The csv reader holds a record whole: the record is cut before it holds
    // more than the limit, and the file read on.
    assert_eq!(ids, ["a", "b", "t1", "t3"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0][0].ends_with("table.csv:3"), "{errors:?}");
    assert!(errors[0][1].contains("--max-article-mb"), "{errors:?}");
    assert!(errors[0][1].ends_with("skipped"), "{errors:?}");
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB (3.9 GB before)");
}

#[test]
fn a_million_one_line_articles_take_under_a_kilobyte_and_a_half_each() {
    // Headlines, tweets: each article a few words, each its own text. A record
    // with no text among them is an error row at its line.
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("tiny.jsonl");
    let mut f = std::io::BufWriter::new(fs::File::create(&lines).unwrap());
    let n = 1_000_000;
    for i in 0..n {
        if i == 500_000 {
            writeln!(f, "{{\"id\": \"no-text\"}}").unwrap();
        }
        writeln!(f, "{{\"id\": \"t{i}\", \"text\": \"item {i}\"}}").unwrap();
    }
    drop(f);
    let out = dir.path().join("out");
    let (run, peak_kb) = common::with_peak(scan(&[&lines], &out, &[]), dir.path());
    let (errors, ids) = reports(&run, &out);
    assert_eq!(ids.len(), n);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0][0].ends_with("tiny.jsonl:500001"), "{errors:?}");
    assert!(peak_kb < 1500 * n as u64 / 1024, "peak RSS {peak_kb} kB");
}
