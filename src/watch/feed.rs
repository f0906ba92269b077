//! A feed's bytes (RSS, Atom or JSON Feed, by `feed-rs`) into entries: identity,
//! headline and plain text, markup stripped with paragraph breaks kept.

use super::identity::entry_key;
use crate::ingest::html::extract;

/// One feed entry as the watch stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The GUID or canonical link; `None` when the entry has neither.
    pub key: Option<String>,
    /// The entry's first link as given.
    pub link: String,
    /// The headline, as plain text.
    pub title: String,
    /// The content, else the summary, as plain text; with `--fetch-pages`, the
    /// article of the linked page.
    pub text: String,
    /// What made the text: [`super::EXTRACTOR`] or [`super::page::EXTRACTOR`].
    pub extractor: &'static str,
    /// With `--fetch-pages`: the page's URL after redirects, and the hash of its
    /// bytes (a page as it was is no new version, whatever the extractor).
    pub page: Option<(String, String)>,
}

/// The entries of `outlet`'s feed, in feed order, `charset` the one the server
/// named; an error says why the bytes are no feed.
pub fn parse(outlet: &str, bytes: &[u8], charset: Option<&str>) -> Result<Vec<Entry>, String> {
    // An entry without a GUID gets no made-up one (feed-rs would hash its link
    // and title): its identity is its link, so a headline edit stays one article.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let named = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        // Servers often call UTF-8 Latin-1: bytes that are UTF-8 are taken as such.
        .filter(|&e| e != encoding_rs::UTF_8 && !declares_encoding(bytes))
        .filter(|_| std::str::from_utf8(bytes).is_err());
    if let Some(encoding) = named {
        // The server's word, where the document says nothing (RFC 7303).
        let (text, _, _) = encoding.decode(bytes);
        return entries(outlet, parse_with(&parser, text.as_bytes()));
    }
    let feed = match parse_with(&parser, bytes) {
        Ok(feed) => Ok(feed),
        // Bytes that are not UTF-8 and say nothing of their encoding are, in news
        // feeds, almost always Windows-1252 (which also reads Latin-1).
        Err(_) if std::str::from_utf8(bytes).is_err() && !declares_encoding(bytes) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            parse_with(&parser, text.as_bytes())
        }
        Err(e) => Err(e),
    };
    entries(outlet, feed)
}

/// `bytes` parsed by feed-rs. Some malformed feeds trip its assertions (an
/// `<item>` opened inside an `<item>`, found by fuzzing): its panic is this
/// feed's error, not the end of the run.
fn parse_with(
    parser: &feed_rs::parser::Parser,
    bytes: &[u8],
) -> Result<feed_rs::model::Feed, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes))) {
        Ok(parsed) => parsed.map_err(|e| format!("not a feed (RSS, Atom or JSON Feed): {e}")),
        Err(_) => Err("malformed feed: the feed parser (feed-rs) failed on it".into()),
    }
}

/// The entries of a parsed feed.
fn entries(outlet: &str, feed: Result<feed_rs::model::Feed, String>) -> Result<Vec<Entry>, String> {
    let feed = feed?;
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.clone())
                .unwrap_or_default();
            let guid = (!e.id.is_empty()).then_some(e.id.as_str());
            let key = entry_key(outlet, guid, (!link.is_empty()).then_some(link.as_str()));
            let body = e
                .content
                .and_then(|c| c.body)
                .or(e.summary.map(|s| s.content))
                .unwrap_or_default();
            Entry {
                key,
                link,
                title: e.title.map(|t| plain(&t.content)).unwrap_or_default(),
                text: plain(&body),
                extractor: super::EXTRACTOR,
                page: None,
            }
        })
        .collect())
}

/// Whether an XML declaration at the start names an encoding.
fn declares_encoding(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    head.starts_with(b"<?xml") && {
        let end = head
            .windows(2)
            .position(|w| w == b"?>")
            .unwrap_or(head.len());
        head[..end].windows(8).any(|w| w == b"encoding")
    }
}

/// Markup stripped, paragraph breaks kept; text without markup as it is.
fn plain(s: &str) -> String {
    if s.contains('<') {
        extract(s).1.trim().to_string()
    } else {
        s.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_inside_an_item_is_an_error_not_a_panic() {
        // A crash the `feed` fuzz target found in feed-rs 3.0.0 (an assertion).
        let feed = include_bytes!("../../data/watch/feed-rs-panic.rss");
        let parsed = parse("outlet", feed, None);
        assert!(
            parsed.as_ref().is_err_and(|e| e.contains("feed-rs")),
            "{parsed:?}"
        );
    }

    #[test]
    fn rss_entries_with_and_without_guid() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><guid>urn:x:1</guid><title>One</title><link>https://e.org/1</link>
              <description>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
            <item><title>Two</title><link>https://www.e.org/2?utm_source=rss</link>
              <description>Plain words.</description></item>
            <item><title>Three</title><description>No link, no guid.</description></item>
            </channel></rss>"#;
        let entries = parse("w", rss, None).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].key.as_deref(), Some("w/urn:x:1"));
        assert!(
            entries[0].text.contains("First para.\n\nSecond."),
            "{:?}",
            entries[0].text
        );
        assert_eq!(entries[1].key.as_deref(), Some("e.org/2"));
        assert_eq!(entries[2].key, None);
    }

    #[test]
    fn the_charset_the_server_names_is_used_where_the_feed_names_none() {
        let rss = "<rss version=\"2.0\"><channel><title>t</title><item><guid>1</guid>\
                   <title>Правительство предупредило</title><description>x</description>\
                   </item></channel></rss>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(rss);
        let entries = parse("w", &bytes, Some("koi8-r")).unwrap();
        assert_eq!(entries[0].title, "Правительство предупредило");
        // Named as UTF-8, or not named: the bytes are taken as they are.
        let entries = parse("w", rss.as_bytes(), Some("utf-8")).unwrap();
        assert_eq!(entries[0].title, "Правительство предупредило");
    }

    #[test]
    fn windows_1252_without_a_declared_encoding_is_read_as_such() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/watch/cp1252.rss"
        ))
        .unwrap();
        assert!(std::str::from_utf8(&bytes).is_err());
        let entries = parse("w", &bytes, None).unwrap();
        assert_eq!(entries[0].title, "Caf\u{e9} \u{201c}quoted\u{201d}");
        assert!(entries[0]
            .text
            .contains("\u{201e}Ja\u{201c} \u{2013} na\u{ef}ve"));
    }

    #[test]
    fn html_is_no_feed() {
        assert!(parse("w", b"<html><body><p>Hello</p></body></html>", None).is_err());
    }
}
