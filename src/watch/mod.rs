//! `dupdrift watch`: the job a newsroom runs from cron. Each run reads its sources
//! (feed URLs, feed files, drop folders, JSON Lines or CSV files), adds what is
//! new to an index in SQLite, compares the index with the batch scan's stages, and
//! reports only what no earlier run reported.
//!
//! ```text
//! source ─> entries (feed) ─> versions (store, one transaction a source)
//!        ─> new current versions filed: band keys, sentence keys, statistics (index)
//!        ─> new versions + the stored ones the index proposes ─> scan stages
//!        ─> rows of new versions not reported before ─> runs/<UTC time>/ (report)
//! ```
//!
//! Safe to kill at any moment: the network is read outside transactions; a
//! source's validators are committed with the entries they brought; a run's
//! findings are recorded as `writing` before its folder is renamed into place and
//! settled by the next run according to whether the folder is there.

pub mod feed;
pub mod fetch;
pub mod identity;
pub mod index;
pub mod lock;
pub mod page;
mod report;
pub mod source;
pub mod store;

use crate::analyze::LanguageChoice;
use crate::ingest::InputError;
use crate::neardup::sketch::SketchParams;
use anyhow::Context;
use rusqlite::{params, Connection};
use source::{Read, Source};
use std::path::PathBuf;

/// The extractor that made a version's text, stored with it.
pub const EXTRACTOR: &str = concat!("feed-rs/3 dupdrift/", env!("CARGO_PKG_VERSION"));

/// A version this much shorter than the article's last trusted one (and that one
/// long enough to tell) is a paywall stub or a failed extraction: `suspect`.
const SUSPECT_SHARE: f64 = 0.4;
const SUSPECT_MIN_BYTES: usize = 200;

/// Failures of a source in a row before it is left alone for a while, and the
/// longest while (seconds).
const FAILURES_BEFORE_BACKOFF: i64 = 3;
const MAX_BACKOFF: i64 = 6 * 3600;

/// A watch run, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// What to read, in order.
    pub sources: Vec<Source>,
    /// The SQLite index.
    pub db: PathBuf,
    /// Where `runs/<UTC time>/` folders go.
    pub out: PathBuf,
    /// Unix seconds: the run's time (injected in tests for identical reports).
    pub now: i64,
    /// Bounds of every HTTP request.
    pub limits: fetch::Limits,
    /// Jaccard from which two articles are near-duplicates.
    pub threshold: f64,
    /// Shingles and MinHash, as `scan` takes them.
    pub sketch: SketchParams,
    /// How each article's language is chosen.
    pub language: LanguageChoice,
    /// Whether each entry's text is the article of its linked page.
    pub fetch_pages: bool,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Sources named.
    pub sources: usize,
    /// Sources as they were (304, or the same bytes).
    pub unchanged: usize,
    /// Sources left for later: asked to wait, or backing off after failures.
    pub deferred: usize,
    /// Articles seen for the first time.
    pub new_articles: usize,
    /// Versions stored, first versions included.
    pub new_versions: usize,
    /// Versions compared: those new to the index, and the stored ones it proposed.
    pub compared: (usize, usize),
    /// Rows reported per file, in file order.
    pub reported: Vec<(&'static str, usize)>,
    /// Every source or entry that could not be read.
    pub errors: Vec<InputError>,
    /// The report of what an interrupted run had stored, written first.
    pub recovered: Option<PathBuf>,
    /// The run's report folder; `None` when there was nothing new to report.
    pub run_dir: Option<PathBuf>,
}

/// How a run ended.
#[derive(Debug)]
pub enum Outcome {
    /// Another run holds the lock: nothing was done.
    Busy,
    /// The run went through.
    Done(Summary),
}

