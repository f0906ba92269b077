//! The overview's chart: findings per drift kind, in severity bands, as inline SVG
//! (no script, no network), with the figures also in a table beside it.

use super::data::Data;
use maud::{html, Markup};

/// Severity bands, most severe first: (label, lowest severity in the band).
pub const BANDS: [(&str, f64); 4] = [
    ("0.9 and above", 0.9),
    ("0.7 to 0.9", 0.7),
    ("0.5 to 0.7", 0.5),
    ("below 0.5", f64::NEG_INFINITY),
];

/// Findings per kind (rows, in `data.kinds` order) and band (columns).
pub fn counts(data: &Data) -> Vec<[usize; 4]> {
    let mut counts = vec![[0usize; 4]; data.kinds.len()];
    for f in &data.findings {
        let band = BANDS
            .iter()
            .position(|&(_, low)| f.severity >= low)
            .unwrap_or(BANDS.len() - 1);
        counts[f.kind][band] += 1;
    }
    counts
}

/// Horizontal bars, one a kind, cut into the bands (each band its own hatching
/// as well as its colour, and its figure written in the table).
pub fn bars(data: &Data, counts: &[[usize; 4]]) -> Markup {
    const ROW: usize = 22;
    const LABEL: usize = 110;
    const WIDTH: usize = 360;
    let max = counts
        .iter()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * counts.len().max(1) + 4;
    html! {
        svg class="chart" role="img" viewBox=(format!("0 0 {} {height}", LABEL + WIDTH + 50))
            aria-labelledby="chart-title" {
            title id="chart-title" { "Findings per kind and severity band (the table gives the figures)" }
            defs {
                @for band in 0..BANDS.len() {
                    pattern id=(format!("hatch{band}")) width="6" height="6"
                        patternUnits="userSpaceOnUse" patternTransform=(format!("rotate({})", 45 * band)) {
                        rect class=(format!("band{band}")) width="6" height="6" {}
                        @if band > 0 { line x1="0" y1="0" x2="0" y2="6" class="hatch" {} }
                    }
                }
            }
            @for (row, (kind, c)) in data.kinds.iter().zip(counts).enumerate() {
                @let y = row * ROW + 2;
                text x=(LABEL - 6) y=(y + 15) text-anchor="end" class="label" { (kind) }
                @for (band, x, w, n) in segments(c, LABEL, WIDTH, max) {
                    rect x=(x) y=(y) width=(w) height=(ROW - 6) fill=(format!("url(#hatch{band})")) {
                        title { (kind) ", " (BANDS[band].0) ": " (n) }
                    }
                }
                text x=(LABEL + c.iter().sum::<usize>() * WIDTH / max + 4) y=(y + 15) class="label" {
                    (c.iter().sum::<usize>())
                }
            }
        }
    }
}

/// The bands of one bar as (band, x, width, count), the empty ones left out.
fn segments(
    counts: &[usize; 4],
    left: usize,
    width: usize,
    max: usize,
) -> Vec<(usize, usize, usize, usize)> {
    let mut x = left;
    let mut out = Vec::new();
    for (band, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
        let w = (n * width / max).max(1);
        out.push((band, x, w, n));
        x += w;
    }
    out
}
