//! A watch run's report: the scan's stages over the versions filed since the last
//! report and the stored versions the index proposes for them (and each edit
//! against the version before), the rows of the new versions no run reported
//! before, written to `runs/<UTC time>/` through a hidden folder renamed into place.

use super::{index, Config, Summary};
use crate::align::cluster::cluster;
use crate::align::{align, AlignParams, TermStats};
use crate::analyze::{analyze_batch, Depth};
use crate::article::Article;
use crate::document::Document;
use crate::drift::findings_of;
use crate::neardup::lsh::Banding;
use crate::neardup::sketch::Sketcher;
use crate::neardup::{find_pairs, Search, DEFAULT_LISTED_GROUP};
use anyhow::Context;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The report files of a run and the columns that make a row the same finding
/// in a later run (a text column stands for the text it names or spans).
const FILES: &[(&str, &[&str])] = &[
    ("documents.csv", &["doc_id", "#version"]),
    ("pairs.csv", &["doc_a", "doc_b"]),
    ("alignments.csv", &["doc_a", "doc_b", "#span_a", "#span_b"]),
    ("passages.csv", &["doc_id", "text"]),
    (
        "drift.csv",
        &[
            "doc_a",
            "doc_b",
            "kind",
            "evidence_a",
            "evidence_b",
            "text_a",
            "text_b",
        ],
    ),
];

/// Settles runs an interrupted process left `writing`: a run whose folder is in
/// place was reported; one whose folder is not never was, and its findings are
/// forgotten so that this run reports them.
pub fn settle(conn: &Connection, runs: &Path) -> anyhow::Result<()> {
    let pending: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM runs WHERE state = 'writing'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name) in pending {
        if runs.join(&name).is_dir() {
            conn.execute("UPDATE runs SET state = 'done' WHERE id = ?1", [id])?;
        } else {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            conn.execute("DELETE FROM findings WHERE run_id = ?1", [id])?;
            conn.execute(
                "UPDATE versions SET reported_in = NULL WHERE reported_in = ?1",
                [id],
            )?;
            conn.execute("DELETE FROM runs WHERE id = ?1", [id])?;
            conn.execute_batch("COMMIT")?;
        }
    }
    if let Ok(entries) = std::fs::read_dir(runs) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours =
                name.starts_with(".staging-") || (name.starts_with('.') && name.ends_with(".tmp"));
            if ours && e.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(e.path())
                    .with_context(|| format!("cannot remove {}", e.path().display()))?;
            }
        }
    }
    Ok(())
}

/// An edit of one article: the version before and the new one.
struct Edit {
    id: i64,
    key: String,
    before: (i64, String),
    after: (i64, String),
    kind: String,
    title: String,
}

/// Compares the versions filed since the last report with the stored versions
/// the index proposes for them, writes what is new, and records it as reported;
/// the run's folder, or `None` when nothing was new.
pub fn report(
    conn: &mut Connection,
    config: &Config,
    runs: &Path,
    summary: &mut Summary,
) -> anyhow::Result<Option<PathBuf>> {
    // One read transaction for all the lookups: SQLite keeps its page cache, and
    // every lookup sees the same store.
    let read = conn.transaction()?;
    let Compared {
        new_ids,
        out,
        version_rows,
        docs,
    } = compare(&read, config, runs, summary)?;
    read.commit()?;

    summary.reported = out.iter().map(|(f, _, rows)| (*f, rows.len())).collect();
    summary.reported.push(("versions.csv", version_rows.len()));
    let nothing = out.iter().all(|(_, _, rows)| rows.is_empty()) && version_rows.is_empty();
    if nothing && summary.errors.is_empty() {
        // Versions whose every row some run reported already (as a run before
        // this index did): reported with that run.
        conn.execute(
            "UPDATE versions SET reported_in = (SELECT MAX(id) FROM runs WHERE state = 'done')
             WHERE reported_in IS NULL AND indexed != 0",
            [],
        )?;
        return Ok(None);
    }
    let found = Found {
        new_ids: &new_ids,
        out: &out,
        version_rows: &version_rows,
        docs: &docs,
    };
    write(conn, config, runs, summary, found)
}

