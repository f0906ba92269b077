//! `dupdrift compare` through the binary: the report a reader sees, side by side or
//! stacked, the CSV a program reads, and the exit status whether or not the meaning
//! changed.

mod common;

use common::{dupdrift, seeds};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const A: &str = "The minister signed the treaty.";
const B: &str = "The minister never signed the treaty.";

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_negation_is_shown_as_polarity_with_the_cue_in_brackets() {
    let out = dupdrift(&[
        "compare", "--text", A, B, "--color", "never", "--layout", "stacked",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let header = text.lines().next().expect("a finding");
    let fields: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(fields[0], "polarity", "{text}");
    assert!(fields[1].parse::<f64>().expect("severity") >= 0.5, "{text}");
    let side_b = text.lines().find(|l| l.starts_with("  B  ")).expect("B");
    assert!(side_b.contains("The minister [[never]]"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no colour with --color never: {text}"
    );
    assert!(
        text.ends_with("(severity >= 0.00, language en).\n"),
        "{text}"
    );
}

#[test]
fn colour_replaces_the_brackets_when_asked_for() {
    let out = dupdrift(&["compare", "--text", A, B, "--color", "always"]);
    let text = stdout(&out);
    assert!(text.contains("\x1b[1m\x1b[32mnever\x1b[0m"), "{text:?}");
    assert!(!text.contains("[[never]]"), "{text}");
}

#[test]
fn csv_gives_the_header_and_spans_pointing_at_the_cue() {
    let out = dupdrift(&["compare", "--text", A, B, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "kind",
            "severity",
            "evidence_a",
            "evidence_b",
            "explanation",
            "evidence_spans_a",
            "evidence_spans_b"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let row = rows
        .iter()
        .find(|r| &r[0] == "polarity")
        .expect("a polarity row");
    let (_, decimals) = row[1].split_once('.').expect("a decimal severity");
    assert_eq!(decimals.len(), 6, "{:?}", &row[1]);
    let spans_b: Vec<&str> = row[6]
        .split(';')
        .map(|span| {
            let (s, e) = span.split_once('-').expect("start-end");
            &B[s.parse::<usize>().expect("start")..e.parse::<usize>().expect("end")]
        })
        .collect();
    assert!(spans_b.contains(&"never"), "{spans_b:?}");
    assert!(row[3].split(" | ").any(|w| w == "never"), "{:?}", &row[3]);
}

#[test]
fn a_file_compared_with_itself_has_no_meaning_change() {
    let seed = seeds().join("001_2d58f66e70dddb23.txt");
    let seed = seed.to_str().expect("UTF-8 path");
    let out = dupdrift(&["compare", seed, seed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "No meaning change found (severity >= 0.00, language en).\n"
    );
    let csv = dupdrift(&["compare", seed, seed, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0));
    assert_eq!(stdout(&csv).lines().count(), 1, "only the header");
}

#[test]
fn findings_below_the_minimum_severity_are_left_out() {
    let out = dupdrift(&["compare", "--text", A, B, "--min-severity", "0.95"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "No meaning change found (severity >= 0.95, language en).\n"
    );
}

#[test]
fn a_long_file_is_shown_around_the_evidence_and_one_side_may_be_stdin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = std::fs::read_to_string(seeds().join("000_28c61908d3c90d5b.txt")).expect("seed");
    let a = dir.path().join("a.txt");
    std::fs::write(&a, format!("{seed}\n{A}\n")).expect("write A");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args([
            "compare",
            a.to_str().expect("path"),
            "-",
            "--color",
            "never",
            "--layout",
            "stacked",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dupdrift binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{seed}\n{B}\n").as_bytes())
        .expect("write B");
    drop(stdin);
    let out = child.wait_with_output().expect("dupdrift ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("polarity"), "{text}");
    let side_b = text.lines().find(|l| l.starts_with("  B  ")).expect("B");
    // Only the sentence of the evidence, after an ellipsis for the article before it.
    assert!(side_b.contains("[[never]]"), "{text}");
    let plain = side_b.replace("[[", "").replace("]]", "");
    assert_eq!(plain, format!("  B  … {B}"), "{text}");
    for side in text
        .lines()
        .filter(|l| l.starts_with("  A  ") || l.starts_with("  B  "))
    {
        assert!(side.chars().count() < 200, "{side}");
    }
}

#[test]
fn a_missing_file_is_a_fatal_error_naming_it() {
    let out = dupdrift(&[
        "compare",
        "data/seeds/no_such_article.txt",
        "data/seeds/000_28c61908d3c90d5b.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no_such_article.txt"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let both_stdin = dupdrift(&["compare", "-", "-"]);
    assert_eq!(both_stdin.status.code(), Some(2));
}

/// The body lines of each finding: those between its header and the blank line.
fn bodies(text: &str) -> Vec<Vec<&str>> {
    text.split("\n\n")
        // The last block is the summary line alone.
        .filter(|block| block.lines().count() > 1)
        .map(|block| block.lines().skip(1).collect())
        .collect()
}

/// The character column of the separator on each body line, none where it is missing.
fn separator_columns(body: &[&str]) -> Vec<Option<usize>> {
    body.iter()
        .map(|line| line.chars().position(|c| c == '│'))
        .collect()
}

#[test]
fn side_by_side_puts_the_evidence_of_a_and_b_on_one_line() {
    let out = dupdrift(&[
        "compare", "--text", A, B, "--layout", "side", "--width", "80", "--color", "never",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("[[signed]]") && l.contains("[[never]]"))
        .expect("a line with both sides' evidence");
    let (a, b) = line.split_once(" │ ").expect("the separator");
    assert!(a.contains("  A  The minister [[signed]]"), "{text}");
    assert!(b.contains("B  The minister [[never]]"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn wrapped_columns_keep_the_separator_in_one_column() {
    // Accents and curly quotes: padding counts characters, not bytes.
    let clause = "after “long and difficult” talks with the delegates of Zürich, Genève \
                  and Malmö about the border,";
    let a = format!("The minister, {clause} signed the treaty.");
    let b = format!("The minister, {clause} never signed the treaty.");
    let seed = seeds().join("000_28c61908d3c90d5b.txt");
    let other = seeds().join("001_2d58f66e70dddb23.txt");
    for args in [
        vec!["--text", &a, &b],
        vec![seed.to_str().expect("path"), other.to_str().expect("path")],
    ] {
        let out = dupdrift(
            &[
                &["compare"],
                &args[..],
                &["--layout", "side", "--color", "never"],
            ]
            .concat(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        let bodies = bodies(&text);
        assert!(bodies.iter().any(|body| body.len() > 1), "wraps: {text}");
        for body in bodies {
            let columns = separator_columns(&body);
            assert!(columns[0].is_some(), "{text}");
            assert!(columns.iter().all(|c| *c == columns[0]), "{body:#?}");
        }
        // Not a terminal: 100 columns.
        assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    }
}

#[test]
fn auto_is_side_by_side_from_100_columns_and_a_pipe_has_100() {
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
            .args([&["compare", "--text", A, B, "--color", "never"], extra].concat())
            // Only a terminal's width comes from COLUMNS.
            .env("COLUMNS", "60")
            .output()
            .expect("the dupdrift binary runs");
        bodies(&stdout(&out))[0]
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<String>>()
    };
    for body in [run(&[]), run(&["--width", "100"])] {
        assert!(
            body[0].starts_with("  A  ") && body[0].contains(" │ B  "),
            "{body:?}"
        );
    }
    let stacked = run(&["--width", "99"]);
    assert!(
        stacked[0].starts_with("  A  ") && stacked[1].starts_with("  B  "),
        "{stacked:?}"
    );
    assert!(!stacked.concat().contains('│'), "{stacked:?}");
}

#[test]
fn a_sentence_too_short_to_detect_is_read_in_the_language_of_the_pair() {
    // Neither sentence is long enough to be detected as English on its own.
    let out = dupdrift(&[
        "compare",
        "--text",
        "He attended the meeting.",
        "He did not attend the meeting.",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let polarity = rows.iter().find(|r| &r[0] == "polarity");
    let polarity = polarity.unwrap_or_else(|| panic!("no polarity finding: {rows:?}"));
    assert!(
        polarity[1].parse::<f64>().expect("severity") >= 0.5,
        "{rows:?}"
    );
    assert!(polarity[3].contains("not"), "{rows:?}");
    // The text report names the language the pair was read in.
    let out = dupdrift(&[
        "compare",
        "--text",
        "He attended the meeting.",
        "He did not attend the meeting.",
        "--color",
        "never",
    ]);
    assert!(
        stdout(&out).ends_with("language en).\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn escape_sequences_in_the_texts_reach_the_terminal_escaped() {
    let a = "The minister \x1b[2J\x1b[31msaid 42 servers failed.\u{202e}";
    let b = "The minister \x1b[2J\x1b[31msaid 43 servers failed.\u{202e}";
    for layout in ["stacked", "side"] {
        let out = dupdrift(&[
            "compare", "--text", a, b, "--color", "never", "--layout", layout,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("number"), "{text}");
        assert!(
            !text.contains('\x1b') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}[2J\\u{1b}[31msaid [[42]]"), "{text}");
        assert!(text.contains("\\u{202e}"), "{text}");
    }
}

#[test]
fn two_texts_of_a_megabyte_are_compared_in_bounded_memory() {
    // 15,000 sentences a side, every tenth negated in B: each change found once,
    // at its place, the excerpts cut from texts segmented once.
    let dir = tempfile::tempdir().expect("temp dir");
    let sentence = |i: usize, not: bool| {
        let verb = if not { "were not taken" } else { "were taken" };
        format!(
            "Officials in district {i} said {} servers {verb} offline on day {i}. ",
            i + 7
        )
    };
    let (mut a, mut b) = (String::new(), String::new());
    for i in 0..15_000 {
        a.push_str(&sentence(i, false));
        b.push_str(&sentence(i, i % 10 == 0));
    }
    assert!(a.len() > 1 << 20);
    let (pa, pb) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&pa, &a).expect("write A");
    std::fs::write(&pb, &b).expect("write B");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("compare")
        .args([&pa, &pb])
        .args(["--format", "csv"]);
    let csv_out = dir.path().join("stdout.csv");
    let file = std::fs::File::create(&csv_out).expect("stdout file");
    let (out, peak_kb) = common::with_peak_into(cmd, dir.path(), file.into());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_path(&csv_out).expect("csv");
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (kind, span_b) = (at("kind"), at("evidence_spans_b"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let polarity: Vec<&csv::StringRecord> =
        rows.iter().filter(|r| &r[kind] == "polarity").collect();
    assert_eq!(polarity.len(), 1_500, "{} rows", rows.len());
    for r in polarity {
        let first = r[span_b].split(';').next().expect("a span");
        let (start, end) = first.split_once('-').expect("start-end");
        let (start, end): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
        assert_eq!(&b[start..end], "not", "{r:?}");
    }
    assert!(peak_kb < 200 << 10, "peak RSS {peak_kb} kB");
}
