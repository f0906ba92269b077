//! Numbers and dates compared as values: "$1.8 billion" and "1,800 million" agree,
//! "three" and "3" agree, "15,000" and "15.000" do not need to (locales differ, so a
//! value is read both ways only where the text is unambiguous: see `value`).

use super::{Detector, Languages, Pair};
use crate::drift::facts::classes::Class;
use crate::drift::facts::figures::{SCALES, SOFT_WORDS, WORDS};
use crate::drift::facts::side::Side;
use crate::drift::severity;
use crate::drift::{DriftFinding, DriftKind, Span};

/// What a figure counts, as far as the words after it say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Nothing said: matches any unit, since a rewrite often drops it ("100 percent"
    /// / "0-to-100").
    Unstated,
    Percent,
    /// Percentage points, or points of an index.
    Points,
}

/// A figure stated in the text.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: f64,
    unit: Unit,
    /// A day of a named month or a time of day: compared as a date. (A year alone
    /// is a number; the explanation calls it a year.)
    date: bool,
    /// A time of day (a `date` too).
    clock: bool,
    year: bool,
    /// Read from a word that is not always a count ("first", "both", "fifties"):
    /// it answers a figure of the other side but is never reported missing.
    soft: bool,
    span: Span,
}

/// Abbreviations that read as a scale only after money ("$5m", but "100 m" is metres).
const MONEY_SCALES: [(&str, f64); 2] = [("m", 1e6), ("k", 1e3)];
const CURRENCY_SYMBOLS: [char; 5] = ['$', '\u{20AC}', '\u{A3}', '\u{A5}', '\u{20B9}'];
/// What follows a time of day ("8.30 pm", "15.00 UTC").
const CLOCK_MARKS: [&str; 14] = [
    "am", "a.m", "pm", "p.m", "utc", "gmt", "cet", "cest", "est", "edt", "pst", "bst", "msk",
    "hours",
];

/// The value of a number token: digits with `,` as thousands separator and `.` as
/// decimal point, or a number word. A single comma not followed by a group of three
/// digits is a decimal comma ("3,5 million", as most of Europe writes it).
fn value(norm: &str) -> Option<f64> {
    if norm.starts_with(|c: char| c.is_ascii_digit()) {
        if let Some((whole, fraction)) = norm.split_once(',') {
            if !fraction.contains([',', '.']) && fraction.len() != 3 {
                return format!("{whole}.{fraction}").parse().ok();
            }
        }
        return norm.replace(',', "").parse().ok();
    }
    WORDS.iter().find(|(w, _)| *w == norm).map(|&(_, v)| v)
}

/// A time of day starting at token `k`: "20:30", "8:30 p.m.", "15.00 UTC", as hours
/// since midnight, with the index of its last token.
fn clock(side: &Side, k: usize) -> Option<(f64, usize)> {
    let norm = |j: usize| side.tokens.get(j).map(|t| t.norm.as_str());
    let t = &side.tokens[k];
    let (hours, minutes, mut last) = match t.norm.split_once('.') {
        Some((h, m)) if m.len() == 2 => (h.parse::<f64>().ok()?, m.parse::<f64>().ok()?, k),
        Some(_) => return None,
        None => {
            let next = side.tokens.get(k + 1)?;
            let colon = &side.text[t.end..next.start] == ":";
            if colon && next.norm.len() == 2 {
                (t.norm.parse().ok()?, next.norm.parse().ok()?, k + 1)
            } else if matches!(next.norm.as_str(), "am" | "a.m" | "pm" | "p.m") {
                // "7 PM": the hour alone, before its half of the day.
                let hours: f64 = t.norm.parse().ok()?;
                if !(1.0..=12.0).contains(&hours) || hours.fract() != 0.0 {
                    return None;
                }
                (hours, 0.0, k)
            } else {
                return None;
            }
        }
    };
    if hours > 24.0 || minutes >= 60.0 {
        return None;
    }
    let mark = norm(last + 1).filter(|m| CLOCK_MARKS.contains(m));
    if last == k && mark.is_none() {
        return None; // "15.00" alone is a number
    }
    let mut hours = hours + minutes / 60.0;
    if let Some(m) = mark {
        last += 1;
        if m.starts_with('p') && hours < 12.0 {
            hours += 12.0;
        } else if m.starts_with('a') && hours >= 12.0 {
            hours -= 12.0;
        }
    }
    Some((hours, last))
}

