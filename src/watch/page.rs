//! An entry's page, with `--fetch-pages`: the article found in the HTML by a
//! readability algorithm (`dom_smoothie`, after Mozilla's Readability), then read
//! as text like any HTML input, paragraph breaks kept. Site menus, footers and
//! lists of other stories stay out, so they never become shared passages.

use super::feed::Entry;
use super::fetch::{Fetched, Fetcher};
use super::identity::canonical_link;
use super::source::hash_hex;
use super::store;
use crate::ingest::html;
use rusqlite::Connection;

/// The extractor stored with a version made from a page.
pub const EXTRACTOR: &str = concat!("dom_smoothie/0.19 dupdrift/", env!("CARGO_PKG_VERSION"));

/// Elements of a page past which it is not parsed: a news page has a few
/// thousand; far more is a page built to exhaust the parser.
const MAX_ELEMENTS: usize = 50_000;

/// Characters (whitespace aside) of the shortest text taken for an article:
/// `dom_smoothie`'s `char_threshold`, under which Readability looks again.
const READABLE_CHARS: usize = 500;

/// The headline and text of the article on the page `source` (HTML) found at
/// `url`; an error says why none was found.
pub fn extract(source: &str, url: &str) -> Result<(String, String), String> {
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let source = crate::ingest::nesting::shallow(source, crate::ingest::nesting::MAX_DEPTH);
    let mut readability = dom_smoothie::Readability::new(&*source, Some(url), Some(config))
        .map_err(|e| format!("page {url}: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("page {url}: no article found ({e})"))?;
    let (_, text) = html::extract(&article.content);
    // Readability's own measure of an article found: past its retries it returns
    // the best it had, a menu or a cookie notice on a page without an article.
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if chars < READABLE_CHARS {
        return Err(format!(
            "page {url}: no article found ({chars} characters of text, under {READABLE_CHARS})"
        ));
    }
    Ok((article.title.trim().to_string(), text))
}

/// `bytes` as text: UTF-8 when they are (servers often name Latin-1 for UTF-8),
/// else in the `charset` the server named, else Windows-1252, as news sites
/// without a word on it mostly mean.
pub fn decode<'a>(bytes: &'a [u8], charset: Option<&str>) -> std::borrow::Cow<'a, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    match charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        Some(enc) => enc.decode_with_bom_removal(bytes).0,
        None => encoding_rs::WINDOWS_1252.decode(bytes).0,
    }
}

/// Failed reads of an entry's page in a row after which the feed's own text is
/// stored for a new article (an article already stored keeps its version).
const PAGE_TRIES: i64 = 3;

/// What [`fill`] made of a feed's entries.
pub struct Filled {
    /// The entries to store, each with its page's article as its text where it
    /// could be had.
    pub entries: Vec<Entry>,
    /// Each entry read: its key, the hash of what the feed gave, and its page's
    /// failed reads in a row, to record with the entries.
    pub states: Vec<(String, String, i64)>,
    /// Why some pages could not be had.
    pub problems: Vec<String>,
    /// Whether some entry waits for its page: the feed is read whole again next run.
    pub waiting: bool,
}

