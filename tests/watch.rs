//! `dupdrift watch` end to end: fixture feeds in data/watch, files changed between
//! runs, and a loopback HTTP server the tests start themselves.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const NOW: i64 = 1_800_000_000;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/watch")
        .join(name)
}

/// Runs `dupdrift watch ARGS` in `dir` at time `now`.
fn watch(dir: &Path, now: i64, args: &[&str]) -> Output {
    watch_on(dir, now, 2, args)
}

/// [`watch`] on `threads` threads.
fn watch_on(dir: &Path, now: i64, threads: usize, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .arg("watch")
        .args(["--host-delay-ms", "0", "--threads", &threads.to_string()])
        .args(args)
        .env("DUPDRIFT_NOW", now.to_string())
        .current_dir(dir)
        .output()
        .expect("dupdrift runs")
}

/// The run folders under `dir/runs`, oldest first.
fn runs(dir: &Path) -> Vec<PathBuf> {
    let mut runs: Vec<PathBuf> = fs::read_dir(dir.join("runs"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    runs.sort();
    runs
}

/// The rows of a report as maps of column to value.
fn rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// [`watch`], and the child's peak resident memory in kB.
fn watch_with_peak(dir: &Path, now: i64, args: &[&str]) -> (Output, u64) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("watch")
        .args(["--host-delay-ms", "0", "--threads", "2"])
        .args(args)
        .env("DUPDRIFT_NOW", now.to_string())
        .current_dir(dir);
    common::with_peak(cmd, dir)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn first_run_reports_shared_stories_and_a_second_run_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let feeds: Vec<String> = ["wire.rss", "daily.atom", "digest.json"]
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let args: Vec<&str> = feeds.iter().map(String::as_str).collect();
    let out = watch(dir.path(), NOW, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run = &runs(dir.path())[0];
    assert_eq!(rows(&run.join("documents.csv")).len(), 5);
    let pairs = rows(&run.join("pairs.csv"));
    let pair = |a: &str, b: &str| pairs.iter().any(|p| p["doc_a"] == a && p["doc_b"] == b);
    assert!(
        pair("daily/urn:daily-example:7731", "wire/wire-2026-0101"),
        "{pairs:?}"
    );
    assert!(pair(
        "digest.example/2026/harvest-forecast",
        "wire/wire-2026-0102"
    ));
    let drift = rows(&run.join("drift.csv"));
    assert!(
        drift.iter().any(|d| d["kind"] == "polarity"
            && d["evidence_b"].contains("already")
            && d["evidence_a"].contains("not")),
        "{drift:?}"
    );

    let again = watch(dir.path(), NOW + 600, &args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(runs(dir.path()).len(), 1, "nothing new, no new report");
    assert!(stderr(&again).contains("nothing new"), "{}", stderr(&again));
}

#[test]
fn feeds_arriving_run_by_run_give_the_findings_of_one_run_over_all() {
    let feeds: Vec<String> = ["wire.rss", "daily.atom", "digest.json"]
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let args: Vec<&str> = feeds.iter().map(String::as_str).collect();
    let at_once = tempfile::tempdir().unwrap();
    let out = watch(at_once.path(), NOW, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // One feed a run: each run compares its feed with what the store holds.
    assert!(
        stderr(&out).contains("5 compared with 0 stored"),
        "{}",
        stderr(&out)
    );
    let by_run = tempfile::tempdir().unwrap();
    for k in 1..=args.len() {
        let out = watch(by_run.path(), NOW + 600 * k as i64, &args[..k]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        if k > 1 {
            // The feed's articles, and the stored ones they share a story with.
            assert!(!stderr(&out).contains("with 0 stored"), "{}", stderr(&out));
        }
    }
    let union = |dir: &Path, file: &str| {
        let mut all: Vec<Vec<(String, String)>> = runs(dir)
            .iter()
            .flat_map(|r| rows(&r.join(file)))
            .map(|row| {
                let mut row: Vec<(String, String)> =
                    row.into_iter().filter(|(c, _)| c != "cluster_id").collect();
                row.sort();
                row
            })
            .collect();
        all.sort();
        all
    };
    for file in ["documents.csv", "pairs.csv", "alignments.csv", "drift.csv"] {
        let (once, runs) = (union(at_once.path(), file), union(by_run.path(), file));
        assert!(!once.is_empty(), "{file}");
        assert_eq!(once, runs, "{file}");
    }
}

/// The wire fixture with its first story's text replaced.
fn wire_with(text: &str, title: &str) -> String {
    let rss = fs::read_to_string(fixture("wire.rss")).unwrap();
    let start = rss.find("<description>&lt;p&gt;The interior").unwrap();
    let end = start + rss[start..].find("</description>").unwrap();
    let rss = format!("{}<description>{}{}", &rss[..start], text, &rss[end..]);
    rss.replacen(
        "Minister warns of security breaches before summit",
        title,
        1,
    )
}

const TITLE: &str = "Minister warns of security breaches before summit";
const A: &str = "The interior minister arrived in Brussels on Monday for two days of talks. \
    The government has already warned about security breaches at three ministries, she said. \
    Officials said 42 servers were taken offline last week while investigators examined the attack.";
const B: &str = "The interior minister arrived in Brussels on Monday for two days of talks. \
    The government has not warned about security breaches at three ministries, she said. \
    Officials said 42 servers were taken offline last week while investigators examined the attack.";

#[test]
fn an_edit_is_one_version_with_its_drift_once_and_reverts_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("wire.rss");
    let spec = feed.display().to_string();
    let mut t = NOW;
    let mut step = |text: &str, title: &str| {
        fs::write(&feed, wire_with(text, title)).unwrap();
        t += 600;
        let out = watch(dir.path(), t, &[&spec]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    };
    step(A, TITLE);
    step(B, TITLE);
    let edit_run = runs(dir.path()).pop().unwrap();
    let versions = rows(&edit_run.join("versions.csv"));
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert_eq!(versions[0]["kind"], "edit");
    assert_eq!(versions[0]["doc_id"], "wire/wire-2026-0101");
    let drift = rows(&edit_run.join("drift.csv"));
    assert!(
        drift.iter().any(|d| d["doc_a"] == "wire/wire-2026-0101@v1"
            && d["doc_b"] == "wire/wire-2026-0101@v2"
            && d["kind"] == "polarity"),
        "{drift:?}"
    );
    // report.html shows the run's drift rows, with both versions' texts.
    let html = fs::read_to_string(edit_run.join("report.html")).unwrap();
    let data = common::report_data(&html);
    assert_eq!(data["findings"].as_array().unwrap().len(), drift.len());
    let docs = data["docs"].as_array().unwrap();
    let v2 = docs.iter().find(|d| d["id"] == "wire/wire-2026-0101@v2");
    assert!(
        v2.is_some_and(|d| d["text"].as_str().is_some_and(|t| !t.is_empty())),
        "{docs:?}"
    );
    // The same feed again: nothing new.
    let before = runs(dir.path()).len();
    step(B, TITLE);
    assert_eq!(runs(dir.path()).len(), before);
    // A -> B -> A -> B: one edit, then reverts, and no drift reported twice.
    step(A, TITLE);
    step(B, TITLE);
    let all: Vec<_> = runs(dir.path())
        .iter()
        .flat_map(|r| rows(&r.join("versions.csv")))
        .collect();
    let kinds: Vec<&str> = all.iter().map(|v| v["kind"].as_str()).collect();
    assert_eq!(kinds, ["edit", "revert", "revert"]);
    let drift_rows: usize = runs(dir.path())
        .iter()
        .map(|r| rows(&r.join("drift.csv")).len())
        .sum();
    assert_eq!(drift_rows, drift.len(), "reverts add no drift");
    // A headline-only edit is a version of the same article.
    step(B, "Minister speaks of security breaches");
    let last = runs(dir.path()).pop().unwrap();
    let versions = rows(&last.join("versions.csv"));
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["doc_id"], "wire/wire-2026-0101");
    assert_eq!(versions[0]["version"], "5");
}

#[test]
fn a_figure_a_name_and_a_quote_changed_are_each_an_edit_with_its_drift() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("wire.rss");
    let spec = feed.display().to_string();
    let quoted = |said: &str, name: &str, servers: &str| {
        format!(
            "The interior minister arrived in Brussels on Monday for two days of talks. \
             \"{said}\", minister Anna {name} told reporters after the meeting. \
             Officials said {servers} servers were taken offline last week while \
             investigators examined the attack."
        )
    };
    let steps = [
        (
            quoted("We will not give in to threats", "Lindqvist", "42"),
            &[][..],
        ),
        (
            quoted("We will not give in to threats", "Lindqvist", "24"),
            &["number"],
        ),
        (
            quoted("We will not give in to threats", "Karlsson", "24"),
            &["entity"],
        ),
        // A word of a quote put for another: a misquote, told as the word swapped.
        (
            quoted("We will not give in to blackmail", "Karlsson", "24"),
            &["quote", "substitution"],
        ),
    ];
    for (i, (text, kinds)) in steps.iter().enumerate() {
        fs::write(&feed, wire_with(text, TITLE)).unwrap();
        let out = watch(dir.path(), NOW + 600 * i as i64, &[&spec]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        if kinds.is_empty() {
            continue;
        }
        let run = runs(dir.path()).pop().unwrap();
        let versions = rows(&run.join("versions.csv"));
        assert_eq!(versions.len(), 1, "{versions:?}");
        assert_eq!(versions[0]["kind"], "edit");
        let v = i + 1;
        let drift = rows(&run.join("drift.csv"));
        let of_edit: Vec<&str> = drift
            .iter()
            .filter(|d| d["doc_b"] == format!("wire/wire-2026-0101@v{v}"))
            .map(|d| d["kind"].as_str())
            .collect();
        assert!(
            of_edit.iter().any(|k| kinds.contains(k)),
            "step {v}: none of {kinds:?} in {of_edit:?}"
        );
    }
    let again = watch(dir.path(), NOW + 6000, &[&spec]);
    assert!(stderr(&again).contains("nothing new"), "{}", stderr(&again));
}

#[test]
fn a_paywall_stub_is_suspect_and_yields_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("wire.rss");
    let spec = feed.display().to_string();
    fs::write(&feed, wire_with(A, TITLE)).unwrap();
    assert_eq!(watch(dir.path(), NOW, &[&spec]).status.code(), Some(0));
    fs::write(&feed, wire_with("Subscribe to read the rest.", TITLE)).unwrap();
    let out = watch(dir.path(), NOW + 600, &[&spec]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run = runs(dir.path()).pop().unwrap();
    let versions = rows(&run.join("versions.csv"));
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["kind"], "suspect");
    assert_eq!(versions[0]["drift_findings"], "0");
    assert!(rows(&run.join("drift.csv")).is_empty());
    assert!(
        rows(&run.join("documents.csv")).is_empty(),
        "the stub is not compared"
    );
}

#[test]
fn a_second_run_exits_75_while_the_lock_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let lock = fs::File::create(dir.path().join("dupdrift.db.lock")).unwrap();
    lock.try_lock().unwrap();
    let started = std::time::Instant::now();
    let out = watch(dir.path(), NOW, &[fixture("wire.rss").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(75), "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(!dir.path().join("dupdrift.db").exists());
    assert!(!dir.path().join("runs").exists());
}

/// A loopback server: each request is answered by `respond`, which sees the
/// request's conditional headers; the requests are recorded.
/// The `If-None-Match` and `If-Modified-Since` of each request.
type Seen = Arc<Mutex<Vec<(Option<String>, Option<String>)>>>;

struct Server {
    url: String,
    seen: Seen,
}

fn serve(
    respond: impl Fn(&tiny_http::Request) -> tiny_http::ResponseBox + Send + 'static,
) -> Server {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", server.server_addr().to_ip().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let header = |name: &'static str| {
                request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.to_string())
            };
            log.lock()
                .unwrap()
                .push((header("If-None-Match"), header("If-Modified-Since")));
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            let response = respond(&request);
            let _ = request.respond(response);
        }
    });
    Server { url, seen }
}

