//! Bad input never stops the batch: each case is reported in errors.csv with the
//! input and the reason, the exit status is 1, and the good article is still read.

mod common;

use common::{column, read_csv, scan, seeds};
use std::path::{Path, PathBuf};

const GOOD_ID: &str = "000_28c61908d3c90d5b";

/// A directory holding one good article, plus whatever the case adds.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = seeds().join(format!("{GOOD_ID}.txt"));
    std::fs::copy(good, dir.path().join(format!("{GOOD_ID}.txt"))).expect("copy seed");
    dir
}

/// Scans `inputs`, checks the shared expectations, returns the errors.csv rows.
fn scan_expecting_errors(inputs: &[PathBuf], out: &Path) -> Vec<Vec<String>> {
    let inputs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (code, stderr) = scan(&inputs, out, &[]);
    assert_eq!(
        code, 1,
        "exit status 1 when some inputs failed; stderr: {stderr}"
    );
    let ids = column(&out.join("documents.csv"), "doc_id");
    assert!(
        ids.iter().any(|id| id == GOOD_ID),
        "the good article is still reported: {ids:?}"
    );
    let (_, rows) = read_csv(&out.join("errors.csv"));
    rows
}

fn assert_row(rows: &[Vec<String>], input_ends: &str, reason_has: &str) {
    assert!(
        rows.iter()
            .any(|r| r[0].ends_with(input_ends) && r[1].contains(reason_has)),
        "expected a row for {input_ends:?} with {reason_has:?}, got {rows:?}"
    );
}

#[test]
fn invalid_utf8() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xe9 au lait, na\xefve reporting.",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "latin1.txt", "invalid UTF-8 at byte 3");
    assert_eq!(rows.len(), 1);
}

#[test]
fn binary_file() {
    let dir = workspace();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    std::fs::write(dir.path().join("image.txt"), png).expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "image.txt", "binary file");
}

#[test]
fn empty_file_and_punctuation_only() {
    let dir = workspace();
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(dir.path().join("blank.md"), " \n\t\n").expect("write");
    std::fs::write(dir.path().join("stars.txt"), "*** --- !!!").expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "empty.txt", "empty article");
    assert_row(&rows, "blank.md", "empty article");
    assert_row(&rows, "stars.txt", "no words");
    assert_eq!(rows.len(), 3);
}

#[test]
fn malformed_json_line() {
    let dir = workspace();
    let path = dir.path().join("feed.jsonl");
    std::fs::write(
        &path,
        "{\"id\": 1, \"text\": \"Musk spoke with Putin.\"}\n\
         {\"id\": 2, \"text\": \"unterminated\n\
         \n\
         [1, 2, 3]\n\
         {\"id\": \"four\", \"title\": \"no text\"}\n\
         {\"id\": \"five\", \"text\": \"The Kremlin denied regular talks.\"}\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "feed.jsonl:2", "invalid JSON");
    assert_row(&rows, "feed.jsonl:4", "invalid JSON");
    assert_row(&rows, "feed.jsonl:5", "missing field `text`");
    assert_eq!(rows.len(), 3, "the blank line is not an error");
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    assert!(
        ids.contains(&"1".to_string()) && ids.contains(&"five".to_string()),
        "{ids:?}"
    );
}

#[test]
fn csv_row_with_a_missing_column() {
    let dir = workspace();
    let path = dir.path().join("table.csv");
    std::fs::write(
        &path,
        "id,title,text\n\
         a,First,Musk spoke with Putin about Starlink.\n\
         b,Second\n\
         c,Third,\"The Kremlin denied it, twice.\"\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(
        &rows,
        "table.csv:3",
        "expected 3 fields as in the header, found 2",
    );
    assert_eq!(rows.len(), 1);
    let out = dir.path().join("out/documents.csv");
    let ids = column(&out, "doc_id");
    assert!(
        ids.contains(&"a".to_string()) && ids.contains(&"c".to_string()),
        "{ids:?}"
    );
    let titles = column(&out, "title");
    assert!(titles.contains(&"Third".to_string()));
}

#[test]
fn csv_without_a_text_column() {
    let dir = workspace();
    std::fs::write(dir.path().join("wrong.csv"), "id,body\n1,hello\n").expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "wrong.csv", "no `text` column");
}

