//! The comparison index in the store: each article's current version filed under
//! its LSH band keys and its sentences' rare term pairs, and the corpus statistics
//! (how many sentences hold each term) of those versions. A run files the versions
//! it stored, then compares only those with the stored versions the index proposes:
//! its cost follows what is new, not the size of the store.
//!
//! Keys of a version that stopped being current stay in the tables (few: edits
//! only) and are skipped by every lookup; its counts leave the statistics.

use super::Config;
use crate::align::{index_keys, TermStats, PREFIX_TERMS};
use crate::analyze::{analyze_batch, Depth};
use crate::article::Article;
use crate::document::Document;
use crate::neardup::lsh::{band_keys, Banding};
use crate::neardup::sketch::Sketcher;
use ahash::{AHashMap, AHashSet};
use anyhow::Context;
use rusqlite::{params, Connection, OptionalExtension};

/// Rarest terms of each stored sentence whose pairs are filed. New sentences are
/// looked up with all [`PREFIX_TERMS`] of theirs, as alignment pairs them; a
/// shorter prefix on the stored side keeps the table to a few keys a sentence.
pub const STORED_PREFIX_TERMS: usize = 8;

/// Versions filed in one transaction: bounds the memory of a first run over a
/// large archive.
const CHUNK: usize = 2000;

/// Sentence keys a stored version must share with one new version to be
/// proposed (one band key is enough). Two sentences align on three shared terms
/// or more, which make three pairs when they are rare on both sides; one shared
/// pair is mostly chance (the README has the figures).
const MIN_SHARED_KEYS: usize = 2;

/// Stored versions one key proposes at most: past it, the key is as common as a
/// site's boilerplate, and says nothing about which articles tell one story.
const MAX_PROPOSED: usize = 1000;

/// The settings that shape what is filed: when they change (another threshold,
/// shingle size or language, another dupdrift), the index is filed anew.
pub fn settings(config: &Config) -> String {
    let s = &config.sketch;
    format!(
        "dupdrift {} threshold {} shingles {} permutations {} seed {} lang {:?}",
        env!("CARGO_PKG_VERSION"),
        config.threshold,
        s.shingle_size,
        s.permutations,
        s.seed,
        config.language
    )
}

/// A stored version, as analysed.
pub struct Stored {
    /// Its row id.
    pub id: i64,
    /// Its article's key: the document id in reports.
    pub key: String,
    /// Its number among the article's versions.
    pub number: i64,
}

/// Files every version stored since the last run (and, when the settings changed,
/// every current version again), a chunk a transaction; the number filed.
pub fn update(conn: &mut Connection, config: &Config) -> anyhow::Result<usize> {
    update_in_chunks(conn, config, CHUNK)
}

