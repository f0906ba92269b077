//! Excerpts for the terminal: the sentences of a text around some byte spans, cut to
//! a width with an ellipsis, the spans highlighted, on one line or wrapped to a column.

use anstyle::Style;
use dupdrift::drift::Span;
use dupdrift::ingest::printable;
use dupdrift::text::segment::{sentences, Sentence};
use unicode_width::UnicodeWidthStr;

/// Characters of a text shown around its spans, about.
const WIDTH: usize = 160;
/// Characters shown at least on each side of a span, where its sentence has them.
const MIN_CONTEXT: usize = 20;

/// A stretch of an excerpt, whitespace squashed, and whether it is evidence.
pub(super) type Run = (String, bool);

/// A text and its sentences, found once for all the excerpts taken from it (a
/// thousand findings in a long text segmented it a thousand times).
pub(super) struct Segmented<'a> {
    text: &'a str,
    /// In text order.
    sentences: Vec<Sentence>,
}

impl<'a> Segmented<'a> {
    pub(super) fn new(text: &'a str) -> Segmented<'a> {
        Segmented {
            text,
            sentences: sentences(text),
        }
    }

    /// The sentences that overlap `[s, e)`.
    fn overlapping(&self, s: usize, e: usize) -> &[Sentence] {
        let from = self.sentences.partition_point(|x| x.end <= s);
        let to = from + self.sentences[from..].partition_point(|x| x.start < e);
        &self.sentences[from..to]
    }
}

/// The sentences of `text` around `spans`, cut to about [`WIDTH`] characters with
/// an ellipsis, whitespace on one line, control characters escaped, the spans in
/// `style` or else in [[brackets]].
pub(super) fn excerpt(text: &Segmented, spans: &[Span], style: Option<Style>) -> String {
    paint(&runs(text, spans), style)
}

/// [`excerpt`] before it is painted: kept in runs so that a column can be wrapped
/// and padded on the width the reader sees, not on escapes or brackets.
pub(super) fn runs(segmented: &Segmented, spans: &[Span]) -> Vec<Run> {
    let text = segmented.text;
    let mut spans: Vec<Span> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .collect();
    spans.sort_unstable();
    let pieces = pieces(segmented, &spans);
    let mut shown: Vec<Run> = Vec::new();
    for &(lo, hi) in &pieces {
        if !text[..lo].trim().is_empty() {
            let ellipsis = if shown.is_empty() { "… " } else { " … " };
            plain(&mut shown, ellipsis);
        }
        let mut at = lo;
        for &(s, e) in &spans {
            let (s, e) = (s.clamp(at, hi), e.clamp(at, hi));
            if s < e {
                plain(&mut shown, &squash(&text[at..s]));
                shown.push((squash(&text[s..e]), true));
                at = e;
            }
        }
        plain(&mut shown, &squash(&text[at..hi]));
    }
    let end = pieces.last().map_or(0, |p| p.1);
    match spans.iter().filter(|&&(s, _)| s >= end).count() {
        0 if !text[end..].trim().is_empty() => plain(&mut shown, " …"),
        0 => {}
        hidden => plain(&mut shown, &format!(" … and {hidden} more")),
    }
    shown
}

/// Appends text that is not evidence, to the last run when that is not evidence either.
fn plain(runs: &mut Vec<Run>, s: &str) {
    match runs.last_mut() {
        _ if s.is_empty() => {}
        Some((last, false)) => last.push_str(s),
        _ => runs.push((s.to_string(), false)),
    }
}

/// The runs as the terminal gets them: evidence in `style`, or else in [[brackets]].
pub(super) fn paint(runs: &[Run], style: Option<Style>) -> String {
    let mut out = String::new();
    for (text, evidence) in runs {
        match (evidence, style) {
            (false, _) => out.push_str(text),
            (true, Some(st)) => out.push_str(&format!("{st}{text}{st:#}")),
            (true, None) => out.push_str(&format!("[[{text}]]")),
        }
    }
    out
}

/// Columns the runs take on the terminal once painted: escapes take none, brackets
/// their four, and each character its display width (two for most CJK ones).
pub(super) fn shown_width(runs: &[Run], style: Option<Style>) -> usize {
    let brackets = if style.is_none() { 4 } else { 0 };
    runs.iter()
        .map(|(text, evidence)| text.width() + if *evidence { brackets } else { 0 })
        .sum()
}

/// The runs wrapped between words to lines of at most `width` shown characters (a
/// word longer than that is cut), each line painted on its own so that a colour
/// or a bracket never runs past the end of its line; with each line its width.
pub(super) fn wrap(runs: &[Run], width: usize, style: Option<Style>) -> Vec<(String, usize)> {
    // One cell per character with the run it came from, so that a line can be cut
    // anywhere and regrouped into runs; evidence side by side stays two runs.
    let cells: Vec<(char, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, (text, _))| text.chars().map(move |c| (c, i)))
        .collect();
    let regroup = |line: &[(char, usize)]| -> Vec<Run> {
        line.chunk_by(|x, y| x.1 == y.1)
            .map(|run| (run.iter().map(|c| c.0).collect(), runs[run[0].1].1))
            .collect()
    };
    let fits = |line: &[(char, usize)]| shown_width(&regroup(line), style) <= width;
    let mut lines = Vec::new();
    let mut rest = trim(&cells);
    while !rest.is_empty() {
        let most = (1..=rest.len())
            .take_while(|&k| fits(&rest[..k]))
            .last()
            .unwrap_or(1);
        let end = if most == rest.len() || rest[most].0 == ' ' {
            most
        } else {
            // Back to the last space, unless the line is one word too long.
            match rest[..most].iter().rposition(|c| c.0 == ' ') {
                Some(space) if !trim(&rest[..space]).is_empty() => space,
                _ => most,
            }
        };
        let line = regroup(trim(&rest[..end]));
        lines.push((paint(&line, style), shown_width(&line, style)));
        rest = trim(&rest[end..]);
    }
    lines
}