#[test]
fn duplicate_ids() {
    let dir = workspace();
    // A record naming itself as the text file is named (two files of one stem in
    // two folders are two articles: see below).
    std::fs::write(
        dir.path().join("later.jsonl"),
        format!("{{\"id\": \"{GOOD_ID}\", \"text\": \"Another article, same id.\"}}\n"),
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "later.jsonl:1", "duplicate id");
    assert!(
        rows[0][1].contains(&format!("{GOOD_ID}.txt")),
        "names the first input: {rows:?}"
    );
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    assert_eq!(ids, [GOOD_ID], "the first article with the id is kept");
}

#[test]
fn path_that_does_not_exist() {
    let dir = workspace();
    let missing = dir.path().join("nowhere.jsonl");
    let rows = scan_expecting_errors(&[missing, dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "nowhere.jsonl", "no such file or directory");
}

#[test]
fn directory_with_no_articles() {
    let dir = workspace();
    let empty = dir.path().join("nothing-here");
    std::fs::create_dir(&empty).expect("mkdir");
    std::fs::write(empty.join("scan.pdf"), b"%PDF-1.4").expect("write");
    let rows = scan_expecting_errors(
        &[empty, dir.path().join(format!("{GOOD_ID}.txt"))],
        &dir.path().join("out"),
    );
    assert_row(&rows, "nothing-here", "no articles found");
}

#[test]
fn html_is_read_as_text() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("page.html"),
        "<html><head><title>Talks</title><script>var x;</script></head>\
         <body><p>Musk &amp; Putin spoke.</p><p>The Kremlin denied it.</p></body></html>",
    )
    .expect("write");
    let (code, stderr) = scan(&[dir.path()], &dir.path().join("out"), &[]);
    assert_eq!(code, 0, "{stderr}");
    let (header, rows) = read_csv(&dir.path().join("out/documents.csv"));
    let row = rows.iter().find(|r| r[0] == "page").expect("page read");
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(row[at("title")], "Talks");
    assert_eq!(row[at("sentences")], "2");
    assert_eq!(row[at("tokens")], "7", "script text is not counted");
}

#[test]
fn files_without_records() {
    let dir = workspace();
    std::fs::write(dir.path().join("nothing.jsonl"), "").expect("write");
    std::fs::write(dir.path().join("blank.jsonl"), "\n\n").expect("write");
    std::fs::write(dir.path().join("header.csv"), "id,text\n").expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "nothing.jsonl", "no articles");
    assert_row(&rows, "blank.jsonl", "no articles");
    assert_row(&rows, "header.csv", "no articles");
}

#[test]
fn a_failed_article_does_not_claim_its_id() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("feed.jsonl"),
        "{\"id\": \"x\", \"text\": \"!!!\"}\n{\"id\": \"x\", \"text\": \"The real article.\"}\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_row(&rows, "feed.jsonl:1", "no words");
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    assert!(ids.contains(&"x".to_string()), "{ids:?}");
}

#[test]
fn utf16_is_named_as_such() {
    let dir = workspace();
    std::fs::write(dir.path().join("wide.txt"), b"\xff\xfeH\x00i\x00").expect("write");
    // The same for records: one error for the file, not one a line.
    let wide = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let lines = "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n";
    std::fs::write(dir.path().join("wide.jsonl"), wide(lines)).expect("write");
    std::fs::write(dir.path().join("wide.csv"), wide("id,text\na,x\n")).expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "wide.txt", "UTF-16");
    assert_row(&rows, "wide.jsonl:1", "UTF-16");
    assert_row(&rows, "wide.csv", "UTF-16");
    assert_eq!(rows.len(), 3, "{rows:?}");
}

#[test]
fn csv_line_numbers_hold_with_crlf_and_multiline_fields() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("win.csv"),
        "id,text\r\na,\"Musk spoke\r\nwith Putin.\"\r\nb\r\n,No id here.\r\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "win.csv:4", "expected 2 fields");
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    assert!(
        ids.contains(&"win:5".to_string()),
        "the id-less row is named by its line: {ids:?}"
    );
}