/// Runs the watch once.
pub fn run(config: &Config) -> anyhow::Result<Outcome> {
    let lock_path = {
        let mut name = config.db.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    };
    let Some(_lock) = lock::try_lock(&lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?
    else {
        return Ok(Outcome::Busy);
    };
    let mut conn = store::open(&config.db)
        .with_context(|| format!("cannot open the database {}", config.db.display()))?;
    let runs = config.out.join("runs");
    report::settle(&conn, &runs)?;

    let mut summary = Summary {
        sources: config.sources.len(),
        ..Summary::default()
    };
    // Versions an interrupted run stored but never reported are reported now,
    // before a source brings a newer version that would hide them.
    index::update(&mut conn, config)?;
    if report::unreported_versions(&conn)? {
        let mut pending = Summary::default();
        summary.recovered = report::report(&mut conn, config, &runs, &mut pending)?;
        summary.compared = pending.compared;
    }
    let mut fetcher = fetch::Fetcher::new(config.limits.clone(), config.now);
    for source in &config.sources {
        read_source(&mut conn, &mut fetcher, source, config, &mut summary)
            .with_context(|| format!("cannot store what {} brought", source.spec))?;
    }
    index::update(&mut conn, config)?;
    summary.run_dir = report::report(&mut conn, config, &runs, &mut summary)?;
    Ok(Outcome::Done(summary))
}

/// Reads one source and stores what it brought, validators in the same
/// transaction; a failure of the source is an error row, not a stop.
fn read_source(
    conn: &mut Connection,
    fetcher: &mut fetch::Fetcher,
    source: &Source,
    config: &Config,
    summary: &mut Summary,
) -> rusqlite::Result<()> {
    let now = config.now;
    let stored = store::source(conn, &source.spec, &source.outlet)?;
    if stored.next_fetch > now {
        summary.deferred += 1;
        return Ok(());
    }
    let read = source::read(
        source,
        fetcher,
        stored.etag.as_deref(),
        stored.last_modified.as_deref(),
        stored.body_hash.as_deref(),
    );
    crash_point("fetched");
    let error = |reason: String| InputError::new(source.spec.clone(), reason);
    match read {
        Err(reason) => {
            let failures = stored.failures + 1;
            let next = if failures >= FAILURES_BEFORE_BACKOFF {
                let wait = 300i64 << (failures - FAILURES_BEFORE_BACKOFF).min(10);
                now + wait.min(MAX_BACKOFF)
            } else {
                0
            };
            store::source_failed(conn, stored.id, next)?;
            summary.errors.push(error(reason));
        }
        Ok(Read::Unchanged) => {
            store::source_answered(conn, stored.id)?;
            summary.unchanged += 1;
        }
        Ok(Read::Deferred(wait, why)) => {
            let wait = wait.as_secs().min(MAX_BACKOFF as u64) as i64;
            store::source_deferred(conn, stored.id, now.saturating_add(wait))?;
            summary.deferred += 1;
            summary.errors.push(error(why));
        }
        Ok(Read::Entries {
            entries,
            etag,
            last_modified,
            body_hash,
            problems,
        }) => {
            summary.errors.extend(problems.into_iter().map(&error));
            // Pages are read before the transaction, as the feed was.
            let (entries, states, pages_missing) = if config.fetch_pages && source.is_feed() {
                let filled = page::fill(conn, fetcher, stored.id, entries)?;
                summary
                    .errors
                    .extend(filled.problems.into_iter().map(&error));
                (filled.entries, filled.states, filled.waiting)
            } else {
                (entries, Vec::new(), false)
            };
            let tx = conn.transaction()?;
            for (key, hash, failures) in &states {
                store::set_entry(&tx, stored.id, key, hash, *failures)?;
            }
            let mut seen = std::collections::HashSet::new();
            for entry in entries {
                if let Some(key) = &entry.key {
                    if !seen.insert(key.clone()) {
                        let why =
                            format!("entry {key} appears twice in the feed; the first is kept");
                        summary.errors.push(error(why));
                        continue;
                    }
                }
                match add_entry(&tx, stored.id, &entry, now)? {
                    Added::Article => {
                        summary.new_articles += 1;
                        summary.new_versions += 1;
                    }
                    Added::Version => summary.new_versions += 1,
                    Added::Nothing => {}
                    Added::Problem(reason) => summary.errors.push(error(reason)),
                }
            }
            // An entry whose page is missing is read again with the whole feed:
            // the validators of a body not wholly read are not kept.
            let row = if pages_missing {
                store::SourceRow {
                    next_fetch: 0,
                    ..stored
                }
            } else {
                store::SourceRow {
                    etag,
                    last_modified,
                    body_hash: Some(body_hash),
                    next_fetch: 0,
                    ..stored
                }
            };
            store::source_read(&tx, &row)?;
            crash_point("store");
            tx.commit()?;
            crash_point("stored");
        }
    }
    Ok(())
}

enum Added {
    Article,
    Version,
    Nothing,
    Problem(String),
}

/// Stores an entry as a new article, a new version of one, or nothing new.
fn add_entry(
    tx: &rusqlite::Transaction,
    source_id: i64,
    entry: &feed::Entry,
    now: i64,
) -> rusqlite::Result<Added> {
    let Some(key) = &entry.key else {
        return Ok(Added::Problem(format!(
            "entry {:?} has neither a GUID nor a link: it cannot be told apart from the next",
            entry.title
        )));
    };
    if entry.text.trim().is_empty() && entry.title.trim().is_empty() {
        return Ok(Added::Problem(format!(
            "entry {key}: empty, no title and no text"
        )));
    }
    let link = identity::canonical_link(&entry.link);
    // The page a link lands on names its article, unless it is a site's front
    // page (a paywall or consent wall sends every story there).
    let landed = entry
        .page
        .as_ref()
        .and_then(|(url, _)| identity::canonical_link(url))
        .filter(|l| l.trim_end_matches('/').contains('/'));
    let known = known_article(tx, key, [&link, &landed])?;
    let content = version_hash(&entry.title, &entry.text);
    let raw = entry.page.as_ref().map_or(&content, |(_, raw)| raw);
    let (id, number, kind, added) = match known {
        None => {
            tx.execute(
                "INSERT INTO articles (key, source_id, url, first_seen) VALUES (?1, ?2, ?3, ?4)",
                params![key, source_id, entry.link, now],
            )?;
            (tx.last_insert_rowid(), 1, "first", Added::Article)
        }
        Some(id) => {
            let Some(latest) = store::latest(tx, id)? else {
                return Ok(Added::Problem(format!(
                    "article {key} has no stored version (was the database edited?)"
                )));
            };
            // The same text, or the same page bytes (and headline) whatever
            // another extractor would make of them.
            if latest.text_hash == content || latest.raw_hash == *raw {
                add_aliases(tx, id, [Some(key), link.as_ref(), landed.as_ref()])?;
                return Ok(Added::Nothing);
            }
            let trusted_len = latest.trusted.as_ref().map_or(0, |(_, t)| t.len());
            let kind = if trusted_len >= SUSPECT_MIN_BYTES
                && (entry.text.len() as f64) < SUSPECT_SHARE * trusted_len as f64
            {
                "suspect"
            } else if store::had_text(tx, id, &content)? {
                "revert"
            } else {
                "edit"
            };
            (id, latest.number + 1, kind, Added::Version)
        }
    };
    tx.execute(
        "INSERT INTO versions (article_id, number, kind, title, text, text_hash, raw_hash,
         extractor, seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            number,
            kind,
            entry.title,
            entry.text,
            content,
            raw,
            entry.extractor,
            now
        ],
    )?;
    add_aliases(tx, id, [Some(key), link.as_ref(), landed.as_ref()])?;
    Ok(added)
}