/// What [`write`] writes.
struct Found<'a> {
    new_ids: &'a [i64],
    out: &'a [(&'static str, csv::ByteRecord, Rows)],
    version_rows: &'a [VersionRow],
    docs: &'a [Document],
}

/// Rows of one report file, each with its fingerprint.
type Rows = Vec<(String, csv::ByteRecord)>;
/// A versions.csv row: its fingerprint, the version's id, the fields.
type VersionRow = (String, i64, [String; 8]);

/// What a run found that no run reported.
struct Compared {
    /// The versions compared as new.
    new_ids: Vec<i64>,
    /// Each report file's header and fresh rows, in [`FILES`] order.
    out: Vec<(&'static str, csv::ByteRecord, Rows)>,
    /// The versions.csv rows.
    version_rows: Vec<VersionRow>,
    /// The documents compared (the versions of each edit among them), for the
    /// texts of report.html.
    docs: Vec<Document>,
}

/// The scan's stages over the new versions and the stored ones proposed for
/// them, and over each unreported edit; the rows no run reported.
fn compare(
    conn: &Connection,
    config: &Config,
    runs: &Path,
    summary: &mut Summary,
) -> anyhow::Result<Compared> {
    let sketcher = Sketcher::new(config.sketch.clone());
    let new_ids = index::unreported(conn)?;
    let new = index::analyze(conn, config, &sketcher, &new_ids)?;
    let stats = index::stats_for(conn, new.iter().map(|(_, d)| d))?;
    let proposed = index::proposed(conn, config, &new, &stats)?;
    let old = index::analyze(conn, config, &sketcher, &proposed)?;
    let fresh: HashSet<String> = new.iter().map(|(v, _)| v.key.clone()).collect();
    let versions: HashMap<String, i64> = new
        .iter()
        .chain(&old)
        .map(|(v, _)| (v.key.clone(), v.number))
        .collect();
    summary.compared.0 += new.len();
    summary.compared.1 += old.len();
    let mut docs: Vec<Document> = new.into_iter().chain(old).map(|(_, d)| d).collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));

    std::fs::create_dir_all(runs).with_context(|| format!("cannot create {}", runs.display()))?;
    let staging = runs.join(format!(".staging-{}", std::process::id()));
    std::fs::create_dir_all(&staging)?;
    let banding = Banding::for_threshold(config.threshold, config.sketch.permutations)?;
    let stats = index::stats_for(conn, &docs)?;
    scan_into(
        &staging,
        &docs,
        &sketcher,
        config.threshold,
        Search::Lsh(banding),
        &stats,
    )?;
    let texts: HashMap<&str, &str> = docs.iter().map(|d| (d.id.as_str(), &*d.text)).collect();

    let mut out: Vec<(&'static str, csv::ByteRecord, Rows)> = Vec::new();
    for &(file, key) in FILES {
        let (header, rows) = fresh_rows(
            conn,
            &staging.join(file),
            file,
            key,
            &texts,
            &versions,
            Some(&fresh),
        )?;
        out.push((file, header, rows));
    }
    // Each edit against the version before it: its drift rows join drift.csv.
    let edits = edits(conn)?;
    let mut version_rows = Vec::new();
    let mut edited: Vec<Document> = Vec::new();
    for (i, edit) in edits.iter().enumerate() {
        let print = format!("versions.csv:{}@{}", edit.key, edit.after.0);
        if super::store::reported(conn, &print)? {
            continue;
        }
        let mut drift = 0;
        if edit.kind == "edit" {
            let a = format!("{}@v{}", edit.key, edit.before.0);
            let b = format!("{}@v{}", edit.key, edit.after.0);
            let pair = analyze_batch(
                vec![article(&a, &edit.before.1), article(&b, &edit.after.1)],
                config.language,
                &sketcher,
                Depth::Full,
            );
            let pair: Vec<Document> = pair.into_iter().filter_map(Result::ok).collect();
            let dir = staging.join(format!("v{i}"));
            std::fs::create_dir_all(&dir)?;
            // Two versions of one text are a corpus of their own: what one
            // changed is what the other lacks, whatever the rest of the store says.
            let stats = TermStats::of(&pair);
            scan_into(&dir, &pair, &sketcher, 1.0, Search::Exact, &stats)?;
            let t: HashMap<&str, &str> = pair.iter().map(|d| (d.id.as_str(), &*d.text)).collect();
            let (_, rows) = fresh_rows(
                conn,
                &dir.join("drift.csv"),
                "drift.csv",
                FILES[4].1,
                &t,
                &versions,
                None,
            )?;
            drift = rows.len();
            out[4].2.extend(rows);
            edited.extend(pair);
        }
        version_rows.push((
            print,
            edit.id,
            [
                edit.key.clone(),
                edit.after.0.to_string(),
                edit.kind.clone(),
                edit.before.0.to_string(),
                edit.before.1.len().to_string(),
                edit.after.1.len().to_string(),
                drift.to_string(),
                edit.title.clone(),
            ],
        ));
    }
    std::fs::remove_dir_all(&staging)?;
    docs.extend(edited);
    Ok(Compared {
        new_ids,
        out,
        version_rows,
        docs,
    })
}

