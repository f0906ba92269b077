//! How much and when: figures, shares of a group, scheduled events.

use super::*;

impl Frame {
    pub(super) fn figure(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
                        let p = crate::gen::frame::percent(rng);
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
                        let a = crate::gen::frame::amount(rng);
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

    pub(super) fn share(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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

    pub(super) fn event(&self, change: Change, rng: &mut Rng) -> Option<Rendered> {
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
}
