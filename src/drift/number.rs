//! Numbers and dates compared as values: "$1.8 billion" and "1,800 million" agree,
//! "three" and "3" agree, "15,000" and "15.000" do not need to (locales differ, so a
//! value is read both ways only where the text is unambiguous: see `value`).

use super::date::calendar;
use super::side::{Class, Side};
use super::{DriftFinding, DriftKind, Span};

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

const WORDS: [(&str, f64); 28] = [
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Words that are figures only sometimes (see `Figure::soft`).
const SOFT_WORDS: [(&str, f64); 25] = [
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("hundredth", 100.0),
    ("both", 2.0),
    ("twenties", 20.0),
    ("thirties", 30.0),
    ("forties", 40.0),
    ("fifties", 50.0),
    ("sixties", 60.0),
    ("seventies", 70.0),
    ("eighties", 80.0),
    ("nineties", 90.0),
    ("one", 1.0),
];

/// Abbreviations that read as a scale only after money ("$5m", but "100 m" is metres).
const MONEY_SCALES: [(&str, f64); 2] = [("m", 1e6), ("k", 1e3)];
const CURRENCY_SYMBOLS: [char; 5] = ['$', '\u{20AC}', '\u{A3}', '\u{A5}', '\u{20B9}'];
/// What follows a time of day ("8.30 pm", "15.00 UTC").
const CLOCK_MARKS: [&str; 14] = [
    "am", "a.m", "pm", "p.m", "utc", "gmt", "cet", "cest", "est", "edt", "pst", "bst", "msk",
    "hours",
];

const SCALES: [(&str, f64); 8] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("billion", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("hundred", 1e2),
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
            if !colon || next.norm.len() != 2 {
                return None;
            }
            (t.norm.parse().ok()?, next.norm.parse().ok()?, k + 1)
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

/// Whether a word may begin a figure, as `figures` reads one: a word that may not
/// is passed over, whatever is around it (each side asks once per word).
pub(super) fn may_begin_figure(norm: &str) -> bool {
    let listed = |words: &[(&str, f64)]| words.iter().any(|(w, _)| *w == norm);
    // Digits; or what reads as a number without any ("nan" and "inf" do).
    norm.contains(|c: char| c.is_ascii_digit())
        || norm.parse::<f64>().is_ok()
        || listed(&WORDS)
        || listed(&SOFT_WORDS)
        || listed(&SCALES)
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
        // "19th century" is the 1800s.
        if matches!(suffix, "st" | "nd" | "rd" | "th") && century(norm_at(k + 1)) {
            v = (v - 1.0) * 100.0;
        }
        let money = side.text[..t.start].trim_end().ends_with(CURRENCY_SYMBOLS);
        let mut end = t.end;
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
            && figure.len() == 4
            && (1800.0..=2100.0).contains(&v)
            && v.fract() == 0.0;
        // "November 5", "5 November": a day of the month is a date.
        let month = |j: Option<usize>| {
            j.filter(|&j| j < side.tokens.len())
                .and_then(|j| calendar(side, j))
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

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
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
    let mut out = Vec::new();
    // The same value in another unit ("5%" / "5 points"): translators mix these up,
    // so it is worth a look but no alarm.
    left_a.retain(|x| {
        let Some(j) = left_b.iter().position(|y| same_value(x, y)) else {
            return true;
        };
        let y = left_b.remove(j);
        out.push(DriftFinding {
            kind: DriftKind::Number,
            severity: 0.4,
            evidence_a: vec![x.span],
            evidence_b: vec![y.span],
            explanation: format!(
                "A says {}, B says {}: another unit",
                words(a, &[x]),
                words(b, &[&y])
            ),
        });
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
                0.9,
                format!("A says {the}{}, B says {}", words(a, &xa), words(b, &xb)),
            ),
            (false, true) => (0.6, format!("A gives {the}{}, B does not", words(a, &xa))),
            _ => (0.6, format!("B gives {the}{}, A does not", words(b, &xb))),
        };
        out.push(DriftFinding {
            kind,
            severity,
            evidence_a: xa.iter().map(|f| f.span).collect(),
            evidence_b: xb.iter().map(|f| f.span).collect(),
            explanation,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::text::language::Language;

    fn kinds(a: &str, b: &str) -> Vec<(DriftKind, f64)> {
        let en = Language::parse("en").expect("English");
        compare(a, b, en)
            .into_iter()
            .filter(|f| matches!(f.kind, DriftKind::Number | DriftKind::Date))
            .map(|f| (f.kind, f.severity))
            .collect()
    }

    #[test]
    fn reformatted_numbers_agree() {
        assert!(kinds(
            "won a $1.8 billion contract",
            "won a contract worth 1,800 million dollars"
        )
        .is_empty());
        assert!(kinds("three officials", "3 officials").is_empty());
        assert!(kinds("about 15,000 terminals", "some 15000 terminals").is_empty());
        assert!(kinds("rose 5%", "rose 5 percent").is_empty());
        assert!(kinds("in 2021", "in 2021").is_empty());
        assert!(kinds("3,5 million", "3.5 million").is_empty());
        assert!(kinds("at 8:30 p.m. (15.00 UTC)", "at 20:30 (15:00 UTC)").is_empty());
        assert!(kinds("100 to 250 meters", "100 m to 250 m").is_empty());
        assert!(kinds("a 100 percent rise", "a rise of 100").is_empty());
        assert!(kinds("won $5m", "won 5 million dollars").is_empty());
        assert!(kinds(
            "up to 1000 MCIs, over 2 1/2 million",
            "up to a thousand MCI, more than two and a half million"
        )
        .is_empty());
        assert!(kinds("the runner on 2nd base", "a second base runner").is_empty());
        assert!(kinds("Both agencies stole data", "The two agencies stole data").is_empty());
        assert!(kinds("in the 1800s", "in the 19th century").is_empty());
        assert!(kinds("for the first time", "once again").is_empty());
        assert!(kinds(
            "deaths from COVID-19 rose",
            "deaths from the coronavirus rose"
        )
        .is_empty());
        assert!(kinds("surpassed 100.", "surpassed 100 100 100.").is_empty());
        assert_eq!(
            kinds(
                "北京市政府2021年宣布新规定。",
                "北京市政府2022年宣布新规定。"
            ),
            [(DriftKind::Number, 0.9)]
        );
        assert!(kinds("in the third century BCE", "in the 3rd century BC").is_empty());
    }

    #[test]
    fn changed_numbers_and_years_differ() {
        assert_eq!(
            kinds("a $1.8 billion contract", "a $2.1 billion contract"),
            [(DriftKind::Number, 0.9)]
        );
        assert_eq!(
            kinds("15,000 terminals", "1,500 terminals"),
            [(DriftKind::Number, 0.9)]
        );
        assert_eq!(kinds("in 2021", "in 2022"), [(DriftKind::Number, 0.9)]);
        // Figures in dates are figures; `date` is for the calendar's names.
        assert_eq!(
            kinds("on November 5", "on November 6"),
            [(DriftKind::Number, 0.9)]
        );
        assert_eq!(
            kinds("started at 8:30 p.m.", "started at 21:30"),
            [(DriftKind::Number, 0.9)]
        );
        assert_eq!(
            kinds("on November 5", "on December 5"),
            [(DriftKind::Date, 0.9)]
        );
        assert_eq!(
            kinds("rose 5%", "rose 6 points"),
            [(DriftKind::Number, 0.9)]
        );
        // The same value in another unit is worth a look, not an alarm.
        assert_eq!(
            kinds("rose 5%", "rose 5 percentage points"),
            [(DriftKind::Number, 0.4)]
        );
        assert_eq!(
            kinds("five ministers resigned", "ministers resigned"),
            [(DriftKind::Number, 0.6)]
        );
    }
}
