//! One article's draft: title, outlet, date, and paragraphs of sentences, each
//! sentence remembering the frame it was rendered from and the passage it belongs
//! to, so that a copy can change one of them and the truth can point at them.

use super::cast::{outlet, Cast};
use super::edit::{paraphrase, Paraphrase};
use super::frame::Frame;
use super::plan::{Plan, ARTICLE, PASSAGE, STORY};
use super::render::Change;
use super::rng::Rng;
use super::words::english;

#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    /// The frame it was rendered from; `None` in a planted passage, which copies
    /// keep as they are (no drift is planted there).
    pub frame: Option<Frame>,
    pub passage: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub source: String,
    /// Days after 1 January 2024 (see [`date`]).
    pub day: usize,
    pub paragraphs: Vec<Vec<Sentence>>,
}

/// Where a draft's sentences and passages fall in its text.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Byte span of every sentence, paragraph by paragraph.
    pub sentences: Vec<Vec<(usize, usize)>>,
    /// (passage, start, end) of every passage copy.
    pub passages: Vec<(u32, usize, usize)>,
}

impl Draft {
    /// The text: sentences joined by a space, paragraphs by a blank line.
    pub fn text(&self) -> (String, Layout) {
        let mut text = String::new();
        let mut layout = Layout::default();
        for paragraph in &self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            let mut spans = Vec::with_capacity(paragraph.len());
            for (k, s) in paragraph.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                spans.push((text.len(), text.len() + s.text.len()));
                text.push_str(&s.text);
            }
            if let Some(p) = paragraph.first().and_then(|s| s.passage) {
                layout.passages.push((p, start, text.len()));
            }
            layout.sentences.push(spans);
        }
        (text, layout)
    }

    pub fn words(&self) -> usize {
        self.paragraphs
            .iter()
            .flatten()
            .map(|s| s.text.split(' ').count())
            .sum()
    }
}

/// An original article: frames about its story's cast until it is as long as
/// planned, in paragraphs of one to three sentences, with the passages it tells
/// set in as paragraphs of their own, never next to each other.
pub fn original(seed: u64, plan: &Plan, i: usize) -> Draft {
    let slot = plan.slots[i];
    let mut rng = Rng::stream(seed, &[ARTICLE, i as u64]);
    let cast = Cast::random(&mut Rng::stream(seed, &[STORY, slot.story as u64]));
    let mut paragraphs: Vec<Vec<Sentence>> = Vec::new();
    let mut words = 0;
    while words < slot.words as usize {
        let size = if paragraphs.is_empty() {
            1
        } else {
            rng.range(1, 3)
        };
        let mut paragraph = Vec::with_capacity(size);
        for _ in 0..size {
            let frame = Frame::random(&mut rng, &cast);
            let text = frame
                .render(Change::Keep, &mut rng)
                .expect("a frame renders as it is")
                .text;
            words += text.split(' ').count();
            paragraph.push(Sentence {
                text,
                frame: Some(frame),
                passage: None,
            });
        }
        paragraphs.push(paragraph);
    }
    for &(_, passage, copy) in plan.passages_of(i) {
        let sentences = passage_copy(seed, passage, copy);
        // After the lead, and not next to another passage.
        let is_passage = |p: &Vec<Sentence>| p.first().is_some_and(|s| s.passage.is_some());
        let free: Vec<usize> = (1..=paragraphs.len())
            .filter(|&at| {
                !is_passage(&paragraphs[at - 1])
                    && paragraphs.get(at).is_none_or(|p| !is_passage(p))
            })
            .collect();
        let at = if free.is_empty() {
            paragraphs.len()
        } else {
            rng.pick(&free)
        };
        paragraphs.insert(
            at,
            sentences
                .into_iter()
                .map(|text| Sentence {
                    text,
                    frame: None,
                    passage: Some(passage),
                })
                .collect(),
        );
    }
    Draft {
        title: title(&mut rng, &cast),
        source: outlet(&mut rng),
        day: rng.below(365),
        paragraphs,
    }
}

/// The sentences of copy `copy` of a passage: the first copy as written, the
/// others as written or lightly reworded (half of them each).
fn passage_copy(seed: u64, passage: u32, copy: u16) -> Vec<String> {
    let mut rng = Rng::stream(seed, &[PASSAGE, passage as u64]);
    let cast = Cast::random(&mut rng);
    let n = rng.range(2, 4);
    let sentences: Vec<String> = (0..n)
        .map(|_| {
            let frame = Frame::random(&mut rng, &cast);
            frame
                .render(Change::Keep, &mut rng)
                .expect("a frame renders as it is")
                .text
        })
        .collect();
    let mut rng = Rng::stream(seed, &[PASSAGE, passage as u64, copy as u64]);
    if copy == 0 || rng.chance(0.5) {
        return sentences;
    }
    let en = english();
    sentences
        .iter()
        .map(|s| paraphrase(s, Paraphrase::LIGHT, &mut rng, |r| en.object(r)))
        .collect()
}

/// A headline about the story: "Novak Logistics approves budget in Lisbon".
fn title(rng: &mut Rng, cast: &Cast) -> String {
    let en = english();
    let org = cast.organisation(rng);
    let org = org.strip_prefix("the ").unwrap_or(&org);
    let verb = &en.verbs[en.verb(rng)].third;
    let noun = if rng.chance(0.5) {
        rng.pick(&cast.topics)
    } else {
        en.noun(rng).singular
    };
    if rng.chance(0.4) {
        format!("{org} {verb} {noun} in {}", cast.place)
    } else {
        format!("{org} {verb} {noun}")
    }
}

/// The date `day` days after 1 January 2024, as YYYY-MM-DD.
pub fn date(day: usize) -> String {
    let lengths = [
        31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
        31,
    ];
    let mut d = day;
    for (m, &len) in lengths.iter().enumerate() {
        if d < len {
            return format!("{}-{:02}-{:02}", 2024 + m / 12, m % 12 + 1, d + 1);
        }
        d -= len;
    }
    "2025-12-31".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_from_new_year_2024() {
        assert_eq!(date(0), "2024-01-01");
        assert_eq!(date(59), "2024-02-29");
        assert_eq!(date(366), "2025-01-01");
    }
}
