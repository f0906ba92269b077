//! Excerpts for the terminal: the sentences of a text around some byte spans, cut to
//! a width with an ellipsis, the spans highlighted.

use crate::drift::Span;
use crate::segment::sentences;
use anstyle::Style;

/// Characters of a text shown around its spans, about.
const WIDTH: usize = 160;
/// Characters shown at least on each side of a span, where its sentence has them.
const MIN_CONTEXT: usize = 20;

/// The sentences of `text` around `spans`, cut to about [`WIDTH`] characters with
/// an ellipsis, whitespace on one line, the spans in `style` or else in [[brackets]].
pub(super) fn excerpt(text: &str, spans: &[Span], style: Option<Style>) -> String {
    let mut spans: Vec<Span> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .collect();
    spans.sort_unstable();
    let pieces = pieces(text, &spans);
    let mut shown = String::new();
    for &(lo, hi) in &pieces {
        if !text[..lo].trim().is_empty() {
            shown.push_str(if shown.is_empty() { "… " } else { " … " });
        }
        let mut at = lo;
        for &(s, e) in &spans {
            let (s, e) = (s.clamp(at, hi), e.clamp(at, hi));
            if s < e {
                shown.push_str(&squash(&text[at..s]));
                let word = squash(&text[s..e]);
                match style {
                    Some(st) => shown.push_str(&format!("{st}{word}{st:#}")),
                    None => shown.push_str(&format!("[[{word}]]")),
                }
                at = e;
            }
        }
        shown.push_str(&squash(&text[at..hi]));
    }
    let end = pieces.last().map_or(0, |p| p.1);
    match spans.iter().filter(|&&(s, _)| s >= end).count() {
        0 if !text[end..].trim().is_empty() => shown.push_str(" …"),
        0 => {}
        hidden => shown.push_str(&format!(" … and {hidden} more")),
    }
    shown
}

/// Byte ranges of `text` to show for `spans` (sorted): the sentences holding them
/// when those fit in [`WIDTH`], else each span with the context the width leaves,
/// cut between words. Without spans, the start of the text.
fn pieces(text: &str, spans: &[Span]) -> Vec<Span> {
    let all = sentences(text);
    let around = |s: usize, e: usize| {
        all.iter()
            .filter(|x| x.start < e && s < x.end)
            .fold((s, e), |(lo, hi), x| (lo.min(x.start), hi.max(x.end)))
    };
    let (Some(&(start, _)), Some(end)) = (spans.first(), spans.iter().map(|x| x.1).max()) else {
        let from = all.first().map_or(0, |x| x.start);
        return vec![cut(text, (from, text.len()))];
    };
    let (lo, hi) = around(start, end);
    if text[lo..hi].chars().count() <= WIDTH {
        return vec![(lo, hi)];
    }
    let evidence: usize = spans.iter().map(|&(s, e)| text[s..e].chars().count()).sum();
    // Words without context say little: past a few spans, fewer are shown.
    let context = (WIDTH.saturating_sub(evidence) / (2 * spans.len())).max(MIN_CONTEXT);
    let mut out: Vec<Span> = Vec::new();
    for &(s, e) in spans {
        let (floor, ceil) = around(s, e);
        let lo = match text[floor..s].char_indices().rev().nth(context) {
            // Starts at the first whole word.
            Some((k, _)) => text[floor + k..s]
                .split_once(char::is_whitespace)
                .map_or(s, |(_, rest)| s - rest.len()),
            None => floor,
        };
        let hi = match text[e..ceil].char_indices().nth(context) {
            Some((k, _)) => {
                e + text[e..e + k]
                    .rsplit_once(char::is_whitespace)
                    .map_or(0, |(kept, _)| kept.len())
            }
            None => ceil,
        };
        match out.last_mut() {
            Some(last) if lo <= last.1 || text[last.1..lo].trim().is_empty() => {
                last.1 = last.1.max(hi)
            }
            _ => out.push((lo, hi)),
        }
    }
    // Many spans far apart: as many as fit, the rest counted by the caller.
    let mut used = 0;
    out.into_iter()
        .map(|p| cut(text, p))
        .take_while(|&(lo, hi)| {
            let first = used == 0;
            used += text[lo..hi].chars().count() + 3; // and the " … " before it
            first || used <= WIDTH
        })
        .collect()
}

/// The range cut to [`WIDTH`] characters, between words where it can.
fn cut(text: &str, (lo, hi): Span) -> Span {
    let Some((k, _)) = text[lo..hi].char_indices().nth(WIDTH) else {
        return (lo, hi);
    };
    match text[lo..lo + k].rsplit_once(char::is_whitespace) {
        Some((kept, _)) if !kept.trim().is_empty() => (lo, lo + kept.len()),
        _ => (lo, lo + k),
    }
}

/// Runs of whitespace, line breaks included, as one space.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(char::is_whitespace).enumerate() {
        if i > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str, word: &str) -> Vec<Span> {
        text.match_indices(word)
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    #[test]
    fn a_short_sentence_is_shown_whole() {
        let text = "The minister never signed the treaty.";
        assert_eq!(
            excerpt(text, &spans_of(text, "never"), None),
            "The minister [[never]] signed the treaty."
        );
    }

    #[test]
    fn only_the_sentence_of_the_evidence_is_shown_on_one_line() {
        let text = "First one.\nThe minister\nnever signed.\n\nLast one here.";
        assert_eq!(
            excerpt(text, &spans_of(text, "never"), None),
            "… The minister [[never]] signed. …"
        );
    }

    #[test]
    fn a_long_sentence_is_cut_between_words_around_the_evidence() {
        let words = "word ".repeat(60);
        let text = format!("{words}never {words}end.");
        let shown = excerpt(&text, &spans_of(&text, "never"), None);
        assert!(
            shown.starts_with("… word ") && shown.ends_with(" word …"),
            "{shown}"
        );
        assert!(shown.contains(" [[never]] "), "{shown}");
        assert!(shown.chars().count() <= WIDTH + 8, "{shown}");
    }

    #[test]
    fn spans_far_apart_are_shown_as_fit_and_the_rest_counted() {
        let text = "Name and some words between. ".repeat(40);
        let shown = excerpt(&text, &spans_of(&text, "Name"), None);
        assert!(shown.starts_with("[[Name]] and"), "{shown}");
        assert!(shown.contains(" … [[Name]]"), "{shown}");
        assert!(shown.ends_with(" more"), "{shown}");
        // Within the width as a terminal shows it, in colour, with no brackets.
        let visible = shown.replace("[[", "").replace("]]", "");
        assert!(
            visible.chars().count() <= WIDTH + " … and 33 more".chars().count(),
            "{shown}"
        );
    }

    #[test]
    fn without_evidence_the_start_of_the_text_is_shown() {
        let text = format!("  Opening words. {}", "More text here. ".repeat(20));
        let shown = excerpt(&text, &[], None);
        assert!(shown.starts_with("Opening words. More"), "{shown}");
        assert!(
            shown.ends_with(" …") && shown.chars().count() <= WIDTH + 2,
            "{shown}"
        );
    }

    #[test]
    fn a_style_replaces_the_brackets() {
        let style = Style::new().bold();
        let text = "It was not signed.";
        let shown = excerpt(text, &spans_of(text, "not"), Some(style));
        assert_eq!(shown, format!("It was {style}not{style:#} signed."));
    }
}
