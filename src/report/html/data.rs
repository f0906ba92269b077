//! What `report.html` shows, read back from the CSV reports of its directory (so
//! the page shows what the files hold, row for row) with the articles' texts and
//! links from the documents in memory, as the JSON the page's script reads.
//!
//! Offsets in the JSON count UTF-16 code units, as JavaScript indexes strings; the
//! CSV files count bytes.

use crate::document::Document;
use crate::error::Result;
use ahash::AHashMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Rows of a list past which the page shows the first ones (the most severe
/// findings, the largest clusters) and says so; the CSV files hold them all. With
/// the text budgets they keep the page near 10 MB at most, and quick to open.
pub const MAX_FINDINGS: usize = 10_000;
/// See [`MAX_FINDINGS`].
pub const MAX_PAIRS: usize = 5_000;
/// See [`MAX_FINDINGS`].
pub const MAX_CLUSTERS: usize = 2_000;
/// Bytes of article text embedded, for the article view and the diffs: the texts
/// of the articles that findings, passages and pairs name, in that order of need,
/// until this budget is spent.
pub const TEXT_BUDGET: usize = 4 << 20;
/// Bytes of passage text carried for passages whose article's text is not
/// embedded; past it a passage is shown by its place alone.
pub const PASSAGE_BUDGET: usize = 1 << 20;
/// Bytes of the aligned sentences findings carry whose article's text is not
/// embedded; past it the page holds fewer findings.
pub const SENTENCE_BUDGET: usize = 3 << 20;

/// Everything the page shows.
#[derive(Debug, Serialize)]
pub struct Data {
    /// `run.json` without its timings (the page is the same bytes for one input).
    pub run: serde_json::Value,
    /// Drift kinds present, most frequent first.
    pub kinds: Vec<String>,
    /// The articles the lists name (no others), sorted by id; the lists refer to
    /// them by index.
    pub docs: Vec<Doc>,
    /// `drift.csv`, most severe first (at most [`MAX_FINDINGS`]).
    pub findings: Vec<Finding>,
    /// Rows of `drift.csv` in all.
    pub findings_total: usize,
    /// `passages.csv` as clusters, largest first (at most [`MAX_CLUSTERS`]).
    pub clusters: Vec<Cluster>,
    /// Clusters in all.
    pub clusters_total: usize,
    /// `pairs.csv`, in its order (at most [`MAX_PAIRS`]).
    pub pairs: Vec<Pair>,
    /// Rows of `pairs.csv` in all.
    pub pairs_total: usize,
}

/// One article.
#[derive(Debug, Serialize)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub source: String,
    pub lang: String,
    /// Its `url` when it is an http(s) address; empty otherwise (never a link).
    pub url: String,
    /// Its text, when within [`TEXT_BUDGET`].
    pub text: Option<String>,
}

/// One row of `drift.csv`.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// The two articles (indexes into `docs`).
    pub a: usize,
    pub b: usize,
    /// Where the aligned sentences start in their articles, and their lengths.
    pub start_a: usize,
    pub start_b: usize,
    pub len_a: usize,
    pub len_b: usize,
    /// The sentences, unless their article's text is embedded (then a slice of it).
    pub text_a: Option<String>,
    pub text_b: Option<String>,
    /// Index into `kinds`.
    pub kind: usize,
    pub severity: f64,
    /// Evidence spans within `text_a` / `text_b`.
    pub evidence_a: Vec<(usize, usize)>,
    pub evidence_b: Vec<(usize, usize)>,
    pub explanation: String,
    pub counterpart: f64,
}

/// A passage cluster: its members as (article, start, end, text), the text only
/// where the article's is not embedded, within [`PASSAGE_BUDGET`].
#[derive(Debug, Serialize)]
pub struct Cluster {
    pub id: usize,
    /// Distinct articles among the members (one may hold two of them).
    pub docs: usize,
    pub members: Vec<(usize, usize, usize, Option<String>)>,
}

/// One row of `pairs.csv`: the two articles, Jaccard, and containments.
#[derive(Debug, Serialize)]
pub struct Pair(usize, usize, f64, f64, f64);

#[derive(Deserialize)]
struct DocumentRow {
    doc_id: String,
    source: String,
    title: String,
    lang: String,
}

