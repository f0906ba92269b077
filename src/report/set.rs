//! A report directory replaced as a whole: the reports of a run are written into a
//! hidden directory beside `--out`, which then takes `--out`'s place in one step.
//!
//! A reader of `--out`, or a run killed at any moment, finds either the previous
//! complete set or the new one, never a mix. On Linux the two directories are
//! exchanged atomically (`renameat2` with `RENAME_EXCHANGE`) and the previous set,
//! now under the hidden name, is removed; elsewhere, or on a file system without the
//! exchange, the previous set is moved aside first, which leaves a moment without
//! `--out`. A staging directory left by a killed run (its process gone) is removed by
//! the next run beside the same `--out`.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The names of the files dupdrift writes in a report directory. A directory that
/// holds anything else is not replaced: it is not a report directory, and replacing
/// it would delete what a user keeps there.
pub const REPORT_FILES: &[&str] = &[
    super::DOCUMENTS,
    super::PAIRS,
    super::GROUPS,
    super::ERRORS,
    super::ALIGNMENTS,
    super::PASSAGES,
    super::DRIFT,
    super::PAIR_SCORES,
    super::RUN,
    super::html::HTML,
];

/// Staging directories of this process not yet committed or abandoned: what an
/// interrupted run leaves, and removes if it is given the time ([`abandon_all`]).
/// Held across a commit, so an interruption sees the state before it or after it.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A new set of reports being written, to replace `out` when committed. Dropped
/// uncommitted, it is removed and `out` is left as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `out` can take a new report set (it is missing, or a directory
    /// holding only reports), removes what killed runs left beside it, and creates
    /// the staging directory: an unwritable place fails here, before any work.
    pub fn begin(out: &Path) -> Result<Staging> {
        let out = resolve(out)?;
        if out.exists() {
            check_replaceable(&out)?;
        }
        let (parent, name) = parent_and_name(&out)?;
        remove_stale(&parent, &name);
        let dir = parent.join(format!("{}{}", staging_prefix(&name), std::process::id()));
        // A leftover of this very pid (a reused number) is stale too.
        let _ = std::fs::remove_dir_all(&dir);
        let mut pending = lock_pending();
        std::fs::create_dir(&dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        pending.push(dir.clone());
        Ok(Staging {
            out,
            dir,
            committed: false,
        })
    }

    /// Where the reports are written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The directory the reports will replace.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Puts the written set in `out`'s place and removes the previous set.
    pub fn commit(mut self) -> Result<()> {
        let at = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        sync_dir(&self.dir).map_err(at(&self.dir))?;
        let mut pending = lock_pending();
        if self.out.exists() {
            // Checked again: a user may have put a file there while the run went on.
            check_replaceable(&self.out)?;
            replace(&self.dir, &self.out).map_err(at(&self.out))?;
            // `dir` now holds the previous set; the new one is in place whatever happens.
            let _ = std::fs::remove_dir_all(&self.dir);
        } else {
            std::fs::rename(&self.dir, &self.out).map_err(at(&self.out))?;
        }
        self.committed = true;
        pending.retain(|d| d != &self.dir);
        drop(pending);
        if let Some(parent) = self.out.parent() {
            let _ = sync_dir(parent);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let mut pending = lock_pending();
            let _ = std::fs::remove_dir_all(&self.dir);
            pending.retain(|d| d != &self.dir);
        }
    }
}

/// Removes every staging directory of this process, for a run being interrupted,
/// and returns the report directories they would have replaced (left as they were).
/// Later commits wait for the process to end.
pub fn abandon_all() -> Vec<PathBuf> {
    let mut pending = lock_pending();
    let abandoned: Vec<PathBuf> = pending.drain(..).collect();
    for dir in &abandoned {
        let _ = std::fs::remove_dir_all(dir);
    }
    // Held until the process exits: no commit may start after the abandon.
    std::mem::forget(pending);
    abandoned
        .iter()
        .filter_map(|dir| out_of_staging(dir))
        .collect()
}

fn lock_pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `out` made absolute, through a symbolic link to the directory it names: the
/// directory is replaced, not the link.
fn resolve(out: &Path) -> Result<PathBuf> {
    let at = |source| Error::Write {
        path: out.to_path_buf(),
        source,
    };
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(out).map_err(at),
        Ok(_) => std::fs::canonicalize(out).map_err(at),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let (parent, name) = parent_and_name(out)?;
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &parent
            };
            std::fs::create_dir_all(parent).map_err(at)?;
            Ok(std::fs::canonicalize(parent).map_err(at)?.join(name))
        }
        Err(e) => Err(at(e)),
    }
}

fn parent_and_name(out: &Path) -> Result<(PathBuf, String)> {
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name.to_string_lossy().into())),
        _ => Err(Error::InvalidParameter {
            name: "--out",
            reason: format!("{} names no directory that can be replaced", out.display()),
        }),
    }
}

/// Added to a staging directory's name for the previous set moved aside, where
/// the directories cannot be exchanged.
const OLD_SUFFIX: &str = "-old";

fn staging_prefix(name: &str) -> String {
    format!(".{name}.dupdrift-")
}

/// The report directory a staging directory was made for.
fn out_of_staging(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_str()?;
    let rest = name.strip_prefix('.')?;
    let (out, _pid) = rest.rsplit_once(".dupdrift-")?;
    Some(dir.with_file_name(out))
}

