//! `dupdrift watch` killed at any moment loses nothing and reports nothing twice:
//! one sequence of feed changes run straight through and run with kills (SIGKILL at
//! random moments, and an abort at each named point between a read, a commit and a
//! rename), each followed by a rerun, report the same rows.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/watch")
            .join(name),
    )
    .unwrap()
}

/// The feed states of each step: (file name, contents). Every step changes the
/// wire story (how many ministries were breached, and whether the government
/// warned), so that every run has something new to store and report.
fn steps() -> Vec<Vec<(&'static str, String)>> {
    let wire = fixture("wire.rss");
    let mut steps = vec![vec![
        ("wire.rss", wire.clone()),
        ("daily.atom", fixture("daily.atom")),
    ]];
    for n in 1..=STEPS {
        let mut text = wire.replace("at three ministries", &format!("at {} ministries", n + 3));
        if n % 2 == 1 {
            text = text.replace("has already warned", "has not warned");
        }
        let mut step = vec![("wire.rss", text)];
        if n == STEPS / 2 {
            step.push(("digest.json", fixture("digest.json")));
        }
        steps.push(step);
    }
    steps
}

/// Steps after the first, each with one kill.
const STEPS: usize = 54;

const FEEDS: [&str; 3] = ["wire.rss", "daily.atom", "digest.json"];

fn command(dir: &Path, now: i64) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    c.arg("watch")
        .args(["--quiet", "--host-delay-ms", "0", "--threads", "2"])
        .args(FEEDS.iter().filter(|f| dir.join(f).exists()))
        .env("DUPDRIFT_NOW", now.to_string())
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn finish(dir: &Path, now: i64) {
    let status = command(dir, now).status().unwrap();
    assert_eq!(status.code(), Some(0), "a rerun after a kill completes");
}

/// Every row of every report under `runs/`, by file, sorted: the union of the runs.
fn union(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut all: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for run in fs::read_dir(dir.join("runs")).unwrap().flatten() {
        let name = run.file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "a hidden folder was left: {name}");
        for file in fs::read_dir(run.path()).unwrap().flatten() {
            let file_name = file.file_name().to_string_lossy().into_owned();
            // errors.csv holds the run's own failures; report.html is a view of
            // the CSV files (tests/watch.rs reads it).
            if file_name == "errors.csv" || file_name == "report.html" {
                continue;
            }
            let mut reader = csv::Reader::from_path(file.path()).unwrap();
            let rows = all.entry(file_name).or_default();
            for record in reader.records() {
                rows.push(record.unwrap().iter().collect::<Vec<_>>().join("\u{1f}"));
            }
        }
    }
    for rows in all.values_mut() {
        rows.sort();
    }
    all
}

fn integrity(dir: &Path) {
    let db = rusqlite::Connection::open(dir.join("dupdrift.db")).unwrap();
    let ok: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

/// A small deterministic generator of kill delays.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn kills_at_any_moment_lose_nothing_and_duplicate_nothing() {
    let straight = tempfile::tempdir().unwrap();
    let mut now = 1_800_000_000;
    for step in steps() {
        for (name, text) in step {
            fs::write(straight.path().join(name), text).unwrap();
        }
        now += 600;
        finish(straight.path(), now);
    }
    let expected = union(straight.path());
    assert!(expected["drift.csv"].len() >= 3, "{expected:?}");
    assert!(expected["versions.csv"].len() >= 3, "{expected:?}");

    let killed = tempfile::tempdir().unwrap();
    let dir = killed.path();
    let mut rng = Lcg(7);
    let points = [
        "fetched", "store", "stored", "index", "recorded", "written", "renamed", "random",
    ];
    let mut kills = 0;
    let mut now = 1_800_000_000;
    for (i, step) in steps().into_iter().enumerate() {
        for (name, text) in step {
            fs::write(dir.join(name), text).unwrap();
        }
        now += 1;
        // Each named point in turn, or SIGKILL at a random moment; then a rerun.
        match points[i % points.len()] {
            "random" => {
                let mut child = command(dir, now).spawn().unwrap();
                std::thread::sleep(Duration::from_micros(rng.below(40_000)));
                let _ = child.kill();
                let _ = child.wait();
            }
            point => {
                let status = command(dir, now)
                    .env("DUPDRIFT_CRASH_AT", point)
                    .status()
                    .unwrap();
                assert!(
                    !status.success(),
                    "the run reached {point} and stopped there"
                );
            }
        }
        kills += 1;
        integrity(dir);
        now += 599;
        finish(dir, now);
    }
    assert!(kills >= 50);
    integrity(dir);
    assert_eq!(union(dir), expected);
}

#[test]
fn a_version_stored_by_a_killed_run_is_reported_even_when_a_newer_one_follows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let wire = fixture("wire.rss");
    fs::write(dir.join("wire.rss"), &wire).unwrap();
    finish(dir, 1_800_000_000);
    // The edit is stored, then the run dies before reporting it.
    let edited = wire.replace("at three ministries", "at four ministries");
    fs::write(dir.join("wire.rss"), &edited).unwrap();
    let status = command(dir, 1_800_000_600)
        .env("DUPDRIFT_CRASH_AT", "stored")
        .status()
        .unwrap();
    assert!(!status.success());
    // The feed moves on before the next run.
    fs::write(
        dir.join("wire.rss"),
        edited.replace("four ministries", "five ministries"),
    )
    .unwrap();
    finish(dir, 1_800_001_200);
    let all = union(dir);
    let documents = &all["documents.csv"];
    assert_eq!(
        documents
            .iter()
            .filter(|r| r.starts_with("wire/wire-2026-0101\u{1f}"))
            .count(),
        3,
        "every version of the story was reported: {documents:?}"
    );
}
