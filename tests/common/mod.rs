//! Helpers shared by the integration tests: run the real binary, read its reports.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    repo().join("data/seeds")
}

/// Runs `dupdrift ARGS` with the repository as working directory.
pub fn dupdrift(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dupdrift"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the dupdrift binary runs")
}

/// Runs `dupdrift scan INPUTS --out OUT --quiet EXTRA`, returns the exit code.
pub fn scan(inputs: &[&Path], out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args: Vec<String> = vec!["scan".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = dupdrift(&refs);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code().unwrap_or(-1), stderr)
}

/// Runs `cmd` (its stdout dropped, its stderr kept) and its peak resident memory
/// in kB: VmHWM read from /proc while it runs, the high-water mark, so the last
/// reading before it exits holds all but its last few milliseconds.
pub fn with_peak(cmd: std::process::Command, scratch: &Path) -> (Output, u64) {
    with_peak_into(cmd, scratch, std::process::Stdio::null())
}

/// [`with_peak`] with the command's stdout sent to `stdout`.
pub fn with_peak_into(
    mut cmd: std::process::Command,
    scratch: &Path,
    stdout: std::process::Stdio,
) -> (Output, u64) {
    let err = scratch.join("stderr.txt");
    let mut child = cmd
        .stdout(stdout)
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("the dupdrift binary runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        });
        peak = peak.max(hwm.unwrap_or(0));
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert!(peak > 0, "no memory figure read from {status_file}");
    let stderr = std::fs::read(&err).unwrap();
    (
        Output {
            status,
            stdout: Vec::new(),
            stderr,
        },
        peak,
    )
}

/// A CSV report as a header and rows of strings.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("well-formed row")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (header, rows)
}

/// The values of one column of a report, by name.
pub fn column(path: &Path, name: &str) -> Vec<String> {
    let (header, rows) = read_csv(path);
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {}: {header:?}", path.display()));
    rows.into_iter().map(|mut r| r.swap_remove(i)).collect()
}

/// The JSON a report.html embeds for its script.
pub fn report_data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"data\">";
    let start = html.find(open).expect("the data element") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("the data is JSON")
}
