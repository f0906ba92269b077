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
    /// The content, else the summary, as plain text.
    pub text: String,
}

/// The entries of a feed, in feed order; an error says why the bytes are no feed.
pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    // An entry without a GUID gets no made-up one (feed-rs would hash its link
    // and title): its identity is its link, so a headline edit stays one article.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a feed (RSS, Atom or JSON Feed): {e}"))?;
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
            let key = entry_key(guid, (!link.is_empty()).then_some(link.as_str()));
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
            }
        })
        .collect())
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
    fn rss_entries_with_and_without_guid() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><guid>urn:x:1</guid><title>One</title><link>https://e.org/1</link>
              <description>&lt;p&gt;First para.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
            <item><title>Two</title><link>https://www.e.org/2?utm_source=rss</link>
              <description>Plain words.</description></item>
            <item><title>Three</title><description>No link, no guid.</description></item>
            </channel></rss>"#;
        let entries = parse(rss).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].key.as_deref(), Some("urn:x:1"));
        assert!(
            entries[0].text.contains("First para.\n\nSecond."),
            "{:?}",
            entries[0].text
        );
        assert_eq!(entries[1].key.as_deref(), Some("e.org/2"));
        assert_eq!(entries[2].key, None);
    }

    #[test]
    fn html_is_no_feed() {
        assert!(parse(b"<html><body><p>Hello</p></body></html>").is_err());
    }
}
