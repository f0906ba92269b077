//! HTML nested too deep, cut before it is parsed.
//!
//! The HTML parser checks its stack of open elements at every tag, so a page of
//! 200,000 nested `<div>`s took minutes: time square in the depth. Browsers stop
//! nesting at 512 levels and attach deeper elements where they are; here the tags
//! that would open elements past [`MAX_DEPTH`] are dropped from the source, with
//! the end tags that close them, before the parser sees it. Their text is kept.
//!
//! Depth is counted as a lenient parser builds it: elements without content
//! (`br`, `img`) and those whose end tag may be left out (`p`, `li`, `td`) open no
//! level, nor does `<x/>` inside `svg` or `math` (elsewhere HTML ignores the
//! slash: `<div/>` opens a div); an end tag closes the innermost open element of
//! its name and those inside it, the cut ones too; comments and the text of
//! `script`, `style` and the like hold no tags. A cut tag leaves a space, so that
//! the words on either side stay apart.

use ahash::AHashMap;
use std::borrow::Cow;

/// Levels of elements kept; deeper ones lose their tags.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose end tag may be left out, so that counting them would count
/// levels a parser never builds.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];
/// Elements whose content is text up to their end tag, never tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `source` with the tags of elements nested past `max_depth` removed; borrowed
/// as it is when none are.
pub fn shallow(source: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many elements of each name had their start tags dropped and are not
    // closed yet: an end tag of that name closes one of them first, the innermost.
    let mut dropped: AHashMap<String, usize> = AHashMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // Open `svg` and `math` elements, where `<x/>` closes itself.
    let mut foreign = 0usize;
    let mut at = 0;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let Some(tag) = Tag::read(bytes, lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.end;
        match tag.kind {
            Kind::Start { self_closing } => {
                let name = tag.name(source);
                if RAW_TEXT.contains(&name.as_str()) {
                    at = raw_text_end(bytes, at, &name);
                    continue;
                }
                if (self_closing && foreign > 0) || VOID.contains(&name.as_str()) {
                    continue;
                }
                if OPTIONAL_END.contains(&name.as_str()) {
                    continue;
                }
                if open.len() >= max_depth {
                    cuts.push((lt, tag.end));
                    *dropped.entry(name).or_default() += 1;
                } else {
                    foreign += usize::from(is_foreign(&name));
                    open.push(name);
                }
            }
            Kind::End => {
                let name = tag.name(source);
                if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                    *n -= 1;
                    cuts.push((lt, tag.end));
                } else if let Some(k) = open.iter().rposition(|o| *o == name) {
                    foreign -= open[k..].iter().filter(|o| is_foreign(o)).count();
                    open.truncate(k);
                    // The cut elements were inside it: closed with it.
                    dropped.clear();
                }
            }
            Kind::Other => {}
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&source[from..start]);
        out.push(' ');
        from = end;
    }
    out.push_str(&source[from..]);
    Cow::Owned(out)
}

fn is_foreign(name: &str) -> bool {
    name == "svg" || name == "math"
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// What a `<` begins.
enum Kind {
    Start {
        self_closing: bool,
    },
    End,
    /// A comment, a doctype, a processing instruction.
    Other,
}

/// A tag of the source: its kind, where its name is, and where it ends.
struct Tag {
    kind: Kind,
    name: (usize, usize),
    end: usize,
}

impl Tag {
    /// The tag at `lt` (a `<`), or `None` where the `<` is text.
    fn read(bytes: &[u8], lt: usize) -> Option<Tag> {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            let end = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |i| i + 3);
            return Some(Tag::other(end));
        }
        if rest.starts_with(b"!") || rest.starts_with(b"?") {
            let end = memchr(b'>', rest).map_or(bytes.len(), |i| lt + 1 + i + 1);
            return Some(Tag::other(end));
        }
        let (closing, name_start) = match rest.first() {
            Some(b'/') => (true, lt + 2),
            _ => (false, lt + 1),
        };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
                .unwrap_or(bytes.len() - name_start);
        // Attributes: a `>` inside quotes does not end the tag.
        let mut quote = None;
        let mut at = name_end;
        while at < bytes.len() {
            match (quote, bytes[at]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            at += 1;
        }
        let end = (at + 1).min(bytes.len());
        let kind = if closing {
            Kind::End
        } else {
            Kind::Start {
                self_closing: at > name_end && bytes[at - 1] == b'/',
            }
        };
        Some(Tag {
            kind,
            name: (name_start, name_end),
            end,
        })
    }

    fn other(end: usize) -> Tag {
        Tag {
            kind: Kind::Other,
            name: (0, 0),
            end,
        }
    }

    fn name(&self, source: &str) -> String {
        source[self.name.0..self.name.1].to_ascii_lowercase()
    }
}

