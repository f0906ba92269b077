//! Numbers and dates compared as values: "$1.8 billion" and "1,800 million" agree,
//! "three" and "3" agree, "15,000" and "15.000" do not need to (locales differ, so a
//! value is read both ways only where the text is unambiguous: see `value`).

use super::side::Side;
use super::{DriftFinding, DriftKind, Span};

/// A figure stated in the text.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: f64,
    percent: bool,
    /// A year (1800..=2100, four digits, no scale) or a day of a named month:
    /// compared as a date.
    year: bool,
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

const MONTHS: [&str; 21] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
];

const SCALES: [(&str, f64); 9] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("hundred", 1e2),
];

/// The value of a number token: digits with `,` as thousands separator and `.` as
/// decimal point, or a number word.
fn value(norm: &str) -> Option<f64> {
    if norm.starts_with(|c: char| c.is_ascii_digit()) {
        return norm.replace(',', "").parse().ok();
    }
    WORDS.iter().find(|(w, _)| *w == norm).map(|&(_, v)| v)
}

fn figures(side: &Side) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < side.tokens.len() {
        let t = &side.tokens[k];
        let Some(mut v) = value(&t.norm) else {
            k += 1;
            continue;
        };
        let mut end = t.end;
        let mut scaled = false;
        while let Some(next) = side.tokens.get(k + 1) {
            let Some(&(_, scale)) = SCALES.iter().find(|(w, _)| *w == next.norm) else {
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
        let percent = after.starts_with('%')
            || side
                .tokens
                .get(k + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "percent" | "pct" | "per"));
        let year = !scaled
            && !percent
            && t.norm.len() == 4
            && (1800.0..=2100.0).contains(&v)
            && v.fract() == 0.0;
        // "November 5", "5 November": a day of the month is a date.
        let month = |j: Option<usize>| {
            j.and_then(|j| side.tokens.get(j))
                .is_some_and(|m| MONTHS.contains(&m.norm.as_str()))
        };
        let day = !scaled
            && !percent
            && v.fract() == 0.0
            && (1.0..=31.0).contains(&v)
            && (month(k.checked_sub(1)) || month(Some(k + 1)));
        let year = year || day;
        out.push(Figure {
            value: v,
            percent,
            year,
            span: (t.start, end),
        });
        k += 1;
    }
    out
}

fn same(x: &Figure, y: &Figure) -> bool {
    x.percent == y.percent && (x.value - y.value).abs() <= 1e-9 * x.value.abs().max(1.0)
}

pub(super) fn detect(a: &Side, b: &Side) -> Vec<DriftFinding> {
    let (fa, fb) = (figures(a), figures(b));
    // Pair equal figures; what is left on each side is changed, dropped or added.
    let mut used = vec![false; fb.len()];
    let mut left_a = Vec::new();
    for x in &fa {
        match (0..fb.len()).find(|&j| !used[j] && same(x, &fb[j])) {
            Some(j) => used[j] = true,
            None => left_a.push(*x),
        }
    }
    let left_b: Vec<Figure> = fb
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(f, _)| *f)
        .collect();
    let mut out = Vec::new();
    for year in [true, false] {
        let xa: Vec<&Figure> = left_a.iter().filter(|f| f.year == year).collect();
        let xb: Vec<&Figure> = left_b.iter().filter(|f| f.year == year).collect();
        if xa.is_empty() && xb.is_empty() {
            continue;
        }
        let kind = if year {
            DriftKind::Date
        } else {
            DriftKind::Number
        };
        let words = |side: &Side, fs: &[&Figure]| -> String {
            fs.iter()
                .map(|f| &side.text[f.span.0..f.span.1])
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (severity, explanation) = match (xa.is_empty(), xb.is_empty()) {
            (false, false) => (
                0.9,
                format!("A says {}, B says {}", words(a, &xa), words(b, &xb)),
            ),
            (false, true) => (0.6, format!("A gives {}, B does not", words(a, &xa))),
            _ => (0.6, format!("B gives {}, A does not", words(b, &xb))),
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
    use crate::language::Language;

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
        assert_eq!(kinds("in 2021", "in 2022"), [(DriftKind::Date, 0.9)]);
        assert_eq!(
            kinds("rose 5%", "rose 5 points"),
            [(DriftKind::Number, 0.9)]
        );
        assert_eq!(
            kinds("five ministers resigned", "ministers resigned"),
            [(DriftKind::Number, 0.6)]
        );
    }
}