/// The cells without the spaces at either end.
fn trim(cells: &[(char, usize)]) -> &[(char, usize)] {
    let lo = cells.iter().position(|c| c.0 != ' ').unwrap_or(cells.len());
    let hi = cells.iter().rposition(|c| c.0 != ' ').map_or(lo, |k| k + 1);
    &cells[lo..hi]
}

/// Byte ranges of `text` to show for `spans` (sorted): the sentences holding them
/// when those fit in [`WIDTH`], else each span with the context the width leaves,
/// cut between words. Without spans, the start of the text.
fn pieces(segmented: &Segmented, spans: &[Span]) -> Vec<Span> {
    let text = segmented.text;
    let around = |s: usize, e: usize| {
        segmented
            .overlapping(s, e)
            .iter()
            .fold((s, e), |(lo, hi), x| (lo.min(x.start), hi.max(x.end)))
    };
    let (Some(&(start, _)), Some(end)) = (spans.first(), spans.iter().map(|x| x.1).max()) else {
        let from = segmented.sentences.first().map_or(0, |x| x.start);
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

/// Runs of whitespace, line breaks included, as one space; other control
/// characters (an escape sequence in an article would drive the terminal) and
/// direction marks escaped as `\u{..}`.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(char::is_whitespace).enumerate() {
        if i > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(&printable(word, usize::MAX));
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
            excerpt(&Segmented::new(text), &spans_of(text, "never"), None),
            "The minister [[never]] signed the treaty."
        );
    }

    #[test]
    fn only_the_sentence_of_the_evidence_is_shown_on_one_line() {
        let text = "First one.\nThe minister\nnever signed.\n\nLast one here.";
        assert_eq!(
            excerpt(&Segmented::new(text), &spans_of(text, "never"), None),
            "… The minister [[never]] signed. …"
        );
    }

    #[test]
    fn a_long_sentence_is_cut_between_words_around_the_evidence() {
        let words = "word ".repeat(60);
        let text = format!("{words}never {words}end.");
        let shown = excerpt(&Segmented::new(&text), &spans_of(&text, "never"), None);
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
        let shown = excerpt(&Segmented::new(&text), &spans_of(&text, "Name"), None);
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
        let shown = excerpt(&Segmented::new(&text), &[], None);
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
        let shown = excerpt(&Segmented::new(text), &spans_of(text, "not"), Some(style));
        assert_eq!(shown, format!("It was {style}not{style:#} signed."));
    }

    #[test]
    fn wrapping_counts_the_brackets_and_breaks_between_words() {
        let text = "The minister never signed the treaty.";
        let lines = wrap(
            &runs(&Segmented::new(text), &spans_of(text, "never")),
            22,
            None,
        );
        let shown: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        assert_eq!(shown, ["The minister [[never]]", "signed the treaty."]);
        assert_eq!(lines[0].1, 22);
    }

    #[test]
    fn a_colour_is_closed_at_the_end_of_each_line_and_not_counted() {
        let style = Style::new().bold();
        let text = "Ça n’a jamais été signé par lui.";
        let lines = wrap(
            &runs(&Segmented::new(text), &spans_of(text, "jamais été signé")),
            13,
            Some(style),
        );
        let shown: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        let (on, off) = (style.render().to_string(), style.render_reset().to_string());
        assert_eq!(
            shown,
            [
                format!("Ça n’a {on}jamais{off}"),
                format!("{on}été signé{off} par"),
                "lui.".to_string(),
            ]
        );
        assert_eq!(lines[0].1, "Ça n’a jamais".chars().count());
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let text = "see https://example.org/a/very/long/address here";
        let lines = wrap(&runs(&Segmented::new(text), &[]), 10, None);
        assert!(lines.iter().all(|l| l.1 <= 10 && l.1 > 0), "{lines:?}");
        assert_eq!(lines[0].0, "see");
        assert_eq!(lines.last().map(|l| l.0.as_str()), Some("here"));
    }

    #[test]
    fn overlapping_sentences_are_found_as_a_scan_would() {
        let text = "Mr. Smith came. He said no! Then, at 3 p.m., he left. \"Go,\" she said. End";
        let seg = Segmented::new(text);
        for s in 0..text.len() {
            for e in s + 1..=text.len() {
                let scan: Vec<&Sentence> = seg
                    .sentences
                    .iter()
                    .filter(|x| x.start < e && s < x.end)
                    .collect();
                let found: Vec<&Sentence> = seg.overlapping(s, e).iter().collect();
                assert_eq!(found, scan, "[{s}, {e})");
            }
        }
    }
}
