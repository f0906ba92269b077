//! Frames to text, as written or with one change: a drift of a given kind, or a
//! rewording that keeps the meaning. A frame that cannot carry a change says so
//! (`None`), and the planter picks another sentence.
//!
//! One file per family of shapes: [`clause`] (who did what: statements in the
//! perfect and the past, and filler), [`speech`] (who said what: speeches, claims,
//! quotes), [`figure`] (how much and when: figures, shares, events).

mod clause;
mod figure;
mod speech;

use super::cast::{other_organisation, other_place, Person};
use super::frame::{
    Frame, Np, Obj, Object, Tail, CAUSES, EVENT_FORMS, FIGURED, MEASURES, MONTHS, MOVES,
    QUANTIFIERS, QUOTED, SPEECH, UNITS, WEEKDAYS,
};
use super::rng::Rng;
use super::words::{english, Verb};
use crate::drift::DriftKind;
use crate::text::lexicon;

/// What to do to a frame when rendering it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// As generated.
    Keep,
    /// One change of meaning of this kind.
    Drift(DriftKind),
    /// Other words, same meaning.
    Reword,
}

/// A rendered sentence and, for a change, a short note of what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub note: String,
}

/// Verbs that mean the same (WordNet synonyms), each pair read both ways.
pub const SYNONYMS: [(&str, &str); 18] = [
    ("buy", "purchase"),
    ("begin", "start"),
    ("help", "assist"),
    ("need", "require"),
    ("get", "obtain"),
    ("end", "finish"),
    ("examine", "inspect"),
    ("build", "construct"),
    ("send", "dispatch"),
    ("fix", "repair"),
    ("choose", "select"),
    ("keep", "retain"),
    ("check", "verify"),
    ("delay", "postpone"),
    ("finish", "complete"),
    ("back", "support"),
    ("fund", "finance"),
    ("reveal", "disclose"),
];

/// Verbs that mean the opposite, each pair read both ways.
pub const OPPOSITES: [(&str, &str); 24] = [
    ("approve", "reject"),
    ("accept", "reject"),
    ("support", "oppose"),
    ("open", "close"),
    ("raise", "lower"),
    ("increase", "reduce"),
    ("win", "lose"),
    ("buy", "sell"),
    ("hire", "fire"),
    ("include", "exclude"),
    ("allow", "ban"),
    ("impose", "lift"),
    ("grant", "refuse"),
    ("welcome", "condemn"),
    ("praise", "criticize"),
    ("strengthen", "weaken"),
    ("tighten", "ease"),
    ("launch", "cancel"),
    ("attack", "defend"),
    ("confirm", "deny"),
    ("begin", "end"),
    ("start", "finish"),
    ("endorse", "oppose"),
    ("suspend", "resume"),
];

fn partner(
    pairs: &[(&'static str, &'static str)],
    base: &str,
    rng: &mut Rng,
) -> Option<&'static Verb> {
    let found: Vec<&str> = pairs
        .iter()
        .filter_map(|&(a, b)| {
            if a == base {
                Some(b)
            } else if b == base {
                Some(a)
            } else {
                None
            }
        })
        .collect();
    if found.is_empty() {
        return None;
    }
    english().verb_named(rng.pick(&found))
}

fn v(i: usize) -> &'static Verb {
    &english().verbs[i]
}

/// "a" or "an" before `word`.
fn a(word: &str) -> &'static str {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u'])
        && !["uni", "use", "usu", "eu", "one"]
            .iter()
            .any(|p| word.starts_with(p));
    if vowel {
        "an"
    } else {
        "a"
    }
}

fn obj_text(o: &Obj) -> String {
    let mut s = String::from("the ");
    if let Some(adj) = o.adjective {
        s.push_str(adj);
        s.push(' ');
    }
    s.push_str(o.noun);
    for c in &o.more {
        s.push(' ');
        s.push_str(c.preposition);
        s.push_str(" the ");
        if let Some(adj) = c.adjective {
            s.push_str(adj);
            s.push(' ');
        }
        s.push_str(c.noun);
    }
    s
}

fn np_text(np: &Np) -> String {
    match np {
        Np::Person(p) => p.full(),
        Np::Organisation(o) => o.clone(),
        Np::Group(g) => g.to_string(),
        Np::Thing(o) => obj_text(o),
    }
}

fn tail_text(t: &Tail) -> String {
    let (adj, noun, group) = (t.adjective, t.noun, t.group);
    match t.shape {
        0 => format!(", citing {adj} {noun} from {group}"),
        1 => format!(" despite {adj} {noun} among {group}"),
        2 => format!(" after {} {adj} {noun}", a(adj)),
        3 => format!(" as part of {} {adj} {noun}", a(adj)),
        _ => format!(" amid {adj} {noun} over the {}", t.other),
    }
}

/// Capitalises the first letter and closes the sentence.
fn finish(body: String, end: char) -> String {
    let mut out = String::with_capacity(body.len() + 2);
    match body.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, c)) => {
            out.push_str(&body[..at]);
            out.extend(c.to_uppercase());
            out.push_str(&body[at + c.len_utf8()..]);
        }
        None => out.push_str(&body),
    }
    out.push(end);
    out
}

/// Flips a sentence's negation; the truth file's note on the change.
fn toggle_negation(negated: &mut bool) -> String {
    *negated = !*negated;
    if *negated {
        "negation added"
    } else {
        "negation removed"
    }
    .to_string()
}

