//! Who said what: speeches, claims and quotes.

use super::*;

impl Frame {
    pub(super) fn speech(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
            Change::Drift(DriftKind::Polarity) => toggle_negation(&mut negated),
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

    pub(super) fn claim(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
            Change::Drift(DriftKind::Polarity) => toggle_negation(&mut negated),
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

    pub(super) fn quote(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
            Change::Drift(DriftKind::Polarity) => toggle_negation(&mut negated),
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
}