const ETAG: &str = "\"v1-abc\"";
const MODIFIED: &str = "Thu, 01 Jan 2026 08:00:00 GMT";

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
}

#[test]
fn conditional_get_replays_the_validators_and_a_304_reports_nothing() {
    let body = fs::read(fixture("wire.rss")).unwrap();
    let server = serve(move |req| {
        let matches = req
            .headers()
            .iter()
            .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == ETAG);
        if matches {
            tiny_http::Response::empty(304).boxed()
        } else {
            tiny_http::Response::from_data(body.clone())
                .with_header(header("ETag", ETAG))
                .with_header(header("Last-Modified", MODIFIED))
                .boxed()
        }
    });
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        watch(dir.path(), NOW, &[&server.url]).status.code(),
        Some(0)
    );
    let out = watch(dir.path(), NOW + 600, &[&server.url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen[0], (None, None));
    assert_eq!(seen[1], (Some(ETAG.into()), Some(MODIFIED.into())));
    assert_eq!(runs(dir.path()).len(), 1);
    assert!(stderr(&out).contains("1 unchanged"), "{}", stderr(&out));
}

#[test]
fn a_server_that_ignores_validators_makes_no_new_version_and_a_failing_one_is_an_error_row() {
    let body = fs::read(fixture("daily.atom")).unwrap();
    let good = serve(move |_| tiny_http::Response::from_data(body.clone()).boxed());
    let bad = serve(|_| {
        tiny_http::Response::from_string("oops")
            .with_status_code(500)
            .boxed()
    });
    let dir = tempfile::tempdir().unwrap();
    let out = watch(dir.path(), NOW, &[&good.url, &bad.url]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let first = runs(dir.path()).pop().unwrap();
    let errors = rows(&first.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["input"], bad.url);
    assert!(errors[0]["reason"].contains("500"), "{errors:?}");
    assert_eq!(rows(&first.join("documents.csv")).len(), 2);

    let again = watch(dir.path(), NOW + 600, &[&good.url]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(runs(dir.path()).len(), 1, "{}", stderr(&again));
    let db = rusqlite::Connection::open(dir.path().join("dupdrift.db")).unwrap();
    let versions: i64 = db
        .query_row("SELECT COUNT(*) FROM versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(versions, 2);
}

/// A raw loopback server: each connection is handed to `handle` on its own thread.
fn raw(handle: fn(std::net::TcpStream)) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || handle(stream));
        }
    });
    url
}