/// Fails unless `out` is a directory holding only reports (and the temporary files
/// of earlier versions' writes).
fn check_replaceable(out: &Path) -> Result<()> {
    let not_reports = |reason: String| {
        Error::InvalidParameter {
        name: "--out",
        reason: format!(
            "{} {reason}; the reports replace the directory as a whole, so give a new or a report directory",
            out.display()
        ),
    }
    };
    let entries = std::fs::read_dir(out).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotADirectory {
            not_reports("is not a directory".into())
        } else {
            Error::Write {
                path: out.to_path_buf(),
                source: e,
            }
        }
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Write {
            path: out.to_path_buf(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let is_report = REPORT_FILES.contains(&name.as_str())
            || (name.starts_with('.') && name.ends_with(".tmp"));
        if !(is_file && is_report) {
            return Err(not_reports(format!(
                "holds {}, which is not a dupdrift report",
                crate::ingest::printable(&name, 200)
            )));
        }
    }
    Ok(())
}

/// Removes the staging directories beside `out` whose process is gone.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = staging_prefix(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .map(|pid| pid.strip_suffix(OLD_SUFFIX).unwrap_or(pid))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let sent = unsafe { libc::kill(pid, 0) };
    sent == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true // not known: left in place
}

/// Puts directory `new` in the place of directory `out`; `new`'s path then holds
/// what `out` held.
fn replace(new: &Path, out: &Path) -> std::io::Result<()> {
    match exchange(new, out) {
        Err(e) if exchange_unsupported(&e) => {
            let mut aside = new.as_os_str().to_owned();
            aside.push(OLD_SUFFIX);
            let aside = PathBuf::from(aside);
            std::fs::rename(out, &aside)?;
            if let Err(e) = std::fs::rename(new, out) {
                let _ = std::fs::rename(&aside, out);
                return Err(e);
            }
            std::fs::rename(&aside, new)
        }
        other => other,
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: two NUL-terminated paths that live across the call; the syscall is
    // named by number, which works whatever the C library's version.
    let done = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn exchange_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(code) if is_unsupported_code(code))
}

#[cfg(unix)]
fn is_unsupported_code(code: i32) -> bool {
    code == libc::EINVAL || code == libc::ENOSYS || code == libc::EOPNOTSUPP
}

#[cfg(not(unix))]
fn is_unsupported_code(_code: i32) -> bool {
    false
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(dir: &Path, content: &str) {
        std::fs::create_dir_all(dir).expect("creates");
        std::fs::write(dir.join(super::super::PAIRS), content).expect("writes");
    }

    fn read(dir: &Path) -> String {
        std::fs::read_to_string(dir.join(super::super::PAIRS)).expect("reads")
    }

    fn siblings(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(parent)
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_committed_set_replaces_the_previous_one_and_leaves_nothing_beside_it() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let out = root.path().join("report");
        set(&out, "old");
        std::fs::write(out.join(super::super::DRIFT), "old drift").expect("writes");
        let staging = Staging::begin(&out).expect("begins");
        assert_eq!(read(&out), "old", "untouched while the new set is written");
        set(staging.dir(), "new");
        staging.commit().expect("commits");
        assert_eq!(read(&out), "new");
        assert!(
            !out.join(super::super::DRIFT).exists(),
            "no report of the previous set survives"
        );
        assert_eq!(siblings(root.path()), ["report"]);
    }

    #[test]
    fn an_uncommitted_set_is_removed_and_the_previous_one_kept() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let out = root.path().join("report");
        set(&out, "old");
        {
            let staging = Staging::begin(&out).expect("begins");
            set(staging.dir(), "half");
        }
        assert_eq!(read(&out), "old");
        assert_eq!(siblings(root.path()), ["report"]);
    }

    #[test]
    fn a_missing_out_is_created_by_the_commit_only() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let out = root.path().join("deep/report");
        let staging = Staging::begin(&out).expect("begins");
        assert!(!out.exists());
        set(staging.dir(), "new");
        staging.commit().expect("commits");
        assert_eq!(read(&out), "new");
    }

    #[test]
    fn a_directory_holding_other_files_is_not_replaced() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let out = root.path().join("notes");
        set(&out, "old");
        std::fs::write(out.join("my-notes.txt"), "keep me").expect("writes");
        let refused = Staging::begin(&out).expect_err("refuses");
        assert!(refused.to_string().contains("my-notes.txt"), "{refused}");
        assert_eq!(siblings(root.path()), ["notes"], "nothing was staged");
        std::fs::create_dir(out.join("sub")).expect("creates");
        std::fs::remove_file(out.join("my-notes.txt")).expect("removes");
        assert!(
            Staging::begin(&out).is_err(),
            "a subdirectory is not a report"
        );
    }

    #[test]
    fn a_staging_directory_of_a_dead_process_is_removed_by_the_next_run() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let out = root.path().join("report");
        set(&out, "old");
        // No process has a pid this high (the Linux maximum is 2^22).
        let stale = root.path().join(".report.dupdrift-4294967290");
        set(&stale, "debris");
        let other = root.path().join(".other.dupdrift-4294967290");
        set(&other, "another directory's");
        let staging = Staging::begin(&out).expect("begins");
        assert!(!stale.exists());
        assert!(other.exists(), "only the staging of this --out is touched");
        drop(staging);
    }

    #[test]
    fn abandoning_removes_the_staging_and_names_the_directory_left_as_it_was() {
        let root = tempfile::tempdir().expect("a temporary directory");
        let staging = Staging::begin(&root.path().join("report")).expect("begins");
        let dir = staging.dir().to_path_buf();
        std::mem::forget(staging);
        // Not abandon_all: it holds the lock for the life of the process.
        let found = out_of_staging(&dir).expect("names its directory");
        assert_eq!(found.file_name().expect("a name"), "report");
        lock_pending().retain(|d| d != &dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