fn changed(text: String, note: String) -> Option<Rendered> {
    Some(Rendered { text, note })
}

/// Another common noun, unrelated in WordNet to `noun` (neither a synonym, nor one
/// step broader or narrower, nor an opposite).
fn unrelated_noun(rng: &mut Rng, noun: &str) -> &'static str {
    let en = english();
    let synsets = lexicon::synsets();
    loop {
        let n = en.noun(rng).singular;
        if n != noun && !synsets.related(n, noun) {
            return n;
        }
    }
}

/// Another person for `p`, named differently from everyone in `also`.
fn other_person(rng: &mut Rng, p: &Person, also: &[&Person]) -> Person {
    let mut avoid = vec![p];
    avoid.extend_from_slice(also);
    Person::other(rng, &avoid)
}

fn other_index(rng: &mut Rng, n: usize, old: usize) -> usize {
    (old + 1 + rng.below(n - 1)) % n
}

impl Frame {
    /// The sentence, with `change` applied when the frame can carry it.
    pub fn render(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        match self {
            Frame::Perfect { .. } => self.perfect(change, rng),
            Frame::Past { .. } => self.past(change, rng),
            Frame::Speech { .. } => self.speech(change, rng),
            Frame::Claim { .. } => self.claim(change, rng),
            Frame::Figure { .. } => self.figure(change, rng),
            Frame::Share { .. } => self.share(change, rng),
            Frame::Quote { .. } => self.quote(change, rng),
            Frame::Event { .. } => self.event(change, rng),
            Frame::Filler { .. } => self.filler(change, rng),
        }
    }

    fn tail_if(&self, tail: &Option<Tail>, show: bool) -> String {
        match tail {
            Some(t) if show => tail_text(t),
            _ => String::new(),
        }
    }
}

fn object_text(o: &Object) -> String {
    match o {
        Object::Thing(t) => obj_text(t),
        Object::Group(g) => format!("the {g}"),
    }
}

/// The subject replaced by another person or organisation, for `entity` drift.
fn swap_subject(subject: &Np, rng: &mut Rng) -> Option<(Np, String)> {
    match subject {
        Np::Person(p) => {
            let new = other_person(rng, p, &[]);
            let note = format!("{} -> {}", p.full(), new.full());
            Some((Np::Person(new), note))
        }
        Np::Organisation(o) => {
            let new = other_organisation(rng, o);
            let note = format!("{o} -> {new}");
            Some((Np::Organisation(new), note))
        }
        _ => None,
    }
}

/// A figure's amount as written: "4,352 tonnes", "$43.5 million", "1.2 billion euros".
pub fn amount_text(unit: Option<usize>, dollars: bool, amount: u32) -> String {
    match unit {
        Some(unit) => format!("{} {}", thousands(amount), UNITS[unit]),
        None => {
            let money = if amount >= 10_000 {
                format!("{}.{} billion", amount / 10_000, amount / 1000 % 10)
            } else {
                format!("{}.{} million", amount / 10, amount % 10)
            };
            if dollars {
                format!("${money}")
            } else {
                format!("{money} euros")
            }
        }
    }
}

/// "12" for 120 tenths, "12.5" for 125.
fn tenths(n: u32) -> String {
    if n.is_multiple_of(10) {
        (n / 10).to_string()
    } else {
        format!("{}.{}", n / 10, n % 10)
    }
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::cast::Cast;
    use crate::gen::plan::DRIFT_KINDS;

    /// Every change a frame accepts changes its text, and every change has frames
    /// that accept it.
    #[test]
    fn changes_change_the_text_and_every_kind_has_carriers() {
        let mut rng = Rng::new(5);
        let cast = Cast::random(&mut rng);
        let changes: Vec<Change> = DRIFT_KINDS
            .iter()
            .map(|&k| Change::Drift(k))
            .chain([Change::Reword])
            .collect();
        let mut carried = vec![0; changes.len()];
        for _ in 0..3000 {
            let frame = Frame::random(&mut rng, &cast);
            let kept = frame.render(Change::Keep, &mut rng).expect("renders").text;
            assert!(
                kept.ends_with('.') && kept.starts_with(|c: char| c.is_uppercase() || c == '"')
            );
            assert!(!kept.contains("  ") && !kept.contains(" ,"), "{kept}");
            for (k, &change) in changes.iter().enumerate() {
                if let Some(done) = frame.render(change, &mut rng) {
                    assert_ne!(done.text, kept, "{change:?} left {kept:?} as it was");
                    assert!(!done.note.is_empty());
                    assert!(done.text.ends_with(['.', '?']), "{}", done.text);
                    carried[k] += 1;
                }
            }
        }
        for (change, n) in changes.iter().zip(&carried) {
            assert!(*n >= 20, "{change:?} carried by {n} frames");
        }
    }

    #[test]
    fn amounts_read_as_written() {
        assert_eq!(amount_text(None, true, 435), "$43.5 million");
        assert_eq!(amount_text(None, false, 12_345), "1.2 billion euros");
        assert_eq!(amount_text(Some(0), true, 98_009), "98,009 tonnes");
        assert_eq!(tenths(120), "12");
        assert_eq!(tenths(125), "12.5");
    }
}