#[derive(Deserialize)]
struct DriftRow {
    doc_a: String,
    start_a: usize,
    doc_b: String,
    start_b: usize,
    kind: String,
    severity: f64,
    text_a: String,
    text_b: String,
    explanation: String,
    evidence_spans_a: String,
    evidence_spans_b: String,
    counterpart: f64,
}

#[derive(Deserialize)]
struct PassageRow {
    cluster_id: usize,
    doc_id: String,
    start: usize,
    end: usize,
    docs_in_cluster: usize,
    text: String,
}

#[derive(Deserialize)]
struct PairRow {
    doc_a: String,
    doc_b: String,
    jaccard: f64,
    containment_a: f64,
    containment_b: f64,
}

fn rows<R: for<'de> Deserialize<'de>>(dir: &Path, name: &str) -> Result<Vec<R>> {
    let path = dir.join(name);
    if !path.exists() {
        return Ok(Vec::new()); // `--stages pairs` writes no passages or drift
    }
    let mut reader = csv::Reader::from_path(path)?;
    Ok(reader
        .deserialize()
        .collect::<std::result::Result<_, _>>()?)
}

/// The UTF-16 offset of byte offset `at` of `text` (clamped to the text, and to a
/// character boundary).
pub fn utf16_at(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].encode_utf16().count()
}

/// Byte offsets of one text to UTF-16 offsets, each read from the nearest
/// checkpoint before it instead of from the text's start: an article of a
/// megabyte with thousands of findings would otherwise be read thousands of times.
struct Utf16Index<'a> {
    text: &'a str,
    /// (byte, UTF-16 offset) every [`Utf16Index::STEP`] bytes or so, at character
    /// boundaries; empty for ASCII, where the two offsets are the same.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> Utf16Index<'a> {
    const STEP: usize = 256;

    fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut byte, mut units) = (0, 0);
            checkpoints.push((0, 0));
            for (i, _) in text.char_indices() {
                if i >= byte + Self::STEP {
                    units += text[byte..i].encode_utf16().count();
                    byte = i;
                    checkpoints.push((byte, units));
                }
            }
        }
        Utf16Index { text, checkpoints }
    }

    fn at(&self, at: usize) -> usize {
        if self.checkpoints.is_empty() {
            return at.min(self.text.len());
        }
        let k = self.checkpoints.partition_point(|&(b, _)| b <= at) - 1;
        let (byte, units) = self.checkpoints[k];
        units + utf16_at(&self.text[byte..], at - byte)
    }
}

/// Spans `start-end;…` of a drift row, made relative to the sentence at `base`
/// and counted in UTF-16 units of `sentence`.
fn spans(cell: &str, base: usize, sentence: &str) -> Vec<(usize, usize)> {
    cell.split(';')
        .filter_map(|s| {
            let (x, y) = s.split_once('-')?;
            let (x, y) = (x.parse::<usize>().ok()?, y.parse::<usize>().ok()?);
            let rel = |v: usize| utf16_at(sentence, v.saturating_sub(base));
            Some((rel(x), rel(y)))
        })
        .collect()
}

/// Characters of a title or an outlet's name the page shows.
const MAX_LABEL: usize = 300;

