//! Which article an entry is: its GUID, else its link made canonical, so that a
//! tracking parameter, a fragment, `http` against `https` or a `www.` do not make
//! one story two articles. Never the title: a headline edit is a new version.

/// Query parameters that track a reader, not name a page.
fn tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_")
        || matches!(
            name.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "mc_cid"
                | "mc_eid"
                | "igshid"
                | "ocid"
                | "cmpid"
                | "ref"
                | "ref_src"
                | "smid"
                | "share"
                | "at_medium"
                | "at_campaign"
        )
}

/// `link` made canonical: scheme and `www.` dropped, host lower-cased, fragment and
/// tracking parameters removed, a trailing `/` dropped; `None` for what is not an
/// absolute http(s) link.
pub fn canonical_link(link: &str) -> Option<String> {
    let link = link.trim();
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .or_else(|| {
            let lower = link.get(..8)?.to_ascii_lowercase();
            if lower.starts_with("https://") {
                link.get(8..)
            } else if lower.starts_with("http://") {
                link.get(7..)
            } else {
                None
            }
        })?;
    let rest = rest.split('#').next().unwrap_or("");
    let (place, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match place.find('/') {
        Some(i) => (&place[..i], &place[i..]),
        None => (place, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_suffix(":80").unwrap_or(host);
    let host = host.strip_suffix(":443").unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    let path = path.trim_end_matches('/');
    let mut out = format!("{host}{path}");
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty() && !tracking(p.split('=').next().unwrap_or("")))
        .collect();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

/// The identity of an entry: its GUID when it has one (a GUID that is no link
/// as `OUTLET/GUID`: two outlets' CMSs both number a story `12345`), else its
/// canonical link; `None` when it has neither.
pub fn entry_key(outlet: &str, guid: Option<&str>, link: Option<&str>) -> Option<String> {
    match guid.map(str::trim).filter(|g| !g.is_empty()) {
        // A GUID that is a link is read like one, so a feed that switches the
        // scheme of its permalinks does not double its articles.
        Some(g) => Some(canonical_link(g).unwrap_or_else(|| format!("{outlet}/{g}"))),
        None => link.and_then(canonical_link),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_story_whatever_the_link_carries() {
        let plain = canonical_link("https://example.org/news/story-1").unwrap();
        for variant in [
            "http://www.example.org/news/story-1/",
            "https://EXAMPLE.org/news/story-1?utm_source=rss&utm_medium=feed",
            "https://example.org/news/story-1#comments",
            "HTTPS://www.example.org:443/news/story-1?fbclid=abc",
        ] {
            assert_eq!(canonical_link(variant).unwrap(), plain, "{variant}");
        }
    }

    #[test]
    fn parameters_that_name_a_page_are_kept() {
        assert_eq!(
            canonical_link("https://example.org/article?id=42&utm_campaign=x").unwrap(),
            "example.org/article?id=42"
        );
        assert_ne!(
            canonical_link("https://example.org/article?id=42"),
            canonical_link("https://example.org/article?id=43")
        );
    }

    #[test]
    fn no_key_without_guid_or_web_link() {
        assert_eq!(entry_key("w", None, None), None);
        assert_eq!(
            entry_key("w", Some("  "), Some("mailto:x@example.org")),
            None
        );
        assert_eq!(
            entry_key("w", Some("tag:example.org,2026:1"), None).unwrap(),
            "w/tag:example.org,2026:1"
        );
        assert_eq!(
            entry_key("w", None, Some("https://example.org/a?utm_source=x")).unwrap(),
            "example.org/a"
        );
    }
}