/// Records the rows as reported (`writing`), writes them to the run's folder
/// and renames it into place, then marks the run done.
fn write(
    conn: &mut Connection,
    config: &Config,
    runs: &Path,
    summary: &Summary,
    found: Found,
) -> anyhow::Result<Option<PathBuf>> {
    let Found {
        new_ids,
        out,
        version_rows,
        docs,
    } = found;
    let name = run_name(conn, runs, config.now)?;
    // The findings are recorded first, as `writing`: a kill before the folder is
    // renamed into place leaves them to be forgotten by the next run (settle).
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO runs (name, started_at, state) VALUES (?1, ?2, 'writing')",
        params![name, config.now],
    )?;
    let run_id = tx.last_insert_rowid();
    {
        let mut insert = tx.prepare(
            "INSERT OR IGNORE INTO findings (fingerprint, report, run_id) VALUES (?1, ?2, ?3)",
        )?;
        for (file, _, rows) in out {
            for (print, _) in rows {
                insert.execute(params![print, file, run_id])?;
            }
        }
        for (print, _, _) in version_rows {
            insert.execute(params![print, "versions.csv", run_id])?;
        }
        let mut mark = tx.prepare("UPDATE versions SET reported_in = ?2 WHERE id = ?1")?;
        for &id in new_ids
            .iter()
            .chain(version_rows.iter().map(|(_, id, _)| id))
        {
            mark.execute(params![id, run_id])?;
        }
        // Versions never filed (replaced within a run, or without words) and
        // edits some run reported already: compared as far as they will be.
        tx.execute(
            "UPDATE versions SET reported_in = ?1 WHERE reported_in IS NULL AND indexed = 2",
            [run_id],
        )?;
    }
    tx.commit()?;
    super::crash_point("recorded");

    let tmp = runs.join(format!(".{name}.tmp"));
    std::fs::create_dir_all(&tmp)?;
    for (file, header, rows) in out {
        write_rows(&tmp.join(file), header, rows.iter().map(|(_, r)| r.clone()))?;
    }
    let header = csv::ByteRecord::from(vec![
        "doc_id",
        "version",
        "kind",
        "previous_version",
        "previous_bytes",
        "bytes",
        "drift_findings",
        "title",
    ]);
    write_rows(
        &tmp.join("versions.csv"),
        &header,
        version_rows
            .iter()
            .map(|(_, _, r)| csv::ByteRecord::from(r.to_vec())),
    )?;
    crate::report::write_errors(&tmp, &summary.errors)?;
    crate::report::html::write_html(&tmp, docs, page_run(config, out, summary))?;
    sync_dir(&tmp)?;
    super::crash_point("written");
    let dir = runs.join(&name);
    std::fs::rename(&tmp, &dir)
        .with_context(|| format!("cannot move the report to {}", dir.display()))?;
    sync_dir(runs)?;
    super::crash_point("renamed");
    conn.execute("UPDATE runs SET state = 'done' WHERE id = ?1", [run_id])?;
    Ok(Some(dir))
}

