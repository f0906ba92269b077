//! What a SOURCE is (a feed URL, a feed file, a drop folder, a JSON Lines or CSV
//! file) and reading one into entries.

use super::feed::{self, Entry};
use super::fetch::{Fetched, Fetcher};
use super::identity::canonical_link;
use crate::ingest::{self, Item};
use std::path::{Path, PathBuf};

/// One source as given on the command line or in `--sources`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The URL or path as given.
    pub spec: String,
    /// Who publishes it: given, else the URL's host or the file's stem.
    pub outlet: String,
}

impl Source {
    /// `spec` with the outlet it names, or the one its URL or path implies.
    pub fn new(spec: &str, outlet: Option<&str>) -> Source {
        let outlet = match outlet.map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => o.to_string(),
            None if is_url(spec) => canonical_link(spec)
                .and_then(|c| c.split('/').next().map(str::to_string))
                .unwrap_or_else(|| spec.to_string()),
            None => ingest_stem(Path::new(spec)),
        };
        Source {
            spec: spec.to_string(),
            outlet,
        }
    }

    /// Whether it is a feed (a URL or a feed file), not articles in a folder or a
    /// JSON Lines or CSV file.
    pub fn is_feed(&self) -> bool {
        let path = Path::new(&self.spec);
        is_url(&self.spec)
            || !(path.is_dir() || ingest::Format::of(path).is_some_and(|f| f.is_records()))
    }

    /// The sources of a `--sources` file: one a line, `SPEC [OUTLET NAME]`; blank
    /// lines and `#` comments skipped.
    pub fn list(text: &str) -> Vec<Source> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.split_once(char::is_whitespace) {
                Some((spec, outlet)) => Source::new(spec, Some(outlet)),
                None => Source::new(l, None),
            })
            .collect()
    }
}

fn is_url(spec: &str) -> bool {
    let lower = spec.get(..8).unwrap_or(spec).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn ingest_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// What reading a source gave.
#[derive(Debug)]
pub enum Read {
    /// The source is as it was: 304, or the very bytes read before.
    Unchanged,
    /// Its entries, the validators and body hash to store with them, and the
    /// problems with single entries (the others still count).
    Entries {
        /// In source order.
        entries: Vec<Entry>,
        /// `ETag` as served.
        etag: Option<String>,
        /// `Last-Modified` as served.
        last_modified: Option<String>,
        /// Hash of the body (or of a folder's articles).
        body_hash: String,
        /// Files or records that could not be read.
        problems: Vec<String>,
    },
    /// The server asked for a pause; the reason in words.
    Deferred(std::time::Duration, String),
}

/// Reads `source`, given the validators and body hash stored for it.
pub fn read(
    source: &Source,
    fetcher: &mut Fetcher,
    etag: Option<&str>,
    last_modified: Option<&str>,
    stored_hash: Option<&str>,
) -> Result<Read, String> {
    let (bytes, charset, etag, last_modified) = if is_url(&source.spec) {
        match fetcher.get(&source.spec, etag, last_modified)? {
            Fetched::NotModified => return Ok(Read::Unchanged),
            Fetched::RetryAfter(wait, why) => return Ok(Read::Deferred(wait, why)),
            Fetched::Body {
                bytes,
                charset,
                etag,
                last_modified,
                ..
            } => (bytes, charset, etag, last_modified),
        }
    } else {
        let path = PathBuf::from(&source.spec);
        let meta = std::fs::metadata(&path).map_err(|e| ingest::describe_io(&e))?;
        if meta.is_dir() || ingest::Format::of(&path).is_some_and(|f| f.is_records()) {
            let read = articles(source, &path);
            return Ok(match read {
                Read::Entries { ref body_hash, .. } if stored_hash == Some(body_hash.as_str()) => {
                    Read::Unchanged
                }
                read => read,
            });
        }
        let bytes = std::fs::read(&path).map_err(|e| ingest::describe_io(&e))?;
        (bytes, None, None, None)
    };
    let body_hash = hash_hex(&bytes);
    if stored_hash == Some(body_hash.as_str()) {
        // A server that ignores the validators, or a file left as it was.
        return Ok(Read::Unchanged);
    }
    let entries = feed::parse(&source.outlet, &bytes, charset.as_deref())?;
    Ok(Read::Entries {
        entries,
        etag,
        last_modified,
        body_hash,
        problems: Vec::new(),
    })
}

/// The articles of a drop folder or a JSON Lines or CSV file, as entries: keyed by
/// their canonical `url`, else by outlet and id. Unreadable files and records are
/// the problems.
fn articles(source: &Source, path: &Path) -> Read {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let paths = [path.to_path_buf()];
    for item in ingest::read(&paths, &[], ingest::Limits::default()) {
        match item {
            Item::Article(a) => {
                let key =
                    canonical_link(&a.url).unwrap_or_else(|| format!("{}/{}", source.outlet, a.id));
                for part in [key.as_str(), a.title.as_str(), a.text.as_str()] {
                    hasher.update(part.as_bytes());
                    hasher.update(&[0x1f]);
                }
                entries.push(Entry {
                    key: Some(key),
                    link: a.url,
                    title: a.title,
                    text: a.text,
                    extractor: super::EXTRACTOR,
                    page: None,
                });
            }
            Item::Error(e) => problems.push(format!("{}: {}", e.input, e.reason)),
            Item::Skipped(_) => {}
        }
    }
    Read::Entries {
        entries,
        etag: None,
        last_modified: None,
        body_hash: format!("{:032x}", hasher.digest128()),
        problems,
    }
}

/// The hex of the 128-bit hash of `bytes`.
pub fn hash_hex(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}