#[test]
fn a_fifo_is_reported_and_skipped_not_waited_for() {
    let dir = workspace();
    let fifo = dir.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Named in a folder, and named itself: both reported, neither waited for.
    let rows = scan_expecting_errors(&[dir.path().into(), fifo.clone()], &dir.path().join("out"));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| r[0].ends_with("pipe.jsonl") && r[1].contains("a FIFO")));
}

#[test]
fn reasons_carry_no_control_characters_and_no_pages_of_binary() {
    let dir = workspace();
    // A CSV header the reason quotes back: an escape sequence, NULs, a long tail.
    let mut header = b"id,\x1b[31mtitle\x00,".to_vec();
    header.extend(std::iter::repeat_n(b'A', 100_000));
    header.extend(b"\nx,y,z\n");
    std::fs::write(dir.path().join("evil.csv"), header).expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    let row = rows
        .iter()
        .find(|r| r[0].contains("evil.csv"))
        .expect("a row");
    assert!(!row[1].chars().any(char::is_control), "{row:?}");
    assert!(row[1].chars().count() <= 401, "{} characters", row[1].len());
}

#[test]
fn json_ids_are_kept_as_written() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("ids.jsonl"),
        "{\"id\": 1, \"text\": \"The minister arrived in Brussels.\"}\n\
         {\"id\": 1.0, \"text\": \"The harvest forecast was raised.\"}\n\
         {\"id\": 100000000000000000000000000, \"text\": \"Rain is due on Monday.\"}\n\
         {\"id\": [1], \"text\": \"An id that is a list.\"}\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    for id in ["1", "1.0", "100000000000000000000000000"] {
        assert!(ids.iter().any(|i| i == id), "{id} not in {ids:?}");
    }
    assert_row(&rows, "ids.jsonl:4", "`id` must be a string or a number");
    assert_eq!(rows.len(), 1, "no duplicate id: {rows:?}");
}

#[test]
fn a_csv_quote_never_closed_is_an_error_at_its_line() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("open.csv"),
        "id,text\nx,\"Rain is due on Monday.\"\ny,\"The harvest forecast\nz,was raised.\n",
    )
    .expect("write");
    let rows = scan_expecting_errors(&[dir.path().into()], &dir.path().join("out"));
    assert_row(&rows, "open.csv:3", "never closed");
    let ids = column(&dir.path().join("out/documents.csv"), "doc_id");
    assert!(
        ids.iter().any(|i| i == "x") && !ids.iter().any(|i| i == "y"),
        "{ids:?}"
    );
}

#[test]
fn files_of_one_name_in_two_folders_are_two_articles() {
    let dir = workspace();
    for (folder, text) in [
        ("a", "Rain is due on Monday."),
        ("b", "The harvest was raised."),
    ] {
        std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("index.html"), text).expect("write");
    }
    let out = dir.path().join("out");
    let (code, stderr) = scan(&[dir.path()], &out, &[]);
    assert_eq!(code, 0, "no duplicate id: {stderr}");
    let ids = column(&out.join("documents.csv"), "doc_id");
    assert!(ids.iter().any(|i| i == "a/index.html"), "{ids:?}");
    assert!(ids.iter().any(|i| i == "b/index.html"), "{ids:?}");
    assert!(
        ids.iter().any(|i| i == GOOD_ID),
        "a stem met once stays the id: {ids:?}"
    );
}

#[test]
fn settings_past_sane_ranges_are_a_clear_fatal_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    for (flag, value, says) in [
        ("--threads", "10000", "--threads must be at most 1024"),
        (
            "--permutations",
            "10000000",
            "--permutations must be in 1..=4096",
        ),
        ("--shingle-size", "0", "--shingle-size must be in 1..=64"),
        ("--max-article-mb", "0", "--max-article-mb must be in"),
    ] {
        let (code, stderr) = scan(&[&seeds()], &out, &[flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {stderr}");
        assert!(stderr.contains(says), "{flag} {value}: {stderr}");
        assert!(!out.exists(), "nothing written for {flag} {value}");
    }
}
