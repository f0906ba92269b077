//! The watch index: one SQLite file, readable with `sqlite3`, its schema versioned
//! by `PRAGMA user_version` and brought up to date by [`MIGRATIONS`] when opened.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;

/// Each step takes the schema from version `i` to `i + 1`; never edit one that has
/// shipped, add the next.
pub const MIGRATIONS: &[&str] = &[
    // 1: sources, articles and their versions.
    "CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        spec          TEXT NOT NULL UNIQUE,   -- the SOURCE as given: URL or path
        outlet        TEXT NOT NULL,
        etag          TEXT,                   -- validators exactly as served
        last_modified TEXT,
        body_hash     TEXT,                   -- of the last body read
        failures      INTEGER NOT NULL DEFAULT 0,
        next_fetch    INTEGER NOT NULL DEFAULT 0  -- unix seconds
    );
    CREATE TABLE articles (
        id         INTEGER PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,      -- the entry's GUID or canonical link
        source_id  INTEGER NOT NULL REFERENCES sources(id),
        url        TEXT NOT NULL,
        first_seen INTEGER NOT NULL
    );
    CREATE TABLE versions (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        number     INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('first', 'edit', 'revert', 'suspect')),
        title      TEXT NOT NULL,
        text       TEXT NOT NULL,
        text_hash  TEXT NOT NULL,
        raw_hash   TEXT NOT NULL,         -- of what it was made from (now: as text_hash)
        extractor  TEXT NOT NULL,
        seen_at    INTEGER NOT NULL,
        UNIQUE (article_id, number)
    );",
    // 2: runs and the findings each reported, so that none is reported twice.
    "CREATE TABLE aliases (
        url        TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    CREATE TABLE runs (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,      -- its folder under runs/
        started_at INTEGER NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('writing', 'done'))
    );
    CREATE TABLE findings (
        fingerprint TEXT PRIMARY KEY,
        report      TEXT NOT NULL,            -- the CSV file the row went to
        run_id      INTEGER NOT NULL REFERENCES runs(id)
    );",
    // 3: the comparison index (see `watch::index`), so that a run compares only
    // the versions it brought with those they may match.
    "CREATE TABLE entries (                   -- with --fetch-pages: each feed's entries
        source_id INTEGER NOT NULL REFERENCES sources(id),
        key       TEXT NOT NULL,
        hash      TEXT NOT NULL,              -- of the headline and text the feed gave
        failures  INTEGER NOT NULL DEFAULT 0, -- reads of its page failed in a row
        PRIMARY KEY (source_id, key)
    ) WITHOUT ROWID;
    ALTER TABLE versions ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
        -- 0: not filed yet; 1: filed (the article's current version); 2: never
        -- to be (suspect, replaced) or no longer
    ALTER TABLE versions ADD COLUMN reported_in INTEGER REFERENCES runs(id);
        -- the run whose documents.csv holds it
    CREATE INDEX versions_waiting ON versions (id) WHERE indexed = 0;
    CREATE INDEX versions_unreported ON versions (id) WHERE reported_in IS NULL;
    CREATE INDEX versions_filed ON versions (article_id) WHERE indexed = 1;
    CREATE TABLE bands (                      -- LSH band keys of filed versions
        key        INTEGER NOT NULL,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        PRIMARY KEY (key, version_id)
    ) WITHOUT ROWID;
    CREATE TABLE sentence_keys (              -- rare term pairs of their sentences
        key        INTEGER NOT NULL,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        PRIMARY KEY (key, version_id)
    ) WITHOUT ROWID;
    CREATE TABLE terms (                      -- sentences of filed versions holding
        term      INTEGER PRIMARY KEY,        -- each term (its hash)
        sentences INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE corpus (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        sentences INTEGER NOT NULL,           -- of filed versions
        settings  TEXT NOT NULL               -- what the keys were made with
    );
    -- Versions an earlier run reported, as far as the runs tell.
    CREATE INDEX runs_done ON runs (started_at, id) WHERE state = 'done';
    UPDATE versions SET reported_in = (SELECT id FROM runs WHERE state = 'done'
        AND started_at >= versions.seen_at ORDER BY started_at, id LIMIT 1);",
];

/// Opens (creating if missing) the database at `path` in WAL mode and migrates it.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MB of page cache (the default is 2 MB): the index lookups of a run touch
    // pages all over the key tables.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    migrate(&conn)?;
    Ok(conn)
}