/// [`update`], `chunk` versions a transaction.
fn update_in_chunks(conn: &mut Connection, config: &Config, chunk: usize) -> anyhow::Result<usize> {
    let settings = settings(config);
    let stored: Option<String> = conn
        .query_row("SELECT settings FROM corpus WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    if stored.as_deref() != Some(settings.as_str()) {
        let tx = conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM bands; DELETE FROM sentence_keys; DELETE FROM terms;
             UPDATE versions SET indexed = 0 WHERE indexed = 1;",
        )?;
        tx.execute(
            "INSERT INTO corpus (id, sentences, settings) VALUES (1, 0, ?1)
             ON CONFLICT (id) DO UPDATE SET sentences = 0, settings = ?1",
            [&settings],
        )?;
        tx.commit()?;
    }
    let sketcher = Sketcher::new(config.sketch.clone());
    let banding = Banding::for_threshold(config.threshold, config.sketch.permutations)?;
    let mut filed = 0;
    loop {
        let waiting: Vec<(i64, i64)> = conn
            .prepare("SELECT id, article_id FROM versions WHERE indexed = 0 ORDER BY id LIMIT ?1")?
            .query_map([chunk as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if waiting.is_empty() {
            return Ok(filed);
        }
        filed += file_chunk(conn, config, &sketcher, banding, &waiting)?;
    }
}

/// Files the current versions among `waiting` (version, article) and takes the
/// versions they replace out of the statistics; the rest are marked not filed.
fn file_chunk(
    conn: &mut Connection,
    config: &Config,
    sketcher: &Sketcher,
    banding: Banding,
    waiting: &[(i64, i64)],
) -> anyhow::Result<usize> {
    let tx = conn.transaction()?;
    let mut add = Vec::new();
    let mut remove = Vec::new();
    let articles: AHashSet<i64> = waiting.iter().map(|&(_, a)| a).collect();
    let mut articles: Vec<i64> = articles.into_iter().collect();
    articles.sort_unstable();
    for article in articles {
        let current: Option<i64> = tx
            .query_row(
                "SELECT id FROM versions WHERE article_id = ?1 AND kind != 'suspect'
                 ORDER BY number DESC LIMIT 1",
                [article],
                |r| r.get(0),
            )
            .optional()?;
        let filed: Option<i64> = tx
            .query_row(
                "SELECT id FROM versions WHERE article_id = ?1 AND indexed = 1",
                [article],
                |r| r.get(0),
            )
            .optional()?;
        if current.is_some() && current != filed {
            add.extend(current);
            remove.extend(filed);
        }
    }
    let added = analyze(&tx, config, sketcher, &add)?;
    let removed = analyze(&tx, config, sketcher, &remove)?;

    let mut delta: AHashMap<u64, i64> = AHashMap::new();
    let mut sentences = 0i64;
    for (doc, sign) in added
        .iter()
        .map(|d| (d, 1))
        .chain(removed.iter().map(|d| (d, -1)))
    {
        sentences += sign * doc.1.sentences.len() as i64;
        for s in doc.1.sentences.iter() {
            for &t in &s.terms {
                *delta.entry(t).or_default() += sign;
            }
        }
    }
    let mut delta: Vec<(u64, i64)> = delta.into_iter().filter(|&(_, d)| d != 0).collect();
    delta.sort_unstable();
    {
        let mut upsert = tx.prepare(
            "INSERT INTO terms (term, sentences) VALUES (?1, ?2)
             ON CONFLICT (term) DO UPDATE SET sentences = sentences + ?2 RETURNING sentences",
        )?;
        let mut delete = tx.prepare("DELETE FROM terms WHERE term = ?1")?;
        for (term, d) in delta {
            let left: i64 = upsert.query_row(params![term as i64, d], |r| r.get(0))?;
            if left <= 0 {
                delete.execute([term as i64])?;
            }
        }
    }
    tx.execute(
        "UPDATE corpus SET sentences = MAX(0, sentences + ?1) WHERE id = 1",
        [sentences],
    )?;
    {
        // Inserted in key order: neighbours in the B-trees, not a page each.
        let stats = stats_for(&tx, added.iter().map(|(_, d)| d))?;
        let mut bands: Vec<(i64, i64)> = Vec::new();
        let mut keys: Vec<(i64, i64)> = Vec::new();
        for (v, doc) in &added {
            bands.extend(
                band_keys(sketcher.sketch(&doc.shingles).mins(), banding)
                    .into_iter()
                    .map(|k| (k as i64, v.id)),
            );
            keys.extend(
                index_keys(doc, &stats, STORED_PREFIX_TERMS, true)
                    .into_iter()
                    .map(|k| (k as i64, v.id)),
            );
        }
        bands.sort_unstable();
        keys.sort_unstable();
        let mut insert =
            tx.prepare("INSERT OR IGNORE INTO bands (key, version_id) VALUES (?1, ?2)")?;
        for (k, v) in bands {
            insert.execute(params![k, v])?;
        }
        let mut insert =
            tx.prepare("INSERT OR IGNORE INTO sentence_keys (key, version_id) VALUES (?1, ?2)")?;
        for (k, v) in keys {
            insert.execute(params![k, v])?;
        }
    }
    {
        // A current version filed here may wait in a later chunk: it is marked
        // filed now, so that no chunk counts it twice.
        let mut mark = tx.prepare("UPDATE versions SET indexed = ?2 WHERE id = ?1")?;
        let filed: AHashSet<i64> = added.iter().map(|(v, _)| v.id).collect();
        for &(v, _) in waiting.iter().filter(|(v, _)| !filed.contains(v)) {
            mark.execute(params![v, 2])?;
        }
        for (v, _) in &removed {
            mark.execute(params![v.id, 2])?;
        }
        for &v in &filed {
            mark.execute(params![v, 1])?;
        }
    }
    super::crash_point("index");
    tx.commit()?;
    Ok(added.len())
}

/// Versions `ids` read from the store and analysed, in parallel, in id order;
/// one the analysis refuses (no words) is left out.
pub fn analyze(
    conn: &Connection,
    config: &Config,
    sketcher: &Sketcher,
    ids: &[i64],
) -> anyhow::Result<Vec<(Stored, Document)>> {
    let mut read = conn.prepare_cached(
        "SELECT a.key, s.outlet, a.url, v.title, v.text, v.number
         FROM versions v JOIN articles a ON a.id = v.article_id
         JOIN sources s ON s.id = a.source_id WHERE v.id = ?1",
    )?;
    let mut stored = Vec::with_capacity(ids.len());
    let mut articles = Vec::with_capacity(ids.len());
    for &id in ids {
        let (article, number) = read
            .query_row([id], |r| {
                Ok((
                    Article {
                        id: r.get(0)?,
                        source: r.get(1)?,
                        url: r.get(2)?,
                        title: r.get(3)?,
                        text: r.get(4)?,
                        input: r.get(0)?,
                        ..Article::default()
                    },
                    r.get(5)?,
                ))
            })
            .with_context(|| format!("cannot read version {id}"))?;
        stored.push(Stored {
            id,
            key: article.id.clone(),
            number,
        });
        articles.push(article);
    }
    let docs = analyze_batch(articles, config.language, sketcher, Depth::Full);
    Ok(stored
        .into_iter()
        .zip(docs)
        .filter_map(|(s, d)| d.ok().map(|d| (s, d)))
        .collect())
}

/// The store's statistics, as far as the terms of `docs` go: alignment reads no
/// other, so `docs` align as they would against the statistics of the whole store.
pub fn stats_for<'a>(
    conn: &Connection,
    docs: impl IntoIterator<Item = &'a Document>,
) -> anyhow::Result<TermStats> {
    let sentences: i64 = conn
        .query_row("SELECT sentences FROM corpus WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0);
    let mut terms: Vec<u64> = docs
        .into_iter()
        .flat_map(|d| d.sentences.iter().flat_map(|s| s.terms.iter().copied()))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let mut read = conn.prepare_cached("SELECT sentences FROM terms WHERE term = ?1")?;
    let mut counts = Vec::with_capacity(terms.len());
    for t in terms {
        let n: Option<i64> = read.query_row([t as i64], |r| r.get(0)).optional()?;
        if let Some(n) = n {
            counts.push((t, n.max(0) as u64));
        }
    }
    Ok(TermStats::from_counts(sentences.max(0) as u64, counts)?)
}

/// The filed versions, other than `docs`' own, that share a band key or a
/// sentence key with one of `docs`: every stored version a new one may be a
/// near-duplicate of or align with. Sorted.
pub fn proposed(
    conn: &Connection,
    config: &Config,
    docs: &[(Stored, Document)],
    stats: &TermStats,
) -> anyhow::Result<Vec<i64>> {
    let banding = Banding::for_threshold(config.threshold, config.sketch.permutations)?;
    let sketcher = Sketcher::new(config.sketch.clone());
    let own: AHashSet<i64> = docs.iter().map(|(v, _)| v.id).collect();
    // Each new document's keys: (is a band key, key).
    let keyed: Vec<Vec<(bool, u64)>> = docs
        .iter()
        .map(|(_, doc)| {
            let bands = band_keys(sketcher.sketch(&doc.shingles).mins(), banding).into_iter();
            let sentences = index_keys(doc, stats, PREFIX_TERMS, false).into_iter();
            bands
                .map(|k| (true, k))
                .chain(sentences.map(|k| (false, k)))
                .collect()
        })
        .collect();
    let mut distinct: Vec<(bool, u64)> = keyed.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let limit = MAX_PROPOSED as i64 + 1;
    let mut bands = conn.prepare_cached(
        "SELECT b.version_id FROM bands b JOIN versions v ON v.id = b.version_id
         WHERE b.key = ?1 AND v.indexed = 1 LIMIT ?2",
    )?;
    let mut sentences = conn.prepare_cached(
        "SELECT k.version_id FROM sentence_keys k JOIN versions v ON v.id = k.version_id
         WHERE k.key = ?1 AND v.indexed = 1 LIMIT ?2",
    )?;
    let mut filed: AHashMap<(bool, u64), Vec<i64>> = AHashMap::with_capacity(distinct.len());
    for (band, key) in distinct {
        let stmt = if band { &mut bands } else { &mut sentences };
        let ids: Vec<i64> = stmt
            .query_map(params![key as i64, limit], |r| r.get(0))?
            .filter(|id| id.as_ref().map_or(true, |id| !own.contains(id)))
            .collect::<rusqlite::Result<_>>()?;
        if !ids.is_empty() && ids.len() <= MAX_PROPOSED {
            filed.insert((band, key), ids);
        }
    }
    let mut out = AHashSet::new();
    let mut hits: AHashMap<i64, usize> = AHashMap::new();
    for keys in &keyed {
        hits.clear();
        for k in keys {
            for &id in filed.get(k).into_iter().flatten() {
                *hits.entry(id).or_default() += if k.0 { MIN_SHARED_KEYS } else { 1 };
            }
        }
        out.extend(
            hits.iter()
                .filter(|&(_, &n)| n >= MIN_SHARED_KEYS)
                .map(|(&id, _)| id),
        );
    }
    let mut out: Vec<i64> = out.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

/// The filed versions no run has reported yet, in id order.
pub fn unreported(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    conn.prepare("SELECT id FROM versions WHERE indexed = 1 AND reported_in IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::LanguageChoice;
    use crate::neardup::sketch::SketchParams;

    fn config() -> Config {
        Config {
            sources: Vec::new(),
            db: "unused.db".into(),
            out: ".".into(),
            now: 0,
            limits: Default::default(),
            threshold: 0.5,
            sketch: SketchParams::new(5, 128, SketchParams::DEFAULT_SEED).unwrap(),
            language: LanguageChoice::Auto,
            fetch_pages: false,
        }
    }

    /// Stores `text` as the next version of article `key` (kind by the caller).
    fn store(conn: &Connection, key: &str, kind: &str, text: &str) -> i64 {
        conn.execute(
            "INSERT OR IGNORE INTO sources (id, spec, outlet) VALUES (1, 'feed', 'wire')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT OR IGNORE INTO articles (key, source_id, url, first_seen) VALUES (?1, 1, '', 0)",
            [key],
        )
        .unwrap();
        let article: i64 = conn
            .query_row("SELECT id FROM articles WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .unwrap();
        conn.execute(
            "INSERT INTO versions (article_id, number, kind, title, text, text_hash, raw_hash,
             extractor, seen_at) VALUES (?1, (SELECT COUNT(*) + 1 FROM versions
             WHERE article_id = ?1), ?2, '', ?3, ?3, ?3, 'test', 0)",
            params![article, kind, text],
        )
        .unwrap();
        conn.last_insert_rowid()
    }

    fn stored_stats(conn: &Connection) -> TermStats {
        let sentences: i64 = conn
            .query_row("SELECT sentences FROM corpus", [], |r| r.get(0))
            .unwrap();
        let counts: Vec<(u64, u64)> = conn
            .prepare("SELECT term, sentences FROM terms")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        TermStats::from_counts(sentences as u64, counts).unwrap()
    }

    /// The filed versions, by id.
    fn filed(conn: &Connection) -> Vec<i64> {
        conn.prepare("SELECT id FROM versions WHERE indexed = 1 ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// The statistics of versions `ids`, computed afresh.
    fn stats_of(conn: &Connection, config: &Config, ids: &[i64]) -> TermStats {
        let sketcher = Sketcher::new(config.sketch.clone());
        let docs: Vec<Document> = analyze(conn, config, &sketcher, ids)
            .unwrap()
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        TermStats::of(&docs)
    }

    const A: &str = "The interior minister arrived in Brussels on Monday for two days of talks. \
        The government has already warned about security breaches at three ministries.";
    const B: &str = "The interior minister arrived in Brussels on Monday for two days of talks. \
        The government has not warned about security breaches at three ministries.";
    const C: &str = "Officials said 42 servers were taken offline last week while \
        investigators examined the attack on the ministry of finance in Prague.";

    #[test]
    fn the_statistics_are_those_of_the_current_versions_after_edits_and_stubs() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::watch::store::open(&dir.path().join("w.db")).unwrap();
        let config = config();
        store(&conn, "a", "first", A);
        store(&conn, "c", "first", C);
        assert_eq!(update(&mut conn, &config).unwrap(), 2);
        store(&conn, "a", "edit", B);
        store(&conn, "c", "suspect", "Officials said.");
        assert_eq!(update(&mut conn, &config).unwrap(), 1);
        // Two edits of one article in one run: only the newer is filed.
        let older = store(&conn, "a", "edit", C);
        let newer = store(&conn, "a", "revert", A);
        assert_eq!(update(&mut conn, &config).unwrap(), 1);

        let filed = filed(&conn);
        assert_eq!(filed.len(), 2, "one filed version an article");
        assert!(filed.contains(&newer) && !filed.contains(&older));
        assert_eq!(stored_stats(&conn), stats_of(&conn, &config, &filed));
        assert_eq!(
            update(&mut conn, &config).unwrap(),
            0,
            "nothing left to file"
        );
    }

    #[test]
    fn versions_of_one_article_in_different_chunks_are_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::watch::store::open(&dir.path().join("w.db")).unwrap();
        let config = config();
        // As a database of schema 2 leaves it: every version waiting at once.
        store(&conn, "a", "first", A);
        store(&conn, "c", "first", C);
        store(&conn, "a", "edit", B);
        store(&conn, "c", "edit", A);
        assert_eq!(update_in_chunks(&mut conn, &config, 1).unwrap(), 2);
        let filed = filed(&conn);
        assert_eq!(filed, [3, 4]);
        assert_eq!(stored_stats(&conn), stats_of(&conn, &config, &filed));
    }

    #[test]
    fn a_new_version_is_proposed_what_it_may_align_with_and_not_the_unrelated() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::watch::store::open(&dir.path().join("w.db")).unwrap();
        let config = config();
        store(&conn, "a", "first", A);
        store(&conn, "c", "first", C);
        for i in 0..30 {
            let other = format!(
                "Farmers in province {i} expect a record harvest of wheat and barley this \
                 autumn, the agriculture office said in its report number {i}."
            );
            store(&conn, &format!("x{i}"), "first", &other);
        }
        update(&mut conn, &config).unwrap();
        // A rewrite of A's second sentence in another article.
        let new = store(
            &conn,
            "n",
            "first",
            "Security breaches at three ministries: the government has already warned \
             about them, Brussels heard on Monday.",
        );
        update(&mut conn, &config).unwrap();
        let sketcher = Sketcher::new(config.sketch.clone());
        let docs = analyze(&conn, &config, &sketcher, &[new]).unwrap();
        let stats = stats_for(&conn, docs.iter().map(|(_, d)| d)).unwrap();
        let proposed = proposed(&conn, &config, &docs, &stats).unwrap();
        let keys: Vec<String> = proposed
            .iter()
            .map(|id| {
                conn.query_row(
                    "SELECT a.key FROM versions v JOIN articles a ON a.id = v.article_id
                     WHERE v.id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap()
            })
            .collect();
        assert_eq!(keys, ["a"], "{keys:?}");
    }
}