/// Where the text of raw-text element `name`, from `at`, ends: after its end tag.
fn raw_text_end(bytes: &[u8], mut at: usize, name: &str) -> usize {
    while let Some(i) = find(bytes, at, b"</") {
        let start = i + 2;
        let end = start + name.len();
        if bytes
            .get(start..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return memchr(b'>', &bytes[end..]).map_or(bytes.len(), |j| end + j + 1);
        }
        at = start;
    }
    bytes.len()
}

/// The position of `needle` in `bytes` from `from` on.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_left_as_it_is() {
        let page = "<html><body><div class=\"a>b\"><p>One<p>Two<br>three</div>\
                    <script>if (a<b) { x = '</div>' }</script><!-- <div> --></body></html>";
        assert!(matches!(shallow(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_depth_are_dropped_and_their_text_kept() {
        let page = format!(
            "<body>{}deep text{}<p>after</p></body>",
            "<div>".repeat(6),
            "</div>".repeat(6)
        );
        let cut = shallow(&page, 4);
        assert_eq!(
            cut,
            format!(
                "<body>{}  deep text  {}<p>after</p></body>",
                "<div>".repeat(4),
                "</div>".repeat(4)
            )
        );
    }

    #[test]
    fn a_slash_opens_no_level_only_inside_svg_and_math() {
        // HTML ignores `/>` on a div: 600 of them nest 600 levels.
        let divs = "<div/>x".repeat(600);
        assert_eq!(shallow(&divs, 512).matches("<div/>").count(), 512);
        let svg = format!("<svg>{}</svg>", "<path d='M0'/>".repeat(600));
        assert!(matches!(shallow(&svg, 512), Cow::Borrowed(_)));
    }

    #[test]
    fn the_cut_elements_close_with_their_ancestor() {
        // Two unclosed divs cut inside a section; after it closes, the page's
        // own divs keep their end tags.
        let page = "<section><div><div>deep</section><div>a</div><div>b</div>";
        let cut = shallow(page, 1);
        assert_eq!(cut, "<section>  deep</section><div>a</div><div>b</div>");
    }

    #[test]
    fn unclosed_elements_count_as_a_parser_nests_them() {
        // Unclosed divs nest; unclosed paragraphs and line breaks do not.
        let paragraphs = "<p>x".repeat(1000) + &"<br>".repeat(1000);
        assert!(matches!(shallow(&paragraphs, 8), Cow::Borrowed(_)));
        let divs = "<div>x".repeat(20);
        assert_eq!(shallow(&divs, 8).matches("<div>").count(), 8);
        assert_eq!(shallow(&divs, 8).matches('x').count(), 20);
        assert!(!shallow(&divs, 8).contains("xx"), "words stay apart");
        // An end tag closes what is inside it, so the depth falls again.
        let closed = "<section><div><span>x</section>".repeat(100);
        assert!(matches!(shallow(&closed, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn odd_markup_never_panics() {
        for page in [
            "<", "</", "<a", "<a b='", "<!--", "<script>", "</>", "<1>", "<é>", "<a/",
        ] {
            let _ = shallow(page, 1);
        }
    }
}
