//! Who did what: statements in the perfect and the past, and filler sentences.

use super::*;

impl Frame {
    pub(super) fn perfect(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
                note = toggle_negation(&mut negated);
                marker = false;
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

    pub(super) fn past(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
            Change::Drift(DriftKind::Polarity) => toggle_negation(&mut negated),
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

    pub(super) fn filler(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
            Change::Drift(DriftKind::Polarity) => toggle_negation(&mut negated),
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