/// Reads the request head, so that the client is waiting for the answer.
fn read_head(stream: &mut std::net::TcpStream) {
    use std::io::Read;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
        head.push(byte[0]);
    }
}

#[test]
fn hostile_sources_are_error_rows_and_the_others_proceed() {
    use std::io::Write;
    let good_body = fs::read(fixture("wire.rss")).unwrap();
    let good = serve(move |_| tiny_http::Response::from_data(good_body.clone()).boxed());
    let html = serve(|_| {
        tiny_http::Response::from_string("<html><body><p>Not a feed</p></body></html>")
            .with_header(header("Content-Type", "text/html"))
            .boxed()
    });
    let malformed = serve(|_| {
        tiny_http::Response::from_string("<?xml version=\"1.0\"?><rss><channel><item><title>x")
            .boxed()
    });
    let oversize = serve(|_| tiny_http::Response::from_data(vec![b' '; 3 << 20]).boxed());
    let bomb = serve(|_| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b' '; 64 << 20]).unwrap();
        tiny_http::Response::from_data(gz.finish().unwrap())
            .with_header(header("Content-Encoding", "gzip"))
            .boxed()
    });
    let looping = serve(|req| {
        let url = req.url().to_string();
        tiny_http::Response::empty(302)
            .with_header(header("Location", &url))
            .boxed()
    });
    let busy = serve(|_| {
        tiny_http::Response::empty(429)
            .with_header(header("Retry-After", "120"))
            .boxed()
    });
    // An HTTP date one hour after the run's time (NOW is 2027-01-15T08:00:00Z).
    let unavailable = serve(|_| {
        tiny_http::Response::empty(503)
            .with_header(header("Retry-After", "Fri, 15 Jan 2027 09:00:00 GMT"))
            .boxed()
    });
    let failing = serve(|_| {
        tiny_http::Response::from_string("oops")
            .with_status_code(500)
            .boxed()
    });
    // Windows-1252 bytes, no charset in the header nor in the document: read.
    let cp1252 = fs::read(fixture("cp1252.rss")).unwrap();
    let latin = serve(move |_| tiny_http::Response::from_data(cp1252.clone()).boxed());
    let reset = raw(|mut s| {
        read_head(&mut s);
        drop(s);
    });
    let truncated = raw(|mut s| {
        read_head(&mut s);
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<rss version=\"2.0\"><channel>",
        );
    });
    let trickle = raw(|mut s| {
        read_head(&mut s);
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        for _ in 0..60 {
            if s.write_all(b" ").is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    });
    let bad = [
        (&html.url, "not a feed"),
        (&malformed.url, "not a feed"),
        (&oversize.url, "limit"),
        (&bomb.url, "limit"),
        (&looping.url, "redirect"),
        (&busy.url, "retry after 120"),
        (
            &unavailable.url,
            "HTTP 503: the server asks to retry after 3600 s",
        ),
        (&failing.url, "HTTP 500"),
        (&reset, "connection"),
        (&truncated, "connection"),
        (&trickle, "timed out"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--timeout", "3", "--max-body-mb", "1", good.url.as_str()];
    args.push(latin.url.as_str());
    args.extend(bad.iter().map(|(u, _)| u.as_str()));
    let started = std::time::Instant::now();
    let (out, peak_kb) = watch_with_peak(dir.path(), NOW, &args);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "bounded in time"
    );
    // A gzip bomb of 64 MB and a body of 3 MB, cut at 1 MB: no body held whole.
    assert!(peak_kb < 150 << 10, "peak RSS {peak_kb} kB");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let run = runs(dir.path()).pop().unwrap();
    let documents = rows(&run.join("documents.csv"));
    assert_eq!(documents.len(), 3, "the good feeds proceed: {documents:?}");
    assert!(documents.iter().any(|d| d["title"].contains("Caf\u{e9}")));
    let errors = rows(&run.join("errors.csv"));
    for (url, reason) in bad {
        let row = errors.iter().find(|e| &e["input"] == url);
        let row = row.unwrap_or_else(|| panic!("no error row for {url}: {errors:?}"));
        assert!(row["reason"].contains(reason), "{url}: {row:?}");
    }
    assert_eq!(errors.len(), bad.len(), "{errors:?}");

    // Failing again, they take nothing away from what the good feeds stored.
    let count = |sql: &str| -> i64 {
        rusqlite::Connection::open(dir.path().join("dupdrift.db"))
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    let stored = (
        count("SELECT COUNT(*) FROM versions"),
        count("SELECT COUNT(*) FROM findings"),
    );
    let again = watch(dir.path(), NOW + 7200, &args);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert_eq!(
        (
            count("SELECT COUNT(*) FROM versions"),
            count("SELECT COUNT(*) FROM findings")
        ),
        stored,
        "the versions stay, and nothing is reported again"
    );
    assert!(stored.0 == 3 && stored.1 >= 3, "{stored:?}");
}

#[test]
fn the_same_input_gives_identical_reports_on_any_thread_count() {
    let feeds: Vec<String> = ["wire.rss", "daily.atom", "digest.json"]
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let args: Vec<&str> = feeds.iter().map(String::as_str).collect();
    // All feeds in one run, then the feeds arriving one a run (the index at work).
    let report = |threads| {
        let mut all = Vec::new();
        for one_by_one in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let rounds = if one_by_one { args.len() } else { 1 };
            for k in 1..=rounds {
                let these = if one_by_one { &args[..k] } else { &args[..] };
                let out = watch_on(dir.path(), NOW + 600 * k as i64, threads, these);
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            }
            for run in runs(dir.path()) {
                let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&run)
                    .unwrap()
                    .flatten()
                    .map(|f| {
                        (
                            f.file_name().to_string_lossy().into_owned(),
                            fs::read(f.path()).unwrap(),
                        )
                    })
                    .collect();
                files.sort();
                all.push((run.file_name().unwrap().to_owned(), files));
            }
        }
        all
    };
    let one = report(1);
    assert_eq!(
        one[0].1.len(),
        8,
        "every report file, report.html among them"
    );
    assert_eq!(one.len(), 4, "one run, then three");
    assert_eq!(one, report(2));
}