/// What report.html shows of a watch run: its counts (of the rows it reports)
/// and parameters, as scan's run.json names them.
fn page_run(
    config: &Config,
    out: &[(&'static str, csv::ByteRecord, Rows)],
    summary: &Summary,
) -> serde_json::Value {
    let rows = |file: &str| {
        out.iter()
            .find(|(f, _, _)| *f == file)
            .map_or(0, |o| o.2.len())
    };
    let clusters: HashSet<&[u8]> = out
        .iter()
        .filter(|(f, _, _)| *f == "passages.csv")
        .flat_map(|(_, _, rows)| rows.iter().filter_map(|(_, r)| r.get(0)))
        .collect();
    serde_json::json!({
        "command": "watch",
        "counts": {
            "articles": rows("documents.csv"),
            "input_errors": summary.errors.len(),
            "pairs": rows("pairs.csv"),
            "alignments": rows("alignments.csv"),
            "clusters": clusters.len(),
            "drift_findings": rows("drift.csv"),
        },
        "parameters": {
            "threshold": config.threshold,
            "sketch": config.sketch,
            "lang": match config.language {
                crate::analyze::LanguageChoice::Auto => "auto",
                crate::analyze::LanguageChoice::Fixed(l) => l.code,
            },
        },
    })
}

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        ..Article::default()
    }
}

/// The scan's stages over `docs`, its reports written in `dir`.
fn scan_into(
    dir: &Path,
    docs: &[Document],
    sketcher: &Sketcher,
    threshold: f64,
    search: Search,
    stats: &TermStats,
) -> anyhow::Result<()> {
    let pairs = find_pairs(docs, sketcher, threshold, search, DEFAULT_LISTED_GROUP)?;
    let alignments = align(docs, stats, &AlignParams::default())?;
    let (clusters, cluster_ids) = cluster(docs, &alignments, 2);
    let drift = findings_of(docs, &alignments);
    crate::report::write_documents(dir, docs)?;
    crate::report::write_pairs(dir, docs, &pairs.pairs)?;
    crate::report::write_alignments(dir, docs, &alignments, &cluster_ids)?;
    crate::report::write_passages(dir, docs, &clusters)?;
    crate::report::write_drift(dir, docs, &alignments, &drift)?;
    Ok(())
}

