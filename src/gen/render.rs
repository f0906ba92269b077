//! Frames to text, as written or with one change: a drift of a given kind, or a
//! rewording that keeps the meaning. A frame that cannot carry a change says so
//! (`None`), and the planter picks another sentence.

use super::cast::{other_organisation, other_place, Person};
use super::frame::{
    Frame, Np, Obj, Object, Tail, CAUSES, EVENT_FORMS, FIGURED, MEASURES, MONTHS, MOVES,
    QUANTIFIERS, QUOTED, SPEECH, UNITS, WEEKDAYS,
};
use super::rng::Rng;
use super::words::{english, Verb};
use crate::drift::DriftKind;
use crate::lexicon;

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

    fn perfect(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Perfect {
            subject,
            marker,
            negated,
            verb,
            object,
            tail,
            show_tail,
        } = self
        else {
            return None;
        };
        let (mut subject, mut negated, mut marker) = (subject.clone(), *negated, *marker);
        let mut verb = v(*verb);
        let mut object = object.clone();
        let mut show_tail = *show_tail;
        let mut aux = if subject.plural() { "have" } else { "has" };
        let mut hedge = None;
        let mut simple = false;
        let note;
        match change {
            Change::Keep => note = String::new(),
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                marker = false;
                note = if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string();
            }
            Change::Drift(DriftKind::Tense) => {
                note = format!("{aux} {} -> had {}", verb.participle, verb.participle);
                aux = "had";
            }
            Change::Drift(DriftKind::Aspect) => {
                simple = true;
                marker = false;
                note = format!("present perfect -> simple present ({})", verb.base);
            }
            Change::Drift(DriftKind::Hedge) if !negated => {
                let h = rng.pick(&["reportedly", "allegedly", "apparently"]);
                hedge = Some(h);
                note = format!("hedge added: {h}");
            }
            Change::Drift(DriftKind::Entity) => {
                let (s, n) = swap_subject(&subject, rng)?;
                subject = s;
                note = n;
            }
            Change::Drift(DriftKind::Substitution) => {
                let n = unrelated_noun(rng, object.noun);
                note = format!("{} -> {n}", object.noun);
                object.noun = n;
            }
            Change::Drift(DriftKind::Omission) if tail.is_some() && show_tail => {
                show_tail = false;
                note = "clause dropped".into();
            }
            Change::Drift(DriftKind::Addition) if tail.is_some() && !show_tail => {
                show_tail = true;
                note = "clause added".into();
            }
            Change::Drift(DriftKind::Mood) if !negated => {
                let already = if marker { " already" } else { "" };
                let text = format!(
                    "{aux} {}{already} {} {}",
                    np_text(&subject),
                    verb.participle,
                    obj_text(&object)
                );
                return changed(finish(text, '?'), "statement -> question".into());
            }
            Change::Reword if negated => {
                note = format!("{aux} not -> {aux}n't");
                let body = format!(
                    "{} {aux}n't{} {} {}{}",
                    np_text(&subject),
                    if marker { " yet" } else { "" },
                    verb.participle,
                    obj_text(&object),
                    self.tail_if(tail, show_tail)
                );
                return changed(finish(body, '.'), note);
            }
            Change::Reword => {
                let other = partner(&SYNONYMS, verb.base, rng)?;
                note = format!("{} -> {}", verb.participle, other.participle);
                verb = other;
            }
            Change::Drift(_) => return None,
        }
        let mut body = np_text(&subject);
        if simple {
            if negated {
                body += if subject.plural() {
                    " do not "
                } else {
                    " does not "
                };
                body += verb.base;
            } else {
                body.push(' ');
                body += if subject.plural() {
                    verb.base
                } else {
                    &verb.third
                };
            }
        } else {
            body.push(' ');
            body += aux;
            if negated {
                body += " not";
                if marker {
                    body += " yet";
                }
            } else if marker {
                body += " already";
            }
            if let Some(h) = hedge {
                body.push(' ');
                body += h;
            }
            body.push(' ');
            body += &verb.participle;
        }
        body.push(' ');
        body += &obj_text(&object);
        body += &self.tail_if(tail, show_tail);
        changed(finish(body, '.'), note)
    }

    fn tail_if(&self, tail: &Option<Tail>, show: bool) -> String {
        match tail {
            Some(t) if show => tail_text(t),
            _ => String::new(),
        }
    }

    fn past(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Past {
            subject,
            negated,
            verb,
            object,
            day,
            tail,
            show_tail,
        } = self
        else {
            return None;
        };
        let (mut subject, mut negated, mut object) = (subject.clone(), *negated, object.clone());
        let mut verb = v(*verb);
        let (mut day, mut show_tail) = (*day, *show_tail);
        let (mut future, mut hedge, mut front, mut contract) = (false, None, false, false);
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string()
            }
            Change::Drift(DriftKind::Tense) => {
                future = true;
                format!("past -> future ({})", verb.base)
            }
            Change::Drift(DriftKind::Hedge) if !negated => {
                let h = rng.pick(&["reportedly", "allegedly", "apparently"]);
                hedge = Some(h);
                format!("hedge added: {h}")
            }
            Change::Drift(DriftKind::Date) if day.is_some() => {
                let old = day.unwrap_or(0);
                let new = other_index(rng, 7, old);
                day = Some(new);
                format!("{} -> {}", WEEKDAYS[old], WEEKDAYS[new])
            }
            Change::Drift(DriftKind::Antonym) => {
                let other = partner(&OPPOSITES, verb.base, rng)?;
                let note = format!("{} -> {}", verb.past, other.past);
                verb = other;
                note
            }
            Change::Drift(DriftKind::Mood) if !negated => {
                let when = day
                    .map(|d| format!(" on {}", WEEKDAYS[d]))
                    .unwrap_or_default();
                let text = format!(
                    "did {} {} {}{when}",
                    np_text(&subject),
                    verb.base,
                    object_text(&object)
                );
                return changed(finish(text, '?'), "statement -> question".into());
            }
            Change::Drift(DriftKind::Order) => {
                let (Np::Group(s), Object::Group(o)) = (&subject, &object) else {
                    return None;
                };
                if s == o {
                    return None;
                }
                let note = format!("{s} and {o} swapped");
                (subject, object) = (Np::Group(o), Object::Group(s));
                note
            }
            Change::Drift(DriftKind::Entity) => {
                let (s, n) = swap_subject(&subject, rng)?;
                subject = s;
                n
            }
            Change::Drift(DriftKind::Substitution) => {
                let Object::Thing(o) = &mut object else {
                    return None;
                };
                let n = unrelated_noun(rng, o.noun);
                let note = format!("{} -> {n}", o.noun);
                o.noun = n;
                note
            }
            Change::Drift(DriftKind::Omission) if tail.is_some() && show_tail => {
                show_tail = false;
                "clause dropped".into()
            }
            Change::Drift(DriftKind::Addition) if tail.is_some() && !show_tail => {
                show_tail = true;
                "clause added".into()
            }
            Change::Reword if negated => {
                contract = true;
                "did not -> didn't".into()
            }
            Change::Reword => {
                let synonym = partner(&SYNONYMS, verb.base, rng);
                match (day, synonym) {
                    (Some(d), _) if rng.chance(0.5) || synonym.is_none() => {
                        front = true;
                        format!("\"on {}\" moved to the front", WEEKDAYS[d])
                    }
                    (_, Some(other)) => {
                        let note = format!("{} -> {}", verb.past, other.past);
                        verb = other;
                        note
                    }
                    _ => return None,
                }
            }
            Change::Drift(_) => return None,
        };
        let mut body = String::new();
        if let (true, Some(d)) = (front, day) {
            body += &format!("on {}, ", WEEKDAYS[d]);
        }
        body += &np_text(&subject);
        body += match (negated, future, contract) {
            (true, true, _) => " will not ",
            (true, false, true) => " didn't ",
            (true, false, false) => " did not ",
            (false, true, _) => " will ",
            (false, false, _) => " ",
        };
        if let Some(h) = hedge {
            body += h;
            body.push(' ');
        }
        body += if negated || future {
            verb.base
        } else {
            &verb.past
        };
        body.push(' ');
        body += &object_text(&object);
        if let (false, Some(d)) = (front, day) {
            body += &format!(" on {}", WEEKDAYS[d]);
        }
        body += &self.tail_if(tail, show_tail);
        changed(finish(body, '.'), note)
    }

    fn speech(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Speech {
            speaker,
            says,
            role,
            organisation,
            day,
            inner,
            negated,
            verb,
            object,
            month,
        } = self
        else {
            return None;
        };
        let (mut speaker, mut day, mut month, mut negated) =
            (speaker.clone(), *day, *month, *negated);
        let verb = v(*verb);
        let (mut hedge, mut front, mut that) = (None, false, true);
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Date) => {
                if month.is_none() || rng.chance(0.5) {
                    let new = other_index(rng, 7, day);
                    let note = format!("{} -> {}", WEEKDAYS[day], WEEKDAYS[new]);
                    day = new;
                    note
                } else {
                    let old = month?;
                    let new = other_index(rng, 12, old);
                    month = Some(new);
                    format!("{} -> {}", MONTHS[old], MONTHS[new])
                }
            }
            Change::Drift(DriftKind::Entity) => {
                let new = other_person(rng, &speaker, &[]);
                let note = format!("{} -> {}", speaker.full(), new.full());
                speaker = new;
                note
            }
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string()
            }
            Change::Drift(DriftKind::Hedge) if !negated => {
                let h = rng.pick(&["probably", "possibly"]);
                hedge = Some(h);
                format!("hedge added: {h}")
            }
            Change::Reword => {
                if rng.chance(0.5) {
                    front = true;
                    format!("\"on {}\" moved to the front", WEEKDAYS[day])
                } else {
                    that = false;
                    "\"that\" dropped".into()
                }
            }
            Change::Drift(_) => return None,
        };
        let when = format!("on {}", WEEKDAYS[day]);
        let mut body = String::new();
        if front {
            body += &format!("{when}, ");
        }
        body += &format!(
            "{}, the {role} of {organisation}, {}",
            speaker.full(),
            SPEECH[*says]
        );
        if !front {
            body += &format!(" {when}");
        }
        if that {
            body += " that";
        }
        body += &format!(" {} would", np_text(inner));
        if negated {
            body += " not";
        }
        if let Some(h) = hedge {
            body += &format!(" {h}");
        }
        body += &format!(" {} {}", verb.base, obj_text(object));
        if let Some(m) = month {
            body += " by ";
            body += MONTHS[m];
        }
        changed(finish(body, '.'), note)
    }

    fn claim(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Claim {
            source,
            actor,
            according,
            negated,
            verb,
            object,
        } = self
        else {
            return None;
        };
        let (mut source, mut actor) = (source.clone(), actor.clone());
        let (mut according, mut negated) = (*according, *negated);
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Attribution) => {
                std::mem::swap(&mut source, &mut actor);
                format!("{} and {} swapped", actor.full(), source.full())
            }
            Change::Drift(DriftKind::Entity) => {
                let new = other_person(rng, &actor, &[&source]);
                let note = format!("{} -> {}", actor.full(), new.full());
                actor = new;
                note
            }
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string()
            }
            Change::Reword => {
                according = !according;
                "\"said\" <-> \"according to\"".into()
            }
            Change::Drift(_) => return None,
        };
        let not = if negated { " not" } else { "" };
        let clause = format!(
            "{} had{not} {} {}",
            actor.full(),
            v(*verb).participle,
            obj_text(object)
        );
        let body = if according {
            format!("according to {}, {clause}", source.full())
        } else {
            format!("{} said {clause}", source.full())
        };
        changed(finish(body, '.'), note)
    }

    fn figure(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Figure {
            organisation,
            form,
            measure,
            unit,
            dollars,
            moves,
            up,
            percent,
            amount,
            month,
            cause,
        } = self
        else {
            return None;
        };
        let (mut organisation, mut up, mut percent) = (organisation.clone(), *up, *percent);
        let (mut amount, mut month) = (*amount, *month);
        let mut percent_word = "percent";
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Number) => {
                if rng.chance(0.5) {
                    let new = loop {
                        let p = super::frame::percent(rng);
                        if p != percent {
                            break p;
                        }
                    };
                    let note = format!("{} -> {} percent", tenths(percent), tenths(new));
                    percent = new;
                    note
                } else {
                    let old = amount_text(*unit, *dollars, amount);
                    let new = loop {
                        let a = super::frame::amount(rng);
                        if amount_text(*unit, *dollars, a) != old {
                            break a;
                        }
                    };
                    amount = new;
                    format!("{old} -> {}", amount_text(*unit, *dollars, amount))
                }
            }
            Change::Drift(DriftKind::Antonym) => {
                let (rise, fall) = MOVES[*moves];
                up = !up;
                if up {
                    format!("{fall} -> {rise}")
                } else {
                    format!("{rise} -> {fall}")
                }
            }
            Change::Drift(DriftKind::Date) => {
                let new = other_index(rng, 12, month);
                let note = format!("{} -> {}", MONTHS[month], MONTHS[new]);
                month = new;
                note
            }
            Change::Drift(DriftKind::Entity) => {
                let new = other_organisation(rng, &organisation);
                let note = format!("{organisation} -> {new}");
                organisation = new;
                note
            }
            Change::Reword => {
                percent_word = rng.pick(&["per cent", "%"]);
                format!("percent -> {percent_word}")
            }
            Change::Drift(_) => return None,
        };
        let moved = if up { MOVES[*moves].0 } else { MOVES[*moves].1 };
        let pct = if percent_word == "%" {
            format!("{}%", tenths(percent))
        } else {
            format!("{} {percent_word}", tenths(percent))
        };
        let said = FIGURED[*form]
            .replace("{o}", &organisation)
            .replace("{m}", MEASURES[*measure]);
        let mut body = format!(
            "{said} {moved} {pct} to {} in {}",
            amount_text(*unit, *dollars, amount),
            MONTHS[month]
        );
        if let Some((why, cause)) = cause {
            body += ", ";
            body += CAUSES[*why];
            body.push(' ');
            body += &obj_text(cause);
        }
        changed(finish(body, '.'), note)
    }

    fn share(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Share {
            quantifier,
            group,
            verb,
            object,
        } = self
        else {
            return None;
        };
        let (mut quantifier, mut verb) = (*quantifier, v(*verb));
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Quantity) => {
                let (word, rank) = QUANTIFIERS[quantifier];
                let opposites = [("few", "many"), ("many", "few")];
                let choices: Vec<usize> = (0..QUANTIFIERS.len())
                    .filter(|&i| {
                        let (w, r) = QUANTIFIERS[i];
                        r.abs_diff(rank) >= 2 && !opposites.contains(&(word, w))
                    })
                    .collect();
                let new = rng.pick(&choices);
                let note = format!("{word} -> {}", QUANTIFIERS[new].0);
                quantifier = new;
                note
            }
            Change::Drift(DriftKind::Antonym) => {
                let other = partner(&OPPOSITES, verb.base, rng)?;
                let note = format!("{} -> {}", verb.past, other.past);
                verb = other;
                note
            }
            Change::Reword => {
                let other = partner(&SYNONYMS, verb.base, rng)?;
                let note = format!("{} -> {}", verb.past, other.past);
                verb = other;
                note
            }
            Change::Drift(_) => return None,
        };
        let body = format!(
            "{} of the {group} {} {}",
            QUANTIFIERS[quantifier].0,
            verb.past,
            obj_text(object)
        );
        changed(finish(body, '.'), note)
    }

    fn quote(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Quote {
            speaker,
            outlet,
            form,
            negated,
            verb,
            object,
            when,
        } = self
        else {
            return None;
        };
        let (mut speaker, mut negated, mut object) = (speaker.clone(), *negated, object.clone());
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Quote) => {
                let new = unrelated_noun(rng, object.noun);
                let note = format!("quoted {} -> {new}", object.noun);
                object.noun = new;
                note
            }
            Change::Drift(DriftKind::Entity) => {
                let new = other_person(rng, &speaker, &[]);
                let note = format!("{} -> {}", speaker.full(), new.full());
                speaker = new;
                note
            }
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string()
            }
            _ => return None,
        };
        let not = if negated { " not" } else { "" };
        let when = when.map(|w| format!(" {w}")).unwrap_or_default();
        let text = format!(
            "\"We will{not} {} {}{when},\" {} {}.",
            v(*verb).base,
            obj_text(&object),
            speaker.full(),
            QUOTED[*form].replace("{}", outlet)
        );
        changed(text, note)
    }

    fn event(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Event {
            event,
            place,
            about,
            month,
            day,
            form,
        } = self
        else {
            return None;
        };
        let (mut place, mut month, mut day) = (*place, *month, *day);
        let (present, past, reworded) = EVENT_FORMS[*form];
        let mut announced = present;
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Date) => {
                let new = other_index(rng, 12, month);
                let note = format!("{} -> {}", MONTHS[month], MONTHS[new]);
                month = new;
                note
            }
            Change::Drift(DriftKind::Number) => {
                let new = other_index(rng, 28, day as usize - 1) as u32 + 1;
                let note = format!("day {day} -> {new}");
                day = new;
                note
            }
            Change::Drift(DriftKind::Entity) => {
                let new = other_place(rng, place);
                let note = format!("{place} -> {new}");
                place = new;
                note
            }
            Change::Drift(DriftKind::Tense) => {
                announced = past;
                format!("{present} -> {past}")
            }
            Change::Reword => {
                announced = reworded?;
                format!("{present} -> {announced}")
            }
            _ => return None,
        };
        let body = format!(
            "the {event} in {place} on {} {announced} {} {day}",
            obj_text(about),
            MONTHS[month]
        );
        changed(finish(body, '.'), note)
    }

    fn filler(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
        let Frame::Filler {
            head,
            negated,
            verb,
            object,
            preposition,
            place,
            tail,
            show_tail,
        } = self
        else {
            return None;
        };
        let (mut negated, mut verb, mut object) = (*negated, v(*verb), object.clone());
        let mut head = head.clone();
        let (mut show_tail, mut future) = (*show_tail, false);
        let note = match change {
            Change::Keep => String::new(),
            Change::Drift(DriftKind::Order) if head.noun != object.noun => {
                std::mem::swap(&mut head, &mut object);
                format!("{} and {} swapped", head.noun, object.noun)
            }
            Change::Drift(DriftKind::Substitution) => {
                let n = unrelated_noun(rng, object.noun);
                let note = format!("{} -> {n}", object.noun);
                object.noun = n;
                note
            }
            Change::Drift(DriftKind::Omission) if tail.is_some() && show_tail => {
                show_tail = false;
                "clause dropped".into()
            }
            Change::Drift(DriftKind::Addition) if tail.is_some() && !show_tail => {
                show_tail = true;
                "clause added".into()
            }
            Change::Drift(DriftKind::Antonym) => {
                let other = partner(&OPPOSITES, verb.base, rng)?;
                let note = format!("{} -> {}", verb.past, other.past);
                verb = other;
                note
            }
            Change::Drift(DriftKind::Polarity) => {
                negated = !negated;
                if negated {
                    "negation added"
                } else {
                    "negation removed"
                }
                .to_string()
            }
            Change::Drift(DriftKind::Tense) => {
                future = true;
                format!("past -> future ({})", verb.base)
            }
            Change::Reword => {
                let other = partner(&SYNONYMS, verb.base, rng)?;
                let note = format!("{} -> {}", verb.past, other.past);
                verb = other;
                note
            }
            Change::Drift(_) => return None,
        };
        let group = match (negated, future) {
            (true, true) => format!("will not {}", verb.base),
            (true, false) => format!("did not {}", verb.base),
            (false, true) => format!("will {}", verb.base),
            (false, false) => verb.past.to_string(),
        };
        let body = format!(
            "{} {group} {} {preposition} {}{}",
            obj_text(&head),
            obj_text(&object),
            obj_text(place),
            self.tail_if(tail, show_tail)
        );
        changed(finish(body, '.'), note)
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