/// The article stored under `key`, or under one of `links` (canonical) as its
/// key or an alias.
pub(crate) fn known_article<const N: usize>(
    conn: &Connection,
    key: &str,
    links: [&Option<String>; N],
) -> rusqlite::Result<Option<i64>> {
    if let Some(id) = store::article_id(conn, key)? {
        return Ok(Some(id));
    }
    for link in links.into_iter().flatten() {
        if let Some(id) = store::article_id(conn, link)? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Records `names` (an entry's key, link and landing page) as aliases of article
/// `id`, but for its own key.
fn add_aliases<const N: usize>(
    tx: &rusqlite::Transaction,
    id: i64,
    names: [Option<&String>; N],
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO aliases (url, article_id)
         SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE key = ?1)",
    )?;
    for name in names.into_iter().flatten() {
        insert.execute(params![name, id])?;
    }
    Ok(())
}

/// What makes two versions the same: headline and text.
pub(crate) fn version_hash(title: &str, text: &str) -> String {
    source::hash_hex(format!("{title}\u{1f}{text}").as_bytes())
}

/// Ends the process at once, as `kill -9` would, when `DUPDRIFT_CRASH_AT` names
/// this point: the crash tests stop a run exactly between a read, a commit and a
/// rename. Reading one variable is all it costs otherwise.
pub(crate) fn crash_point(name: &str) {
    if std::env::var_os("DUPDRIFT_CRASH_AT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}
