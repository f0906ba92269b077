//! Interruptions through the binary: a scan killed at any moment leaves `--out`
//! holding either the previous complete set of reports or the new one, byte for
//! byte what an uninterrupted run writes, and the next run clears what the
//! killed one left beside it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A report directory's files and their bytes; `run.json` without its
/// `timings_seconds`, the one part of a report that differs between runs.
type Snapshot = BTreeMap<String, Vec<u8>>;

fn snapshot(out: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    for entry in fs::read_dir(out).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let mut bytes = fs::read(entry.path()).unwrap();
        if name == "run.json" {
            let mut run: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            run.as_object_mut().unwrap().remove("timings_seconds");
            bytes = run.to_string().into_bytes();
        }
        files.insert(name, bytes);
    }
    files
}

fn gen(dir: &Path, articles: &str, seed: &str) -> PathBuf {
    let status = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args([
            "gen",
            "--articles",
            articles,
            "--seed",
            seed,
            "--quiet",
            "--out",
        ])
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success());
    dir.join("corpus.jsonl")
}

fn scan(input: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dupdrift"));
    cmd.arg("scan")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(["--quiet", "--threads", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The staging directories a run left beside `out`.
fn debris(out: &Path) -> Vec<String> {
    let prefix = format!(".{}.dupdrift-", out.file_name().unwrap().to_str().unwrap());
    fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(&prefix))
        .collect()
}

#[test]
fn a_scan_killed_at_any_moment_leaves_the_previous_set_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let corpora = [
        gen(&dir.path().join("a"), "2000", "3"),
        gen(&dir.path().join("b"), "2000", "4"),
    ];
    let out = dir.path().join("report");

    // The two complete sets, written to the same --out as the runs below
    // (run.json names it), and how long a run takes here.
    let mut expected = Vec::new();
    let mut slowest = Duration::ZERO;
    for corpus in &corpora {
        let start = Instant::now();
        assert!(scan(corpus, &out).status().unwrap().success());
        slowest = slowest.max(start.elapsed());
        expected.push(snapshot(&out));
    }
    assert_ne!(expected[0], expected[1]);

    // 20 moments spread over [0, 1.2 x the run's time], in a shuffled order
    // fixed by a small generator, so the kills fall early, in the middle, during
    // the writing and after the end, and the test is the same on every run.
    let mut moments: Vec<u32> = (0..20).collect();
    let mut state = 0x9e37_79b9_u32;
    for i in (1..moments.len()).rev() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        moments.swap(i, state as usize % (i + 1));
    }

    let mut current = 1; // --out holds the set of corpora[1]
    let (mut kept, mut replaced) = (0, 0);
    for (kill, &m) in moments.iter().enumerate() {
        let next = 1 - current;
        let delay = slowest.mul_f64(1.2 * f64::from(m) / 19.0);
        let mut child: Child = scan(&corpora[next], &out).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL: no handler runs
        child.wait().unwrap();

        let found = snapshot(&out);
        if found == expected[current] {
            kept += 1;
        } else if found == expected[next] {
            replaced += 1;
            current = next;
        } else {
            let names: Vec<_> = found.keys().collect();
            panic!("kill {kill} after {delay:?}: --out holds neither complete set: {names:?}");
        }
    }
    assert!(kept > 0, "no kill fell inside a run ({replaced} replaced)");

    // The next run removes the staging directories the killed ones left.
    assert!(scan(&corpora[0], &out).status().unwrap().success());
    assert_eq!(snapshot(&out), expected[0]);
    assert_eq!(debris(&out), Vec::<String>::new());
}

/// Starts `scan - --out OUT` with the article lines on its stdin, which is
/// kept open, so the run is still reading whatever the test does next.
fn scan_stdin(out: &Path, lines: &str) -> (Child, std::process::ChildStdin) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args(["scan", "-", "--quiet", "--out"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // A run that refuses its --out exits before reading: the pipe may be closed.
    if let Err(e) = stdin.write_all(lines.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    (child, stdin)
}

/// Waits up to 20 s for `child` to exit on its own.
fn exit_within(child: &mut Child) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

fn stderr_of(child: Child) -> String {
    String::from_utf8_lossy(&child.wait_with_output().unwrap().stderr).into_owned()
}

const LINES: &str = "{\"id\": \"a\", \"text\": \"The minister arrived in Brussels on Monday.\"}\n\
                     {\"id\": \"b\", \"text\": \"Officials said 42 servers were taken offline.\"}\n";

#[cfg(unix)]
#[test]
fn ctrl_c_abandons_the_new_set_and_keeps_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let input = dir.path().join("old.jsonl");
    fs::write(&input, LINES).unwrap();
    assert!(scan(&input, &out).status().unwrap().success());
    let previous = snapshot(&out);

    let (mut child, stdin) = scan_stdin(&out, LINES);
    // The staging directory exists from the start, before stdin is read.
    let start = Instant::now();
    while debris(&out).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no staging directory"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // SAFETY: kill(2) on the pid of a child this test started and still waits for.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let status = exit_within(&mut child).expect("the scan exits on SIGINT");
    drop(stdin);
    let stderr = stderr_of(child);
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("abandoned"), "{stderr}");
    assert!(stderr.contains(&out.display().to_string()), "{stderr}");
    assert_eq!(snapshot(&out), previous);
    assert_eq!(debris(&out), Vec::<String>::new());
}

#[test]
fn an_unwritable_out_fails_before_the_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    fs::write(&file, "not a directory").unwrap();
    let (mut child, stdin) = scan_stdin(&file.join("report"), LINES);
    // stdin stays open: only a check made before reading can end the run.
    let status = exit_within(&mut child).expect("the scan exits without reading stdin");
    drop(stdin);
    let stderr = stderr_of(child);
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("report"), "{stderr}");
}

#[test]
fn an_out_holding_other_files_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, LINES).unwrap();
    let (code, stderr) = common::scan(&[&input], &out, &["--quiet"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("notes.txt"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}