/// `s` cut to [`MAX_LABEL`] characters, an ellipsis marking the cut: a title is a
/// line, and a hostile one of megabytes would fill the page.
fn shortened(s: String) -> String {
    match s.char_indices().nth(MAX_LABEL) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

/// Only an http(s) address becomes a link.
fn web_address(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if web && !url.chars().any(char::is_control) {
        url.trim().to_string()
    } else {
        String::new()
    }
}

/// Reads `name` in `dir`, keeping what `keep` makes of each row.
fn kept<R, T>(dir: &Path, name: &str, keep: impl FnMut(R) -> Option<T>) -> Result<Vec<T>>
where
    R: for<'de> Deserialize<'de>,
{
    Ok(rows::<R>(dir, name)?.into_iter().filter_map(keep).collect())
}

impl Data {
    /// The reports in `dir` (written by a run over `docs`) and `run`, its
    /// `run.json` value.
    pub fn read(dir: &Path, docs: &[Document], mut run: serde_json::Value) -> Result<Data> {
        // Timings and the thread count change from run to run, the page must not.
        if let Some(run) = run.as_object_mut() {
            run.remove("timings_seconds");
            if let Some(p) = run.get_mut("parameters").and_then(|p| p.as_object_mut()) {
                p.remove("threads");
            }
        }
        let by_id: AHashMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
        let mut drift: Vec<DriftRow> = rows(dir, super::super::DRIFT)?;
        let findings_total = drift.len();
        // The most severe first, drift.csv's order among equals.
        drift.sort_by(|x, y| y.severity.total_cmp(&x.severity));
        let passages: Vec<PassageRow> = rows(dir, super::super::PASSAGES)?;
        let mut pairs: Vec<PairRow> = rows(dir, super::super::PAIRS)?;
        let pairs_total = pairs.len();
        pairs.truncate(MAX_PAIRS);

        // Clusters, largest first, as runs of passages.csv (sorted by cluster).
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, p) in passages.iter().enumerate() {
            match runs.last_mut() {
                Some(r) if passages[r.start].cluster_id == p.cluster_id => r.end = i + 1,
                _ => runs.push(i..i + 1),
            }
        }
        runs.sort_by(|x, y| y.len().cmp(&x.len()).then(x.start.cmp(&y.start)));
        let clusters_total = runs.len();
        runs.truncate(MAX_CLUSTERS);

        // The articles the lists name, sorted by id, and which carry their text:
        // those findings name first, then passages, then pairs, within the budget.
        let drift = &drift[..drift.len().min(MAX_FINDINGS)];
        let named: Vec<&str> = drift
            .iter()
            .flat_map(|r| [r.doc_a.as_str(), r.doc_b.as_str()])
            .chain(
                runs.iter()
                    .flat_map(|r| passages[r.clone()].iter().map(|p| p.doc_id.as_str())),
            )
            .chain(
                pairs
                    .iter()
                    .flat_map(|r| [r.doc_a.as_str(), r.doc_b.as_str()]),
            )
            .collect();
        let mut embedded: AHashMap<&str, bool> = AHashMap::new();
        let mut spent = 0;
        for &id in &named {
            let fits = by_id
                .get(id)
                .is_some_and(|d| spent + d.text.len() <= TEXT_BUDGET);
            let entry = embedded.entry(id).or_insert(false);
            if fits && !*entry {
                *entry = true;
                spent += by_id[id].text.len();
            }
        }
        let mut ids: Vec<&str> = embedded.keys().copied().collect();
        ids.sort_unstable();
        let index: AHashMap<&str, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        let carries = |id: &str| embedded.get(id).copied().unwrap_or(false);
        // An offset into an article, in UTF-16 units where its text is known.
        let indexes: AHashMap<&str, Utf16Index> = ids
            .iter()
            .filter_map(|&id| Some((id, Utf16Index::new(&by_id.get(id)?.text))))
            .collect();
        let offset = |id: &str, at: usize| indexes.get(id).map_or(at, |x| x.at(at));
        // A sentence or passage travels once: inside its article's text when
        // that is embedded, else on its own.
        let own = |id: &str, text: &str| (!carries(id)).then(|| text.to_string());

        let mut kinds: Vec<(String, usize)> = Vec::new();
        for r in drift {
            match kinds.iter_mut().find(|(k, _)| *k == r.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((r.kind.clone(), 1)),
            }
        }
        kinds.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let kind_at = |kind: &str| kinds.iter().position(|(k, _)| k == kind).unwrap_or(0);
        // The sentences findings carry on their own count against a budget too:
        // past it the page holds fewer findings (the most severe ones).
        let mut carried = 0;
        let findings: Vec<Finding> = drift
            .iter()
            .take_while(|r| {
                carried += [(&r.doc_a, &r.text_a), (&r.doc_b, &r.text_b)]
                    .iter()
                    .filter(|(id, _)| !carries(id))
                    .map(|(_, t)| t.len())
                    .sum::<usize>();
                carried <= SENTENCE_BUDGET
            })
            .map(|r| Finding {
                a: index[r.doc_a.as_str()],
                b: index[r.doc_b.as_str()],
                start_a: offset(&r.doc_a, r.start_a),
                start_b: offset(&r.doc_b, r.start_b),
                len_a: r.text_a.encode_utf16().count(),
                len_b: r.text_b.encode_utf16().count(),
                text_a: own(&r.doc_a, &r.text_a),
                text_b: own(&r.doc_b, &r.text_b),
                evidence_a: spans(&r.evidence_spans_a, r.start_a, &r.text_a),
                evidence_b: spans(&r.evidence_spans_b, r.start_b, &r.text_b),
                kind: kind_at(&r.kind),
                severity: r.severity,
                explanation: r.explanation.clone(),
                counterpart: r.counterpart,
            })
            .collect();
        let mut carried = 0;
        let clusters: Vec<Cluster> = runs
            .iter()
            .map(|r| Cluster {
                id: passages[r.start].cluster_id,
                docs: passages[r.start].docs_in_cluster,
                members: passages[r.clone()]
                    .iter()
                    .map(|p| {
                        let id = p.doc_id.as_str();
                        let (s, e) = (offset(id, p.start), offset(id, p.end));
                        let text = own(id, &p.text).filter(|t| {
                            carried += t.len();
                            carried <= PASSAGE_BUDGET
                        });
                        (index[id], s, e, text)
                    })
                    .collect(),
            })
            .collect();
        let pairs = pairs
            .iter()
            .map(|r| {
                Pair(
                    index[r.doc_a.as_str()],
                    index[r.doc_b.as_str()],
                    r.jaccard,
                    r.containment_a,
                    r.containment_b,
                )
            })
            .collect();

        let rows: AHashMap<String, DocumentRow> =
            kept(dir, super::super::DOCUMENTS, |r: DocumentRow| {
                index
                    .contains_key(r.doc_id.as_str())
                    .then(|| (r.doc_id.clone(), r))
            })?
            .into_iter()
            .collect();
        let docs = ids
            .iter()
            .map(|&id| {
                let row = rows.get(id);
                let doc = by_id.get(id);
                let field =
                    |f: fn(&DocumentRow) -> &String| row.map(f).cloned().unwrap_or_default();
                Doc {
                    id: id.to_string(),
                    title: shortened(field(|r| &r.title)),
                    source: shortened(field(|r| &r.source)),
                    lang: field(|r| &r.lang),
                    url: doc.map_or(String::new(), |d| web_address(&d.url)),
                    text: doc.filter(|_| carries(id)).map(|d| d.text.to_string()),
                }
            })
            .collect();
        Ok(Data {
            run,
            kinds: kinds.into_iter().map(|(k, _)| k).collect(),
            docs,
            findings,
            findings_total,
            clusters,
            clusters_total,
            pairs,
            pairs_total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "Köln 😀 said";
        assert_eq!(utf16_at(text, 0), 0);
        assert_eq!(utf16_at(text, "Köln ".len()), 5);
        assert_eq!(utf16_at(text, "Köln 😀 ".len()), 8);
        // Inside a character: its start; past the end: the end.
        assert_eq!(utf16_at(text, 2), 1);
        assert_eq!(utf16_at(text, 999), text.encode_utf16().count());
        // The emoji (bytes 6..10, two units) and "said" (bytes 11..15).
        let base = 100;
        assert_eq!(
            spans("106-110;111-115", base, "Köln 😀 said"),
            vec![(5, 7), (8, 12)]
        );
    }

    #[test]
    fn the_index_gives_the_offsets_a_scan_from_the_start_gives() {
        let text = "Zürich 😀 – a, ".repeat(200) + &"plain ascii ".repeat(50);
        let index = Utf16Index::new(&text);
        assert!(index.checkpoints.len() > 10);
        for at in (0..text.len() + 3).step_by(7).chain([text.len()]) {
            assert_eq!(index.at(at), utf16_at(&text, at), "byte {at}");
        }
        let ascii = "plain ascii text";
        assert_eq!(Utf16Index::new(ascii).at(6), 6);
        assert_eq!(Utf16Index::new(ascii).at(99), ascii.len());
    }

    #[test]
    fn long_titles_are_cut_at_a_character() {
        assert_eq!(shortened("Short".into()), "Short");
        let long = "é".repeat(MAX_LABEL + 5);
        let cut = shortened(long);
        assert_eq!(cut.chars().count(), MAX_LABEL + 1);
        assert!(cut.ends_with("é…"));
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_address(" https://example.org/a "),
            "https://example.org/a"
        );
        assert_eq!(web_address("HTTP://x.org"), "HTTP://x.org");
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil",
            "https://x\n.org",
        ] {
            assert_eq!(web_address(bad), "", "{bad}");
        }
    }
}