/// The header and the rows of the report `path` that no run reported, each with
/// its fingerprint; with `fresh`, only the rows of those documents (for
/// passages.csv, of the clusters one of them is in).
fn fresh_rows(
    conn: &Connection,
    path: &Path,
    file: &str,
    key: &[&str],
    texts: &HashMap<&str, &str>,
    versions: &HashMap<String, i64>,
    fresh: Option<&HashSet<String>>,
) -> anyhow::Result<(csv::ByteRecord, Rows)> {
    let mut reader = csv::Reader::from_path(path)?;
    let header = reader.byte_headers()?.clone();
    let column = |name: &str| header.iter().position(|h| h == name.as_bytes());
    let records: Vec<csv::ByteRecord> = reader.byte_records().collect::<Result<_, _>>()?;
    let field_of = |record: &csv::ByteRecord, name: &str| {
        column(name)
            .and_then(|i| record.get(i))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    let is_fresh = |record: &csv::ByteRecord| match fresh {
        None => true,
        Some(fresh) => ["doc_id", "doc_a", "doc_b"]
            .iter()
            .any(|c| fresh.contains(&field_of(record, c))),
    };
    let passages = file == "passages.csv";
    let fresh_clusters: HashSet<String> = records
        .iter()
        .filter(|r| passages && is_fresh(r))
        .map(|r| field_of(r, "cluster_id"))
        .collect();
    let mut rows = Vec::new();
    for record in records {
        let keep = if passages {
            fresh.is_none() || fresh_clusters.contains(&field_of(&record, "cluster_id"))
        } else {
            is_fresh(&record)
        };
        if !keep {
            continue;
        }
        let field = |name: &str| field_of(&record, name);
        let mut values = Vec::with_capacity(key.len());
        for &k in key {
            values.push(match k {
                "#version" => versions
                    .get(&field("doc_id"))
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
                "#span_a" | "#span_b" => {
                    let side = &k[6..];
                    let text = texts
                        .get(field(&format!("doc_{side}")).as_str())
                        .copied()
                        .unwrap_or("");
                    let start: usize = field(&format!("start_{side}")).parse().unwrap_or(0);
                    let end: usize = field(&format!("end_{side}")).parse().unwrap_or(0);
                    text.get(start..end).unwrap_or("").to_string()
                }
                name => field(name),
            });
        }
        let print = fingerprint(file, &values);
        if !super::store::reported(conn, &print)? {
            rows.push((print, record));
        }
    }
    Ok((header, rows))
}

/// The fingerprint of a row of `file` by its identifying `values`.
fn fingerprint(file: &str, values: &[String]) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for value in values {
        hasher.update(value.as_bytes());
        hasher.update(&[0x1f]);
    }
    format!("{file}:{:032x}", hasher.digest128())
}

/// Whether some version was stored but never reported: a run was stopped
/// between the two.
pub fn unreported_versions(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE reported_in IS NULL)",
        [],
        |r| r.get(0),
    )
}

fn write_rows(
    path: &Path,
    header: &csv::ByteRecord,
    rows: impl Iterator<Item = csv::ByteRecord>,
) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    w.write_byte_record(header)?;
    for r in rows {
        w.write_byte_record(&r)?;
    }
    let file = w
        .into_inner()
        .map_err(|e| e.into_error())?
        .into_inner()
        .map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(())
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Every version after an article's first that no run reported, with the
/// trusted version before it.
fn edits(conn: &Connection) -> rusqlite::Result<Vec<Edit>> {
    conn.prepare(
        "SELECT a.key, v.number, v.text, v.kind, v.title, p.number, p.text, v.id
         FROM versions v JOIN articles a ON a.id = v.article_id
         JOIN versions p ON p.id = (SELECT id FROM versions WHERE article_id = v.article_id
                                    AND number < v.number AND kind != 'suspect'
                                    ORDER BY number DESC LIMIT 1)
         WHERE v.number > 1 AND v.reported_in IS NULL ORDER BY a.key, v.number",
    )?
    .query_map([], |r| {
        Ok(Edit {
            key: r.get(0)?,
            after: (r.get(1)?, r.get(2)?),
            kind: r.get(3)?,
            title: r.get(4)?,
            before: (r.get(5)?, r.get(6)?),
            id: r.get(7)?,
        })
    })?
    .collect()
}

/// `YYYYMMDDTHHMMSSZ` of `now`, with `-2`, `-3`… when a run of that second exists.
fn run_name(conn: &Connection, runs: &Path, now: i64) -> anyhow::Result<String> {
    let base = chrono::DateTime::from_timestamp(now, 0)
        .context("the run's time is out of range")?
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut name = base.clone();
    for n in 2.. {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM runs WHERE name = ?1)",
            [&name],
            |r| r.get(0),
        )?;
        if !taken && !runs.join(&name).exists() {
            break;
        }
        name = format!("{base}-{n}");
    }
    Ok(name)
}
