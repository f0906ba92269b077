//! `scan --html` through the binary: report.html beside the CSV files, the same
//! bytes whatever the thread count, its data the rows of drift.csv, and hostile
//! article text, titles, ids and URLs kept out of its markup. (What a browser
//! makes of it is tested by scripts/browser-test.sh in headless Chromium.)

mod common;

use common::{repo, report_data as data, scan};
use std::path::Path;

fn page(out: &Path) -> String {
    std::fs::read_to_string(out.join("report.html")).expect("report.html")
}

#[test]
fn the_page_is_the_same_bytes_whatever_the_threads_and_holds_drift_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = repo().join("data/seeds");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    assert_eq!(
        scan(&[&seeds], &one, &["--html", "--threads", "1", "--quiet"]).0,
        0
    );
    assert_eq!(
        scan(&[&seeds], &two, &["--html", "--threads", "2", "--quiet"]).0,
        0
    );
    let html = page(&one);
    assert_eq!(
        html,
        page(&two),
        "report.html differs with the thread count"
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    let d = data(&html);
    let (_, drift) = common::read_csv(&one.join("drift.csv"));
    let findings = d["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), drift.len());
    assert_eq!(d["findings_total"].as_u64(), Some(drift.len() as u64));
    // Per kind, as in drift.csv.
    let kinds: Vec<&str> = d["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .filter_map(|k| k.as_str())
        .collect();
    for kind in &kinds {
        let at = kinds.iter().position(|k| k == kind).expect("kind") as u64;
        let shown = findings
            .iter()
            .filter(|f| f["kind"].as_u64() == Some(at))
            .count();
        assert_eq!(
            shown,
            drift.iter().filter(|r| r[6] == *kind).count(),
            "{kind}"
        );
    }
    // A second run replaces the set, the page with it (a report directory that
    // holds report.html is one dupdrift may replace).
    let (code, stderr) = scan(&[&seeds], &one, &["--html", "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(page(&one), html);
    // No page without the flag.
    let plain = dir.path().join("plain");
    assert_eq!(scan(&[&seeds], &plain, &["--quiet"]).0, 0);
    assert!(!plain.join("report.html").exists());
}

#[test]
fn hostile_texts_titles_ids_and_urls_stay_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let input = repo().join("data/fixtures/xss.jsonl");
    assert_eq!(scan(&[&input], &out, &["--html", "--quiet"]).0, 0);
    let html = page(&out);
    // The page's own two scripts and no other element made of the input.
    assert_eq!(
        html.matches("<script").count(),
        2,
        "an injected script element"
    );
    for payload in [
        "<b id=",
        "<svg onload",
        "<img",
        "onerror=\"",
        "</script><script>alert",
    ] {
        assert!(!html.contains(payload), "{payload} reached the markup");
    }
    assert!(
        !html.to_lowercase().contains("javascript:"),
        "a javascript: address"
    );
    assert!(!html.contains("data:text/html"), "a data: address");
    // The payloads are in the data, as text, and only http(s) addresses are links.
    let d = data(&html);
    let docs = d["docs"].as_array().expect("docs");
    assert_eq!(docs.len(), 3);
    let text = docs.iter().find(|x| x["id"] == "clean-a").expect("clean-a")["text"]
        .as_str()
        .expect("text");
    assert!(text.contains("<script>window.__xss=1;alert(1)</script>"));
    let urls: Vec<&str> = docs
        .iter()
        .filter_map(|x| x["url"].as_str())
        .filter(|u| !u.is_empty())
        .collect();
    assert_eq!(
        urls,
        ["https://example.org/a?x=\"><script>alert(4)</script>"]
    );
}