/// Gives each entry of source `source_id` that is new or changed in its feed the
/// article of its linked page as its text. An entry as the feed gave it before is
/// left out: nothing new. A page that cannot be had leaves its entry for the next
/// run (its feed summary stored instead would pass for an edit of the article
/// later), until three failures in a row, or at once for a link to no
/// HTML page: then a new article is stored with the feed's text, and a stored
/// one keeps its version. A host that asks to wait is asked nothing more this run.
pub fn fill(
    conn: &Connection,
    fetcher: &mut Fetcher,
    source_id: i64,
    entries: Vec<Entry>,
) -> rusqlite::Result<Filled> {
    let mut filled = Filled {
        entries: Vec::with_capacity(entries.len()),
        states: Vec::new(),
        problems: Vec::new(),
        waiting: false,
    };
    let mut resting: Vec<String> = Vec::new();
    for mut entry in entries {
        let web = ["http://", "https://"].iter().any(|p| {
            entry
                .link
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p))
        });
        let Some(key) = entry.key.clone().filter(|_| web) else {
            filled.entries.push(entry);
            continue;
        };
        let hash = super::version_hash(&entry.title, &entry.text);
        let before = store::entry(conn, source_id, &key)?;
        if before
            .as_ref()
            .is_some_and(|(h, failures)| *h == hash && *failures == 0)
        {
            continue;
        }
        let failures = before.map_or(0, |(_, f)| f);
        let host = host_of(&entry.link);
        if resting.contains(&host) {
            filled.waiting = true;
            continue;
        }
        let (why, lasting) = match fetcher.get(&entry.link, None, None) {
            Ok(Fetched::Body {
                url,
                charset,
                content_type,
                bytes,
                ..
            }) if is_html(content_type.as_deref()) => {
                match extract(&decode(&bytes, charset.as_deref()), &url) {
                    Ok((_, text)) => {
                        let raw = format!("{}\u{1f}{}", entry.title, hash_hex(&bytes));
                        entry.text = text;
                        entry.extractor = EXTRACTOR;
                        entry.page = Some((url, hash_hex(raw.as_bytes())));
                        filled.states.push((key, hash, 0));
                        filled.entries.push(entry);
                        continue;
                    }
                    Err(why) => (why, false),
                }
            }
            Ok(Fetched::Body { content_type, .. }) => (
                format!(
                    "page {}: no HTML page ({})",
                    entry.link,
                    content_type.unwrap_or_default()
                ),
                true,
            ),
            Ok(Fetched::RetryAfter(_, why)) => {
                resting.push(host);
                filled.waiting = true;
                filled
                    .problems
                    .push(format!("entry {key}: page {}: {why}", entry.link));
                continue;
            }
            Ok(Fetched::NotModified) => (format!("page {}: 304 to a plain GET", entry.link), false),
            Err(why) => (format!("page {}: {why}", entry.link), false),
        };
        let known = super::known_article(conn, &key, [&canonical_link(&entry.link)])?.is_some();
        if lasting || failures + 1 >= PAGE_TRIES {
            let fate = if known {
                "the stored version stands"
            } else {
                "the feed's text is stored"
            };
            filled.problems.push(format!("entry {key}: {why}; {fate}"));
            filled.states.push((key, hash, 0));
            if !known {
                filled.entries.push(entry);
            }
        } else {
            filled
                .problems
                .push(format!("entry {key}: {why}; tried again next run"));
            filled.states.push((key, hash, failures + 1));
            filled.waiting = true;
        }
    }
    Ok(filled)
}

/// Whether a `Content-Type` is an HTML page's (none said: taken as one).
fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|t| {
        let t = t
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        t.is_empty() || t == "text/html" || t == "application/xhtml+xml"
    })
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(url)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_kept_and_the_site_around_it_left_out() {
        let page = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/watch/story.html"
        ))
        .unwrap();
        let (title, text) = extract(&page, "https://wire.example/story").unwrap();
        assert!(title.contains("security breaches"), "{title}");
        assert!(text.contains("has already warned"), "{text}");
        assert!(text.contains("\n\n"), "paragraphs stay apart: {text}");
        for chrome in ["Subscribe", "Cookie", "Most read", "All rights reserved"] {
            assert!(!text.contains(chrome), "{chrome} in {text}");
        }
    }

    #[test]
    fn a_page_without_an_article_is_an_error() {
        let err = extract(
            "<html><body><nav>Home</nav></body></html>",
            "https://x.example/",
        )
        .unwrap_err();
        assert!(err.contains("x.example"), "{err}");
    }

    #[test]
    fn the_charset_the_server_names_is_used_for_bytes_that_are_no_utf8() {
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Правительство");
        assert_eq!(decode(&koi8, Some("koi8-r")), "Правительство");
        assert_eq!(decode(b"caf\xe9", None), "café");
        // UTF-8 named Latin-1, as servers often do: read as UTF-8.
        assert_eq!(decode("café".as_bytes(), Some("iso-8859-1")), "café");
    }

    #[test]
    fn html_pages_are_told_by_their_content_type() {
        assert!(is_html(None));
        assert!(is_html(Some("text/html; charset=utf-8")));
        assert!(is_html(Some("application/xhtml+xml")));
        assert!(!is_html(Some("application/pdf")));
        assert!(!is_html(Some("audio/mpeg")));
    }
}
