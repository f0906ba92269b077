//! An entry's page, with `--fetch-pages`: the article found in the HTML by a
//! readability algorithm (`dom_smoothie`, after Mozilla's Readability), then read
//! as text like any HTML input, paragraph breaks kept. Site menus, footers and
//! lists of other stories stay out, so they never become shared passages.

use crate::ingest::html;

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
    let mut readability = dom_smoothie::Readability::new(source, Some(url), Some(config))
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

/// `bytes` as text: in the `charset` the server named, else UTF-8, else (bytes
/// that are no UTF-8 and name no encoding) Windows-1252, as news sites mostly mean.
pub fn decode<'a>(bytes: &'a [u8], charset: Option<&str>) -> std::borrow::Cow<'a, str> {
    if let Some(enc) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        return enc.decode_with_bom_removal(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
    }
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
    fn the_charset_the_server_names_is_used() {
        let bytes = b"caf\xe9";
        assert_eq!(decode(bytes, Some("iso-8859-1")), "café");
        assert_eq!(decode(bytes, None), "café");
        assert_eq!(decode("café".as_bytes(), Some("utf-8")), "café");
    }
}