#[test]
fn one_story_in_two_feeds_with_tracking_links_is_one_article_with_an_alias() {
    let item = |guid: &str, link: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item>\
             <guid isPermaLink=\"false\">{guid}</guid><title>Storm closes port</title>\
             <link>{link}</link><description>A storm closed the port of Example on Tuesday, \
             and ferries were cancelled until Thursday.</description></item></channel></rss>"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("x.rss"),
        item("x-1", "https://story.example/port?utm_source=x"),
    )
    .unwrap();
    fs::write(
        dir.path().join("y.rss"),
        item("y-9", "http://www.story.example/port/#top"),
    )
    .unwrap();
    let out = watch(dir.path(), NOW, &["x.rss", "y.rss"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = rusqlite::Connection::open(dir.path().join("dupdrift.db")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM articles"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM versions"), 1);
    let alias: String = db
        .query_row("SELECT url FROM aliases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(alias, "story.example/port");
}

#[test]
fn a_headline_edit_of_an_entry_without_guid_is_a_version_of_the_same_article() {
    let item = |title: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item>\
             <title>{title}</title><link>https://story.example/port</link><description>A storm \
             closed the port of Example on Tuesday.</description></item></channel></rss>"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("f.rss");
    fs::write(&feed, item("Storm closes port")).unwrap();
    assert_eq!(watch(dir.path(), NOW, &["f.rss"]).status.code(), Some(0));
    fs::write(&feed, item("Storm shuts port for two days")).unwrap();
    let out = watch(dir.path(), NOW + 600, &["f.rss"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let run = runs(dir.path()).pop().unwrap();
    let versions = rows(&run.join("versions.csv"));
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert_eq!(versions[0]["doc_id"], "story.example/port");
    assert_eq!(versions[0]["version"], "2");
    assert_eq!(versions[0]["title"], "Storm shuts port for two days");
}

#[test]
fn an_entry_repeated_in_one_feed_is_an_error_row_not_an_edit() {
    let rss = fs::read_to_string(fixture("wire.rss")).unwrap();
    let item_start = rss.find("<item>").unwrap();
    let item_end = rss.find("</item>").unwrap() + "</item>".len();
    let twice = rss[item_start..item_end].replace("already warned", "not warned");
    let doubled = format!("{}{}{}", &rss[..item_end], twice, &rss[item_end..]);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("wire.rss"), doubled).unwrap();
    let out = watch(dir.path(), NOW, &["wire.rss"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let run = runs(dir.path()).pop().unwrap();
    assert!(rows(&run.join("versions.csv")).is_empty());
    let errors = rows(&run.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0]["reason"].contains("appears twice"), "{errors:?}");
}

/// An RSS feed of one entry.
fn one_entry_feed(guid: &str, link: &str, summary: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>\
         <title>t</title><item><guid isPermaLink=\"false\">{guid}</guid>\
         <title>Minister warns of security breaches before summit</title>\
         <link>{link}</link><description>{summary}</description></item></channel></rss>"
    )
}

#[test]
fn with_fetch_pages_one_story_behind_a_redirect_is_one_article_and_its_page_text() {
    let page = fs::read(fixture("story.html")).unwrap();
    let requests = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&requests);
    let base = Arc::new(Mutex::new(String::new()));
    let at = Arc::clone(&base);
    let site = serve(move |req| {
        let path = req.url().to_string();
        log.lock().unwrap().push(path.clone());
        let base = at.lock().unwrap().clone();
        let feed = |body: String| {
            tiny_http::Response::from_string(body)
                .with_header(header("Content-Type", "application/rss+xml"))
                .boxed()
        };
        match path.as_str() {
            "/a.rss" => feed(one_entry_feed(
                "a-1",
                &format!("{base}/story?utm_source=a&amp;utm_medium=rss"),
                "The minister arrived in Brussels.",
            )),
            "/b.rss" => feed(one_entry_feed(
                "b-9",
                &format!("{base}/go/xyz"),
                "Brussels talks: the minister on security.",
            )),
            "/c.rss" => feed(one_entry_feed("c-1", &format!("{base}/gone"), "A story.")),
            "/d.rss" => feed(one_entry_feed(
                "d-1",
                &format!("{base}/talk.mp3"),
                "A podcast.",
            )),
            "/talk.mp3" => tiny_http::Response::from_data(vec![0u8; 64])
                .with_header(header("Content-Type", "audio/mpeg"))
                .boxed(),
            "/go/xyz" => tiny_http::Response::empty(301)
                .with_header(header("Location", &format!("{base}/story?utm_campaign=b")))
                .boxed(),
            p if p.starts_with("/story") => tiny_http::Response::from_data(page.clone())
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .boxed(),
            _ => tiny_http::Response::from_string("gone")
                .with_status_code(404)
                .boxed(),
        }
    });
    let root = site.url.trim_end_matches("/feed.xml").to_string();
    *base.lock().unwrap() = root.clone();
    let feeds: Vec<String> = ["a", "b", "c", "d"]
        .iter()
        .map(|f| format!("{root}/{f}.rss"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--fetch-pages"];
    args.extend(feeds.iter().map(String::as_str));
    let out = watch(dir.path(), NOW, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let run = runs(dir.path()).pop().unwrap();
    let documents = rows(&run.join("documents.csv"));
    // One story, one article; the podcast with its feed text (no page to read).
    assert_eq!(documents.len(), 2, "{documents:?}");
    let db = rusqlite::Connection::open(dir.path().join("dupdrift.db")).unwrap();
    let text: String = db
        .query_row(
            "SELECT text FROM versions WHERE extractor LIKE 'dom_smoothie%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(text.contains("42 servers were taken offline"), "{text}");
    assert!(
        !text.contains("Subscribe") && !text.contains("Most read"),
        "{text}"
    );
    let aliases: Vec<String> = db
        .prepare("SELECT url FROM aliases ORDER BY url")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let host = root.trim_start_matches("http://");
    assert!(aliases.contains(&format!("{host}/go/xyz")), "{aliases:?}");
    assert!(aliases.contains(&format!("{host}/story")), "{aliases:?}");
    let keys: Vec<String> = db
        .prepare("SELECT key FROM articles")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        aliases.iter().any(|a| a.ends_with("b-9")),
        "{aliases:?} {keys:?}"
    );
    // The page that cannot be had is an error row; its entry is not stored yet.
    let errors = rows(&run.join("errors.csv"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    let reason = |end: &str| {
        errors
            .iter()
            .find(|e| e["input"].ends_with(end))
            .map(|e| e["reason"].clone())
            .unwrap_or_default()
    };
    assert!(reason("/c.rss").contains("HTTP 404"), "{errors:?}");
    assert!(reason("/c.rss").contains("tried again"), "{errors:?}");
    assert!(
        reason("/d.rss").contains("no HTML page (audio/mpeg)"),
        "{errors:?}"
    );
    assert!(
        reason("/d.rss").contains("feed's text is stored"),
        "{errors:?}"
    );

    // The feeds as they were: no page is fetched again, nothing is new.
    let pages = |log: &[String]| log.iter().filter(|p| !p.ends_with(".rss")).count();
    let before = pages(&requests.lock().unwrap());
    let out = watch(dir.path(), NOW + 600, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        pages(&requests.lock().unwrap()) - before,
        1,
        "only the failed page is tried again"
    );
    let versions = || -> i64 {
        db.query_row("SELECT COUNT(*) FROM versions", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(versions(), 2);
    // The third failure in a row: the new article is stored with the feed's text.
    let out = watch(dir.path(), NOW + 1200, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(versions(), 3);
    let errors = rows(&runs(dir.path()).pop().unwrap().join("errors.csv"));
    assert!(
        errors[0]["reason"].contains("feed's text is stored"),
        "{errors:?}"
    );
    let out = watch(dir.path(), NOW + 1800, &args);
    assert!(stderr(&out).contains("nothing new"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_feed_that_makes_the_parser_panic_is_an_error_row_and_the_others_proceed() {
    // Found by the `feed` fuzz target: feed-rs 3.0.0 asserts on it.
    let dir = tempfile::tempdir().unwrap();
    let feeds = [fixture("feed-rs-panic.rss"), fixture("wire.rss")];
    let args: Vec<String> = feeds.iter().map(|f| f.display().to_string()).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = watch(dir.path(), NOW, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let run = &runs(dir.path())[0];
    let errors = rows(&run.join("errors.csv"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]["input"].contains("feed-rs-panic.rss"),
        "{errors:?}"
    );
    assert!(errors[0]["reason"].contains("feed-rs"), "{errors:?}");
    assert!(!rows(&run.join("documents.csv")).is_empty());
}