/// "19th century", "the third centuries": an ordinal before these counts centuries.
fn century(w: &str) -> bool {
    matches!(w, "century" | "centuries")
}

fn figures(side: &Side) -> Vec<Figure> {
    let mut out = Vec::new();
    // The last figure's value and where it ended, stutters included.
    let mut previous: Option<(f64, usize)> = None;
    let mut k = 0;
    while k < side.tokens.len() {
        let t = &side.tokens[k];
        if !side.is(k, Class::Figure) {
            k += 1;
            continue;
        }
        if let Some((hours, last)) = clock(side, k) {
            out.push(Figure {
                value: hours,
                unit: Unit::Unstated,
                date: true,
                clock: true,
                year: false,
                soft: false,
                span: (t.start, side.tokens[last].end),
            });
            k = last + 1;
            continue;
        }
        // "5m", "1.8bn", "10km": the figure, then a scale or a unit written onto it.
        let digits = t.norm.find(char::is_alphabetic).filter(|&i| i > 0);
        let (figure, suffix) = t.norm.split_at(digits.unwrap_or(t.norm.len()));
        if let Some(&(_, mut v)) = SOFT_WORDS.iter().find(|(w, _)| *w == t.norm) {
            if side.tokens.get(k + 1).is_some_and(|n| century(&n.norm)) {
                v = (v - 1.0) * 100.0;
            }
            out.push(Figure {
                value: v,
                unit: Unit::Unstated,
                date: false,
                clock: false,
                year: false,
                soft: true,
                span: (t.start, t.end),
            });
            k += 1;
            continue;
        }
        // "a thousand", "a million": the scale word is the figure.
        let a_scale = || {
            let after_a = k > 0 && matches!(side.tokens[k - 1].norm.as_str(), "a" | "one");
            SCALES
                .iter()
                .find(|(w, _)| after_a && *w == t.norm)
                .map(|&(_, v)| v)
        };
        let Some(mut v) = value(figure).or_else(a_scale) else {
            k += 1;
            continue;
        };
        // "COVID-19", "F-16", "G7": a figure written onto a word is part of a name.
        let glued = k > 0 && {
            let gap = &side.text[side.tokens[k - 1].end..t.start];
            // Latin letters only: Chinese and Japanese write figures onto words
            // ("2021年") without making them names.
            (gap.is_empty() || gap == "-")
                && side.tokens[k - 1]
                    .norm
                    .starts_with(|c: char| c.is_ascii_alphabetic())
        };
        // "100 100": a figure said twice in a row is a stutter, not a second figure.
        let stutter = previous
            .is_some_and(|(value, end)| value == v && side.text[end..t.start].trim().is_empty());
        if glued || stutter {
            if stutter {
                previous = Some((v, t.end));
            }
            k += 1;
            continue;
        }
        // "2021-22": the second year of a range written with its last two digits.
        // Not a month or a day of a date in figures ("2021-05-12"), which would
        // read as no year after the first, nor a count with a scale ("2000-10 mln").
        let scale_after = side
            .tokens
            .get(k + 1)
            .is_some_and(|n| SCALES.iter().any(|(w, _)| *w == n.norm));
        let range_start = (k > 0 && figure.len() == 2 && suffix.is_empty() && !scale_after)
            .then(|| {
                let gap = side.text[side.tokens[k - 1].end..t.start].trim();
                matches!(gap, "-" | "/" | "\u{2013}" | "\u{2014}")
            })
            .filter(|&dash| dash)
            .and_then(|_| side.tokens[k - 1].norm.parse::<u32>().ok())
            .filter(|y| (1800..=2100).contains(y));
        let second_year = range_start.map(|first| {
            let within = first / 100 * 100 + v as u32;
            if within > first {
                within
            } else {
                within + 100
            }
        });
        let short_year = match (range_start, second_year) {
            (Some(first), Some(year)) if year <= (first + 99).min(2100) && v.fract() == 0.0 => {
                v = f64::from(year);
                true
            }
            _ => false,
        };
        // "2 1/2", "two and a half".
        let norm_at = |j: usize| side.tokens.get(j).map_or("", |t| t.norm.as_str());
        let slash = k + 2 < side.tokens.len()
            && &side.text[side.tokens[k + 1].end..side.tokens[k + 2].start] == "/";
        let fraction = slash
            .then(|| {
                Some((
                    norm_at(k + 1).parse::<f64>().ok()?,
                    norm_at(k + 2).parse::<f64>().ok()?,
                ))
            })
            .flatten()
            .filter(|&(n, d)| d > 0.0 && n < d);
        if let Some((n, d)) = fraction {
            v += n / d;
            k += 2;
        } else if [norm_at(k + 1), norm_at(k + 2), norm_at(k + 3)] == ["and", "a", "half"] {
            v += 0.5;
            k += 3;
        }
        // "twenty-four", "forty two": tens and units written as two words.
        let tens = WORDS.iter().any(|(w, _)| *w == t.norm)
            && (20.0..100.0).contains(&v)
            && v % 10.0 == 0.0;
        let units = side.tokens.get(k + 1).and_then(|n| {
            let gap = &side.text[t.end..n.start];
            WORDS
                .iter()
                .chain(&[("one", 1.0)])
                .find(|(w, x)| *w == n.norm && *x < 10.0)
                .filter(|_| gap == "-" || gap == " ")
                .map(|&(_, x)| x)
        });
        let mut end = t.end;
        if let Some(u) = units.filter(|_| tens) {
            v += u;
            end = side.tokens[k + 1].end;
            k += 1;
        }
        // "19th century" is the 1800s.
        if matches!(suffix, "st" | "nd" | "rd" | "th") && century(norm_at(k + 1)) {
            v = (v - 1.0) * 100.0;
        }
        let money = side.text[..t.start].trim_end().ends_with(CURRENCY_SYMBOLS);
        let mut scaled = false;
        let scale_of = |w: &str| {
            SCALES
                .iter()
                .chain(money.then_some(&MONEY_SCALES).into_iter().flatten())
                .find(|(s, _)| *s == w)
                .map(|&(_, scale)| scale)
        };
        if let Some(scale) = scale_of(suffix) {
            v *= scale;
            scaled = true;
        }
        while let Some(next) = side.tokens.get(k + 1) {
            let Some(scale) = scale_of(&next.norm) else {
                break;
            };
            if side.clause_break_after(k) {
                break;
            }
            v *= scale;
            end = next.end;
            scaled = true;
            k += 1;
        }
        let after = side.text[end..].trim_start();
        let next = |j: usize| side.tokens.get(k + j).map_or("", |n| n.norm.as_str());
        let unit = if after.starts_with('%')
            || matches!(next(1), "percent" | "pct" | "per")
                && !matches!(next(2), "point" | "points")
        {
            Unit::Percent
        } else if matches!(next(1), "point" | "points")
            || (next(1) == "percentage" && matches!(next(2), "point" | "points"))
        {
            Unit::Points
        } else {
            Unit::Unstated
        };
        let year = !scaled
            && unit == Unit::Unstated
            && (figure.len() == 4 || short_year)
            && (1800.0..=2100.0).contains(&v)
            && v.fract() == 0.0;
        // "November 5", "5 November": a day of the month is a date.
        let month = |j: Option<usize>| {
            j.filter(|&j| j < side.tokens.len())
                .and_then(|j| side.calendar(j))
                .is_some()
        };
        let day = !scaled
            && unit == Unit::Unstated
            && v.fract() == 0.0
            && (1.0..=31.0).contains(&v)
            && (month(k.checked_sub(1)) || month(Some(k + 1)));
        previous = Some((v, end));
        out.push(Figure {
            value: v,
            unit,
            date: day,
            clock: false,
            year,
            soft: false,
            span: (t.start, end),
        });
        k += 1;
    }
    out
}