/// The schema version of `conn`.
pub fn version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .map(|v| v as usize)
}

/// Runs the migrations `conn` has not had, each in its own transaction.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let from = version(conn)?;
    if from > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the database has schema version {from}, newer than this dupdrift knows ({})",
            MIGRATIONS.len()
        )));
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from) {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {step}; PRAGMA user_version = {}; COMMIT;",
            i + 1
        ))?;
    }
    Ok(())
}

/// What the store holds of one source.
#[derive(Debug, Clone, Default)]
pub struct SourceRow {
    /// Its row id.
    pub id: i64,
    /// `ETag` as last served.
    pub etag: Option<String>,
    /// `Last-Modified` as last served.
    pub last_modified: Option<String>,
    /// Hash of the last body read.
    pub body_hash: Option<String>,
    /// Failed reads in a row.
    pub failures: i64,
    /// Unix seconds before which it is not read again.
    pub next_fetch: i64,
}

/// The source `spec`, added with `outlet` if new.
pub fn source(conn: &Connection, spec: &str, outlet: &str) -> rusqlite::Result<SourceRow> {
    conn.execute(
        "INSERT INTO sources (spec, outlet) VALUES (?1, ?2)
         ON CONFLICT (spec) DO UPDATE SET outlet = excluded.outlet",
        params![spec, outlet],
    )?;
    conn.query_row(
        "SELECT id, etag, last_modified, body_hash, failures, next_fetch
         FROM sources WHERE spec = ?1",
        [spec],
        |r| {
            Ok(SourceRow {
                id: r.get(0)?,
                etag: r.get(1)?,
                last_modified: r.get(2)?,
                body_hash: r.get(3)?,
                failures: r.get(4)?,
                next_fetch: r.get(5)?,
            })
        },
    )
}

/// Records a successful read of a source: its validators and body, in the
/// transaction that stores the entries they produced.
pub fn source_read(tx: &Transaction, s: &SourceRow) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE sources SET etag = ?2, last_modified = ?3, body_hash = ?4, failures = 0,
         next_fetch = ?5 WHERE id = ?1",
        params![s.id, s.etag, s.last_modified, s.body_hash, s.next_fetch],
    )?;
    Ok(())
}

/// Records a failed read of a source and when to try it next.
pub fn source_failed(conn: &Connection, id: i64, next_fetch: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sources SET failures = failures + 1, next_fetch = ?2 WHERE id = ?1",
        params![id, next_fetch],
    )?;
    Ok(())
}

/// Records that a source answered with nothing new: its failures are over.
pub fn source_answered(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sources SET failures = 0, next_fetch = 0 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Records that a source asked to be left alone until `next_fetch`; no failure.
pub fn source_deferred(conn: &Connection, id: i64, next_fetch: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sources SET next_fetch = ?2 WHERE id = ?1",
        params![id, next_fetch],
    )?;
    Ok(())
}

/// The newest version of an article, and the newest that is not `suspect`.
#[derive(Debug, Clone)]
pub struct Latest {
    /// The newest version's number (from 1).
    pub number: i64,
    /// Hash of its headline and text.
    pub text_hash: String,
    /// Hash of what it was made from: the page's bytes, or as `text_hash`.
    pub raw_hash: String,
    /// The newest trusted version's number and text.
    pub trusted: Option<(i64, String)>,
}

/// The article stored under `key` or an alias of it.
pub fn article_id(conn: &Connection, key: &str) -> rusqlite::Result<Option<i64>> {
    let direct = conn
        .query_row("SELECT id FROM articles WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    match direct {
        Some(id) => Ok(Some(id)),
        None => conn
            .query_row(
                "SELECT article_id FROM aliases WHERE url = ?1",
                [key],
                |r| r.get(0),
            )
            .optional(),
    }
}

