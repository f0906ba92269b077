//! HTML files: markup stripped to text, one article each, id from the file stem.
//!
//! Text inside `script`, `style` and similar elements is dropped; block elements
//! become paragraph breaks so sentences do not run into each other.

use super::{checked, decode_text, describe_io, nesting, InputError, Item};
use crate::article::Article;
use scraper::{node::Node, Html};
use std::path::Path;

const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "main",
    "dd",
    "dt",
    "hr",
];

pub(super) fn read(path: &Path, id: String) -> Item {
    let input = path.display().to_string();
    let source = match std::fs::read(path)
        .map_err(|e| describe_io(&e))
        .and_then(decode_text)
    {
        Ok(s) => s,
        Err(reason) => return Item::Error(InputError::new(input, reason)),
    };
    let (title, text) = extract(&source);
    checked(Article {
        id,
        title,
        text,
        input,
        ..Article::default()
    })
}

/// The document title and its visible text, paragraphs separated by blank lines.
pub fn extract(source: &str) -> (String, String) {
    let doc = Html::parse_document(&nesting::shallow(source, nesting::MAX_DEPTH));
    let mut title = String::new();
    let mut raw = String::new();
    let mut hidden = 0usize;
    let mut in_title = false;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    // The page's own title: the first one (an inline SVG has titles too).
                    in_title |= name == "title" && title.is_empty();
                    if HIDDEN.contains(&name) {
                        hidden += 1;
                    }
                    if BLOCKS.contains(&name) {
                        raw.push_str("\n\n");
                    }
                }
                Node::Text(t) if in_title => title.push_str(t),
                Node::Text(t) if hidden == 0 => raw.push_str(t),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let name = e.name();
                    if name == "title" {
                        in_title = false;
                    }
                    if HIDDEN.contains(&name) {
                        hidden = hidden.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        raw.push_str("\n\n");
                    }
                }
            }
        }
    }
    (collapse(&title), tidy(&raw))
}

/// Collapses white space to single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One paragraph per line group: spaces collapsed, paragraphs separated by a blank line.
fn tidy(raw: &str) -> String {
    raw.split("\n\n")
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::extract;

    #[test]
    fn strips_markup_and_keeps_paragraphs() {
        let html = "<html><head><title>Musk &amp; Putin</title><style>p{}</style></head>\
                    <body><h1>Talks</h1><p>Musk   met <b>Putin</b>.</p><script>x=1</script>\
                    <p>It was &ldquo;secret&rdquo;.</p></body></html>";
        let (title, text) = extract(html);
        assert_eq!(title, "Musk & Putin");
        assert_eq!(
            text,
            "Talks\n\nMusk met Putin.\n\nIt was \u{201C}secret\u{201D}."
        );
    }
}