fn same_value(x: &Figure, y: &Figure) -> bool {
    (x.value - y.value).abs() <= 1e-9 * x.value.abs().max(1.0)
}

/// The same figure: the same value, in the same unit or one side not saying.
fn same(x: &Figure, y: &Figure) -> bool {
    same_value(x, y) && (x.unit == y.unit || x.unit == Unit::Unstated || y.unit == Unit::Unstated)
}

/// The `number` detector (see the module's doc).
pub struct Number;

impl Detector for Number {
    fn kinds(&self) -> &'static [DriftKind] {
        &[DriftKind::Number]
    }

    fn languages(&self) -> Languages {
        Languages::Any
    }

    fn detect(&self, pair: &Pair, out: &mut Vec<DriftFinding>) {
        let (a, b) = (pair.a, pair.b);
        let (fa, fb) = (figures(a), figures(b));
        // Pair equal figures; what is left on each side is changed, dropped or added.
        let mut used = vec![false; fb.len()];
        let mut left_a = Vec::new();
        for x in &fa {
            // A stated figure answers a stated one before a soft one.
            let free = |j: &usize| !used[*j] && same(x, &fb[*j]);
            match (0..fb.len()).filter(free).min_by_key(|&j| fb[j].soft) {
                Some(j) => used[j] = true,
                None => left_a.push(*x),
            }
        }
        left_a.retain(|f| !f.soft);
        let mut left_b: Vec<Figure> = fb
            .iter()
            .zip(&used)
            .filter(|(f, u)| !**u && !f.soft)
            .map(|(f, _)| *f)
            .collect();
        let words = |side: &Side, fs: &[&Figure]| -> String {
            fs.iter()
                .map(|f| &side.text[f.span.0..f.span.1])
                .collect::<Vec<_>>()
                .join(", ")
        };
        // The same value in another unit ("5%" / "5 points"): translators mix these up,
        // so it is worth a look but no alarm.
        left_a.retain(|x| {
            let Some(j) = left_b.iter().position(|y| same_value(x, y)) else {
                return true;
            };
            let y = left_b.remove(j);
            out.push(pair.finding(
                DriftKind::Number,
                severity::NUMBER_OTHER_UNIT,
                vec![x.span],
                vec![y.span],
                format!(
                    "A says {}, B says {}: another unit",
                    words(a, &[x]),
                    words(b, &[&y])
                ),
            ));
            false
        });
        for date in [true, false] {
            let xa: Vec<&Figure> = left_a.iter().filter(|f| f.date == date).collect();
            let xb: Vec<&Figure> = left_b.iter().filter(|f| f.date == date).collect();
            if xa.is_empty() && xb.is_empty() {
                continue;
            }
            // A figure in a date is still a figure: the explanation says what it counts.
            let kind = DriftKind::Number;
            let all = |p: fn(&Figure) -> bool| xa.iter().chain(&xb).all(|f| p(f));
            let the = if all(|f| f.year) {
                "the year "
            } else if all(|f| f.clock) {
                "the time "
            } else if date {
                "the day "
            } else {
                ""
            };
            let (severity, explanation) = match (xa.is_empty(), xb.is_empty()) {
                (false, false) => (
                    severity::NUMBER_CHANGED,
                    format!("A says {the}{}, B says {}", words(a, &xa), words(b, &xb)),
                ),
                (false, true) => (
                    severity::NUMBER_ONE_SIDE,
                    format!("A gives {the}{}, B does not", words(a, &xa)),
                ),
                _ => (
                    severity::NUMBER_ONE_SIDE,
                    format!("B gives {the}{}, A does not", words(b, &xb)),
                ),
            };
            out.push(pair.finding(
                kind,
                severity,
                xa.iter().map(|f| f.span).collect(),
                xb.iter().map(|f| f.span).collect(),
                explanation,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::drift::cases::drift_cases;
    use crate::drift::severity::*;

    drift_cases! {
        billions_as_millions: Number same("won a $1.8 billion contract", "won a contract worth 1,800 million dollars");
        word_as_digit: Number same("three officials", "3 officials");
        year_range_short: Number same("It enters service in 2021-2022.", "It enters service in 2021\u{2013}22.");
        year_range_over_a_century: Number same("in the 1999-2000 season", "in the 1999/00 season");
        year_range_changed: Number drifts("It enters service in 2021-2022.", "It enters service in 2021-23.") >= 0.5;
        date_in_figures_is_no_range: Number drifts("It was signed on 2021-05-12.", "It was signed on 2021-06-12.") >= 0.5;
        range_of_counts: Number drifts("10-15 people came.", "10-25 people came.") >= 0.5;
        thousands_separator: Number same("about 15,000 terminals", "some 15000 terminals");
        percent_sign_as_word: Number same("rose 5%", "rose 5 percent");
        same_year: Number same("in 2021", "in 2021");
        decimal_comma: Number same("3,5 million", "3.5 million");
        clock_times: Number same("at 8:30 p.m. (15.00 UTC)", "at 20:30 (15:00 UTC)");
        metres_not_millions: Number same("100 to 250 meters", "100 m to 250 m");
        unit_dropped: Number same("a 100 percent rise", "a rise of 100");
        money_scale: Number same("won $5m", "won 5 million dollars");
        fractions_and_a_thousand: Number same(
            "up to 1000 MCIs, over 2 1/2 million",
            "up to a thousand MCI, more than two and a half million",
        );
        ordinal: Number same("the runner on 2nd base", "a second base runner");
        both_is_two: Number same("Both agencies stole data", "The two agencies stole data");
        century_as_hundreds: Number same("in the 1800s", "in the 19th century");
        soft_figure_unanswered: Number same("for the first time", "once again");
        figure_in_a_name: Number same("deaths from COVID-19 rose", "deaths from the coronavirus rose");
        stutter: Number same("surpassed 100.", "surpassed 100 100 100.");
        ordinal_century: Number same("in the third century BCE", "in the 3rd century BC");
        year_in_chinese: Number drifts("北京市政府2021年宣布新规定。", "北京市政府2022年宣布新规定。") == NUMBER_CHANGED.close;
        changed_amount: Number drifts("a $1.8 billion contract", "a $2.1 billion contract") == NUMBER_CHANGED.close;
        changed_count: Number drifts("15,000 terminals", "1,500 terminals") == NUMBER_CHANGED.close;
        changed_year: Number drifts("in 2021", "in 2022") == NUMBER_CHANGED.close;
        // Figures in dates are figures; `date` is for the calendar's names.
        changed_day_of_month: Number drifts("on November 5", "on November 6") == NUMBER_CHANGED.close;
        changed_time: Number drifts("started at 8:30 p.m.", "started at 21:30") == NUMBER_CHANGED.close;
        changed_month_same_day: Number same("on November 5", "on December 5");
        changed_value_and_unit: Number drifts("rose 5%", "rose 6 points") == NUMBER_CHANGED.close;
        // The same value in another unit is worth a look, not an alarm.
        other_unit: Number drifts("rose 5%", "rose 5 percentage points") == NUMBER_OTHER_UNIT.close;
        dropped_count: Number drifts("five ministers resigned", "ministers resigned") == NUMBER_ONE_SIDE.close;
        tens_and_units_in_words: Number same(
            "In the past 24 hours, 13 more patients died.",
            "13 more patients have died over the past twenty-four hours.",
        );
        hour_before_pm: Number same("The game starts on Wednesday (7 PM).", "The game starts on Wednesday (19:00).");
        another_hour: Number drifts("The game starts at 7 PM.", "The game starts at 20:00.");
    }
}