/// The latest versions of article `id`.
pub fn latest(conn: &Connection, id: i64) -> rusqlite::Result<Option<Latest>> {
    let newest = conn
        .query_row(
            "SELECT number, text_hash, raw_hash FROM versions
             WHERE article_id = ?1 ORDER BY number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((number, text_hash, raw_hash)) = newest else {
        return Ok(None);
    };
    let trusted = conn
        .query_row(
            "SELECT number, text FROM versions WHERE article_id = ?1 AND kind != 'suspect'
             ORDER BY number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(Some(Latest {
        number,
        text_hash,
        raw_hash,
        trusted,
    }))
}

/// The hash of entry `key` as source `source_id` last gave it, and the failed
/// reads of its page since.
pub fn entry(
    conn: &Connection,
    source_id: i64,
    key: &str,
) -> rusqlite::Result<Option<(String, i64)>> {
    conn.prepare_cached("SELECT hash, failures FROM entries WHERE source_id = ?1 AND key = ?2")?
        .query_row(params![source_id, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
}

/// Records entry `key` of source `source_id` as read: its hash and failures.
pub fn set_entry(
    tx: &Transaction,
    source_id: i64,
    key: &str,
    hash: &str,
    failures: i64,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO entries (source_id, key, hash, failures) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source_id, key) DO UPDATE SET hash = ?3, failures = ?4",
    )?
    .execute(params![source_id, key, hash, failures])?;
    Ok(())
}

/// Whether article `id` had a version with this text before.
pub fn had_text(conn: &Connection, id: i64, text_hash: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE article_id = ?1 AND text_hash = ?2)",
        params![id, text_hash],
        |r| r.get(0),
    )
}

/// Whether a finding with this fingerprint was reported (or is being reported).
pub fn reported(conn: &Connection, fingerprint: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM findings WHERE fingerprint = ?1)")?
        .query_row([fingerprint], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_of_the_previous_version_is_migrated_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            // A database as the first schema left it.
            let old = Connection::open(&path).unwrap();
            old.execute_batch(MIGRATIONS[0]).unwrap();
            old.pragma_update(None, "user_version", 1).unwrap();
            old.execute_batch(
                "INSERT INTO sources (spec, outlet) VALUES ('feed.xml', 'wire');
                 INSERT INTO articles (key, source_id, url, first_seen) VALUES ('k', 1, '', 0);
                 INSERT INTO versions (article_id, number, kind, title, text, text_hash,
                   raw_hash, extractor, seen_at) VALUES (1, 1, 'first', 't', 'x', 'h', 'h', 'e', 0);",
            )
            .unwrap();
        }
        let conn = open(&path).unwrap();
        assert_eq!(version(&conn).unwrap(), MIGRATIONS.len());
        let latest = latest(&conn, 1).unwrap().unwrap();
        assert_eq!((latest.number, latest.text_hash.as_str()), (1, "h"));
        conn.execute(
            "INSERT INTO runs (name, started_at, state) VALUES ('r', 0, 'done')",
            [],
        )
        .unwrap();
        assert!(!reported(&conn, "x").unwrap());
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_database_of_schema_2_gets_its_index_columns_and_keeps_what_was_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(MIGRATIONS[0]).unwrap();
            old.execute_batch(MIGRATIONS[1]).unwrap();
            old.pragma_update(None, "user_version", 2).unwrap();
            old.execute_batch(
                "INSERT INTO sources (spec, outlet) VALUES ('feed.xml', 'wire');
                 INSERT INTO articles (key, source_id, url, first_seen) VALUES ('k', 1, '', 0);
                 INSERT INTO versions (article_id, number, kind, title, text, text_hash,
                   raw_hash, extractor, seen_at) VALUES (1, 1, 'first', 't', 'x', 'h', 'h', 'e', 50);
                 INSERT INTO versions (article_id, number, kind, title, text, text_hash,
                   raw_hash, extractor, seen_at) VALUES (1, 2, 'edit', 't', 'y', 'i', 'i', 'e', 200);
                 INSERT INTO runs (name, started_at, state) VALUES ('r', 100, 'done');",
            )
            .unwrap();
        }
        let conn = open(&path).unwrap();
        assert_eq!(version(&conn).unwrap(), MIGRATIONS.len());
        let states: Vec<(i64, Option<i64>)> = conn
            .prepare("SELECT indexed, reported_in FROM versions ORDER BY number")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Reported by the run after it was seen; the later one waits for a run.
        assert_eq!(states, [(0, Some(1)), (0, None)]);
        assert_eq!(latest(&conn, 1).unwrap().unwrap().raw_hash, "i");
        assert_eq!(entry(&conn, 1, "k").unwrap(), None);
    }

    #[test]
    fn a_database_newer_than_this_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = open(&path).unwrap_err().to_string();
        assert!(err.contains("newer"), "{err}");
    }
}
